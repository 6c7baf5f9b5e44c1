/**
 * `ferry get -r` at a terminal, certificate answered "y" (trust once). "Trust once" means for
 * this run (run-trust.ts): the queue's other connections to the same server do not ask again.
 * The CLI built a new connector, and with it a new, empty RunTrust, for each connection the
 * queue opened, so the person was asked again for every one; it now keeps one per run.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { buildCli, ferryAtTerminal, serverUrl, tempDir } from './cli-kit.js';

let server: RunningServer;

beforeAll(async () => {
  buildCli();
  server = await startServer('vsftpd-ftps-implicit');
  for (let i = 0; i < 6; i++) await server.writeFile(`tree/f${i}.txt`, `file ${i}\n`.repeat(100));
});
afterAll(async () => {
  await server?.dispose();
});

it('a certificate trusted "once" is asked about once per run, not once per queue connection', async () => {
  const configDir = await tempDir('trust-once');
  const local = await tempDir('trust-once-local');
  const question = /Trust it\?/g;
  // Answer "y" to as many questions as come, so that the run finishes either way.
  const yes = (n: number) => ({ waitFor: new RegExp(`(Trust it\\?[\\s\\S]*){${n}}`), send: 'y\r' });
  const result = await ferryAtTerminal(
    ['get', '-r', '--parallel', '2', serverUrl(server, 'tree', { scheme: 'ftps' }), local],
    [yes(1), yes(2), yes(3), yes(4), yes(5)],
    { configDir, cwd: local },
  );
  expect(result.code, result.output).toBe(0);
  expect(result.output.match(question)?.length ?? 0, result.output).toBe(1);
});
