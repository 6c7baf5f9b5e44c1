/**
 * An FTP session: login, features, data-connection strategy, and the commands as async
 * methods. Each public method is one task on the control connection (one command in flight).
 */
import { Writable, type Readable } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import { FerryError } from '../../src-shared/errors.js';
import type {
  CertificateInfo,
  ConnectionTarget,
  FileEntry,
  SecurityInfo,
  TransferMode,
} from '../../src-shared/model.js';
import type { HashAlgorithm, TransferOptions, TransferResult } from '../fs/remote-file-system.js';
import { crlfToLf, lfToCrlf } from './ascii-transforms.js';
import { checkCertificate, type CertificateCheckDeps } from './certificate-check.js';
import { ControlConnection, DEFAULT_TIMEOUTS, type ControlTimeouts } from './control-connection.js';
import {
  DATA_HIGH_WATER_MARK,
  openActive,
  openPassive,
  type DataChannel,
  type DataTls,
  type PassiveCommand,
} from './data-channel.js';
import type { DirectTarget } from './direct-reader.js';
import { DataSocketSlot } from './data-socket-slot.js';
import { isSetupFailure, runTransfer, type TransferPlan } from './data-transfer.js';
import { parseFeatures, type Features } from './features.js';
import { parseListing, parseMlsd, parseMlsdLine } from './listing/index.js';
import { replyError } from './reply-error.js';
import type { FtpReply } from './reply-parser.js';
import { formatFtpTime, parseFtpTime } from './ftp-time.js';
import { parsePwdReply } from './pwd-reply.js';
import { hashMethod, offeredHashes, parseHashReply } from './server-hash.js';

export interface FtpSessionOptions {
  timeouts?: Partial<ControlTimeouts>;
  /** How long a data connection may take to open, and may stay silent mid-transfer. */
  dataConnectTimeoutMs?: number;
  dataIdleTimeoutMs?: number;
  /** Active mode: listen on a port in this range (inclusive). */
  activePortRange?: [number, number];
  /** Passive commands to try, in order (default EPSV then PASV; some NAT routers only rewrite PASV). */
  passiveCommands?: PassiveCommand[];
  /** ACCT for servers that ask for one (332). */
  account?: string;
}

type ListStrategy = 'MLSD' | 'LIST -a' | 'LIST' | 'NLST';

export class FtpSession {
  private features: Features = new Map();
  private transferType: 'I' | 'A' | null = null;
  private passiveWinner: PassiveCommand | null = null;
  private readonly dataSockets = new DataSocketSlot(DATA_HIGH_WATER_MARK);
  private listWinner: ListStrategy | null = null;
  private mode: TransferMode;
  private modeSwitched = false;
  private dataTls: DataTls | null = null;
  private security: SecurityInfo = { kind: 'none' };
  private homeDir = '/';
  private hashChosen: string | null = null;

  private constructor(
    readonly control: ControlConnection,
    readonly target: ConnectionTarget,
    private readonly options: FtpSessionOptions,
  ) {
    this.mode = target.transferMode ?? 'auto';
  }

  static async open(
    target: ConnectionTarget,
    deps: CertificateCheckDeps,
    options: FtpSessionOptions = {},
  ): Promise<FtpSession> {
    const implicit = target.protocol === 'ftps';
    const port = target.port ?? (implicit ? 990 : 21);
    const charset = charsetOf(target.charset);
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const tlsOptions: ConnectionOptions = {
      minVersion: 'TLSv1.2',
      ...(isIp(target.host) ? {} : { servername: target.host }),
    };
    deps.logger.log('info', `Connecting to ${target.host}:${port}${implicit ? ' (implicit TLS)' : ''}…`);
    const { control } = await ControlConnection.connect({
      host: target.host,
      port,
      charset,
      logger: deps.logger,
      timeouts,
      ...(implicit ? { tls: tlsOptions } : {}),
    });
    const session = new FtpSession(control, target, options);
    try {
      await control.run(() => session.establish(port, tlsOptions, deps));
    } catch (error) {
      control.destroy(error instanceof FerryError ? error : new FerryError('INTERNAL', String(error)));
      throw error;
    }
    return session;
  }

