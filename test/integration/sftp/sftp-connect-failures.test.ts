/** Connection failures before SSH even starts: typed, with hints, and never hanging. */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSftp } from '../../../src-main/sftp/index.js';
import { isolatedDeps, scratchDir } from './sftp-test-kit.js';

let silent: Server;
let silentPort: number;
let scratch: { dir: string; remove: () => void };

beforeAll(async () => {
  scratch = scratchDir();
  // Accepts TCP and never says a word: a firewall or a wedged server. It reads (and drops)
  // what it gets, so it notices when the client hangs up and close() can finish.
  silent = createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  silentPort = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await new Promise((resolve) => silent.close(resolve));
  scratch.remove();
});

describe('SFTP connection failures', () => {
  it('times out a server that never greets, as TIMEOUT', async () => {
    const deps = isolatedDeps(`${scratch.dir}/kh`, { timeoutMs: 500 });
    const error = await connectSftp(
      { protocol: 'sftp', host: '127.0.0.1', port: silentPort, user: 'x' },
      deps,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, hint: expect.any(String) });
  });

  it('reports a refused connection as CONNECTION_FAILED', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    const error = await connectSftp(
      { protocol: 'sftp', host: '127.0.0.1', port, user: 'x' },
      isolatedDeps(`${scratch.dir}/kh`),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', hint: expect.any(String) });
  });
});
