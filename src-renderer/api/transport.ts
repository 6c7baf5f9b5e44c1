import type { FerryEvent } from '../../src-shared/events.js';
import type { MethodName } from '../../src-shared/contract.js';
import type { ReplyMessage } from '../../src-shared/wire.js';

/** 'open' when calls go through; 'connecting'/'reconnecting' while the web socket is down. */
export type LinkState = 'open' | 'connecting' | 'reconnecting';

/** One way of carrying contract calls to main: Electron's preload bridge or the web-mode socket. */
export interface Transport {
  call(method: MethodName, args: unknown[]): Promise<ReplyMessage>;
  onEvent(listener: (event: FerryEvent) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
  linkState(): LinkState;
}