  private async establish(
    port: number,
    tlsOptions: ConnectionOptions,
    deps: CertificateCheckDeps,
  ): Promise<void> {
    const { control, target } = this;
    let certificate: CertificateInfo | null = null;
    if (target.protocol === 'ftps') {
      certificate = await checkCertificate(control.tlsSocket!, { ...target, port }, deps);
    } else if (target.protocol === 'ftp' || target.protocol === 'ftpes') {
      const auth = await control.request('AUTH TLS');
      if (auth.code === 234) {
        const secure = await control.upgradeToTls(tlsOptions);
        certificate = await checkCertificate(secure, { ...target, port }, deps);
      } else if (target.protocol === 'ftpes') {
        throw new FerryError('TLS', `The server refused TLS: ${auth.code} ${auth.text}`, {
          reply: auth,
          hint: 'This server does not offer explicit FTPS. Try implicit FTPS (ftps://) or plain FTP if you accept an unencrypted connection.',
          retryable: false,
        });
      } else {
        control.logger.log('info', 'The server does not offer TLS: this session is NOT encrypted.');
      }
    }
    await this.login();
    this.features = parseFeatures(await control.request('FEAT'));
    if (this.features.has('UTF8') && charsetOf(target.charset) === 'utf8')
      await control.request('OPTS UTF8 ON');
    if (certificate) {
      await control.expect('PBSZ 0', 'TLS protection setup (PBSZ)');
      await control.expect('PROT P', 'TLS protection setup (PROT P)');
      const secure = control.tlsSocket!;
      this.dataTls = { options: tlsOptions, fingerprint256: certificate.fingerprint256 };
      this.security = {
        kind: 'tls',
        certificate,
        protocolVersion: secure.getProtocol() ?? undefined,
        cipher: secure.getCipher().name,
      };
    }
    if (target.remoteDir) await control.expect(`CWD ${target.remoteDir}`, `Opening ${target.remoteDir}`);
    this.homeDir = parsePwdReply(await control.expect('PWD', 'Reading the current folder')) ?? '/';
  }

  private async login(): Promise<void> {
    const { control, target } = this;
    const user = target.user || 'anonymous';
    const password = target.password ?? (user === 'anonymous' ? 'anonymous@' : '');
    let reply = await control.request(`USER ${user}`);
    if (reply.code === 331) reply = await control.request(`PASS ${password}`);
    if (reply.code === 332) {
      if (!this.options.account) {
        throw new FerryError('LOGIN_FAILED', 'The server asks for an account (ACCT) to log in.', {
          reply,
          hint: 'Set the account for this site.',
        });
      }
      reply = await control.request(`ACCT ${this.options.account}`);
    }
    if (reply.code !== 230 && reply.code !== 202) {
      const error = replyError(reply, `Login as ${user}`);
      if (reply.code === 530 || reply.code >= 500) {
        throw new FerryError('LOGIN_FAILED', error.message, {
          reply,
          hint:
            reply.code === 530 ? 'Wrong user name or password, or this account may not log in.' : error.hint,
        });
      }
      throw error;
    }
  }

  get home(): string {
    return this.homeDir;
  }

  get securityInfo(): SecurityInfo {
    return this.security;
  }

  get featureList(): Features {
    return this.features;
  }

  get transferMode(): TransferMode {
    return this.mode;
  }

  get alive(): boolean {
    return this.control.alive;
  }

  close(): Promise<void> {
    return this.control.close();
  }

  // ---------- simple commands ----------

  /**
   * A command typed by a person: the reply comes back whatever its code. What it changes on the
   * server that the session's own transfers rely on is put back in step: the next transfer sets
   * its TYPE again (a raw TYPE A would otherwise turn the next binary download into text), and a
   * raw REST is cleared (it would otherwise cut the start off the next download).
   */
  raw(command: string): Promise<FtpReply> {
    return this.control.run(async () => {
      const reply = await this.control.request(command);
      const verb = command.trimStart().slice(0, 4).toUpperCase();
      if (verb === 'TYPE') this.transferType = null;
      if (verb === 'REST' && reply.code >= 300 && reply.code < 400) await this.control.request('REST 0');
      return reply;
    });
  }

