/**
 * The IPC binding accepts calls only from Ferry's own page. Electron reports the frame's URL
 * as Chromium canonicalised it (percent-encoded, forward slashes), and main built the expected
 * one as a raw `file://${path}`: wherever the install path held a space, a non-ASCII letter or
 * backslashes (every Windows install), Ferry's own window was refused on every call.
 */
import path from 'node:path';
import url from 'node:url';
import { describe, expect, it, vi } from 'vitest';

type Handler = (
  event: unknown,
  method: unknown,
  args: unknown,
) => Promise<{ ok: boolean; error?: { message: string } }>;
const handlers = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  BrowserWindow: class {},
  shell: {},
  session: {},
  screen: {},
}));

const { bindIpc, samePage } = await import('../../src-main/electron/ipc-binding.js');
const { rendererEntry } = await import('../../src-main/electron/main-window.js');
const { EventBus } = await import('../../src-main/service/event-bus.js');
const { IPC_CALL_CHANNEL } = await import('../../src-shared/wire.js');

const api = { 'app.info': async () => ({ version: 'x' }) } as never;

/** What Electron's webContents.loadFile(file) loads (lib/browser/api/web-contents.ts), as the frame reports it. */
function frameUrlAfterLoadFile(
  file: string,
  pathApi: typeof path.posix | typeof path.win32 = path.posix,
): string {
  let pathname = pathApi.resolve(file);
  if (pathApi === path.win32) pathname = `/${pathname.replace(/\\/g, '/')}`; // Chromium canonicalises file:///C:/...
  return new URL(url.format({ protocol: 'file', slashes: true, pathname })).href;
}

function callFromOwnWindow(frameUrl: string): ReturnType<Handler> {
  const mainFrame = { url: frameUrl };
  const event = { senderFrame: mainFrame, sender: { id: 1, mainFrame } };
  return handlers.get(IPC_CALL_CHANNEL)!(event, 'app.info', []);
}

describe("IPC accepts calls from Ferry's own window wherever Ferry is installed", () => {
  it('sanity: a plain install path works', async () => {
    const appRoot = '/opt/Ferry/resources/app.asar';
    const stop = bindIpc(api, new EventBus(), (id) => id === 1, `file://${rendererEntry(appRoot)}`);
    const reply = await callFromOwnWindow(frameUrlAfterLoadFile(rendererEntry(appRoot)));
    stop();
    expect(reply.ok).toBe(true);
  });

  it('an install path with a space (Linux/macOS, e.g. "~/My Apps/Ferry")', async () => {
    const appRoot = '/home/sam/My Apps/Ferry/resources/app.asar';
    const stop = bindIpc(api, new EventBus(), (id) => id === 1, `file://${rendererEntry(appRoot)}`);
    const reply = await callFromOwnWindow(frameUrlAfterLoadFile(rendererEntry(appRoot)));
    stop();
    expect(reply.ok ? 'accepted' : reply.error?.message).toBe('accepted');
  });

  it('an install path with a non-ASCII letter (e.g. "~/Téléchargements/Ferry")', async () => {
    const appRoot = '/home/zoé/Téléchargements/Ferry/resources/app.asar';
    const stop = bindIpc(api, new EventBus(), (id) => id === 1, `file://${rendererEntry(appRoot)}`);
    const reply = await callFromOwnWindow(frameUrlAfterLoadFile(rendererEntry(appRoot)));
    stop();
    expect(reply.ok ? 'accepted' : reply.error?.message).toBe('accepted');
  });

  it('the Windows NSIS install (C:\\Program Files\\Ferry)', async () => {
    // main.ts on Windows: appRoot from path.resolve, rendererEntry from path.join, i.e. path.win32.
    const appRoot = 'C:\\Program Files\\Ferry\\resources\\app.asar';
    const entry = path.win32.join(appRoot, 'out', 'renderer', 'index.html');
    const stop = bindIpc(api, new EventBus(), (id) => id === 1, `file://${entry}`);
    const reply = await callFromOwnWindow(frameUrlAfterLoadFile(entry, path.win32));
    stop();
    expect(reply.ok ? 'accepted' : reply.error?.message).toBe('accepted');
  });
});

describe('samePage', () => {
  const page = 'file:///opt/Ferry/out/renderer/index.html';
  it('ignores query and fragment, and escaping', () => {
    expect(samePage(`${page}?x=1#queue`, page)).toBe(true);
    expect(samePage('file:///opt/My%20Apps/index.html', 'file:///opt/My Apps/index.html')).toBe(true);
    expect(samePage('file:///c:/Ferry/index.html', 'file:///C:/Ferry/index.html')).toBe(true);
  });
  it('refuses any other page', () => {
    expect(samePage('file:///opt/Ferry/out/renderer/other.html', page)).toBe(false);
    expect(samePage('file:///tmp/index.html', page)).toBe(false);
    expect(samePage('http://127.0.0.1/opt/Ferry/out/renderer/index.html', page)).toBe(false);
    expect(samePage('file://evil/opt/Ferry/out/renderer/index.html', page)).toBe(false);
    expect(samePage('not a url', page)).toBe(false);
  });
});
