/** The nouns both halves of Ferry talk about. Plain data only: they cross IPC and WebSocket. */
import type { FerryErrorData } from './errors.js';

export type EntryType = 'file' | 'dir' | 'symlink' | 'other' | 'unknown';

export interface FileEntry {
  name: string;
  type: EntryType;
  /** Bytes; null when the listing did not say. */
  size: number | null;
  /** Epoch milliseconds; null when unknown. */
  modified: number | null;
  /**
   * `rwxr-xr-x` style when the server tells the Unix mode; servers that only give RFC 3659
   * perm letters (Windows, FileZilla Server) show those instead, e.g. `adfrw`, as FileZilla does.
   */
  permissions?: string;
  /** Numeric mode bits (e.g. 0o755) when known. */
  mode?: number;
  owner?: string;
  group?: string;
  linkTarget?: string;
  /**
   * A folder's identity on the server (MLSD's `unique` fact, e.g. device and inode): two names
   * with the same one are the same folder, one of them reached through a link.
   */
  unique?: string;
  /** The listing line that could not be parsed: shown as-is, never dropped. */
  raw?: string;
}

export interface Listing {
  sessionId: string;
  path: string;
  entries: FileEntry[];
}

/**
 * ftp: TLS if the server offers it (FileZilla's default); ftpes: explicit TLS required;
 * ftps: implicit TLS from the first byte; ftp-insecure: plain FTP, marked insecure; sftp: SSH.
 */
export const PROTOCOLS = ['ftp', 'ftpes', 'ftps', 'ftp-insecure', 'sftp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const TRANSFER_MODES = ['auto', 'passive', 'active'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export interface ConnectionTarget {
  protocol: Protocol;
  host: string;
  port?: number;
  user?: string;
  password?: string;
  /** FTP ACCT, for the few servers that answer PASS with 332. */
  account?: string;
  transferMode?: TransferMode;
  charset?: string;
  asciiExtensions?: string[];
  /** SHA-256 fingerprint of a certificate to accept without asking. */
  tlsFingerprint?: string;
  identityFile?: string;
  /** Passphrase of identityFile, from the keychain; never sent to the server. */
  passphrase?: string;
  remoteDir?: string;
  /** When set, the connection came from this saved site. */
  siteId?: string;
}

export interface CertificateInfo {
  host: string;
  port: number;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** `AB:CD:...` as OpenSSL prints it. */
  fingerprint256: string;
  selfSigned: boolean;
}

export interface HostKeyInfo {
  host: string;
  port: number;
  algorithm: string;
  /** `SHA256:base64` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
}

export interface SecurityInfo {
  kind: 'tls' | 'ssh' | 'none';
  protocolVersion?: string;
  cipher?: string;
  certificate?: CertificateInfo;
  hostKey?: HostKeyInfo;
}

export type SessionState = 'connecting' | 'connected' | 'disconnected' | 'failed';

export interface SessionInfo {
  id: string;
  label: string;
  protocol: Protocol | 'local';
  host: string;
  port: number;
  user: string;
  state: SessionState;
  /** False on plain FTP: the UI shows a "not encrypted" badge. */
  secure: boolean;
  security: SecurityInfo | null;
  home: string;
  siteId?: string;
  error?: FerryErrorData;
}

export interface LogLine {
  sessionId: string;
  time: number;
  direction: 'sent' | 'received' | 'info' | 'error';
  text: string;
}

export interface RawReply {
  code: number;
  text: string;
}

// ---------- transfers ----------

export type TransferDirection = 'download' | 'upload' | 'copy';
export type TransferState = 'queued' | 'active' | 'paused' | 'verifying' | 'done' | 'failed' | 'skipped';
export const OVERWRITE_POLICIES = ['ask', 'overwrite', 'newer', 'size', 'resume', 'rename', 'skip'] as const;
export type OverwritePolicy = (typeof OVERWRITE_POLICIES)[number];

/** Where one end of a transfer lives: the local disk, or a remote endpoint described by a target. */
export interface Endpoint {
  /** 'local' for the local disk, otherwise a key of the remote (site id or connection URL without secrets). */
  location: string;
  path: string;
}

export interface TransferItem {
  id: string;
  direction: TransferDirection;
  source: Endpoint;
  target: Endpoint;
  isDir: boolean;
  size: number | null;
  transferred: number;
  state: TransferState;
  priority: 1 | 2 | 3 | 4 | 5;
  /** Place among the items of its priority: the smaller runs first. Reordering rewrites only the moved items. */
  order: number;
  attempts: number;
  overwrite: OverwritePolicy;
  /** 'size' or the hash algorithm that proved the file arrived intact. */
  verifiedBy?: string;
  error?: FerryErrorData;
}

export interface TransferProgress {
  id: string;
  transferred: number;
  size: number | null;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

export interface QueueSummary {
  counts: Record<TransferState, number>;
  bytesTotal: number;
  bytesDone: number;
  bytesPerSecond: number;
  running: boolean;
}

// ---------- sites ----------

export const LOGON_TYPES = ['anonymous', 'normal', 'ask', 'interactive', 'key'] as const;
export type LogonType = (typeof LOGON_TYPES)[number];
/** Logons that keep no secret: anonymous has none, the others ask at each connection. */
export const LOGON_TYPES_WITHOUT_SECRET: ReadonlySet<LogonType> = new Set<LogonType>([
  'anonymous',
  'ask',
  'interactive',
]);

export interface Bookmark {
  name: string;
  localDir: string;
  remoteDir: string;
}

export interface Site {
  id: string;
  name: string;
  /** Nested folder path, outermost first; [] for the top level. */
  folder: string[];
  protocol: Protocol;
  host: string;
  port: number;
  logonType: LogonType;
  user: string;
  keyFile: string;
  transferMode: TransferMode;
  charset: string;
  asciiExtensions: string[];
  maxConnections: number;
  localDir: string;
  remoteDir: string;
  comments: string;
  colour: string;
  bookmarks: Bookmark[];
  /** True when a password or passphrase sits in the keychain for this site. */
  hasSecret: boolean;
}

/** A quick-connect target remembered for next time; its password, if saved, is in the keychain. */
export interface RecentConnection {
  /** `protocol://user@host:port`: one entry per account, whatever folder was opened. */
  key: string;
  target: Omit<ConnectionTarget, 'password' | 'passphrase'>;
  lastUsed: number;
  hasSecret: boolean;
}

export interface ImportReport {
  imported: number;
  duplicates: number;
  secretsMoved: number;
  needsPassword: string[];
  warnings: string[];
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  platform: string;
  home: string;
  keychain: 'available' | 'unavailable';
}
