/**
 * A bus that accepts the connection and then says nothing (a hung keyring): every call must
 * end with KEYCHAIN_UNAVAILABLE after the store's timeout, never hang. Own file, since the
 * keyring binding binds to the bus address once per process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../../src-main/keychain/index.js';

let dir: string;
let server: Server;
const sockets = new Set<Socket>();
const previousAddress = process.env['DBUS_SESSION_BUS_ADDRESS'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-hung-keychain-'));
  const path = join(dir, 'silent-bus');
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  process.env['DBUS_SESSION_BUS_ADDRESS'] = `unix:path=${path}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  if (previousAddress === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
  else process.env['DBUS_SESSION_BUS_ADDRESS'] = previousAddress;
  rmSync(dir, { recursive: true, force: true });
});

it('gives up on a silent keyring with KEYCHAIN_UNAVAILABLE', async () => {
  const secrets = new KeyringSecretStore({ service: 'FerryTest', timeoutMs: 1_000 });
  await expect(secrets.get('a')).rejects.toMatchObject({
    code: 'KEYCHAIN_UNAVAILABLE',
    message: expect.stringMatching(/D-Bus session bus .* did not answer within 0.5 s/),
  });
  expect(await secrets.available()).toBe(false);
}, 20_000);
