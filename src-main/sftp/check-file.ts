/**
 * Server-side hashes through the SFTP `check-file-name` extension
 * (draft-ietf-secsh-filexfer-extensions-00 §3), which ProFTPD's mod_sftp implements and OpenSSH
 * does not.
 *
 * ssh2 hands the callback of an unknown EXTENDED_REPLY no payload, so the requests do not go
 * through its SFTPWrapper: they travel on a second `sftp` subsystem channel of the same SSH
 * connection, spoken directly (INIT/VERSION, EXTENDED, EXTENDED_REPLY/STATUS only). That uses
 * ssh2's public API alone, costs the transfer channel nothing, and is opened only when hashes
 * are asked for.
 *
 * Servers speaking SFTP v3 do not announce the extension (ProFTPD 1.3.8 lists it only in v5+'s
 * `supported2`), so it is probed: a path that cannot exist answered with NO_SUCH_FILE means the
 * server looked the path up, i.e. understood the request; OpenSSH answers OP_UNSUPPORTED.
 * Anything unexpected makes the extension unavailable and the caller falls back to exec.
 */
import { randomUUID } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import type { HashAlgorithm } from '../fs/remote-file-system.js';

const FXP_INIT = 1;
const FXP_VERSION = 2;
const FXP_STATUS = 101;
const FXP_EXTENDED = 200;
const FXP_EXTENDED_REPLY = 201;
const FX_NO_SUCH_FILE = 2;

/** The digests asked for, strongest first, with their length in bytes (what a reply must carry). */
const DIGEST_BYTES: Partial<Record<HashAlgorithm, number>> = { sha256: 32, sha1: 20, md5: 16 };
const OFFERED = Object.keys(DIGEST_BYTES) as HashAlgorithm[];

/** Replies here are a name and one digest; anything this big is not one. */
const MAX_PACKET = 64 * 1024;
const PROBE_TIMEOUT_MS = 5_000;
/** The server reads the whole file before it answers. */
const HASH_TIMEOUT_MS = 10 * 60_000;

export type CheckFileReply =
  | { kind: 'digest'; algorithm: HashAlgorithm; hex: string }
  | { kind: 'status'; code: number; message: string }
  | { kind: 'malformed'; reason: string };

/** What `hash` found: a digest, a refusal of this file (e.g. ProFTPD on an empty one), or no extension. */
export type CheckFileOutcome =
  | { kind: 'digest'; hex: string }
  | { kind: 'refused'; code: number; message: string }
  | { kind: 'unavailable' };

function uint32(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeUInt32BE(value >>> 0, 0);
  return buffer;
}

function sshString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uint32(bytes.length), bytes]);
}

/** A whole packet (length prefix included) asking for the hash of all of `path`. */
export function encodeCheckFileName(id: number, path: string, algorithms: readonly string[]): Buffer {
  const body = Buffer.concat([
    Buffer.from([FXP_EXTENDED]),
    uint32(id),
    sshString('check-file-name'),
    sshString(path),
    sshString(algorithms.join(',')),
    // start-offset 0 and length 0 (to the end): the whole file; block-size 0: one digest.
    Buffer.alloc(8 + 8 + 4),
  ]);
  return Buffer.concat([uint32(body.length), body]);
}

/** Reads SSH strings and integers from one packet without ever reading past its end. */
class PacketCursor {
  private offset: number;
  constructor(
    private readonly packet: Buffer,
    start: number,
  ) {
    this.offset = start;
  }
  get remaining(): number {
    return this.packet.length - this.offset;
  }
  uint32(): number | null {
    if (this.remaining < 4) return null;
    const value = this.packet.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  string(): string | null {
    const length = this.uint32();
    if (length === null || length > this.remaining) return null;
    const text = this.packet.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return text;
  }
  rest(): Buffer {
    const rest = this.packet.subarray(this.offset);
    this.offset = this.packet.length;
    return rest;
  }
}

/**
 * Parses the answer to a check-file-name packet (type byte first, length prefix removed).
 * The draft's reply starts with the string "check-file"; ProFTPD leaves it out and starts with
 * the algorithm name. Both are accepted; the digest must be exactly one of `requested`'s length.
 */
export function parseCheckFileReply(packet: Buffer, requested: HashAlgorithm): CheckFileReply {
  if (packet.length < 5) return { kind: 'malformed', reason: 'short packet' };
  // Past the type byte and the request id, which the channel already matched.
  const cursor = new PacketCursor(packet, 5);
  if (packet[0] === FXP_STATUS) {
    const code = cursor.uint32();
    if (code === null) return { kind: 'malformed', reason: 'STATUS without a code' };
    return { kind: 'status', code, message: cursor.string() ?? '' };
  }
  if (packet[0] !== FXP_EXTENDED_REPLY) return { kind: 'malformed', reason: `packet type ${packet[0]}` };
  let name = cursor.string();
  if (name === 'check-file') name = cursor.string();
  if (name === null) return { kind: 'malformed', reason: 'no algorithm name' };
  if (name !== requested) return { kind: 'malformed', reason: `algorithm ${name}, asked for ${requested}` };
  const digest = cursor.rest();
  if (digest.length !== DIGEST_BYTES[requested])
    return { kind: 'malformed', reason: `${digest.length}-byte ${requested} digest` };
  return { kind: 'digest', algorithm: requested, hex: digest.toString('hex') };
}

/** What a reply means for the caller: a malformed one makes the extension unusable, never an error. */
export function checkFileOutcome(packet: Buffer, requested: HashAlgorithm): CheckFileOutcome {
  const reply = parseCheckFileReply(packet, requested);
  if (reply.kind === 'digest') return { kind: 'digest', hex: reply.hex };
  if (reply.kind === 'status') return { kind: 'refused', code: reply.code, message: reply.message };
  return { kind: 'unavailable' };
}

/** Splits channel data into SFTP packets; null on a length no reply here can have. */
export class PacketSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(data: Buffer): Buffer[] | null {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    const packets: Buffer[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32BE(0);
      if (length === 0 || length > MAX_PACKET) return null;
      if (this.pending.length < 4 + length) break;
      packets.push(this.pending.subarray(4, 4 + length));
      this.pending = this.pending.subarray(4 + length);
    }
    return packets;
  }
}