  pwd(): Promise<string> {
    return this.control.run(async () => parsePwdReply(await this.control.expect('PWD', 'PWD')) ?? '/');
  }

  cwd(path: string): Promise<void> {
    return this.simple(`CWD ${path}`, `Opening ${path}`);
  }

  cdup(): Promise<void> {
    return this.simple('CDUP', 'Going to the parent folder');
  }

  deleteFile(path: string): Promise<void> {
    return this.simple(`DELE ${path}`, `Deleting ${path}`);
  }

  removeDir(path: string): Promise<void> {
    return this.simple(`RMD ${path}`, `Removing the folder ${path}`);
  }

  async mkdir(path: string): Promise<void> {
    await this.control.run(async () => {
      const reply = await this.control.request(`MKD ${path}`);
      if (reply.code < 400) return;
      const error = replyError(reply, `Creating the folder ${path}`);
      if (/exist/i.test(reply.text)) {
        throw new FerryError('ALREADY_EXISTS', error.message, {
          reply,
          hint: 'A file or folder of that name exists.',
        });
      }
      throw error;
    });
  }

  rename(from: string, to: string): Promise<void> {
    return this.control.run(async () => {
      const first = await this.control.request(`RNFR ${from}`);
      if (first.code !== 350) throw replyError(first, `Renaming ${from}`);
      await this.control.expect(`RNTO ${to}`, `Renaming ${from} to ${to}`);
    });
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.simple(
      `SITE CHMOD ${(mode & 0o7777).toString(8)} ${path}`,
      `Changing permissions of ${path}`,
    );
  }

  /** SIZE (RFC 3659 §4); null when the server does not know or offer it. */
  size(path: string): Promise<number | null> {
    return this.control.run(async () => {
      await this.setType('I');
      const reply = await this.control.request(`SIZE ${path}`);
      if (reply.code !== 213) return null;
      const value = Number(reply.text.trim());
      return Number.isFinite(value) ? value : null;
    });
  }

  /** MDTM (RFC 3659 §3): `213 YYYYMMDDHHMMSS[.sss]` in UTC. */
  modified(path: string): Promise<number | null> {
    return this.control.run(async () => {
      const reply = await this.control.request(`MDTM ${path}`);
      return reply.code === 213 ? parseFtpTime(reply.text.trim()) : null;
    });
  }

  setModified(path: string, time: Date): Promise<void> {
    return this.control.run(async () => {
      if (!this.features.has('MFMT')) {
        throw new FerryError('UNSUPPORTED', 'This server cannot set modification times (no MFMT).');
      }
      await this.control.expect(`MFMT ${formatFtpTime(time)} ${path}`, `Setting the time of ${path}`);
    });
  }

  private simple(command: string, action: string): Promise<void> {
    return this.control.run(async () => {
      await this.control.expect(command, action);
    });
  }

  // ---------- listings ----------

  list(path: string): Promise<FileEntry[]> {
    return this.control.run(async () => {
      if (this.features.has('MLST') && this.listWinner !== 'LIST -a') {
        const text = await this.collect(`MLSD ${path}`, `Listing ${path}`);
        return parseMlsd(text).filter((entry) => entry.name !== '.' && entry.name !== '..');
      }
      // LIST arguments are passed to ls on many servers: names with spaces or a leading '-'
      // break there, so change into the folder and list it without an argument. The session
      // stays there (like a client browsing it): every path given to this class is absolute,
      // and going back cost two more round trips per folder (PWD, CWD). The CWD itself is
      // always sent, as the folder may have been deleted or replaced since the last listing.
      await this.control.expect(`CWD ${path}`, `Listing ${path}`);
      return this.listHere(path);
    });
  }

