/**
 * What the user sees: files dragged in from the OS (Finder, Explorer, a file manager) onto the
 * remote pane, which highlights and shows the copy cursor, are uploaded into the folder shown
 * where the desktop shell can name their paths (Electron's preload offers
 * `window.ferry.pathForFile`, simulated here); in the browser the drop says why it cannot.
 * Why it matters: the pane accepted the drop and then did nothing, silently.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { pane, quickConnect, screenshot, SCREENSHOTS, useFerry } from './ferry-page.js';

/** A drag from outside the page carrying one file, ended with a drop on the remote list. */
async function dropOsFile(page: Page, name: string): Promise<void> {
  const list = page.getByTestId('remote-list');
  const box = await list.boundingBox();
  if (!box) throw new Error('the remote list has no box');
  const dataTransfer = await page.evaluateHandle((fileName) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['from the desktop\n'], fileName, { type: 'text/plain' }));
    return dt;
  }, name);
  const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height - 40 };
  await list.dispatchEvent('dragenter', { dataTransfer, bubbles: true, cancelable: true, ...at });
  await list.dispatchEvent('dragover', { dataTransfer, bubbles: true, cancelable: true, ...at });
  // The list took the drag: it highlights as a drop target (dragover was accepted).
  await list.and(page.locator('.drop-active')).waitFor();
  await list.dispatchEvent('drop', { dataTransfer, bubbles: true, cancelable: true, ...at });
}

describe.skipIf(!chromiumAvailable())('dropping files from the OS on the remote pane', () => {
  const fixture = useFerry({
    server: (server) => server.mkdir('incoming'),
    home: (home) => writeFile(path.join(home, 'desktop-file.txt'), 'from the desktop\n'),
  });

  it('in the browser, the drop says why it cannot upload', async () => {
    const { page } = fixture.ferry;
    await quickConnect(page, fixture.server, 'ftp-insecure');
    await pane(page, 'remote').row('incoming').waitFor();

    await dropOsFile(page, 'desktop-file.txt');
    // The web-mode drop explains itself.
    await page
      .getByTestId('toasts')
      .getByText('Drag files in from the local pane')
      .waitFor({ timeout: 5_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'os-file-drop-web.png'), animations: 'disabled' });
  });

  it('where the shell names the file (Electron preload), the drop uploads it', async () => {
    const { page, home } = fixture.ferry;
    const file = path.join(home, 'desktop-file.txt');
    // What the Electron preload adds to the bridge (src-main/electron/preload.ts).
    await page.evaluate((p) => {
      (window as unknown as { ferry: unknown }).ferry = { pathForFile: () => p };
    }, file);

    await dropOsFile(page, 'desktop-file.txt');
    // The dropped desktop file is uploaded into the remote folder shown.
    await pane(page, 'remote').row('desktop-file.txt').waitFor({ timeout: 8_000 });
    await screenshot(page, 'os-file-drop-desktop');
    await expect
      .poll(() => readFile(fixture.server.localPath('desktop-file.txt'), 'utf8'))
      .toBe('from the desktop\n');
  });
});
