/**
 * Ferry's FTP/FTPS engine: `connectFtp` opens a session and returns it as a RemoteFileSystem.
 *
 * Layers, lowest first, each with one job:
 * - pure functions: reply-parser, data-address (PASV/EPSV/EPRT/PORT), reply-error, command-text
 *   (CR/LF/NUL refusal, PASS masking), ascii-transforms, features, server-hash, ftp-time;
 * - control-connection: socket, replies, one task in flight, timeouts, keep-alive, first error kept;
 * - data-channel (passive/active, TLS with session reuse), data-transfer (226 + end of data, ABOR),
 *   direct-reader (fast path for plain binary downloads);
 * - ftp-session: login, TLS policy, features, commands; ftp-file-system: RemoteFileSystem + reconnect.
 */
import type { ConnectionTarget } from '../../src-shared/model.js';
import type { Prompter } from '../core/prompter.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { RunTrust } from '../core/run-trust.js';
import type { CertificateTrustStore } from '../core/trust-store.js';
import { FtpFileSystem } from './ftp-file-system.js';
import { FtpSession, type FtpSessionOptions } from './ftp-session.js';

export interface FtpDeps {
  logger: ProtocolLogger;
  prompter: Prompter;
  trustStore: CertificateTrustStore;
  /** Certificates trusted "once" earlier in this run, shared by every connection of the app. */
  runTrust?: RunTrust;
}

export async function connectFtp(
  target: ConnectionTarget,
  deps: FtpDeps,
  options: FtpSessionOptions = {},
): Promise<FtpFileSystem> {
  const withAccount = target.account && !options.account ? { ...options, account: target.account } : options;
  const session = await FtpSession.open(target, deps, withAccount);
  return new FtpFileSystem(session, target, deps, withAccount);
}

export { FtpFileSystem, type FtpSessionSummary } from './ftp-file-system.js';
export { FtpSession, type FtpSessionOptions } from './ftp-session.js';
export type { FtpReply } from './reply-parser.js';
/** Mark a download sink with this (value true) when it never keeps chunks after calling back: buffers get reused. */
export { RELEASES_CHUNKS } from '../core/chunk-ownership.js';
