/**
 * What the user sees: reloading the window (F5 / Ctrl+R, or the web page) while the overwrite
 * question is open shows the same question again, and answering it finishes the transfer.
 * Why it matters: main keeps waiting for the answer and the transfer stands still until it
 * gets one (up to the broker's 10 minutes, then it is skipped silently); main sends the
 * question once, so the reloaded window now asks main for the questions still open.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { dragToRemoteFolder, pane, quickConnect, screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('a question open while the window reloads', () => {
  const fixture = useFerry({
    server: (server) => server.writeFile('report.txt', 'the server copy\n'),
    home: (home) => writeFile(path.join(home, 'report.txt'), 'the local copy, longer\n'),
  });

  it('the overwrite question is asked again after a reload', async () => {
    const { page, home } = fixture.ferry;
    const remote = pane(page, 'remote');
    await quickConnect(page, fixture.server, 'ftp-insecure');
    await remote.row('report.txt').waitFor();
    await dragToRemoteFolder(page, 'report.txt');
    await page.getByTestId('prompt-overwrite').waitFor();

    await page.reload();
    await pane(page, 'local').at(home);
    await page.getByTestId('session-tabs').waitFor();
    await page.getByTestId('prompt-overwrite').waitFor({ timeout: 8_000 });
    await screenshot(page, 'reload-keeps-open-prompt');

    // The question shown again is the one main waits on: its answer goes through.
    await page.getByTestId('overwrite-ok').click();
    await page.getByTestId('prompt-overwrite').waitFor({ state: 'detached' });
    await expect
      .poll(() => readFile(fixture.server.localPath('report.txt'), 'utf8'))
      .toBe('the local copy, longer\n');
  });
});
