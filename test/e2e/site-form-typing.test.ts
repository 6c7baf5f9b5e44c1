/**
 * The Site Manager's fields as a user types them, key by key (fill() sets a whole value at
 * once and hides what happens in between). Folder was rebuilt from its trimmed parts after
 * every key, so "My Clients / Acme" came out as "MyClientsAcme"; an emptied Port (or Max
 * connections) turned into 1, so Backspace over "21" and typing "2121" gave 12121. The text
 * now stays as typed, and a field that holds no value says so and holds Save back.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('typing into the site form', () => {
  const fixture = useFerry({});
  const manager = () => fixture.ferry.page.getByTestId('dialog-site-manager');

  /** Clicks the field, goes to its end and replaces its text with Backspace and typing. */
  async function retype(testId: string, text: string): Promise<void> {
    const { page } = fixture.ferry;
    const field = manager().getByTestId(testId);
    await field.click();
    await page.keyboard.press('End');
    for (let left = (await field.inputValue()).length; left > 0; left--)
      await page.keyboard.press('Backspace');
    await page.keyboard.type(text);
  }

  it('a nested folder with spaces can be typed into Folder', async () => {
    const { page } = fixture.ferry;
    await page.getByTestId('open-site-manager').click();
    await manager().getByTestId('site-new').click();
    const folder = manager().getByTestId('site-folder');
    await folder.click();
    await folder.pressSequentially('My Clients / Acme');
    await screenshot(page, 'site-form-folder');
    expect(await folder.inputValue()).toBe('My Clients / Acme');
  });

  it('the port and Max connections can be erased with Backspace and typed again', async () => {
    const { page } = fixture.ferry;
    const port = manager().getByTestId('site-port');
    expect(await port.inputValue()).toBe('21');
    await retype('site-port', '');
    // Empty is no port: the field says what it needs, and Save waits for it.
    expect(await port.inputValue()).toBe('');
    await manager().getByText('1 to 65535').waitFor();
    expect(await manager().getByTestId('site-save').isDisabled()).toBe(true);
    await screenshot(page, 'site-form-port-empty');
    await page.keyboard.type('2121');
    expect(await port.inputValue()).toBe('2121');
    expect(await manager().getByTestId('site-save').isDisabled()).toBe(false);

    await retype('site-maxConnections', '4');
    expect(await manager().getByTestId('site-maxConnections').inputValue()).toBe('4');
  });

  it('saves what was typed', async () => {
    const { page, web } = fixture.ferry;
    await manager().getByTestId('site-name').fill('Acme');
    await manager().getByTestId('site-host').fill('127.0.0.1');
    await manager().getByTestId('site-save').click();
    await expect
      .poll(async () => (await web.app.api['sites.list']()).map((s) => [s.folder, s.port, s.maxConnections]))
      .toEqual([[['My Clients', 'Acme'], 2121, 4]]);
    expect(await manager().getByTestId('site-folder').inputValue()).toBe('My Clients / Acme');
    await screenshot(page, 'site-form-saved');
  });
});
