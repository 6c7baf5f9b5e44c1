/**
 * Web mode and the app keep their transfer queue in the same config folder. A second process
 * on that folder (web mode started twice, or beside the app) would run the same queue items
 * into the same .part files; it must refuse to start, saying why, and leave the first alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildCli, tempDir } from '../cli/cli-kit.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startWebMode(configDir: string): {
  child: ChildProcess;
  ready: Promise<string>;
  exit: Promise<{ code: number | null; stderr: string }>;
} {
  const env: NodeJS.ProcessEnv = { ...process.env, FERRY_CONFIG_DIR: configDir };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn(process.execPath, [join(REPO, 'dist', 'web.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /Ferry web mode: (\S+)/.exec(stdout);
      if (url) resolve(url[1]!);
    });
    void exit.then(({ code, stderr: said }) => reject(new Error(`web mode exited (${code}): ${said}`)));
  });
  return { child, ready, exit };
}

it('a second web mode on the same config folder refuses to start, naming the first; once it stops, a new one starts', async () => {
  buildCli();
  const configDir = await tempDir('web-twice');
  const first = startWebMode(configDir);
  await first.ready;

  const second = startWebMode(configDir);
  second.ready.catch(() => undefined);
  const refused = await second.exit;
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe(
    `Ferry web mode cannot start: Another Ferry process (${first.child.pid}) is running this transfer queue.\n` +
      `Wait for it to finish or stop it. If no other Ferry is running, delete ${join(configDir, 'queue', 'queue.lock')}.\n`,
  );
  expect(first.child.exitCode).toBeNull();

  first.child.kill('SIGTERM');
  expect((await first.exit).code).toBe(0);
  const third = startWebMode(configDir);
  expect(await third.ready).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
});
