/**
 * Opens an SSH connection and its SFTP channel for a ConnectionTarget: ~/.ssh/config
 * aliases, host key trust, authentication in OpenSSH's order, then the server's SFTP limits.
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
// ssh2 is CommonJS: take its exports from the default import, as Node's ESM loader requires.
import ssh2, { type SFTPWrapper } from 'ssh2';
import { FerryError } from '../../src-shared/errors.js';
import type { ConnectionTarget, SecurityInfo } from '../../src-shared/model.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { Prompter } from '../core/prompter.js';
import type { RunTrust } from '../core/run-trust.js';
import { hostKeyAlgorithmOrder } from '../ssh/host-key-algorithms.js';
import { readKnownHostsFiles } from '../ssh/known-hosts-store.js';
import { parseSshConfig, resolveSshHost, type SshHostSettings } from '../ssh/ssh-config.js';
import { AuthSequence } from './auth-sequence.js';
import { nativeSshCrypto } from './crypto-binding.js';
import { makeHostVerifier, type HostKeyOutcome } from './host-key-verifier.js';
import type { PipelineLimits } from './pipelined-download.js';
import { mapConnectError, subsystemError } from './sftp-errors.js';
import { SftpFileSystem } from './sftp-file-system.js';

export interface SftpDeps {
  logger: ProtocolLogger;
  prompter: Prompter;
  /** Ferry's own known_hosts: read, and appended to when a person trusts a key "always". */
  knownHostsFile: string;
  /** The user's ~/.ssh/known_hosts: read only. */
  userKnownHostsFile?: string;
  /** The user's ~/.ssh/config, for Host aliases. */
  sshConfigFile?: string;
  /** ssh-agent socket; SSH_AUTH_SOCK (Pageant on Windows) when absent, none when ''. */
  agentSocket?: string;
  /** Keys tried when neither the target nor ~/.ssh/config names one; ~/.ssh/id_{ed25519,ecdsa,rsa} by default. */
  defaultIdentityFiles?: string[];
  /** Host keys trusted "once" earlier in this run, shared by every connection of the app. */
  runTrust?: RunTrust;
  /** Handshake and authentication must finish in this time, not counting time spent waiting on prompts. */
  timeoutMs?: number;
}

/** Where OpenSSH keeps the user's files, for callers that want its defaults. */
export function defaultSshPaths(): {
  userKnownHostsFile: string;
  sshConfigFile: string;
  defaultIdentityFiles: string[];
} {
  const dir = join(homedir(), '.ssh');
  return {
    userKnownHostsFile: join(dir, 'known_hosts'),
    sshConfigFile: join(dir, 'config'),
    defaultIdentityFiles: ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(dir, name)),
  };
}

/** In-flight requests per transfer: enough to cover the 2 MiB channel window several times over. */
const MAX_IN_FLIGHT = 64;
/** SFTP v3 servers must accept 32 KiB requests; larger only when limits@openssh.com says so. */
const SAFE_CHUNK = 32 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

async function readSshConfig(file: string | undefined, alias: string): Promise<SshHostSettings> {
  if (!file) return { identityFiles: [] };
  try {
    return resolveSshHost(parseSshConfig(await readFile(file, 'utf8')), alias);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { identityFiles: [] };
    throw error;
  }
}

/**
 * ssh2 asks the server for limits@openssh.com while opening the channel and keeps the
 * answer in private fields (there is no public accessor in 1.17); its read() and write()
 * split anything larger into sequential requests, which would defeat the pipeline.
 */
function pipelineLimits(sftp: SFTPWrapper): PipelineLimits {
  const internals = sftp as unknown as { _maxReadLen?: unknown; _maxWriteLen?: unknown };
  const read = typeof internals._maxReadLen === 'number' ? internals._maxReadLen : SAFE_CHUNK;
  const write = typeof internals._maxWriteLen === 'number' ? internals._maxWriteLen : SAFE_CHUNK;
  return { chunkSize: Math.max(1024, Math.min(read, write)), maxInFlight: MAX_IN_FLIGHT };
}

/** A timer that stands still while a person is being asked something. */
class HandshakeTimer {
  private timer: NodeJS.Timeout | null = null;
  private readonly ms: number;
  private readonly onTimeout: () => void;

  constructor(ms: number, onTimeout: () => void) {
    this.ms = ms;
    this.onTimeout = onTimeout;
  }

