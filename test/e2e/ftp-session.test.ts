/**
 * One plain-FTP session against a real vsftpd, driven through the GUI in Chromium: quick
 * connect, drag and drop both ways, the queue, the overwrite prompt, remote file operations,
 * the site manager and a keyboard-only pass. The tests share one server, one app and one
 * page, and run in order: each leaves the window in the state the next one starts from.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../harness/index.js';
import { chromiumAvailable } from './browser.js';
import {
  dismissToasts,
  errorToasts,
  openFerry,
  pane,
  quickConnect,
  screenshot,
  sha256,
  type FerryPage,
} from './ferry-page.js';

const PAYLOAD = randomBytes(2 * 1024 * 1024 + 123);

describe.skipIf(!chromiumAvailable())('a plain FTP session in the GUI (vsftpd)', () => {
  let server: RunningServer;
  let ferry: FerryPage;

  beforeAll(async () => {
    server = await startServer('vsftpd');
    await server.writeFile('readme.txt', 'hello from vsftpd\n');
    await server.mkdir('incoming');
    ferry = await openFerry(async (home) => {
      await writeFile(path.join(home, 'upload.bin'), PAYLOAD);
      await mkdir(path.join(home, 'Downloads'));
    });
  });

  afterAll(async () => {
    await ferry?.close();
    await server?.dispose();
  });

  it('quick connect, upload by drag and drop, see it done and listed, download it back: same bytes', async () => {
    const { page, home } = ferry;
    const local = pane(page, 'local');
    const remote = pane(page, 'remote');

    await quickConnect(page, server, 'ftp-insecure');
    await remote.at('/');
    await remote.row('readme.txt').waitFor();
    await remote.row('incoming').waitFor();
    const badge = page.getByTestId('security-badge');
    await expect(badge.innerText()).resolves.toContain('Not encrypted');
    expect(await badge.getAttribute('data-secure')).toBe('false');

    // Drop on the remote list's empty space (below the rows): into the folder it shows.
    const box = await remote.list.boundingBox();
    if (!box) throw new Error('the remote list has no box');
    await local.row('upload.bin').dragTo(remote.list, {
      targetPosition: { x: box.width / 2, y: box.height - 40 },
    });

    await page.getByTestId('queue-tab-done').click();
    const done = page.getByTestId('queue-list-done').getByTestId('queue-row-upload.bin');
    await done.and(page.locator('[data-state="done"]')).waitFor();
    await remote.row('upload.bin').waitFor();
    expect(await sha256(server.localPath('upload.bin'))).toBe(await sha256(path.join(home, 'upload.bin')));

    // And back: drop the remote file on the local Downloads folder row.
    await remote.row('upload.bin').dragTo(local.row('Downloads'));
    await page
      .getByTestId('queue-list-done')
      .locator('[data-state="done"][data-testid="queue-row-upload.bin"]')
      .nth(1)
      .waitFor();
    const back = path.join(home, 'Downloads', 'upload.bin');
    expect((await stat(back)).size).toBe(PAYLOAD.length);
    expect(await sha256(back)).toBe(await sha256(path.join(home, 'upload.bin')));

    expect(await errorToasts(page)).toEqual([]);
    await dismissToasts(page);
    await screenshot(page, 'e2e-connected-dual-pane');
  });
});
