/**
 * What the user sees: New folder (F7) with a name the folder already shows is refused in the
 * dialog ("… already exists here."), as a rename to a taken name is, and Create stays disabled.
 * Why it matters: the server's only answer was a bare "550 Create directory operation failed."
 * that does not say why.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { errorToasts, pane, quickConnect, SCREENSHOTS, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('new folder with a taken name', () => {
  const fixture = useFerry({ server: (server) => server.mkdir('photos') });

  it('says the name is already taken', async () => {
    const { page } = fixture.ferry;
    const remote = pane(page, 'remote');
    await quickConnect(page, fixture.server, 'ftp-insecure');
    await remote.row('photos').waitFor();
    await remote.list.focus();
    await page.keyboard.press('F7');
    await page.getByTestId('dialog-mkdir-input').fill('photos');
    await page.keyboard.press('Enter');
    // Said in the dialog, while it is still open to choose another name.
    const said = page.getByTestId('dialog-mkdir').locator('.field-error');
    await said.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mkdir-name-taken.png') });
    expect(await said.innerText()).toMatch(/“photos” already exists/);
    expect(await page.getByTestId('dialog-mkdir-ok').isDisabled()).toBe(true);
    expect(await errorToasts(page)).toEqual([]);

    // Another name is accepted and created.
    await page.getByTestId('dialog-mkdir-input').fill('photos-2');
    await page.keyboard.press('Enter');
    await remote.row('photos-2').waitFor();
  });
});
