/**
 * Electron's main process: a thin shell. Everything it hosts (engines, queue, sites,
 * keychain) is the same plain-Node application web mode and the CLI run; this file only
 * opens the window and binds the contract to IPC.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { toErrorData } from '../../src-shared/errors.js';
import { createApp, type FerryApp } from '../app/create-app.js';
import { installAppMenu } from './app-menu.js';
import { bindIpc, forwardEvents } from './ipc-binding.js';
import { createMainWindow, rendererEntry } from './main-window.js';
import { showQueueFeedback } from './queue-feedback.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '..', '..');
const preloadPath = path.join(here, '..', 'preload', 'preload.cjs');

if (!app.requestSingleInstanceLock()) app.quit();

let ferry: FerryApp | null = null;
const windows = new Set<number>();

async function openWindow(): Promise<void> {
  if (!ferry) return;
  const rendererFile = rendererEntry(appRoot);
  const window = createMainWindow(preloadPath, rendererFile, app.getPath('userData'));
  windows.add(window.webContents.id);
  const stopEvents = forwardEvents(ferry.bus, window);
  const stopFeedback = showQueueFeedback(ferry.bus, window);
  window.on('closed', () => {
    stopEvents();
    stopFeedback();
  });
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.whenReady().then(async () => {
  try {
    ferry = await createApp({ mode: 'electron', configDir: app.getPath('userData'), openPath: openWithOs });
  } catch (error) {
    // Web mode running on the same folder holds the queue, for one.
    const { message, hint } = toErrorData(error);
    dialog.showErrorBox('Ferry cannot start', hint ? `${message}\n\n${hint}` : message);
    app.exit(1);
    return;
  }
  // As Chromium reports the page's URL: percent-encoded, forward slashes (file:///C:/… on Windows).
  const rendererUrl = pathToFileURL(rendererEntry(appRoot)).href;
  bindIpc(ferry.api, ferry.bus, (id) => windows.has(id), rendererUrl);
  installAppMenu();
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
});

app.on('window-all-closed', () => {
  // The queue lives in main, independent of any window; on macOS it keeps running.
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => {
  void ferry?.close();
});

async function openWithOs(filePath: string): Promise<void> {
  const { shell } = await import('electron');
  const problem = await shell.openPath(filePath);
  if (problem) throw new Error(problem);
}
