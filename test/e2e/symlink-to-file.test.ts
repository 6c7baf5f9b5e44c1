/**
 * Double-clicking (or Enter on) a symbolic link that leads to a file downloads the file. Every
 * link used to be opened as a folder: the server refused ("Could not open /latest.log: 550")
 * and the file could not be had by opening it. As in FileZilla, a link is tried as a folder
 * and transferred when the server says it is not one; a link to a folder still opens.
 */
import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { errorToasts, pane, quickConnect, screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('opening a symbolic link', () => {
  const fixture = useFerry({
    server: async (server) => {
      await server.writeFile('app.log', 'log line\n');
      await symlink('app.log', server.localPath('latest.log'));
      await server.mkdir('releases');
      await server.writeFile('releases/notes.txt', 'notes\n');
      await symlink('releases', server.localPath('current'));
    },
  });

  it('double-click on a link to a file downloads the file', async () => {
    const { page, home } = fixture.ferry;
    const local = pane(page, 'local');
    const remote = pane(page, 'remote');
    await quickConnect(page, fixture.server, 'ftp-insecure');
    await remote.row('latest.log').waitFor();
    expect(await remote.row('latest.log').getAttribute('data-type')).toBe('symlink');

    await remote.row('latest.log').dblclick();
    // Either the file arrives, or the pane says it could not open it: whichever comes first.
    await local.row('latest.log').or(page.getByTestId('toast-error')).first().waitFor();
    await screenshot(page, 'symlink-to-file');
    expect(await errorToasts(page), 'opening a link to a file is no error').toEqual([]);
    await expect(readFile(path.join(home, 'latest.log'), 'utf8')).resolves.toBe('log line\n');
    await remote.at('/');
  });

  it('Enter on a link to a folder opens the folder', async () => {
    const { page } = fixture.ferry;
    const remote = pane(page, 'remote');
    await remote.row('current').click();
    await page.keyboard.press('Enter');
    await remote.at('/current');
    await remote.row('notes.txt').waitFor();
    expect(await errorToasts(page)).toEqual([]);
  });
});
