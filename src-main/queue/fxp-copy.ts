/**
 * A remote→remote copy between two FTP servers, server to server (FXP), when both allow it:
 * the bytes never pass through Ferry. Decides whether FXP may be used for one queue item,
 * performs it, verifies it as strongly as the streamed path, and remembers pairs of sites
 * that refuse FXP so their later items stream straight away.
 */
import { FerryError } from '../../src-shared/errors.js';
import type { FileEntry } from '../../src-shared/model.js';
import { HASH_PREFERENCE, type HashAlgorithm } from '../fs/remote-file-system.js';
import { FtpFileSystem } from '../ftp/ftp-file-system.js';
import { FxpRefused } from '../ftp/ftp-session.js';
import type { FileJob, FileOutcome } from './file-transfer.js';

type Facts = Pick<FileEntry, 'size' | 'modified'>;

/**
 * What a queue learnt about FXP between pairs of sites: which pairs refused it, and which
 * route it already told the protocol log about (once per pair and reason, not per file).
 */
export class FxpRoutes {
  private readonly refused = new Set<string>();
  private readonly told = new Set<string>();

  isRefused(pair: string): boolean {
    return this.refused.has(pair);
  }

  refuse(pair: string): void {
    this.refused.add(pair);
  }

  /** True the first time this pair meets this route and reason. */
  firstTime(pair: string, route: string): boolean {
    const key = `${pair}\n${route}`;
    if (this.told.has(key)) return false;
    this.told.add(key);
    return true;
  }
}

/** Both ends of a copy are FTP sessions (the only case FXP can apply to). */
function bothFtp(job: FileJob): job is FileJob & { source: FtpFileSystem; target: FtpFileSystem } {
  return job.source instanceof FtpFileSystem && job.target instanceof FtpFileSystem;
}

/**
 * Copies one file server to server. Resolves with the outcome, or null when the file must be
 * streamed through Ferry instead (FXP not applicable, or refused: nothing was written then).
 */
export async function copyByFxp(
  job: FileJob,
  targetPath: string,
  offset: number,
  src: Facts,
): Promise<FileOutcome | null> {
  const { item } = job;
  if (item.direction !== 'copy' || !bothFtp(job)) return null;
  const { source, target } = job;
  const routes = job.fxpRoutes;
  const pair = `${item.source.location} → ${item.target.location}`;
  const log = (route: string, text: string) => {
    if (routes.firstTime(pair, route)) logOn(source, text);
  };

  const why = reasonToStream(job, source, target, targetPath);
  if (why) {
    log(why, `Copying ${pair} through Ferry, not server to server (FXP): ${why}.`);
    return null;
  }
  if (routes.isRefused(pair)) return null;

  // Progress: FXP moves the bytes without Ferry seeing them, and both control connections are
  // busy until the copy ends, so there is nothing honest to report in between: the item stays
  // at its offset and jumps to done at the end (the queue's tick skips a run without a tap).
  job.meter.offset = offset;
  job.meter.tap = null;
  try {
    await source.fxpTo(item.source.path, target, targetPath, {
      offset,
      signal: job.signal,
      onOpened: () => job.touched(),
    });
  } catch (error) {
    if (job.signal.aborted) throw new FerryError('CANCELLED', 'The transfer was stopped.');
    if (!(error instanceof FxpRefused)) throw error;
    if (error.stage === 'rest') {
      // The servers do FXP but one cannot resume that way: stream this file, try FXP on the next.
      log('rest', `Resuming over FXP is refused (${error.message}); streaming this file through Ferry.`);
      return null;
    }
    routes.refuse(pair);
    log('refused', `${error.message}. Copies ${pair} stream through Ferry from now on.`);
    return null;
  }
  log('fxp', `Copying ${pair} server to server (FXP): both plain FTP, binary, no speed limit.`);

  job.verifying();
  return verify(job, source, target, targetPath, src);
}

/** Why this file cannot go server to server; null when it can. */
function reasonToStream(
  job: FileJob,
  source: FtpFileSystem,
  target: FtpFileSystem,
  targetPath: string,
): string | null {
  if (job.bucket?.limited) return 'a speed limit is set, and only bytes passing through Ferry can be paced';
  if (source.security.kind !== 'none' || target.security.kind !== 'none')
    return 'a TLS-protected data connection between two servers needs SSCN or CPSV, which Ferry does not use';
  if (source.sendsAsText(job.item.source.path) || target.sendsAsText(targetPath))
    return 'text (ASCII) files are converted on the way';
  return null;
}

/**
 * Size always (SIZE on both servers); a hash when both servers offer a common one, computed by
 * each server over the whole file (so a resumed copy is checked end to end); then the time.
 */
async function verify(
  job: FileJob,
  source: FtpFileSystem,
  target: FtpFileSystem,
  targetPath: string,
  src: Facts,
): Promise<FileOutcome> {
  const { item, settings } = job;
  const expectedSize = src.size ?? (await source.size(item.source.path).catch(() => null));
  const arrived = await target.size(targetPath).catch(() => null);
  const size = arrived ?? (await target.stat(targetPath))?.size ?? null;
  if (expectedSize != null && size !== expectedSize) {
    throw new FerryError(
      'VERIFY_FAILED',
      `${targetPath} has ${size ?? 0} bytes instead of ${expectedSize}.`,
      {
        hint: 'The server-to-server copy was cut short; it is retried from the start.',
        retryable: true,
      },
    );
  }
  let verifiedBy = 'size';
  const algorithm = settings.verify ? await commonAlgorithm(source, target) : null;
  if (algorithm) {
    const [there, here] = await Promise.all([
      source.hash(item.source.path, algorithm).catch(() => null),
      target.hash(targetPath, algorithm).catch(() => null),
    ]);
    if (there && here) {
      if (there.toLowerCase() !== here.toLowerCase()) {
        throw new FerryError(
          'VERIFY_FAILED',
          `${targetPath}: ${algorithm} differs (${here} on the target, ${there} on the source).`,
          { hint: 'The file was damaged on the way; it is retried from the start.', retryable: true },
        );
      }
      verifiedBy = algorithm;
    }
  }
  if (settings.preserveTimes && src.modified != null) {
    // Best effort, as on the streamed path: many servers refuse MFMT, and the file is intact.
    await target.setModified(targetPath, new Date(src.modified)).catch(() => {});
  }
  return { kind: 'done', size: size ?? expectedSize ?? 0, verifiedBy };
}

async function commonAlgorithm(source: FtpFileSystem, target: FtpFileSystem): Promise<HashAlgorithm | null> {
  const [theirs, ours] = await Promise.all([
    source.hashAlgorithms().catch(() => [] as HashAlgorithm[]),
    target.hashAlgorithms().catch(() => [] as HashAlgorithm[]),
  ]);
  return HASH_PREFERENCE.find((a) => theirs.includes(a) && ours.includes(a)) ?? null;
}

/** The source session's protocol log: where a person looks for what the copy did. */
function logOn(fs: FtpFileSystem, text: string): void {
  void fs
    .ftpSession()
    .then((session) => session.control.logger.log('info', text))
    .catch(() => {});
}
