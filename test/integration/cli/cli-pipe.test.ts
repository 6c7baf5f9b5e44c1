/**
 * `ferry ls URL | head`: the reader closes the pipe before the output ends. The CLI must stop
 * quietly, with 141 (as a tool that SIGPIPE ended) while a command runs, not die on an
 * unhandled EPIPE with a stack trace. The read end is closed before the child starts, so its
 * first write always fails.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { buildCli, CLI, ferry, serverUrl, tempDir } from './cli-kit.js';

beforeAll(() => buildCli());

/** Runs the CLI with the reader of `closed` already gone; resolves with the exit code and stderr. */
function ferryIntoClosedPipe(
  args: string[],
  configDir: string,
  closed: 'stdout' | 'stderr' = 'stdout',
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: configDir,
      env: { ...process.env, FERRY_CONFIG_DIR: configDir, DBUS_SESSION_BUS_ADDRESS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child[closed].destroy();
    let stderr = '';
    if (closed === 'stdout') child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('output into a pipe nobody reads', () => {
  let server: RunningServer;
  let configDir: string;
  beforeAll(async () => {
    server = await startServer('vsftpd');
    await server.mkdir('many');
    // Long enough that the listing cannot fit in one write.
    for (let i = 0; i < 300; i++) await server.writeFile(`many/a-rather-long-file-name-${i}.txt`, 'x');
    for (let i = 0; i < 30; i++) {
      if (i < 3) await server.mkdir(`tree/d${i}`);
      await server.writeFile(`tree/d${i % 3}/f${i}.bin`, Buffer.alloc(1000 + i, i));
    }
    configDir = await tempDir('pipe');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  // Help is printed as the command ends, so the failed write is only reported afterwards, when
  // the run's own exit code (0) stands; what matters is that nothing crashes.
  it('--help ends with 0 and no stack trace', async () => {
    const { code, stderr } = await ferryIntoClosedPipe(['--help'], configDir);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
  });

  it('get -r with nobody reading stderr: every file arrives, and the next run starts afresh', async () => {
    const url = serverUrl(server, 'tree', { scheme: 'ftp+insecure' });
    const local = await tempDir('pipe-tree');
    // The summary is the first and last thing written to stderr, after the run's bookkeeping:
    // its failed write is reported once the command is over, and the run's own 0 stands.
    const { code } = await ferryIntoClosedPipe(
      ['get', '-r', url, local, '--parallel', '3'],
      configDir,
      'stderr',
    );
    expect(code).toBe(0);
    for (let i = 0; i < 30; i++) {
      expect(await readFile(join(local, `d${i % 3}`, `f${i}.bin`))).toEqual(Buffer.alloc(1000 + i, i));
    }
    const again = await ferry(['get', '-r', url, local, '--overwrite', 'skip'], { configDir });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/Resuming/);
    expect(again.stderr).toMatch(/30 skipped/);
  });

  it('ls of a long folder ends with 141 and no stack trace', async () => {
    const url = serverUrl(server, 'many', { scheme: 'ftp+insecure' });
    const { code, stderr } = await ferryIntoClosedPipe(['ls', url], configDir);
    expect(code).toBe(141);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
  });
});
