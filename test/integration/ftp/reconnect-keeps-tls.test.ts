/**
 * An `ftp://` site (TLS if offered) whose first connection was encrypted. The server connection
 * drops; the next call reconnects transparently. On the reconnect AUTH TLS is refused (what a
 * man in the middle does to strip TLS): the new connection used to log in in plain text while
 * the session the UI showed still said "secure". A reconnect now requires TLS (as ftpes).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryEvent } from '../../../src-shared/events.js';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { createConnector } from '../../../src-main/app/connector.js';
import { EventBus } from '../../../src-main/service/event-bus.js';
import { SessionRegistry } from '../../../src-main/service/session-registry.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';
import { startTlsStrippingServer, type TlsStrippingServer } from './tls-stripping-server.js';

let server: TlsStrippingServer;

beforeAll(async () => {
  server = await startTlsStrippingServer();
});

afterAll(() => server?.close());

it('a session shown as encrypted does not silently continue in plain text after a reconnect', async () => {
  const bus = new EventBus();
  const events: FerryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const connector = createConnector({ configDir: server.dir, trustStore: new MemoryCertificateTrustStore() });
  const registry = new SessionRegistry(bus, connector, refusingPrompter, {} as RemoteFileSystem, '/');

  const info = await registry.open(server.target);
  expect(info.secure).toBe(true);
  expect(info.security).toMatchObject({ kind: 'tls' });

  // The server side of the first control connection goes away.
  const first = await registry.fs(info.id);
  server.sockets[0]!.destroy();
  for (let i = 0; i < 100 && first.connected; i++) await new Promise((r) => setTimeout(r, 20));
  expect(first.connected).toBe(false);

  // The next action reconnects, and the server (or someone in between) now refuses AUTH TLS:
  // the reconnect fails instead of going on in plain text under the lock the user still sees.
  await expect(registry.fs(info.id)).rejects.toMatchObject({ code: 'TLS' });
  expect(server.connections).toBe(2);
  expect(server.heardInPlain.filter((line) => line.startsWith('PASS '))).toEqual([]);
  expect(registry.info(info.id).secure).toBe(true);
});
