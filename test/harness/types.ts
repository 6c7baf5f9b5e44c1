/**
 * The contract of the test harness: real servers from Debian, on 127.0.0.1, on free high
 * ports picked at run time, each with its own config and data under a temp dir.
 * Every protocol test in Ferry starts its servers through `startServer`.
 */
export type ServerKind =
  | 'vsftpd' // plain FTP, passive + active
  | 'vsftpd-ftps-explicit' // AUTH TLS required, require_ssl_reuse=YES
  | 'vsftpd-ftps-implicit' // TLS from the first byte
  | 'proftpd' // MLSD, mod_tls available (explicit TLS optional)
  | 'proftpd-sftp' // ProFTPD mod_sftp: password login, check-file extension
  | 'pure-ftpd'
  | 'pyftpdlib'
  | 'sshd'; // OpenSSH serving SFTP: password, public key, keyboard-interactive

export interface ServerOptions {
  /** pyftpdlib only: address put in PASV replies instead of the real one (NAT simulation). */
  masqueradeAddress?: string;
  /** Limit of simultaneous connections per client address (where the server supports it). */
  maxConnectionsPerIp?: number;
  /** vsftpd only: false refuses PORT/EPRT (`port_enable=NO`), e.g. to make FXP fail as on many real servers. */
  allowPort?: boolean;
}

export interface RunningServer {
  kind: ServerKind;
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** Absolute path on this machine of the folder the user sees at login; tests put and check files here. */
  root: string;
  /** The path of `root` as the server shows it to the client (e.g. '/' when chrooted). */
  remoteRoot: string;
  /** TLS servers: PEM certificate file and its SHA-256 fingerprint as Node prints it (AB:CD:…). */
  certFile?: string;
  certFingerprint256?: string;
  /** sshd: host public key line ('ssh-ed25519 AAAA…') and its `SHA256:…` fingerprint. */
  hostKeyLine?: string;
  hostKeyFingerprint?: string;
  /** sshd: a client private key authorised for `user` (unencrypted ed25519), an encrypted one and its passphrase. */
  clientKeyFile?: string;
  encryptedClientKeyFile?: string;
  clientKeyPassphrase?: string;
  /** The OS user the server reads and writes files as (owner of everything under `root`). */
  uid: number;
  gid: number;
  /** The server's own output and log, for reading when a test fails. */
  logFile: string;
  /** Absolute local path of `relativePath` ('a/b.txt') under `root`. */
  localPath(relativePath: string): string;
  /** The path a client uses for `relativePath`: `remoteRoot` joined with it ('/a/b.txt'). */
  remotePath(relativePath: string): string;
  /** Write a file under `root` (parents made), owned by the server's user; returns its local path. */
  writeFile(relativePath: string, data: string | Uint8Array): Promise<string>;
  /** Make a folder (and parents) under `root`, owned by the server's user; returns its local path. */
  mkdir(relativePath: string): Promise<string>;
  /** Give everything under `root` to the server's user, after a test wrote there with `node:fs` directly. */
  fixOwnership(): Promise<void>;
  /** Stop the process the harness started (by pid); the port stays reserved for `start`. */
  stop(): Promise<void>;
  /** Start it again on the same port, e.g. after a simulated outage. */
  start(): Promise<void>;
  /** Stop it and delete its config and data folders (also done for every server at process exit). */
  dispose(): Promise<void>;
}
