/**
 * An `ftp://` quick connection (TLS if offered) whose session is encrypted: the UI shows a lock.
 * Files queued from it are moved over the queue's own connections (LocationRegistry.connect,
 * as create-app.ts wires it). When the server, or someone in between, refused AUTH TLS for such
 * a connection, the queue logged in in plain text with the session's password. The session's
 * target now requires TLS once the session had it (keeping-tls.ts), for every connection made
 * from it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { createConnector } from '../../../src-main/app/connector.js';
import { LocationRegistry } from '../../../src-main/app/location-registry.js';
import { EventBus } from '../../../src-main/service/event-bus.js';
import type { SiteCatalog } from '../../../src-main/service/ports.js';
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
  switch (line.split(' ')[0]!.toUpperCase()) {
    case 'USER':
      return '331 Password required\r\n';
    case 'PASS':
      return '230 Logged in\r\n';
    case 'FEAT':
      return '211 no features\r\n';
    case 'PWD':
      return '257 "/" is cwd\r\n';
    case 'QUIT':
      return '221 Bye\r\n';
    default:
      return '200 ok\r\n';
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-queue-keeps-tls-'));
  cert = makeCert(dir);
  server = createServer((plain) => {
    connections += 1;
    const first = connections === 1;
    sockets.push(plain);
    plain.on('error', () => undefined);
    plain.write('220 server\r\n');
    answerLines(plain, (line) => {
      if (line === 'AUTH TLS') {
        // The session's connection: TLS. The queue's connection: TLS stripped.
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

it("the queue's own connection for an encrypted ftp:// session does not fall back to plain text", async () => {
  const connector = createConnector({ configDir: dir, trustStore: new MemoryCertificateTrustStore() });
  const sessions = new SessionRegistry(new EventBus(), connector, refusingPrompter, {} as RemoteFileSystem, '/');
  const locations = new LocationRegistry(connector, {} as SiteCatalog, refusingPrompter, silentLogger);

  const info = await sessions.open({
    protocol: 'ftp',
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    user: 'ann',
    password: 's3cret',
    tlsFingerprint: cert.fingerprint256,
    transferMode: 'passive',
  });
  expect(info.security).toMatchObject({ kind: 'tls' });

  // What queuePort does when a download is queued from this session, then what the queue does.
  const target = sessions.target(info.id);
  if (target === 'local') throw new Error('unexpected');
  const key = locations.keyFor(target);
  const outcome = await locations.connect(key).then(
    async (fs) => {
      const security = fs.security;
      await fs.close();
      return { connected: security };
    },
    (error: unknown) => error,
  );

  expect(connections).toBe(2);
  expect(heardInPlain.filter((line) => line.startsWith('PASS '))).toEqual([]);
  expect(outcome).toMatchObject({ code: 'TLS' });
  await sessions.closeAll();
});