/** One raw SFTP channel: requests by id, each answered or failed (null) exactly once. */
class RawSftpChannel {
  private readonly waiting = new Map<number, (packet: Buffer | null) => void>();
  private readonly splitter = new PacketSplitter();
  private versionSeen: ((ok: boolean) => void) | null = null;
  private nextId = 1;
  private closed = false;

  private constructor(private readonly channel: ClientChannel) {
    channel.on('data', (data: Buffer) => this.onData(data));
    channel.stderr.resume();
    channel.on('close', () => this.fail());
    channel.on('error', () => this.fail());
  }

  /** Opens the subsystem and exchanges INIT/VERSION (v3); null when any of it fails. */
  static open(client: Client): Promise<RawSftpChannel | null> {
    return new Promise((resolve) => {
      try {
        client.subsys('sftp', (error, channel) => {
          if (error) {
            resolve(null);
            return;
          }
          const raw = new RawSftpChannel(channel);
          raw.versionSeen = (ok) => {
            if (ok) {
              resolve(raw);
              return;
            }
            raw.close();
            resolve(null);
          };
          channel.write(Buffer.concat([uint32(5), Buffer.from([FXP_INIT]), uint32(3)]));
        });
      } catch {
        resolve(null);
      }
    });
  }

  /** Sends the packet `encode` builds for a fresh id; resolves with the reply, or null. */
  request(encode: (id: number) => Buffer, timeoutMs: number): Promise<Buffer | null> {
    if (this.closed) return Promise.resolve(null);
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0 || 1;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A reply that never comes leaves the channel unusable for later requests too.
        this.close();
      }, timeoutMs);
      this.waiting.set(id, (packet) => {
        clearTimeout(timer);
        resolve(packet);
      });
      this.channel.write(encode(id));
    });
  }

  close(): void {
    if (!this.closed) this.channel.close();
    this.fail();
  }

  private onData(data: Buffer): void {
    const packets = this.splitter.push(data);
    if (!packets) {
      this.close();
      return;
    }
    for (const packet of packets) {
      if (packet[0] === FXP_VERSION) {
        this.versionSeen?.(true);
        this.versionSeen = null;
        continue;
      }
      const id = packet.length >= 5 ? packet.readUInt32BE(1) : -1;
      const answer = this.waiting.get(id);
      if (!answer) continue;
      this.waiting.delete(id);
      answer(packet);
    }
  }

  private fail(): void {
    this.closed = true;
    // Cleared before the call: the callback closes the channel, which fails it again.
    const versionSeen = this.versionSeen;
    this.versionSeen = null;
    versionSeen?.(false);
    const answers = [...this.waiting.values()];
    this.waiting.clear();
    for (const answer of answers) answer(null);
  }
}

export class CheckFileHasher {
  private readonly client: Client;
  private channel: Promise<RawSftpChannel | null> | null = null;

  constructor(client: Client) {
    this.client = client;
  }

  /** The algorithms asked for through check-file; [] when the server does not implement it. */
  async algorithms(): Promise<HashAlgorithm[]> {
    return (await this.ready()) ? [...OFFERED] : [];
  }

  async hash(path: string, algorithm: HashAlgorithm): Promise<CheckFileOutcome> {
    const channel = await this.ready();
    if (!channel || !OFFERED.includes(algorithm)) return { kind: 'unavailable' };
    const packet = await channel.request((id) => encodeCheckFileName(id, path, [algorithm]), HASH_TIMEOUT_MS);
    return packet ? checkFileOutcome(packet, algorithm) : { kind: 'unavailable' };
  }

  private ready(): Promise<RawSftpChannel | null> {
    this.channel ??= new Promise((resolve) => {
      // A server that never answers the channel open costs one timeout, once per connection.
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        resolve(null);
      }, PROBE_TIMEOUT_MS);
      void this.probe().then((channel) => {
        if (late) {
          channel?.close();
          return;
        }
        clearTimeout(timer);
        resolve(channel);
      });
    });
    return this.channel;
  }

  private async probe(): Promise<RawSftpChannel | null> {
    const channel = await RawSftpChannel.open(this.client);
    if (!channel) return null;
    const missing = `.ferry-check-file-probe-${randomUUID()}`;
    const packet = await channel.request((id) => encodeCheckFileName(id, missing, OFFERED), PROBE_TIMEOUT_MS);
    const reply = packet ? parseCheckFileReply(packet, 'sha256') : null;
    if (reply?.kind === 'status' && reply.code === FX_NO_SUCH_FILE) return channel;
    channel.close();
    return null;
  }
}
