/**
 * A session disconnected while it is still connecting, or while its reconnect (after a server
 * drop) is in flight. The connection being made used to outlive the session, open and out of
 * reach, and a tab still connecting could not be disconnected at all ("That connection is
 * closed"); now the session is listed from the start and a late connection is closed.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionTarget } from '../../../src-shared/model.js';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';
import { EventBus } from '../../../src-main/service/event-bus.js';
import type { Connector } from '../../../src-main/service/ports.js';
import { SessionRegistry } from '../../../src-main/service/session-registry.js';

interface FakeFs extends RemoteFileSystem {
  connected: boolean;
  closed: boolean;
  name: string;
}

function fakeFs(name: string): FakeFs {
  const fs = {
    name,
    protocol: 'ftp' as const,
    security: null,
    connected: true,
    closed: false,
    home: async () => '/',
    list: async () => [],
    close: async () => {
      fs.closed = true;
      fs.connected = false;
    },
  };
  return fs as unknown as FakeFs;
}

const target: ConnectionTarget = { protocol: 'ftp', host: '127.0.0.1', port: 2121, user: 'u', password: 'p' };

describe('SessionRegistry: disconnect while connecting or reconnecting', () => {
  it('closes the connection the reconnect opens after the session was disconnected', async () => {
    const opened: FakeFs[] = [];
    let releaseReconnect: () => void = () => undefined;
    const connector: Connector = async () => {
      const fs = fakeFs(`conn-${opened.length + 1}`);
      opened.push(fs);
      // The second connection (the reconnect) takes a while: a slow server, a TLS handshake.
      if (opened.length === 2) await new Promise<void>((resolve) => (releaseReconnect = resolve));
      return fs;
    };
    const registry = new SessionRegistry(new EventBus(), connector, refusingPrompter, fakeFs('local'), '/');
    const info = await registry.open(target);

    // The server drops the connection; the next button press reconnects.
    opened[0]!.connected = false;
    const reconnecting = registry.fs(info.id);
    await new Promise((r) => setImmediate(r));
    expect(opened).toHaveLength(2);

    // Meanwhile the user closes the tab.
    await registry.close(info.id);
    expect(registry.list().map((s) => s.id)).not.toContain(info.id);

    releaseReconnect();
    await reconnecting.catch(() => undefined);
    await new Promise((r) => setImmediate(r));

    // Every connection this session opened must be closed once it is disconnected.
    expect(opened.map((fs) => `${fs.name}: ${fs.closed ? 'closed' : 'OPEN'}`)).toEqual([
      'conn-1: closed',
      'conn-2: closed',
    ]);
  });

  it('lets the user disconnect a tab that is still connecting, and closes that connection', async () => {
    const opened: FakeFs[] = [];
    let release: () => void = () => undefined;
    const connector: Connector = async () => {
      const fs = fakeFs(`conn-${opened.length + 1}`);
      opened.push(fs);
      // A slow server, or a certificate / host-key question still open.
      await new Promise<void>((resolve) => (release = resolve));
      return fs;
    };
    const bus = new EventBus();
    const events: string[] = [];
    let sessionId = '';
    bus.subscribe((event) => {
      if (event.type === 'session') {
        sessionId = event.session.id;
        events.push(`session ${event.session.state}`);
      }
      if (event.type === 'session-closed') events.push('session-closed');
    });
    const registry = new SessionRegistry(bus, connector, refusingPrompter, fakeFs('local'), '/');
    const opening = registry.open(target);
    await new Promise((r) => setImmediate(r));
    // The renderer shows the tab (state "connecting") with its Disconnect button; the user clicks it.
    expect(events).toEqual(['session connecting']);
    const disconnect = await registry.close(sessionId).then(
      () => 'disconnected',
      (error: Error) => `refused: ${error.message}`,
    );

    release();
    await opening.catch(() => undefined);
    await new Promise((r) => setImmediate(r));

    expect({
      disconnect,
      stillListed: registry.list().some((s) => s.id === sessionId),
      connection: opened.map((fs) => (fs.closed ? 'closed' : 'OPEN')),
    }).toEqual({ disconnect: 'disconnected', stillListed: false, connection: ['closed'] });
  });
});
