/** How the engine fails: each failure is a typed FerryError with the reply and a hint, never a hang. */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { posix, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { connectFtp } from '../../../src-main/ftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectTo, download, HashSink, RecordingLogger } from './ftp-test-kit.js';

const started: RunningServer[] = [];
async function start(...args: Parameters<typeof startServer>): Promise<RunningServer> {
  const server = await startServer(...args);
  started.push(server);
  return server;
}
afterAll(async () => {
  for (const server of started) await server.stop();
});

class ScriptedPrompter implements Prompter {
  readonly asked: Prompt[] = [];
  constructor(private readonly trust: 'once' | 'always' | 'reject') {}
  ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    this.asked.push(prompt);
    return Promise.resolve({ trust: this.trust } as PromptAnswers[P['kind']]);
  }
}

describe('login', () => {
  it('a wrong password is LOGIN_FAILED with the 530 reply, and the password is not echoed', async () => {
    const server = await start('vsftpd');
    const logger = new RecordingLogger();
    const error = await connectTo(server, { password: 'wrong-secret' }, { logger }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'LOGIN_FAILED', retryable: false, reply: { code: 530 } });
    expect((error as Error).message).not.toContain('wrong-secret');
    expect(logger.text()).not.toContain('wrong-secret');
  });
});

describe('certificates', () => {
  let server: RunningServer;
  it('an untrusted certificate with a refusing prompter is CERTIFICATE_UNTRUSTED, naming the fingerprint', async () => {
    server = await start('vsftpd-ftps-explicit');
    const prompter = new ScriptedPrompter('reject');
    const error = await connectTo(server, { tlsFingerprint: undefined }, { prompter }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'CERTIFICATE_UNTRUSTED', retryable: false });
    expect((error as Error).message).toContain(server.certFingerprint256);
    expect(prompter.asked[0]).toMatchObject({
      kind: 'certificate',
      certificate: { fingerprint256: server.certFingerprint256, host: '127.0.0.1', port: server.port },
    });
  });

  it('the site fingerprint lets it through without asking', async () => {
    const prompter = new ScriptedPrompter('reject');
    const fs = await connectTo(server, { tlsFingerprint: server.certFingerprint256 }, { prompter });
    expect(fs.security?.certificate?.fingerprint256).toBe(server.certFingerprint256);
    expect(prompter.asked).toHaveLength(0);
    await fs.close();
  });

  it('"always" pins the certificate; a changed pin is CERTIFICATE_CHANGED naming both fingerprints', async () => {
    const trustStore = new MemoryCertificateTrustStore();
    const fs = await connectTo(
      server,
      { tlsFingerprint: undefined },
      { prompter: new ScriptedPrompter('always'), trustStore },
    );
    await fs.close();
    expect((await trustStore.get('127.0.0.1', server.port))?.fingerprint256).toBe(server.certFingerprint256);
    const again = new ScriptedPrompter('reject');
    await (await connectTo(server, { tlsFingerprint: undefined }, { prompter: again, trustStore })).close();
    expect(again.asked).toHaveLength(0);

    const old = 'AA:'.repeat(31) + 'AA';
    await trustStore.pin('127.0.0.1', server.port, { fingerprint256: old });
    const error = await connectTo(
      server,
      { tlsFingerprint: undefined },
      { prompter: new ScriptedPrompter('always'), trustStore },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CERTIFICATE_CHANGED', retryable: false });
    expect((error as Error).message).toContain(old);
    expect((error as Error).message).toContain(server.certFingerprint256);
  });

  it('ftp:// on a server offering AUTH TLS is encrypted; on one without it, marked insecure', async () => {
    const tlsFs = await connectTo(server, { protocol: 'ftp' });
    expect(tlsFs.security?.kind).toBe('tls');
    await tlsFs.close();
    const plain = await start('vsftpd');
    const logger = new RecordingLogger();
    const plainFs = await connectTo(plain, { protocol: 'ftp' }, { logger });
    expect(plainFs.security?.kind).toBe('none');
    expect(logger.text()).toContain('NOT encrypted');
    await plainFs.close();
    await expect(connectTo(plain, { protocol: 'ftpes' })).rejects.toMatchObject({ code: 'TLS' });
  });
});

