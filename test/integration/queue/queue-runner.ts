/**
 * A queue in a process of its own, for the crash test: bundled with esbuild and run by node,
 * so the test can `kill -9` it mid-transfer and start it again. The configuration comes as one
 * JSON argument; at the end it prints one JSON line: the items and every download call it made.
 */
import type { QueueRequest, QueueSettings } from '../../../src-main/queue/index.js';
import { TransferQueue } from '../../../src-main/queue/index.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';
import { ftpConnect } from './tree-kit.js';
import type { RunningServer } from '../../harness/index.js';

interface RunnerConfig {
  journalDir: string;
  server: Pick<RunningServer, 'host' | 'port' | 'user' | 'password'>;
  /** Added only when the journal is empty (the first run). */
  request: QueueRequest;
  settings: Partial<QueueSettings>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as RunnerConfig;
const downloads: { path: string; offset: number }[] = [];
const connect = ftpConnect(config.server as RunningServer);

/** Records each download call (path and offset) to prove what a restart did and did not redo. */
async function recording(location: string): Promise<RemoteFileSystem> {
  const fs = await connect(location);
  const download = fs.download.bind(fs);
  fs.download = (path, sink, options) => {
    downloads.push({ path, offset: options?.offset ?? 0 });
    return download(path, sink, options);
  };
  return fs;
}

const queue = await TransferQueue.open({
  journalDir: config.journalDir,
  connect: recording,
  settings: config.settings,
  warn: (message) => process.stderr.write(`${message}\n`),
});
if (queue.list().length === 0) await queue.add([config.request]);
await queue.start();
await queue.whenIdle();
const items = queue.list();
await queue.close();
process.stdout.write(JSON.stringify({ items, downloads }) + '\n');
