/** Messages of the transport-agnostic RPC. Electron IPC and the web-mode WebSocket carry the same ones. */
import type { FerryErrorData } from './errors.js';
import type { FerryEvent } from './events.js';
import type { MethodName } from './contract.js';

export interface CallMessage {
  t: 'call';
  id: number;
  method: MethodName;
  args: unknown[];
}

export type ReplyMessage =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: FerryErrorData };

export interface EventMessage {
  t: 'event';
  event: FerryEvent;
}

export type ServerMessage = ReplyMessage | EventMessage;

/** What the Electron preload exposes on `window.ferry`: nothing more. */
export interface FerryBridge {
  call(method: MethodName, args: unknown[]): Promise<ReplyMessage>;
  onEvent(listener: (event: FerryEvent) => void): () => void;
}

export const IPC_CALL_CHANNEL = 'ferry:call';
export const IPC_EVENT_CHANNEL = 'ferry:event';
