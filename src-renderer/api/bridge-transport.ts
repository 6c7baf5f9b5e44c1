import type { FerryBridge } from '../../src-shared/wire.js';
import type { Transport } from './transport.js';

/** In Electron the preload's bridge is always there: the link never drops. */
export function createBridgeTransport(bridge: FerryBridge): Transport {
  return {
    call: (method, args) => bridge.call(method, args),
    onEvent: (listener) => bridge.onEvent(listener),
    onLinkState: () => () => {},
    linkState: () => 'open',
  };
}
