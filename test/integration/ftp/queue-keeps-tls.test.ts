/**
 * An `ftp://` quick connection (TLS if offered) whose session is encrypted: the UI shows a lock.
 * Files queued from it are moved over the queue's own connections (LocationRegistry.connect,
 * as create-app.ts wires it). When the server, or someone in between, refused AUTH TLS for such
 * a connection, the queue logged in in plain text with the session's password. The session's
 * target now requires TLS once the session had it (keeping-tls.ts), for every connection made
 * from it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConnector } from '../../../src-main/app/connector.js';
import { LocationRegistry } from '../../../src-main/app/location-registry.js';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';
import { EventBus } from '../../../src-main/service/event-bus.js';
import type { SiteCatalog } from '../../../src-main/service/ports.js';
import { SessionRegistry } from '../../../src-main/service/session-registry.js';
import { startTlsStrippingServer, type TlsStrippingServer } from './tls-stripping-server.js';

let server: TlsStrippingServer;

beforeAll(async () => {
  server = await startTlsStrippingServer();
});

afterAll(() => server?.close());

it("the queue's own connection for an encrypted ftp:// session does not fall back to plain text", async () => {
  const connector = createConnector({ configDir: server.dir, trustStore: new MemoryCertificateTrustStore() });
  const sessions = new SessionRegistry(
    new EventBus(),
    connector,
    refusingPrompter,
    {} as RemoteFileSystem,
    '/',
  );
  const locations = new LocationRegistry(connector, {} as SiteCatalog, refusingPrompter, silentLogger);

  const info = await sessions.open(server.target);
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

  expect(server.connections).toBe(2);
  expect(server.heardInPlain.filter((line) => line.startsWith('PASS '))).toEqual([]);
  expect(outcome).toMatchObject({ code: 'TLS' });
  await sessions.closeAll();
});
