/**
 * An `ftp://` site (TLS if offered) whose first connection was encrypted. The server connection
 * drops; the next call reconnects transparently. On the reconnect AUTH TLS is refused (what a
 * man in the middle does to strip TLS): the new connection used to log in in plain text while
 * the session the UI showed still said "secure". A reconnect now requires TLS (as ftpes).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryEvent } from '../../../src-shared/events.js';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { createConnector } from '../../../src-main/app/connector.js';
import { EventBus } from '../../../src-main/service/event-bus.js';
import { SessionRegistry } from '../../../src-main/service/session-registry.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';
import { makeCert, type SelfSignedCert } from '../../harness/make-cert.js';
import { answerLines } from './ftp-test-kit.js';

let dir: string;
let cert: SelfSignedCert;
let server: Server;
let connections = 0;
const sockets: Socket[] = [];
const heardInPlain: string[] = [];

function ftpAnswer(line: string): string {
  const verb = line.split(' ')[0]!.toUpperCase();
  switch (verb) {
    case 'USER':
      return '331 Password required\r\n';
    case 'PASS':
      return '230 Logged in\r\n';
    case 'FEAT':
      return '211 no features\r\n';
    case 'PBSZ':
      return '200 PBSZ=0\r\n';
    case 'PROT':
      return '200 Protection set\r\n';
    case 'PWD':
      return '257 "/" is cwd\r\n';
    case 'QUIT':
      return '221 Bye\r\n';
    default:
      return '200 ok\r\n';
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-review-downgrade-'));
  cert = makeCert(dir);
  server = createServer((plain) => {
    connections += 1;
    const first = connections === 1;
    sockets.push(plain);
    plain.on('error', () => undefined);
    plain.write('220 server\r\n');
    answerLines(plain, (line) => {
      if (line === 'AUTH TLS') {
        // The first connection: TLS. Later ones: TLS stripped (someone in the middle).
        if (!first) return '500 AUTH not understood\r\n';
        plain.removeAllListeners('data');
        plain.write('234 Proceed\r\n', () => {
          const secure = new TLSSocket(plain, {
            isServer: true,
            cert: readFileSync(cert.certFile),
            key: readFileSync(cert.keyFile),
          });
          answerLines(secure, ftpAnswer);
        });
        return null;
      }
      heardInPlain.push(line);
      return ftpAnswer(line);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});

afterAll(() => {
  server?.close();
  for (const socket of sockets) socket.destroy();
  rmSync(dir, { recursive: true, force: true });
});

it('a session shown as encrypted does not silently continue in plain text after a reconnect', async () => {
  const bus = new EventBus();
  const events: FerryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const connector = createConnector({ configDir: dir, trustStore: new MemoryCertificateTrustStore() });
  const registry = new SessionRegistry(bus, connector, refusingPrompter, {} as RemoteFileSystem, '/');

  const info = await registry.open({
    protocol: 'ftp',
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    user: 'ann',
    password: 's3cret',
    tlsFingerprint: cert.fingerprint256,
    transferMode: 'passive',
  });
  expect(info.secure).toBe(true);
  expect(info.security).toMatchObject({ kind: 'tls' });

  // The server side of the first control connection goes away.
  const first = await registry.fs(info.id);
  sockets[0]!.destroy();
  for (let i = 0; i < 100 && first.connected; i++) await new Promise((r) => setTimeout(r, 20));
  expect(first.connected).toBe(false);

  // The next action reconnects, and the server (or someone in between) now refuses AUTH TLS:
  // the reconnect fails instead of going on in plain text under the lock the user still sees.
  await expect(registry.fs(info.id)).rejects.toMatchObject({ code: 'TLS' });
  expect(connections).toBe(2);
  expect(heardInPlain.filter((line) => line.startsWith('PASS '))).toEqual([]);
  expect(registry.info(info.id).secure).toBe(true);
});