  private async listHere(path: string): Promise<FileEntry[]> {
    const order: ListStrategy[] = this.listWinner ? [this.listWinner] : ['LIST -a', 'LIST', 'NLST'];
    let lastError: unknown = null;
    for (const strategy of order) {
      try {
        const text = await this.collect(strategy, `Listing ${path}`);
        if (this.listWinner !== strategy) {
          this.listWinner = strategy;
          this.control.logger.log('info', `Listing with ${strategy}.`);
        }
        if (strategy === 'NLST') {
          return text
            .split(/\r?\n/)
            .filter((name) => name && name !== '.' && name !== '..')
            .map((name) => ({
              name: name.slice(name.lastIndexOf('/') + 1),
              type: 'unknown',
              size: null,
              modified: null,
            }));
        }
        return parseListing(text).filter((entry) => entry.name !== '.' && entry.name !== '..');
      } catch (error) {
        if (!(error instanceof FerryError) || !error.reply || error.reply.code < 500) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  /** A data transfer whose bytes are text for us (listings). */
  private async collect(command: string, action: string): Promise<string> {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    await this.setType('A');
    await this.transfer({
      command,
      action,
      direction: 'download',
      stream: sink,
      transforms: [],
      idleTimeoutMs: this.idleMs(),
    });
    return Buffer.concat(chunks).toString(charsetOf(this.target.charset));
  }

  stat(path: string): Promise<FileEntry | null> {
    return this.control
      .run(async () => {
        if (!this.features.has('MLST')) return undefined;
        const reply = await this.control.request(`MLST ${path}`);
        if (reply.code === 550) return null;
        if (reply.code >= 400) throw replyError(reply, `Reading ${path}`);
        const line = reply.text.split('\n').find((text) => text.startsWith(' '));
        if (!line) return null;
        const entry = parseMlsdLine(line.slice(1));
        if (!entry) return null;
        return { ...entry, name: baseName(entry.name) };
      })
      .then(async (result) => {
        if (result !== undefined) return result;
        if (path === '/' || path === '') return { name: '/', type: 'dir', size: null, modified: null };
        const parent = parentOf(path);
        const name = baseName(path);
        try {
          const entries = await this.list(parent);
          return entries.find((entry) => entry.name === name) ?? null;
        } catch (error) {
          if (
            error instanceof FerryError &&
            (error.code === 'NOT_FOUND' || error.code === 'PERMISSION_DENIED')
          )
            return null;
          throw error;
        }
      });
  }

  // ---------- transfers ----------

  download(path: string, sink: Writable, options: TransferOptions = {}): Promise<TransferResult> {
    const refused = textResumeError(path, options);
    if (refused) return Promise.reject(refused);
    return whileListening(sink, () =>
      this.control.run(async () => {
        const type = options.ascii ? 'A' : 'I';
        if (this.transferType !== type) await this.setType(type);
        const offset = options.offset ?? 0;
        const plan: TransferPlan = {
          command: `RETR ${path}`,
          action: `Downloading ${path}`,
          direction: 'download',
          stream: sink,
          transforms: options.ascii ? [crlfToLf()] : [],
          signal: options.signal,
          onProgress: options.onProgress,
          onOpened: options.onOpened,
          idleTimeoutMs: this.idleMs(),
        };
        if (offset > 0) {
          plan.prepare = async () => {
            const rest = await this.control.request(`REST ${offset}`);
            if (rest.code !== 350) throw replyError(rest, `Resuming ${path} at byte ${offset}`);
          };
        }
        const { bytes } = await this.transfer(plan);
        return { bytes };
      }),
    );
  }

  /** STOR (or REST+STOR / APPE with an offset); `unique` uses STOU and returns the server's name. */
  upload(
    source: Readable,
    path: string,
    options: TransferOptions & { append?: boolean; unique?: boolean } = {},
  ): Promise<TransferResult & { name?: string }> {
    const refused = textResumeError(path, options);
    if (refused) return Promise.reject(refused);
    return whileListening(source, () =>
      this.control.run(async () => {
        await this.setType(options.ascii ? 'A' : 'I');
        const offset = options.offset ?? 0;
        let verb = options.unique ? 'STOU' : options.append ? 'APPE' : 'STOR';
        const plan: TransferPlan = {
          command: '',
          action: `Uploading ${path}`,
          direction: 'upload',
          stream: source,
          transforms: options.ascii ? [lfToCrlf()] : [],
          signal: options.signal,
          onProgress: options.onProgress,
          onOpened: options.onOpened,
          idleTimeoutMs: this.idleMs(),
        };
        plan.prepare = async () => {
          if (offset > 0 && verb === 'STOR') {
            const rest = await this.control.request(`REST ${offset}`);
            if (rest.code !== 350) {
              // REST+STOR refused: APPE appends to the file as it is, which is what resuming means.
              this.control.logger.log('info', 'The server refused REST before STOR; resuming with APPE.');
              verb = 'APPE';
            }
          }
          plan.command = verb === 'STOU' ? 'STOU' : `${verb} ${path}`;
        };
        const { bytes, reply } = await this.transfer(plan);
        // STOU names the file in its 150 or 226 reply ("FILE: name"); servers differ, the last word is the name.
        const uniqueName = verb === 'STOU' ? /([^\s"]+)"?\s*$/.exec(reply.text)?.[1] : undefined;
        return uniqueName ? { bytes, name: uniqueName } : { bytes };
      }),
    );
  }

  /**
   * Runs a transfer in the current data-connection mode. In auto mode, when passive fails
   * before any byte moved (425, or the data connection never opened), switch to active
   * for the rest of the session and try once more.
   */
  private async transfer(plan: TransferPlan): Promise<{ bytes: number; reply: FtpReply }> {
    try {
      return await runTransfer(this.control, (direct) => this.openChannel(direct), plan);
    } catch (error) {
      if (this.mode !== 'auto' || this.modeSwitched || !isSetupFailure(error) || !this.control.alive)
        throw error;
      this.modeSwitched = true;
      this.mode = 'active';
      this.control.logger.log(
        'info',
        `Passive mode failed (${(error as FerryError).message}); switching to active mode for this session.`,
      );
      return runTransfer(this.control, (direct) => this.openChannel(direct), plan);
    }
  }

  private async openChannel(direct?: DirectTarget): Promise<DataChannel> {
    const context = {
      control: this.control,
      tls: this.dataTls,
      connectTimeoutMs: this.options.dataConnectTimeoutMs ?? 20_000,
      sockets: this.dataSockets,
    };
    if (this.mode === 'active') return openActive(context, this.options.activePortRange);
    const order = this.passiveWinner
      ? [this.passiveWinner]
      : (this.options.passiveCommands ?? ['EPSV', 'PASV']);
    const { channel, command } = await openPassive(context, order, direct);
    if (this.passiveWinner !== command) {
      this.passiveWinner = command;
      this.control.logger.log('info', `Passive data connections use ${command}.`);
    }
    return channel;
  }

  private async setType(type: 'I' | 'A'): Promise<void> {
    if (this.transferType === type) return;
    await this.control.expect(`TYPE ${type}`, `Switching to ${type === 'A' ? 'ASCII' : 'binary'} mode`);
    this.transferType = type;
  }

  private idleMs(): number {
    return this.options.dataIdleTimeoutMs ?? 60_000;
  }

  // ---------- hashes ----------

  hashAlgorithms(): HashAlgorithm[] {
    return offeredHashes(this.features);
  }

  /** HASH when offered, else the X… command; null when the server offers neither. */
  hash(path: string, algorithm: HashAlgorithm): Promise<string | null> {
    return this.control.run(async () => {
      const method = hashMethod(this.features, algorithm);
      if (!method) return null;
      let reply: FtpReply;
      if (method.kind === 'HASH') {
        if (this.hashChosen !== method.hashName) {
          await this.control.expect(`OPTS HASH ${method.hashName}`, `Choosing ${method.hashName}`);
          this.hashChosen = method.hashName;
        }
        reply = await this.control.request(`HASH ${path}`);
      } else {
        reply = await this.control.request(`${method.command} ${path}`);
      }
      if (reply.code >= 400) throw replyError(reply, `Hashing ${path}`);
      return parseHashReply(reply);
    });
  }

  // ---------- FXP ----------

  /**
   * FXP: the file goes from this server straight to another (RFC 959 §5.2 "server-server"):
   * PASV on the receiver, PORT with that address on the sender, then STOR and RETR. With an
   * offset, REST goes to both right before their transfer command (RFC 3659 §5.3: REST must
   * immediately precede it). Plain data connections only: protected ones would need SSCN or
   * CPSV, which Ferry does not speak.
   */
  fxpTo(
    sourcePath: string,
    destination: FtpSession,
    destinationPath: string,
    options: FxpOptions = {},
  ): Promise<void> {
    const offset = options.offset ?? 0;
    return this.control.run(() =>
      destination.control.run(async () => {
        await this.setType('I');
        await destination.setType('I');
        const pasv = await destination.control.request('PASV');
        if (pasv.code !== 227)
          throw new FxpRefused('pasv', pasv, 'the destination refused passive mode (PASV)');
        const numbers = /(\d+,\d+,\d+,\d+,\d+,\d+)/.exec(pasv.text)?.[1];
        if (!numbers) throw new FxpRefused('pasv', pasv, 'the destination sent an unreadable PASV reply');
        const port = await this.control.request(`PORT ${numbers}`);
        if (port.code >= 400)
          throw new FxpRefused('port', port, 'the source refused to connect to another server (PORT)');
        if (offset > 0) await restBoth(this.control, destination.control, offset);
        if (options.signal?.aborted) throw new FerryError('CANCELLED', 'The transfer was stopped.');
        destination.control.send(`STOR ${destinationPath}`);
        this.control.send(`RETR ${sourcePath}`);
        const [sending, receiving] = await finalOfBoth(
          this.control,
          destination.control,
          options.signal,
          options.onOpened,
        );
        if (options.signal?.aborted) throw new FerryError('CANCELLED', 'The transfer was stopped.');
        const sent = sending.status === 'fulfilled' ? sending.value : null;
        const received = receiving.status === 'fulfilled' ? receiving.value : null;
        // 425: the data connection between the two servers never opened, so nothing moved and
        // the two cannot reach each other (a firewall, a private PASV address, a PORT check).
        // The other side may have been closed for waiting in vain: the 425 is the reason.
        if (sent?.code === 425)
          throw new FxpRefused('connect', sent, 'the source could not connect to the destination');
        if (received?.code === 425)
          throw new FxpRefused('connect', received, 'the destination saw no connection from the source');
        if (sending.status === 'rejected') throw sending.reason;
        if (receiving.status === 'rejected') throw receiving.reason;
        if (sent && sent.code >= 400) throw replyError(sent, `FXP: sending ${sourcePath}`);
        if (received && received.code >= 400) throw replyError(received, `FXP: receiving ${destinationPath}`);
      }),
    );
  }
}

export interface FxpOptions {
  /** Resume: both servers start at this byte (REST before RETR and before STOR). */
  offset?: number;
  /** Stops the copy by closing both control connections (their file systems reconnect). */
  signal?: AbortSignal;
  /** Called when the destination answered STOR with 1xx: it has the file open from then on. */
  onOpened?: () => void;
}

/** At which step FXP was refused; before 'connect' no data command was sent. */
export type FxpStage = 'pasv' | 'port' | 'rest' | 'connect';

/**
 * FXP could not happen between these two servers, and nothing was copied: the caller can
 * move the file another way. Both sessions stay usable.
 */
export class FxpRefused extends FerryError {
  constructor(
    readonly stage: FxpStage,
    reply: FtpReply,
    why: string,
  ) {
    super('UNSUPPORTED', `Server-to-server copy (FXP) failed: ${why}: ${reply.code} ${reply.text}`, {
      reply,
      hint: 'Many servers forbid FXP for security. Download and upload the file instead.',
    });
  }
}

/**
 * A transfer's local stream can fail before this session's turn comes (commands queue on the
 * one control connection), say a file that cannot be opened: its 'error' needs a listener from
 * the call on, or it ends the process. runTransfer reports the stored error.
 */
async function whileListening<T>(stream: Readable | Writable, run: () => Promise<T>): Promise<T> {
  const ignore = (): void => undefined;
  stream.on('error', ignore);
  try {
    return await run();
  } finally {
    stream.removeListener('error', ignore);
  }
}

async function restBoth(
  source: ControlConnection,
  destination: ControlConnection,
  offset: number,
): Promise<void> {
  const there = await destination.request(`REST ${offset}`);
  if (there.code !== 350)
    throw new FxpRefused('rest', there, `the destination cannot resume at byte ${offset} (REST)`);
  const here = await source.request(`REST ${offset}`);
  if (here.code !== 350) {
    // The destination still holds the restart point: clear it, or its next STOR would seek.
    await destination.request('REST 0');
    throw new FxpRefused('rest', here, `the source cannot resume at byte ${offset} (REST)`);
  }
}

/** How long one side may keep waiting once the other side of an FXP copy has failed. */
const FXP_PARTNER_GRACE_MS = 2000;

/**
 * The final replies of both sides. When one side fails, the other usually answers soon (its
 * data connection closes); one that still waits after a grace period (a receiver whose
 * sender never connected waits for the server's own data timeout) has its connection closed,
 * so the task never hangs and the file system reconnects on its next call. An abort closes both.
 */
async function finalOfBoth(
  sender: ControlConnection,
  receiver: ControlConnection,
  signal: AbortSignal | undefined,
  receiverOpened?: () => void,
): Promise<[PromiseSettledResult<FtpReply>, PromiseSettledResult<FtpReply>]> {
  const timers: NodeJS.Timeout[] = [];
  const giveUp = (control: ControlConnection) => {
    timers.push(
      setTimeout(() => {
        control.destroy(
          new FerryError('DATA_CONNECTION', 'FXP: the other server stopped; this side was closed.'),
        );
      }, FXP_PARTNER_GRACE_MS),
    );
  };
  const watch = (control: ControlConnection, partner: ControlConnection, opened?: () => void) =>
    finalOf(control, opened).then(
      (reply) => {
        if (reply.code >= 400) giveUp(partner);
        return reply;
      },
      (error: unknown) => {
        giveUp(partner);
        throw error;
      },
    );
  const onAbort = () => {
    const stopped = new FerryError('CANCELLED', 'The transfer was stopped.');
    sender.destroy(stopped);
    receiver.destroy(stopped);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.allSettled([watch(sender, receiver), watch(receiver, sender, receiverOpened)]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const timer of timers) clearTimeout(timer);
  }
}

/** The final reply to the command just sent; `preliminary` hears of its first 1xx. */
async function finalOf(control: ControlConnection, preliminary?: () => void): Promise<FtpReply> {
  let reply = await control.nextReply();
  if (reply.code < 200) preliminary?.();
  while (reply.code < 200) reply = await control.nextReply(0);
  return reply;
}

function charsetOf(charset: string | undefined): BufferEncoding {
  const name = (charset ?? 'utf8').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (name === 'latin1' || name === 'iso88591' || name === 'windows1252' || name === 'cp1252')
    return 'latin1';
  return 'utf8';
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash <= 0 ? '/' : trimmed.slice(0, slash);
}

/**
 * Text (TYPE A) has no byte offsets both ends agree on: line endings change length on the way,
 * so REST at the size of what arrived would continue from the wrong byte and corrupt the file.
 */
function textResumeError(path: string, options: TransferOptions): FerryError | null {
  const offset = options.offset ?? 0;
  if (!options.ascii || offset <= 0) return null;
  return new FerryError(
    'UNSUPPORTED',
    `${path} moves as text (ASCII), which cannot resume at byte ${offset}.`,
    {
      hint: 'Line endings change length on the way. Transfer the file again from the start, or in binary mode.',
      retryable: false,
    },
  );
}