  restart(): void {
    this.stop();
    this.timer = setTimeout(this.onTimeout, this.ms);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export async function connectSftp(target: ConnectionTarget, deps: SftpDeps): Promise<SftpFileSystem> {
  const { logger } = deps;
  const config = await readSshConfig(deps.sshConfigFile, target.host);
  const host = config.hostName ?? target.host;
  const port = target.port ?? config.port ?? 22;
  // An empty user (a site whose field was left blank) means "not given", as for ssh(1).
  const user = target.user || config.user || userInfo().username;
  const label = `${user}@${host}:${port}`;
  const defaults = deps.defaultIdentityFiles ?? defaultSshPaths().defaultIdentityFiles;
  // ssh(1) uses the default keys only when no IdentityFile was configured.
  const configured = config.identityFiles.length > 0 ? config.identityFiles : defaults;
  const identityFiles = [...new Set([...(target.identityFile ? [target.identityFile] : []), ...configured])];
  if (host !== target.host) logger.log('info', `~/.ssh/config: ${target.host} is ${host}`);
  // Missing default keys are skipped quietly; the one the user named is worth a word, as ssh(1)
  // says "Identity file … not accessible".
  const namedKeyProblem = target.identityFile ? await unreadable(target.identityFile) : null;
  if (namedKeyProblem)
    logger.log('error', `Identity file ${target.identityFile} not accessible: ${namedKeyProblem}`);

  const client = new ssh2.Client();
  let timeoutError: FerryError | null = null;
  const timer = new HandshakeTimer(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => {
    timeoutError = new FerryError('TIMEOUT', `No SSH session with ${host}:${port} in time`, {
      hint: 'The server did not complete the handshake; check the host, the port and any firewall.',
    });
    client.destroy();
  });
  const prompter: Prompter = {
    async ask(prompt) {
      timer.stop();
      try {
        return await deps.prompter.ask(prompt);
      } finally {
        timer.restart();
      }
    },
  };
  const auth = new AuthSequence({
    user,
    label,
    password: target.password,
    passphrase: target.passphrase,
    // ssh2 speaks to Pageant on Windows when given the name 'pageant'.
    agentSocket:
      deps.agentSocket ?? process.env.SSH_AUTH_SOCK ?? (process.platform === 'win32' ? 'pageant' : undefined),
    identityFiles,
    prompter,
    logger,
  });

  const hostKeyOutcome: HostKeyOutcome = { info: null, error: null };
  let cipher: string | undefined;

  const knownHostsFiles = deps.userKnownHostsFile
    ? [deps.knownHostsFile, deps.userKnownHostsFile]
    : [deps.knownHostsFile];
  const serverHostKey = hostKeyAlgorithmOrder(await readKnownHostsFiles(knownHostsFiles), host, port);

  logger.log('info', `Connecting to ${host}:${port} as ${user}`);
  timer.restart();
  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error & { level?: string }): void => {
        // Agent trouble is not fatal: ssh2 moves on to the next method by itself.
        if (error.level === 'agent') {
          logger.log('error', `SSH agent: ${error.message}`);
          return;
        }
        reject(hostKeyOutcome.error ?? timeoutError ?? mapConnectError(error, host, port));
      };
      client.on('error', onError);
      client.once('close', () =>
        reject(
          hostKeyOutcome.error ??
            timeoutError ??
            mapConnectError(new Error('Connection closed during the handshake'), host, port),
        ),
      );
      // onError stays subscribed: an 'error' event with no listener would throw out of ssh2,
      // and the file system only subscribes once the SFTP channel is open.
      client.once('ready', () => resolve());
      client.once('handshake', (negotiated) => {
        cipher = negotiated.cs.cipher;
        logger.log(
          'info',
          `Negotiated ${negotiated.kex}, ${negotiated.serverHostKey}, cipher ${negotiated.cs.cipher}`,
        );
      });
      client.on('greeting', (greeting: string) => logger.log('received', greeting.trim()));
      client.connect({
        host,
        port,
        username: user,
        readyTimeout: 0,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
        authHandler: auth.handler,
        algorithms: { serverHostKey },
        hostVerifier: makeHostVerifier(
          {
            host,
            port,
            knownHostsFile: deps.knownHostsFile,
            userKnownHostsFile: deps.userKnownHostsFile,
            prompter,
            logger,
            runTrust: deps.runTrust,
          },
          hostKeyOutcome,
        ),
      });
      // Nagle holds back the small READ requests behind unacknowledged data; measured on
      // loopback, 1 GiB downloads ran 1.4-2x faster with it off.
      client.setNoDelay(true);
    });
  } catch (error) {
    client.destroy();
    if (namedKeyProblem && error instanceof FerryError && error.code === 'LOGIN_FAILED')
      throw new FerryError(
        'LOGIN_FAILED',
        `${error.message}. The key file ${target.identityFile} could not be read (${namedKeyProblem}).`,
        {
          hint: "Check the path of the key file (-i, or the site's key file).",
          retryable: false,
          cause: error,
        },
      );
    throw error;
  } finally {
    timer.stop();
  }
  // The server's software version ("OpenSSH_9.2p1") is only kept on a private field in ssh2 1.17.
  const software = (client as unknown as { _remoteVer?: unknown })._remoteVer;
  const serverIdent = typeof software === 'string' ? `SSH-2.0 ${software}` : 'SSH-2.0';
  logger.log('info', `Server ${serverIdent}; authenticated as ${user}`);

  let closed = false;
  client.once('close', () => {
    closed = true;
  });
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
    client.sftp((error, channel) => {
      if (!error) {
        resolve(channel);
        return;
      }
      client.end();
      // ssh2 may emit the connection's 'close' just after this callback: let it land first.
      setImmediate(() => reject(subsystemError(error, closed)));
    });
  });
  const limits = pipelineLimits(sftp);
  const ciphers = nativeSshCrypto
    ? 'native ciphers'
    : "ciphers in JavaScript (ssh2's native binding is not built: slower)";
  logger.log(
    'info',
    `SFTP ready: ${limits.chunkSize} bytes per request, ${limits.maxInFlight} in flight, ${ciphers}`,
  );

  const security: SecurityInfo = { kind: 'ssh', protocolVersion: serverIdent };
  if (cipher) security.cipher = cipher;
  if (hostKeyOutcome.info) security.hostKey = hostKeyOutcome.info;
  return new SftpFileSystem({ client, sftp, security, limits, logger, label });
}

/** Why `file` cannot be read as a key ("no such file", "a folder"), or null when it can. */
async function unreadable(file: string): Promise<string | null> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'it is a folder';
    await access(file, constants.R_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : (code ?? String(error));
  }
}
