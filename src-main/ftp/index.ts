/** Ferry's FTP/FTPS engine: `connectFtp` opens a session and returns it as a RemoteFileSystem. */
import type { ConnectionTarget } from '../../src-shared/model.js';
import type { Prompter } from '../core/prompter.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { CertificateTrustStore } from '../core/trust-store.js';
import { FtpFileSystem } from './ftp-file-system.js';
import { FtpSession, type FtpSessionOptions } from './ftp-session.js';

export interface FtpDeps {
  logger: ProtocolLogger;
  prompter: Prompter;
  trustStore: CertificateTrustStore;
}

export async function connectFtp(
  target: ConnectionTarget,
  deps: FtpDeps,
  options: FtpSessionOptions = {},
): Promise<FtpFileSystem> {
  const session = await FtpSession.open(target, deps, options);
  return new FtpFileSystem(session, target, deps, options);
}

export { FtpFileSystem, type FtpSessionSummary } from './ftp-file-system.js';
export { FtpSession, type FtpSessionOptions } from './ftp-session.js';
export type { FtpReply } from './reply-parser.js';
/** Mark a download sink with this (value true) when it never keeps chunks after calling back: buffers get reused. */
export { RELEASES_CHUNKS } from './direct-reader.js';
