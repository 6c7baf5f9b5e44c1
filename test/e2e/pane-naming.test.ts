/**
 * Naming in the panes (both fixed; each failed before):
 * 1. F7 "New folder" pre-fills "New folder" but leaves it unselected with the caret at the
 *    end, so typing a name (as in Explorer, Finder, FileZilla) makes "New folderdocs".
 * 2. Renaming in place to a name with a slash is silently dropped: no folder is renamed and
 *    no message says why (the New folder dialog, for the same text, explains it).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { openFerry, pane, type FerryPage, failureShot } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('naming files and folders in a pane', () => {
  let ferry: FerryPage;

  beforeAll(async () => {
    ferry = await openFerry(async (home) => {
      await writeFile(path.join(home, 'report.txt'), 'r');
      await mkdir(path.join(home, 'existing'));
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry.page, context.task.name);
  });

  afterAll(async () => {
    await ferry?.close();
  });

  it('F7 then typing a name creates a folder with that name', async () => {
    const { page, home } = ferry;
    const local = pane(page, 'local');
    await local.row('report.txt').click();
    await page.keyboard.press('F7');
    const input = page.getByTestId('dialog-mkdir-input');
    await input.waitFor();
    await page.keyboard.type('docs');
    const typed = await input.inputValue();
    await page.keyboard.press('Enter');
    await page.getByTestId('dialog-mkdir').waitFor({ state: 'detached' });
    await local.row(typed).waitFor();
    expect(typed).toBe('docs');
    expect((await readdir(home)).sort()).toEqual(['docs', 'existing', 'report.txt']);
  });

  it('renaming to a name with a slash says why it did not happen', async () => {
    const { page } = ferry;
    const local = pane(page, 'local');
    await local.row('report.txt').click();
    await page.keyboard.press('F2');
    await page.getByTestId('rename-input').fill('sub/report.txt');
    await page.keyboard.press('Enter');
    await page.getByTestId('rename-input').waitFor({ state: 'detached' });
    // Either the rename input stays with an explanation, or a toast explains it: something must.
    const message = page
      .getByTestId('toasts')
      .getByText(/slash|cannot contain|invalid/i)
      .or(page.locator('.field-error'));
    await expect(
      message
        .first()
        .waitFor({ timeout: 3_000 })
        .then(
          () => true,
          () => false,
        ),
    ).resolves.toBe(true);
  });
});
