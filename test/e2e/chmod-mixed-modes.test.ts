/**
 * The permissions dialog on several items with different modes changes only the bits the user
 * touches, as FileZilla and Cyberduck do; a box where the items differ shows as indeterminate
 * and is left alone. It used to apply the first item's whole mode to every item: ticking
 * "group write" on a folder (755) and a private file (600) made the file 775, readable by all.
 */
import { chmod, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { errorToasts, pane, quickConnect, screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('chmod of items with different modes', () => {
  const fixture = useFerry({
    server: async (server) => {
      await server.mkdir('bin');
      await chmod(server.localPath('bin'), 0o755);
      await writeFile(server.localPath('secret.txt'), 'private\n');
      await server.fixOwnership();
      await chmod(server.localPath('secret.txt'), 0o600);
    },
  });

  it('ticking one box changes that bit only, not the whole mode of every item', async () => {
    const { page } = fixture.ferry;
    const { server } = fixture;
    const modeOf = async (name: string): Promise<string> =>
      ((await stat(server.localPath(name))).mode & 0o7777).toString(8);
    const remote = pane(page, 'remote');
    await quickConnect(page, server, 'ftp-insecure');
    await remote.row('secret.txt').getByText('rw-------').waitFor();
    await remote.row('bin').click();
    await remote.row('secret.txt').click({ modifiers: ['Control'] });
    await remote.row('secret.txt').click({ button: 'right' });
    await page.getByTestId('context-menu').getByTestId('menu-chmod').click();

    const dialog = page.getByTestId('dialog-chmod');
    const box = (name: string) => dialog.getByTestId(`chmod-${name}`);
    const indeterminate = (name: string): Promise<boolean> =>
      box(name).evaluate((input) => (input as HTMLInputElement).indeterminate);
    // Both can be read and written by the owner; only the folder by the others.
    expect(await box('owner-read').isChecked()).toBe(true);
    expect(await indeterminate('owner-read')).toBe(false);
    expect(await indeterminate('group-read')).toBe(true);
    expect(await indeterminate('other-execute')).toBe(true);
    expect(await dialog.getByTestId('chmod-octal').inputValue()).toBe('');

    await box('group-write').check();
    expect(await indeterminate('group-read'), 'untouched, still mixed').toBe(true);
    await screenshot(page, 'chmod-mixed-modes');
    await dialog.getByTestId('chmod-apply').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => modeOf('bin'), { timeout: 10_000 }).toBe('775');
    expect(await errorToasts(page)).toEqual([]);
    expect(await modeOf('secret.txt'), 'the private file gains group write only').toBe('620');
  });
});
