/**
 * What the user sees: the "target file already exists" question opens with "Overwrite" chosen
 * and Escape disabled (a transfer question must be answered). Pressing Enter answers it with
 * the chosen action, as OK does and as every other Ferry dialog (and FileZilla) does.
 * Why it matters: otherwise a keyboard user is stuck until they Tab to OK, and the transfer
 * stands still meanwhile.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { dragToRemoteFolder, pane, quickConnect, screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('the overwrite question from the keyboard', () => {
  const fixture = useFerry({
    server: (server) => server.writeFile('notes.txt', 'old\n'),
    home: (home) => writeFile(path.join(home, 'notes.txt'), 'new and longer\n'),
  });

  it('Enter confirms the default choice (Overwrite)', async () => {
    const { page } = fixture.ferry;
    const remote = pane(page, 'remote');
    await quickConnect(page, fixture.server, 'ftp-insecure');
    await remote.row('notes.txt').waitFor();
    await dragToRemoteFolder(page, 'notes.txt');
    const dialog = page.getByTestId('prompt-overwrite');
    await dialog.waitFor();
    // Focus starts inside the dialog, on the default choice.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('overwrite-overwrite');

    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    await page
      .getByTestId('queue-list-done')
      .or(page.getByTestId('queue-count-done').getByText('1'))
      .first()
      .waitFor();
    await screenshot(page, 'overwrite-enter-confirms');
    await expect.poll(() => readFile(fixture.server.localPath('notes.txt'), 'utf8')).toBe('new and longer\n');
  });
});
