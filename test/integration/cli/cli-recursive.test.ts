/**
 * ferry get -r / put -r: the transfer queue run headless by the CLI, against vsftpd. A tree of
 * 300 files (nested, unicode, empty) both ways over 4 connections, sha256 per file; the skip
 * policy; a failing item (non-zero exit, listed, retried by re-running); and kill -9 midway,
 * then the same command again finishing with identical files.
 */
import { chmod, chown, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { makeTree } from '../queue/tree-kit.js';
import {
  buildCli,
  ferry,
  patternBytes,
  serverUrl,
  spawnFerry,
  tempDir,
  treeHashes,
  type CliOptions,
} from './cli-kit.js';

describe('ferry get -r / put -r against vsftpd', () => {
  let server: RunningServer;
  let local: string;
  let cli: CliOptions;
  const url = (relativePath: string): string => serverUrl(server, relativePath, { scheme: 'ftp+insecure' });

  beforeAll(async () => {
    buildCli();
    server = await startServer('vsftpd');
    local = await tempDir('recursive-local');
    cli = { configDir: await tempDir('recursive-config'), cwd: local };
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('put -r then get -r of 300 files over 4 connections: every sha256 matches', async () => {
    const source = join(local, 'source');
    makeTree(source, 300, 3);
    const expected = await treeHashes(source);
    expect(expected.size).toBe(300);

    const put = await ferry(['put', '-r', '--parallel', '4', source, url('mirror')], cli);
    expect(put.stderr).toMatch(/300 file\(s\).*0 failed/);
    expect(put.code).toBe(0);
    expect(await treeHashes(server.localPath('mirror'))).toEqual(expected);

    const get = await ferry(['get', '-r', '--parallel', '4', url('mirror'), 'copy'], cli);
    expect(get.stderr).toMatch(/300 file\(s\).*0 failed/);
    expect(get.code).toBe(0);
    expect(await treeHashes(join(local, 'copy'))).toEqual(expected);
    // A finished run leaves no journal behind: the next run of the same command starts afresh.
    expect(await readdir(join(cli.configDir, 'cli-queues'))).toEqual([]);

    // --overwrite skip: a different local file stays as it is.
    const [someFile] = [...expected.keys()].filter((name) => name.includes('/'));
    await writeFile(join(local, 'copy', someFile!), 'mine, not the server');
    const skip = await ferry(['get', '-r', '--overwrite', 'skip', url('mirror'), 'copy'], cli);
    expect(skip.code).toBe(0);
    expect(skip.stderr).toMatch(/300 skipped/);
    expect(await readFile(join(local, 'copy', someFile!), 'utf8')).toBe('mine, not the server');
  });

  it('a failing item makes the exit code non-zero and is listed; re-running retries it', async () => {
    await server.writeFile('partly/fine.txt', 'fine');
    await server.writeFile('partly/sub/also fine.txt', 'also fine');
    const locked = await server.writeFile('partly/sub/locked.txt', 'locked');
    await chown(locked, 0, 0);
    await chmod(locked, 0o600);

    const first = await ferry(['get', '-r', url('partly'), 'partly'], cli);
    expect(first.code).toBe(4);
    expect(first.stderr).toMatch(/^failed: .*locked\.txt: .*550/m);
    expect(first.stderr).toMatch(/2 file\(s\).*1 failed/);
    expect(await readFile(join(local, 'partly/fine.txt'), 'utf8')).toBe('fine');

    // The cause goes away; the same command picks up the failed item (and only it).
    await chmod(locked, 0o644);
    const second = await ferry(['get', '-r', url('partly'), 'partly'], cli);
    expect(second.stderr).toMatch(/Resuming/);
    expect(second.stderr).toMatch(/0 failed/);
    expect(second.code).toBe(0);
    expect(await readFile(join(local, 'partly/sub/locked.txt'), 'utf8')).toBe('locked');
  });

  it('kill -9 of a running get -r, then the same command again: identical files, no .part left', async () => {
    const files = 24;
    for (let i = 0; i < files; i++) {
      await server.writeFile(`big/${i % 3}/file ${i}.bin`, patternBytes(1_500_000 + i * 1000, i + 100));
    }
    const expected = await treeHashes(server.localPath('big'));
    const args = ['get', '-r', '--parallel', '4', url('big'), 'big'];

    // Slowed down so the kill surely lands midway, not after the end.
    const child = spawnFerry([...args, '--limit-rate', '6M'], cli);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
    await waitFor(async () => (await bytesBelow(join(local, 'big'))) > 4_000_000, 30_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = await treeHashes(join(local, 'big'));
    expect([...before.keys()].some((name) => name.endsWith('.part'))).toBe(true);

    const rerun = await ferry(args, cli);
    expect(rerun.stderr).toMatch(/Resuming/);
    expect(rerun.code).toBe(0);
    expect(await treeHashes(join(local, 'big'))).toEqual(expected);
  });

  it('the same get -r started twice at once: the second refuses, the first finishes intact', async () => {
    for (let i = 0; i < 6; i++) {
      await server.writeFile(`twice/file ${i}.bin`, patternBytes(1_000_000 + i, i + 7));
    }
    const expected = await treeHashes(server.localPath('twice'));
    const args = ['get', '-r', '--parallel', '2', url('twice'), 'twice'];
    const first = spawnFerry([...args, '--limit-rate', '3M'], cli);
    const firstExit = new Promise<number | null>((resolve) => first.once('exit', (code) => resolve(code)));
    await waitFor(async () => (await bytesBelow(join(local, 'twice'))) > 500_000, 30_000);

    const second = await ferry(args, cli);
    expect(second.stderr).toContain(`Another Ferry process (${first.pid}) is running this transfer queue`);
    expect(second.code).toBe(1);
    expect(await firstExit).toBe(0);
    expect(await treeHashes(join(local, 'twice'))).toEqual(expected);
    expect(await readdir(join(cli.configDir, 'cli-queues'))).toEqual([]);
  });
});

async function bytesBelow(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile())
      total += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
