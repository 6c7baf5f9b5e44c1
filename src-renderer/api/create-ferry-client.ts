import type { FerryBridge } from '../../src-shared/wire.js';
import { createBridgeTransport } from './bridge-transport.js';
import { createClientOn, type FerryClient } from './ferry-client.js';
import { createSocketTransport, socketUrlFromLocation } from './socket-transport.js';

declare global {
  interface Window {
    ferry?: FerryBridge;
  }
}

/** The preload's bridge in Electron, the loopback WebSocket in web mode. */
export function createFerryClient(): FerryClient {
  const transport = window.ferry
    ? createBridgeTransport(window.ferry)
    : createSocketTransport(socketUrlFromLocation(window.location), {
        open: (url) => new WebSocket(url),
        setTimer: (callback, ms) => void window.setTimeout(callback, ms),
      });
  return createClientOn(transport);
}