describe('NAT: a PASV reply naming another address', () => {
  it('connects to the control peer instead and logs why', async () => {
    const server = await start('pyftpdlib', { masqueradeAddress: '10.99.0.1' });
    writeFileSync(join(server.root, 'nat.txt'), 'through the peer');
    const logger = new RecordingLogger();
    // EPSV carries no address: PASV only, to exercise the rewrite.
    const fs = await connectTo(server, {}, { logger, options: { passiveCommands: ['PASV'] } });
    expect((await download(fs, posix.join(server.remoteRoot, 'nat.txt'))).toString()).toBe(
      'through the peer',
    );
    expect(logger.text()).toMatch(/named 10\.99\.0\.1 .*connecting to 127\.0\.0\.1/);
    await fs.close();
  });
});

describe('broken servers', () => {
  const fakes: Server[] = [];
  afterEach(() => {
    for (const fake of fakes.splice(0)) fake.close();
  });

  async function fake(onConnection: (socket: Socket) => void): Promise<number> {
    const server = createServer((socket) => {
      socket.on('error', () => undefined);
      onConnection(socket);
    });
    fakes.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  }

  const deps = {
    logger: new RecordingLogger(),
    prompter: new ScriptedPrompter('reject'),
    trustStore: new MemoryCertificateTrustStore(),
  };

  it('a malformed greeting is a PROTOCOL error', async () => {
    const port = await fake((socket) => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await expect(
      connectFtp({ protocol: 'ftp-insecure', host: '127.0.0.1', port }, deps),
    ).rejects.toMatchObject({
      code: 'PROTOCOL',
    });
  });

  it('an endless reply line is a PROTOCOL error, not a hang', async () => {
    const port = await fake((socket) => socket.write(`220 ${'x'.repeat(200_000)}`));
    await expect(
      connectFtp({ protocol: 'ftp-insecure', host: '127.0.0.1', port }, deps),
    ).rejects.toMatchObject({
      code: 'PROTOCOL',
    });
  });

  it('a malformed reply after login is a PROTOCOL error and later calls say why the session died', async () => {
    const port = await fake((socket) => {
      socket.write('220 fake\r\n');
      socket.on('data', (data: Buffer) => {
        const line = data.toString();
        if (line.startsWith('USER')) socket.write('230 in\r\n');
        else if (line.startsWith('FEAT')) socket.write('211 none\r\n');
        else if (line.startsWith('PWD')) socket.write('257 "/"\r\n');
        else socket.write('garbage without a code\r\n');
      });
    });
    const fs = await connectFtp(
      { protocol: 'ftp-insecure', host: '127.0.0.1', port, user: 'u', password: 'p' },
      deps,
    );
    const session = await fs.ftpSession();
    await expect(session.raw('NOOP')).rejects.toMatchObject({ code: 'PROTOCOL' });
    await expect(session.raw('NOOP')).rejects.toMatchObject({ code: 'PROTOCOL', message: /malformed reply/ });
    await fs.close();
  });

  it('a server that never replies is a TIMEOUT', async () => {
    const port = await fake(() => undefined);
    await expect(
      connectFtp({ protocol: 'ftp-insecure', host: '127.0.0.1', port }, deps, { timeouts: { replyMs: 300 } }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('nothing listening is CONNECTION_FAILED, retryable', async () => {
    const port = await fake(() => undefined);
    fakes.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(
      connectFtp({ protocol: 'ftp-insecure', host: '127.0.0.1', port }, deps),
    ).rejects.toMatchObject({
      code: 'CONNECTION_FAILED',
      retryable: true,
    });
  });
});

describe('a server that drops the connection mid-transfer', () => {
  it('fails with CONNECTION_LOST, retryable', async () => {
    const server = await start('pyftpdlib');
    const big = Buffer.alloc(64 * 1024 * 1024, 7);
    writeFileSync(join(server.root, 'big.bin'), big);
    const fs = await connectTo(server);
    const sink = new HashSink();
    let stopping: Promise<void> | null = null;
    const error = await fs
      .download(posix.join(server.remoteRoot, 'big.bin'), sink, {
        onProgress: (bytes) => {
          if (bytes > 4 * 1024 * 1024 && !stopping) stopping = server.stop();
        },
      })
      .catch((caught: unknown) => caught);
    await stopping;
    expect(error).toMatchObject({ code: 'CONNECTION_LOST', retryable: true });
    expect(sink.bytes).toBeLessThan(big.length);
    await server.start();
    // The next call reconnects transparently.
    expect(await fs.stat(posix.join(server.remoteRoot, 'big.bin'))).toMatchObject({ size: big.length });
    await fs.close();
  });
});
