/**
 * The renderer's only door to main: `window.ferry`, two functions, typed by the contract.
 * No Node, no ipcRenderer, no arbitrary channels leak through the bridge.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { FerryEvent } from '../../src-shared/events.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type FerryBridge } from '../../src-shared/wire.js';

/**
 * Files dropped from the OS carry no path in a sandboxed page; Electron's webUtils reveals it
 * here, so a drop from the desktop becomes an upload. The path is data, not a capability:
 * main still validates it like any other argument.
 */
const bridge: FerryBridge & { pathForFile(file: File): string } = {
  pathForFile: (file) => webUtils.getPathForFile(file),
  call: (method, args) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args),
  onEvent(listener) {
    const wrapped = (_event: IpcRendererEvent, payload: FerryEvent): void => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('ferry', bridge);
