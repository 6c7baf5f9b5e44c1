import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import type { OverwritePolicy, TransferItem } from '../../../src-shared/model.js';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import { TransferQueue, type QueueRequest, type QueueSettings } from '../../../src-main/queue/index.js';
import { SMALL_FILE_BYTES } from '../../../src-main/queue/collecting-sink.js';
import { ScriptedFs, type Script } from './scripted-fs.js';

let root: string;
let queues: TransferQueue[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-queue-'));
  queues = [];
});
afterEach(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await rm(root, { recursive: true, force: true });
});

const FAST: Partial<QueueSettings> = {
  retryBaseMs: 1,
  retryCapMs: 5,
  retries: 3,
  defaultOverwrite: 'overwrite',
};

async function makeQueue(script: Script = {}, settings: Partial<QueueSettings> = {}, prompter?: Prompter) {
  const queue = await TransferQueue.open({
    journalDir: join(root, 'journal'),
    connect: () => Promise.resolve(new ScriptedFs(script)),
    settings: { ...FAST, ...settings },
    ...(prompter ? { prompter } : {}),
    progressIntervalMs: 10,
  });
  queues.push(queue);
  return queue;
}

function download(source: string, target: string, extra: Partial<QueueRequest> = {}): QueueRequest {
  return {
    direction: 'download',
    source: { location: 'site', path: source },
    target: { location: 'local', path: target },
    ...extra,
  };
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const byId = (queue: TransferQueue, id: string) => queue.list().find((i) => i.id === id)!;

describe('TransferQueue', () => {
  it('downloads a folder recursively, verifies each file and keeps modification times', async () => {
    const src = join(root, 'src');
    await mkdir(join(src, 'a/b'), { recursive: true });
    await writeFile(join(src, 'top.txt'), 'top');
    await writeFile(join(src, 'a/empty'), '');
    await writeFile(join(src, 'a/b/ünïcødé ✓.bin'), Buffer.alloc(70_000, 7));
    const when = new Date(Date.UTC(2021, 5, 6, 7, 8, 9));
    await utimes(join(src, 'top.txt'), when, when);

    const queue = await makeQueue();
    const events: TransferItem[][] = [];
    queue.on('queue-items', (e) => events.push(e.items));
    await queue.add([download(src, join(root, 'dst'))]);
    await queue.start();
    await queue.whenIdle();

    expect(await readFile(join(root, 'dst/top.txt'), 'utf8')).toBe('top');
    expect(await readFile(join(root, 'dst/a/empty'), 'utf8')).toBe('');
    expect(sha(await readFile(join(root, 'dst/a/b/ünïcødé ✓.bin')))).toBe(sha(Buffer.alloc(70_000, 7)));
    expect((await stat(join(root, 'dst/top.txt'))).mtimeMs).toBe(when.getTime());
    const files = queue.list().filter((i) => !i.isDir);
    expect(files).toHaveLength(3);
    expect(files.every((i) => i.state === 'done' && i.verifiedBy === 'sha256')).toBe(true);
    expect(queue.summary().counts.done).toBe(6);
    expect(events.length).toBeGreaterThan(0);
    expect((await readdir(join(root, 'dst/a/b'))).some((n) => n.endsWith('.part'))).toBe(false);
  });

  it("asks for a download's server hash while the bytes are still arriving, and verifies with it", async () => {
    const src = join(root, 'big.bin');
    const data = Buffer.alloc(SMALL_FILE_BYTES * 2, 3);
    await writeFile(src, data);
    const asked: boolean[] = [];
    const queue = await makeQueue({
      slowBytesPerSecond: data.length * 4,
      onHash: (path, downloading) => {
        if (path === src) asked.push(downloading);
      },
    });
    const [id] = await queue.add([download(src, join(root, 'out.bin'), { size: data.length })]);
    await queue.start();
    await queue.whenIdle();
    expect(asked).toEqual([true]);
    expect(byId(queue, id!).verifiedBy).toBe('sha256');
    expect(sha(await readFile(join(root, 'out.bin')))).toBe(sha(data));
  });

  it('retries temporary failures with backoff and fails permanent ones at once with their reason', async () => {
    await writeFile(join(root, 'flaky'), 'x');
    await writeFile(join(root, 'denied'), 'x');
    let flakyCalls = 0;
    const queue = await makeQueue(
      {
        downloadFault: (path) => {
          if (path.endsWith('denied'))
            return new FerryError('PERMANENT', 'Permission denied', {
              reply: { code: 550, text: 'Permission denied' },
            });
          return flakyCalls++ < 2
            ? new FerryError('TEMPORARY', 'Try later', { reply: { code: 450, text: 'busy' } })
            : null;
        },
      },
      { maxConnectionsPerSite: 1 },
    );
    const [flaky, denied] = await queue.add([
      download(join(root, 'flaky'), join(root, 'out-flaky')),
      download(join(root, 'denied'), join(root, 'out-denied')),
    ]);
    await queue.start();
    await queue.whenIdle();
    expect(byId(queue, flaky!)).toMatchObject({ state: 'done', attempts: 3 });
    expect(byId(queue, denied!)).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { code: 'PERMANENT', reply: { code: 550 } },
    });
  });

  it('gives up after the configured retries and can retry failed items later', async () => {
    await writeFile(join(root, 'f'), 'x');
    let broken = true;
    const queue = await makeQueue(
      { downloadFault: () => (broken ? new FerryError('TIMEOUT', 'timed out') : null) },
      { retries: 2 },
    );
    const [id] = await queue.add([download(join(root, 'f'), join(root, 'g'))]);
    await queue.start();
    await queue.whenIdle();
    expect(byId(queue, id!)).toMatchObject({ state: 'failed', attempts: 3, error: { code: 'TIMEOUT' } });
    broken = false;
    await queue.retry();
    await queue.whenIdle();
    expect(byId(queue, id!).state).toBe('done');
  });

  it('turns hostile names in a listing into failed items and writes nothing outside the target', async () => {
    const src = join(root, 'src');
    await mkdir(src);
    await writeFile(join(src, 'ok'), 'fine');
    const hostile = ['../escape', 'a/b', 'nul\0byte', '..'].map((name) => ({
      name,
      type: 'file' as const,
      size: 1,
      modified: null,
    }));
    const queue = await makeQueue({ extraEntries: hostile });
    await queue.add([download(src, join(root, 'dst'))]);
    await queue.start();
    await queue.whenIdle();
    const failed = queue.list().filter((i) => i.state === 'failed');
    expect(failed).toHaveLength(3);
    expect(failed.every((i) => i.error?.code === 'PROTOCOL' && /unsafe name/.test(i.error.message))).toBe(
      true,
    );
    expect(await readdir(join(root, 'dst'))).toEqual(['ok']);
    expect((await readdir(root)).sort()).toEqual(['dst', 'journal', 'src']);
    // Retrying can never turn a refused name into a path.
    await queue.retry();
    expect(queue.list().filter((i) => i.state === 'failed')).toHaveLength(3);
  });

  describe('overwrite policies', () => {
    const T_OLD = new Date(Date.UTC(2020, 0, 1));
    const T_NEW = new Date(Date.UTC(2022, 0, 1));
    async function scene(
      policy: OverwritePolicy,
      target: { content: string; time: Date },
      prompter?: Prompter,
    ) {
      await writeFile(join(root, 'src.txt'), 'source-content');
      await utimes(join(root, 'src.txt'), T_NEW, T_NEW);
      await writeFile(join(root, 'dst.txt'), target.content);
      await utimes(join(root, 'dst.txt'), target.time, target.time);
      const queue = await makeQueue({}, { defaultOverwrite: policy }, prompter);
      const [id] = await queue.add([download(join(root, 'src.txt'), join(root, 'dst.txt'))]);
      await queue.start();
      await queue.whenIdle();
      return { item: byId(queue, id!), content: await readFile(join(root, 'dst.txt'), 'utf8') };
    }

    it('overwrite replaces', async () => {
      const { item, content } = await scene('overwrite', { content: 'old', time: T_NEW });
      expect([item.state, content]).toEqual(['done', 'source-content']);
    });
    it('skip keeps the target', async () => {
      const { item, content } = await scene('skip', { content: 'old', time: T_OLD });
      expect([item.state, content]).toEqual(['skipped', 'old']);
    });
    it('newer replaces an older target', async () => {
      const { content } = await scene('newer', { content: 'old', time: T_OLD });
      expect(content).toBe('source-content');
    });
    it('newer keeps a target as new', async () => {
      const { item, content } = await scene('newer', { content: 'old', time: T_NEW });
      expect([item.state, content]).toEqual(['skipped', 'old']);
    });
    it('size replaces a target of another size', async () => {
      const { content } = await scene('size', { content: 'old', time: T_NEW });
      expect(content).toBe('source-content');
    });
    it('size keeps a target of the same size', async () => {
      const { item, content } = await scene('size', { content: 'xxxxxxxxxxxxxx', time: T_OLD });
      expect([item.state, content]).toEqual(['skipped', 'xxxxxxxxxxxxxx']);
    });
    it('resume continues a shorter target from its size', async () => {
      const { item, content } = await scene('resume', { content: 'source', time: T_OLD });
      expect([item.state, content]).toEqual(['done', 'source-content']);
    });
    it('rename writes beside the target under a free name', async () => {
      const { item, content } = await scene('rename', { content: 'old', time: T_OLD });
      expect(content).toBe('old');
      expect(item.target.path).toBe(join(root, 'dst (1).txt'));
      expect(await readFile(join(root, 'dst (1).txt'), 'utf8')).toBe('source-content');
    });
    it('ask asks once and applies the answer to all', async () => {
      const asked: Prompt[] = [];
      const prompter: Prompter = {
        ask<P extends Prompt>(prompt: P) {
          asked.push(prompt);
          return Promise.resolve({ action: 'skip', applyToAll: true } as PromptAnswers[P['kind']]);
        },
      };
      await writeFile(join(root, 'a'), 'a');
      await writeFile(join(root, 'b'), 'b');
      await writeFile(join(root, 'a2'), 'old');
      await writeFile(join(root, 'b2'), 'old');
      const queue = await makeQueue({}, { defaultOverwrite: 'ask' }, prompter);
      await queue.add([
        download(join(root, 'a'), join(root, 'a2')),
        download(join(root, 'b'), join(root, 'b2')),
      ]);
      await queue.start();
      await queue.whenIdle();
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({ kind: 'overwrite' });
      expect([join(root, 'a2'), join(root, 'b2')]).toContain((asked[0] as { targetPath: string }).targetPath);
      expect(queue.list().map((i) => i.state)).toEqual(['skipped', 'skipped']);
    });
    it('ask without anybody to answer skips', async () => {
      const { item, content } = await scene('ask', { content: 'old', time: T_OLD });
      expect([item.state, content]).toEqual(['skipped', 'old']);
    });
  });

  it('comes back after a restart, and an interrupted item resumes from its .part', async () => {
    // Above SMALL_FILE_BYTES: smaller files are held in memory and never leave a .part.
    const big = Buffer.alloc(SMALL_FILE_BYTES + 64 * 1024, 3);
    await writeFile(join(root, 'big'), big);
    const offsets: number[] = [];
    const slow = await makeQueue({ slowBytesPerSecond: 64 * 1024, downloadOffsets: offsets });
    const [id, parked] = await slow.add([
      download(join(root, 'big'), join(root, 'big-copy')),
      download(join(root, 'big'), join(root, 'parked'), { paused: true }),
    ]);
    await slow.start();
    while (byId(slow, id!).transferred < 16 * 1024) await new Promise((r) => setTimeout(r, 20));
    await slow.close();
    queues = [];
    const partSize = (await stat(join(root, 'big-copy.part'))).size;
    expect(partSize).toBeGreaterThan(0);

    const queue = await makeQueue({ downloadOffsets: offsets });
    expect(byId(queue, id!).state).toBe('queued');
    expect(byId(queue, parked!).state).toBe('paused');
    await queue.start();
    await queue.whenIdle();
    expect(byId(queue, id!)).toMatchObject({ state: 'done', verifiedBy: 'sha256' });
    expect(offsets).toEqual([0, partSize]);
    expect(sha(await readFile(join(root, 'big-copy')))).toBe(sha(big));
  });

  it('pauses, resumes, cancels and reorders', async () => {
    for (const n of [1, 2, 3]) await writeFile(join(root, `f${n}`), Buffer.alloc(4096, n));
    const queue = await makeQueue({ slowBytesPerSecond: 16 * 1024 }, { maxConnectionsPerSite: 1 });
    const ids = await queue.add([1, 2, 3].map((n) => download(join(root, `f${n}`), join(root, `g${n}`))));
    await queue.move([ids[2]!], 'top');
    await queue.setPriority([ids[1]!], 1);
    await queue.start();
    await new Promise((r) => setTimeout(r, 30));
    expect(byId(queue, ids[2]!).state).toBe('active');
    await queue.pause([ids[2]!]);
    await new Promise((r) => setTimeout(r, 30));
    expect(byId(queue, ids[2]!).state).toBe('paused');
    await queue.cancel([ids[0]!]);
    await new Promise((r) => setTimeout(r, 30));
    expect(byId(queue, ids[0]!)).toMatchObject({ state: 'failed', error: { code: 'CANCELLED' } });
    await queue.resume([ids[2]!]);
    await queue.whenIdle();
    expect(byId(queue, ids[2]!).state).toBe('done');
    expect(byId(queue, ids[1]!).state).toBe('done');
    expect(await readFile(join(root, 'g3'))).toEqual(Buffer.alloc(4096, 3));
  });

  it('sends progress in batches with a summary', async () => {
    await writeFile(join(root, 'p'), Buffer.alloc(32 * 1024, 1));
    const queue = await makeQueue({ slowBytesPerSecond: 128 * 1024 });
    let last: { bytesDone: number; bytesTotal: number } | null = null;
    let batches = 0;
    queue.on('queue-progress', (e) => {
      batches++;
      last = e.summary;
    });
    await queue.add([download(join(root, 'p'), join(root, 'q'))]);
    await queue.start();
    await queue.whenIdle();
    expect(batches).toBeGreaterThan(1);
    expect(last).toMatchObject({ bytesDone: 32 * 1024, bytesTotal: 32 * 1024 });
  });

  it('clears finished items and removes others', async () => {
    await writeFile(join(root, 'a'), 'a');
    const queue = await makeQueue();
    const [done, parked] = await queue.add([
      download(join(root, 'a'), join(root, 'b')),
      download(join(root, 'a'), join(root, 'c'), { paused: true }),
    ]);
    await queue.start();
    await queue.whenIdle();
    await queue.clearFinished();
    expect(queue.list().map((i) => i.id)).toEqual([parked]);
    await queue.remove([parked!]);
    expect(queue.list()).toEqual([]);
    expect(done).toBeDefined();
  });

  it('copies between two remote sites through Ferry, verified by the target server hash', async () => {
    await mkdir(join(root, 'a'));
    await writeFile(join(root, 'a/one'), Buffer.alloc(50_000, 9));
    await writeFile(join(root, 'a/two'), 'two');
    const queue = await makeQueue();
    await queue.add([
      {
        direction: 'copy',
        source: { location: 'site-a', path: join(root, 'a') },
        target: { location: 'site-b', path: join(root, 'b') },
      },
    ]);
    await queue.start();
    await queue.whenIdle();
    expect(await readFile(join(root, 'b/one'))).toEqual(Buffer.alloc(50_000, 9));
    const files = queue.list().filter((i) => !i.isDir);
    expect(files.map((i) => [i.state, i.verifiedBy])).toEqual([
      ['done', 'sha256'],
      ['done', 'sha256'],
    ]);
    // No .part on a remote target: the name is written directly and resumed by offset.
    expect((await readdir(join(root, 'b'))).sort()).toEqual(['one', 'two']);
  });

  it('pause() stops the whole queue, keeping partial work; resume() finishes it', async () => {
    const size = SMALL_FILE_BYTES + 64 * 1024;
    await writeFile(join(root, 'big'), Buffer.alloc(size, 5));
    const offsets: number[] = [];
    const queue = await makeQueue({ slowBytesPerSecond: size, downloadOffsets: offsets });
    const [id] = await queue.add([download(join(root, 'big'), join(root, 'copy'))]);
    await queue.start();
    while (byId(queue, id!).transferred < 8 * 1024) await new Promise((r) => setTimeout(r, 10));
    await queue.pause();
    while (byId(queue, id!).state === 'active') await new Promise((r) => setTimeout(r, 10));
    expect(queue.summary().running).toBe(false);
    expect(byId(queue, id!).state).toBe('queued');
    await queue.resume();
    await queue.whenIdle();
    expect(byId(queue, id!)).toMatchObject({ state: 'done', attempts: 1 });
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBeGreaterThan(0);
    expect(await readFile(join(root, 'copy'))).toEqual(Buffer.alloc(size, 5));
  });

  it('settings change limits and are remembered across a restart', async () => {
    const queue = await makeQueue();
    const changed = await queue.settings({ maxConnectionsPerSite: 12, downloadLimit: 1000, retries: 9 });
    expect(changed).toMatchObject({ maxConnectionsPerSite: 10, downloadLimit: 1000, retries: 9 });
    await queue.close();
    queues = [];
    const again = await TransferQueue.open({
      journalDir: join(root, 'journal'),
      connect: () => Promise.reject(new Error('offline')),
    });
    queues.push(again);
    expect(await again.settings()).toMatchObject({
      maxConnectionsPerSite: 10,
      downloadLimit: 1000,
      retries: 9,
    });
  });

  it('an unanswered overwrite question does not keep close() waiting', async () => {
    await writeFile(join(root, 'a'), 'a');
    await writeFile(join(root, 'b'), 'old');
    let asked = 0;
    const silent: Prompter = {
      ask<P extends Prompt>(): Promise<PromptAnswers[P['kind']]> {
        asked++;
        return new Promise(() => {});
      },
    };
    const queue = await makeQueue({}, { defaultOverwrite: 'ask' }, silent);
    const [id] = await queue.add([download(join(root, 'a'), join(root, 'b'))]);
    await queue.start();
    while (asked === 0) await new Promise((r) => setTimeout(r, 5));
    await queue.close();
    queues = [];
    expect(byId(queue, id!).state).toBe('queued');
    expect(await readFile(join(root, 'b'), 'utf8')).toBe('old');
  });

  it('creates the missing folders above a target a person typed', async () => {
    await mkdir(join(root, 'src'));
    await writeFile(join(root, 'src/f'), 'f');
    const queue = await makeQueue();
    await queue.add([
      download(join(root, 'src'), join(root, 'new/deeper/dir')),
      download(join(root, 'src/f'), join(root, 'other/place/f')),
    ]);
    await queue.start();
    await queue.whenIdle();
    expect(await readFile(join(root, 'new/deeper/dir/f'), 'utf8')).toBe('f');
    expect(await readFile(join(root, 'other/place/f'), 'utf8')).toBe('f');
  });

  describe('small files (held in memory, written once complete)', () => {
    it('leaves no .part while a small file arrives; paused half-way it restarts from zero', async () => {
      const size = 64 * 1024;
      await writeFile(join(root, 'small'), Buffer.alloc(size, 7));
      const offsets: number[] = [];
      const queue = await makeQueue({ slowBytesPerSecond: size, downloadOffsets: offsets });
      const [id] = await queue.add([download(join(root, 'small'), join(root, 'small-copy'))]);
      await queue.start();
      while (byId(queue, id!).transferred < 16 * 1024) await new Promise((r) => setTimeout(r, 10));
      expect((await readdir(root)).filter((n) => n.startsWith('small-copy'))).toEqual([]);
      await queue.pause();
      while (byId(queue, id!).state === 'active') await new Promise((r) => setTimeout(r, 10));
      expect((await readdir(root)).filter((n) => n.startsWith('small-copy'))).toEqual([]);
      await queue.resume();
      await queue.whenIdle();
      expect(byId(queue, id!).state).toBe('done');
      expect(offsets).toEqual([0, 0]);
      expect(await readFile(join(root, 'small-copy'))).toEqual(Buffer.alloc(size, 7));
    });

    it('a small download that drops half-way leaves nothing on disk, and the retry finishes', async () => {
      const body = Buffer.from('x'.repeat(10_000));
      await writeFile(join(root, 'cut'), body);
      const script: Script = { dropAfterBytes: 4000 };
      const queue = await makeQueue(script);
      const [id] = await queue.add([download(join(root, 'cut'), join(root, 'cut-copy'))]);
      await queue.start();
      await queue.whenIdle();
      expect(byId(queue, id!)).toMatchObject({ state: 'done', attempts: 2 });
      expect(await readFile(join(root, 'cut-copy'))).toEqual(body);
      expect((await readdir(root)).filter((n) => n.endsWith('.part'))).toEqual([]);
    });

    it('a file that grew after it was listed is not held beyond its listed size, and the retry gets all of it', async () => {
      const src = join(root, 'tree');
      await mkdir(src);
      await writeFile(join(src, 'grows.log'), 'a'.repeat(1000));
      let grown = false;
      const queue = await makeQueue({
        downloadFault: (path) => {
          // The server's file changes between the listing and the transfer.
          if (!grown && path.endsWith('grows.log')) {
            grown = true;
            appendFileSync(path, 'b'.repeat(500));
          }
          return null;
        },
      });
      await queue.add([download(src, join(root, 'out'), { isDir: true })]);
      await queue.start();
      await queue.whenIdle();
      const file = queue.list().find((i) => i.source.path.endsWith('grows.log'))!;
      expect(file).toMatchObject({ state: 'done', attempts: 2, size: 1500 });
      expect(await readFile(join(root, 'out', 'grows.log'), 'utf8')).toBe('a'.repeat(1000) + 'b'.repeat(500));
    });
  });
});
