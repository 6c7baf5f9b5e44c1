/** The window, locked down: isolated, sandboxed, no Node, our CSP, no navigation away, links to the OS browser. */
import path from 'node:path';
import { BrowserWindow, shell, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy.js';
import { loadWindowState, rememberWindowState } from './window-state.js';

export function rendererEntry(appRoot: string): string {
  return path.join(appRoot, 'out', 'renderer', 'index.html');
}

export function createMainWindow(preloadPath: string, rendererFile: string, userData: string): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // Ferry asks for no device, camera or notification permission from web content.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const { maximized, ...bounds } = loadWindowState(userData);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 500,
    title: 'Ferry',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  rememberWindowState(window, userData);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== window.webContents.getURL()) event.preventDefault();
  });
  void window.loadFile(rendererFile);
  return window;
}
