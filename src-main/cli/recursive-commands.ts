/**
 * ferry get -r / put -r: the app's transfer queue, run headless. The journal lives in the
 * config folder under a key of the two ends, so running the same command again after a
 * crash or kill -9 resumes from the .part files instead of starting over.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../src-shared/errors.js';
import type { OverwritePolicy, TransferItem } from '../../src-shared/model.js';
import { formatRemoteUrl } from '../core/url.js';
import { TransferQueue } from '../queue/index.js';
import type { CliContext } from './cli-context.js';
import { formatBytes } from './progress-bar.js';
import { printableLine, printableText } from './printable.js';

export interface RecursiveFlags {
  parallel?: string;
  limitRate?: string;
  overwrite?: OverwritePolicy;
  verify?: boolean;
}

export async function recursiveTransfer(
  context: CliContext,
  direction: 'download' | 'upload',
  remoteRef: string,
  localDir: string,
  flags: RecursiveFlags,
): Promise<void> {
  const { target, path: remotePath } = await context.resolve(remoteRef);
  if (!remotePath) throw new FerryError('INVALID_ARGUMENT', 'The URL must name a remote folder.');
  const key = formatRemoteUrl(target);
  const local = path.resolve(localDir);
  const parallel = parseParallel(flags.parallel);
  const rate = flags.limitRate ? parseRate(flags.limitRate) : 0;
  const journalDir = path.join(
    context.configDir,
    'cli-queues',
    createHash('sha256').update(`${direction}\0${key}\0${remotePath}\0${local}`).digest('hex').slice(0, 16),
  );
  const queue = await TransferQueue.open({
    journalDir,
    connect: (location) => {
      if (location !== key) throw new FerryError('INTERNAL', `Unexpected location ${location}.`);
      return context.connect(target);
    },
    prompter: context.prompter,
    settings: {
      maxConnectionsPerSite: parallel,
      maxConnectionsTotal: parallel,
      verify: flags.verify !== false,
      ...(flags.overwrite ? { defaultOverwrite: flags.overwrite } : {}),
      ...(direction === 'download' ? { downloadLimit: rate } : { uploadLimit: rate }),
    },
    warn: (message) => process.stderr.write(`ferry: ${printableText(message)}\n`),
  });
  const remote = { location: key, path: remotePath };
  const disk = { location: 'local', path: local };
  if (queue.list().length === 0) {
    await queue.add([
      direction === 'download'
        ? { direction, source: remote, target: disk, isDir: true }
        : { direction, source: disk, target: remote, isDir: true },
    ]);
  } else {
    process.stderr.write('Resuming the interrupted run of this command.\n');
    // Items that failed last time get a fresh attempt: re-running is how the user retries them.
    await queue.retry();
  }
  const display = compactProgress(queue);
  await queue.start();
  await queue.whenIdle();
  display.stop();
  const items = queue.list();
  await queue.close();
  const failed = items.filter((item) => item.state === 'failed');
  // Settled before anything is printed: when the reader of the output has gone away
  // (`ferry get -r … 2>&1 | head`), the next write ends the process, and a journal left behind
  // would make the next run "resume" a run that had finished.
  if (failed.length === 0) await rm(journalDir, { recursive: true, force: true });
  const files = items.filter((item) => !item.isDir);
  const done = files.filter((item) => item.state === 'done');
  const skipped = files.filter((item) => item.state === 'skipped').length;
  const bytes = done.reduce((sum, item) => sum + (item.size ?? 0), 0);
  const verified = done.some((i) => i.verifiedBy && i.verifiedBy !== 'size') ? ', hash-verified' : '';
  process.stderr.write(
    `${done.length} file(s), ${formatBytes(bytes)} transferred${verified}; ${skipped > 0 ? `${skipped} skipped (already there); ` : ''}${failed.length} failed.\n`,
  );
  if (failed.length > 0) {
    for (const item of failed)
      process.stderr.write(
        `failed: ${printableLine(describe(item))}: ${printableText(item.error?.message ?? 'unknown error')}\n`,
      );
    const verifyOnly = failed.every((item) => item.error?.code === 'VERIFY_FAILED');
    throw new FerryError(
      verifyOnly ? 'VERIFY_FAILED' : (failed[0]!.error?.code ?? 'INTERNAL'),
      `${failed.length} item(s) failed.`,
      {
        hint: 'Run the same command again to retry them; finished files are not transferred twice.',
      },
    );
  }
}

function describe(item: TransferItem): string {
  return item.direction === 'download' ? item.source.path : item.target.path;
}

function compactProgress(queue: TransferQueue): { stop(): void } {
  if (!process.stderr.isTTY) return { stop() {} };
  const unsubscribe = queue.on('queue-progress', ({ summary }) => {
    const c = summary.counts;
    process.stderr.write(
      `\r${c.done} done, ${c.active} active, ${c.queued} queued, ${c.failed} failed — ${formatBytes(summary.bytesDone)} at ${formatBytes(summary.bytesPerSecond)}/s\x1b[K`,
    );
  });
  return {
    stop() {
      unsubscribe();
      process.stderr.write('\n');
    },
  };
}

function parseParallel(text: string | undefined): number {
  if (text === undefined) return 2;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 10)
    throw new FerryError('INVALID_ARGUMENT', '--parallel takes 1 to 10.');
  return n;
}

/** 500K, 2M, 1.5G (bytes per second, binary units), or a plain number of bytes. */
export function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmg]?)$/i.exec(text.trim());
  if (!match) throw new FerryError('INVALID_ARGUMENT', `--limit-rate ${text}: expected e.g. 500K or 2M.`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
    match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'
  ];
  return Math.round(Number(match[1]) * scale);
}
