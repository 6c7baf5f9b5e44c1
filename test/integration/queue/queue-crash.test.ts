/**
 * `kill -9` the process running the queue in the middle of a transfer, start it again: it
 * finishes with identical files, resumes the interrupted file from its .part, and redoes
 * nothing that was already finished.
 */
import { spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferItem } from '../../../src-shared/model.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { fingerprint, makeTree } from './tree-kit.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIG = 8 * 1024 * 1024;

interface RunnerOutput {
  items: TransferItem[];
  downloads: { path: string; offset: number }[];
}

describe('queue crash and restart', () => {
  let server: RunningServer;
  let work: string;
  let runner: string;

  beforeAll(async () => {
    server = await startServer('vsftpd');
    work = mkdtempSync(join(tmpdir(), 'ferry-queue-crash-'));
    const tree = join(server.root, 'tree');
    makeTree(tree, 300);
    // Listed last, so small files are finished (and must not be redone) when the big ones are mid-way.
    mkdirSync(join(tree, 'zz-big'));
    for (let i = 0; i < 3; i++) writeFileSync(join(tree, 'zz-big', `big-${i}.bin`), Buffer.alloc(BIG, i + 1));
    chownSync(join(tree, 'zz-big'), statSync(server.root).uid, statSync(server.root).gid);
    runner = join(work, 'queue-runner.mjs');
    await build({
      entryPoints: [join(HERE, 'queue-runner.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: runner,
      logLevel: 'error',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  function start(config: object) {
    const child = spawn(process.execPath, [runner, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, output: () => out, errors: () => err };
  }

  it('finishes after kill -9 with identical files, resuming the .part and redoing nothing finished', async () => {
    const target = join(work, 'down');
    const config = {
      journalDir: join(work, 'journal'),
      server: { host: server.host, port: server.port, user: server.user, password: server.password },
      request: {
        direction: 'download',
        source: { location: 'vsftpd', path: `${server.remoteRoot.replace(/\/$/, '')}/tree` },
        target: { location: 'local', path: target },
      },
      // Slow enough that the big files are surely mid-way when the kill comes.
      settings: {
        maxConnectionsPerSite: 4,
        downloadLimit: 4 * 1024 * 1024,
        retryBaseMs: 100,
        retryCapMs: 1000,
      },
    };

    const first = start(config);
    let exitedEarly = false;
    void first.exited.then(() => (exitedEarly = true));
    const deadline = Date.now() + 60_000;
    let partial: string | null = null;
    while (Date.now() < deadline && !partial && !exitedEarly) {
      await new Promise((r) => setTimeout(r, 50));
      const parts = listFiles(target).filter(
        (f) => f.endsWith('.part') && sizeOf(join(target, f)) > 256 * 1024,
      );
      if (parts.length > 0 && listFiles(target).length > 30) partial = parts[0]!;
    }
    expect(
      partial,
      `runner exited early: ${exitedEarly}\n${first.errors()}${first.output().slice(0, 2000)}`,
    ).not.toBeNull();
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const finishedBefore = new Set(listFiles(target).filter((f) => !f.endsWith('.part')));
    const partSizes = new Map(
      listFiles(target)
        .filter((f) => f.endsWith('.part'))
        .map((f) => [f.slice(0, -'.part'.length), statSync(join(target, f)).size]),
    );

    const second = start(config);
    const { code } = await second.exited;
    expect(code, second.errors()).toBe(0);
    const result = JSON.parse(second.output()) as RunnerOutput;

    expect(await fingerprint(target)).toEqual(await fingerprint(join(server.root, 'tree')));
    expect(listFiles(target).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(result.items.filter((i) => i.state !== 'done')).toEqual([]);
    const targets = result.items.map((i) => i.target.path);
    expect(new Set(targets).size).toBe(targets.length);

    const remoteTree = `${server.remoteRoot.replace(/\/$/, '')}/tree/`;
    const redone = result.downloads.filter((d) => finishedBefore.has(d.path.slice(remoteTree.length)));
    expect(redone).toEqual([]);
    const resumed = result.downloads.filter((d) => d.offset > 0);
    expect(resumed.length).toBeGreaterThan(0);
    for (const d of resumed) {
      const before = partSizes.get(d.path.slice(remoteTree.length));
      expect(before).toBeDefined();
      expect(d.offset).toBeLessThanOrEqual(before!);
    }
  });
});

function listFiles(root: string): string[] {
  try {
    return (readdirSync(root, { recursive: true }) as string[])
      .filter((name) => sizeOf(join(root, name)) >= 0)
      .map((name) => relative(root, join(root, name)));
  } catch {
    return [];
  }
}

/** -1 for folders and for files renamed away meanwhile (the queue is running while we look). */
function sizeOf(path: string): number {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : -1;
  } catch {
    return -1;
  }
}
