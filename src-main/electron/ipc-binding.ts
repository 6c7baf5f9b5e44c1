/**
 * Binds the contract to Electron IPC: one invoke channel for calls, one push channel for
 * events. Calls are accepted only from the main frame of Ferry's own windows, loaded from
 * Ferry's own files; everything else is answered with an error and never reaches the service.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { FerryApi } from '../../src-shared/contract.js';
import { FerryError, toErrorData } from '../../src-shared/errors.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ReplyMessage } from '../../src-shared/wire.js';
import { dispatchCall } from '../service/dispatch.js';
import type { EventBus } from '../service/event-bus.js';

export function bindIpc(
  api: FerryApi,
  bus: EventBus,
  isTrustedWindow: (id: number) => boolean,
  rendererUrl: string,
): () => void {
  let nextId = 0;
  ipcMain.handle(
    IPC_CALL_CHANNEL,
    (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<ReplyMessage> => {
      const id = ++nextId;
      if (!isTrustedSender(event, isTrustedWindow, rendererUrl)) {
        const error = toErrorData(
          new FerryError('INVALID_ARGUMENT', 'Call refused: it did not come from a Ferry window.'),
        );
        return Promise.resolve({ t: 'reply', id, ok: false, error });
      }
      return dispatchCall(api, id, method, args);
    },
  );
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

export function forwardEvents(bus: EventBus, window: BrowserWindow): () => void {
  return bus.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
}

function isTrustedSender(
  event: IpcMainInvokeEvent,
  isTrustedWindow: (id: number) => boolean,
  rendererUrl: string,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  if (!isTrustedWindow(event.sender.id)) return false;
  return samePage(frame.url, rendererUrl);
}

/** Both URLs name the same file, whatever their query or fragment and however they are escaped. */
export function samePage(actual: string, expected: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(actual);
    b = new URL(expected);
  } catch {
    return false;
  }
  const path = (url: URL) => {
    const decoded = decodeURIComponent(url.pathname);
    // Drive letters and names on Windows compare without case (C: and c: are the same disk).
    return /^\/[a-z]:\//i.test(decoded) ? decoded.toLowerCase() : decoded;
  };
  return a.protocol === b.protocol && a.host === b.host && path(a) === path(b);
}
