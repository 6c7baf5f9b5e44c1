/**
 * One plain-FTP session against a real vsftpd, driven through the GUI in Chromium: quick
 * connect, drag and drop both ways, the queue, the overwrite prompt, remote file operations,
 * the site manager and a keyboard-only pass. The tests share one server, one app and one
 * page, and run in order: each leaves the window in the state the next one starts from.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../harness/index.js';
import { chromiumAvailable } from './browser.js';
import {
  dismissToasts,
  errorToasts,
  failureShot,
  keyboardOf,
  openFerry,
  pane,
  quickConnect,
  screenshot,
  sha256,
  type FerryPage,
} from './ferry-page.js';

const POLL = { timeout: 15_000 };
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

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry.page, context.task.name);
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
  it('overwrite prompt: skip keeps the remote file, overwrite replaces it', async () => {
    const { page, home } = ferry;
    const local = pane(page, 'local');
    const remote = pane(page, 'remote');
    const original = await sha256(server.localPath('upload.bin'));
    const changed = randomBytes(PAYLOAD.length + 7);
    await writeFile(path.join(home, 'upload.bin'), changed);
    const dropOnRemote = async (): Promise<void> => {
      const box = await remote.list.boundingBox();
      if (!box) throw new Error('the remote list has no box');
      await local.row('upload.bin').dragTo(remote.list, {
        targetPosition: { x: box.width / 2, y: box.height - 40 },
      });
    };

    await dropOnRemote();
    const dialog = page.getByTestId('prompt-overwrite');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain('/upload.bin');
    await dismissToasts(page);
    await screenshot(page, 'e2e-overwrite-dialog');
    await dialog.getByTestId('overwrite-skip').check();
    await dialog.getByTestId('overwrite-ok').click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('queue-list-done')
      .locator('[data-state="skipped"][data-testid="queue-row-upload.bin"]')
      .waitFor();
    expect(await sha256(server.localPath('upload.bin'))).toBe(original);

    await dropOnRemote();
    await dialog.waitFor();
    await dialog.getByTestId('overwrite-overwrite').check();
    await dialog.getByTestId('overwrite-ok').click();
    await page
      .getByTestId('queue-list-done')
      .locator('[data-state="done"][data-testid="queue-row-upload.bin"]')
      .nth(2)
      .waitFor();
    expect(await sha256(server.localPath('upload.bin'))).toBe(await sha256(path.join(home, 'upload.bin')));
    expect(await errorToasts(page)).toEqual([]);
  });

  it('remote pane: new folder (F7), rename (F2 and menu), chmod (octal), delete (confirmed), on disk', async () => {
    const { page } = ferry;
    const remote = pane(page, 'remote');

    // New folder with F7.
    await remote.row('readme.txt').click();
    await page.keyboard.press('F7');
    const mkdirDialog = page.getByTestId('dialog-mkdir');
    await mkdirDialog.getByTestId('dialog-mkdir-input').fill('reports');
    await page.keyboard.press('Enter');
    await remote.row('reports').waitFor();
    expect((await stat(server.localPath('reports'))).isDirectory()).toBe(true);

    // Rename with F2, typed in place.
    await remote.row('readme.txt').click();
    await page.keyboard.press('F2');
    const input = remote.root.getByTestId('rename-input');
    await input.fill('notes.txt');
    await input.press('Enter');
    await remote.row('notes.txt').waitFor();
    await expect(readFile(server.localPath('notes.txt'), 'utf8')).resolves.toBe('hello from vsftpd\n');
    await expect(stat(server.localPath('readme.txt'))).rejects.toThrow();

    // Rename from the context menu.
    await remote.row('notes.txt').click({ button: 'right' });
    await page.getByTestId('context-menu').getByTestId('menu-rename').click();
    await input.fill('notes.md');
    await input.press('Enter');
    await remote.row('notes.md').waitFor();
    expect((await stat(server.localPath('notes.md'))).isFile()).toBe(true);

    // Permissions: the octal field drives the checkboxes.
    await remote.row('notes.md').click({ button: 'right' });
    await page.getByTestId('context-menu').getByTestId('menu-chmod').click();
    const chmod = page.getByTestId('dialog-chmod');
    await chmod.getByTestId('chmod-octal').fill('640');
    expect(await chmod.getByTestId('chmod-owner-write').isChecked()).toBe(true);
    expect(await chmod.getByTestId('chmod-group-read').isChecked()).toBe(true);
    expect(await chmod.getByTestId('chmod-group-write').isChecked()).toBe(false);
    expect(await chmod.getByTestId('chmod-other-read').isChecked()).toBe(false);
    await screenshot(page, 'e2e-chmod-dialog');
    await chmod.getByTestId('chmod-apply').click();
    await chmod.waitFor({ state: 'detached' });
    await remote.row('notes.md').getByText('rw-r-----').waitFor();
    expect((await stat(server.localPath('notes.md'))).mode & 0o7777).toBe(0o640);

    // Delete, confirmed.
    await remote.row('reports').click();
    await page.keyboard.press('Delete');
    const confirm = page.getByTestId('dialog-confirm');
    await expect(confirm.innerText()).resolves.toContain('reports');
    await confirm.getByTestId('dialog-confirm-button').click();
    await remote.row('reports').waitFor({ state: 'detached' });
    await expect(stat(server.localPath('reports'))).rejects.toThrow();
    expect(await errorToasts(page)).toEqual([]);
  });
  it('site manager: create, edit, connect, delete', async () => {
    const { page, web } = ferry;
    const manager = page.getByTestId('dialog-site-manager');
    await page.getByTestId('open-site-manager').click();
    await manager.getByTestId('site-new').click();
    await manager.getByTestId('site-name').fill('Build server');
    await manager.getByTestId('site-folder').fill('Work / Servers');
    await manager.getByTestId('site-protocol').selectOption('ftp-insecure');
    await manager.getByTestId('site-host').fill(server.host);
    await manager.getByTestId('site-port').fill(String(server.port));
    await manager.getByTestId('site-logonType').selectOption('normal');
    await manager.getByTestId('site-user').fill(server.user);
    await manager.getByTestId('site-password').fill(server.password);
    await manager.getByTestId('site-save').click();
    await manager.getByTestId('site-item-Build server').waitFor();
    await expect
      .poll(async () => (await web.app.api['sites.list']()).map((s) => s.name), POLL)
      .toEqual(['Build server']);
    const [created] = await web.app.api['sites.list']();
    expect(created).toMatchObject({
      folder: ['Work', 'Servers'],
      protocol: 'ftp-insecure',
      port: server.port,
      user: server.user,
      hasSecret: true,
    });
    await screenshot(page, 'e2e-site-manager');

    // Edit: a new name and a default remote folder, saved.
    await manager.getByTestId('site-name').fill('Build server (staging)');
    await manager.getByTestId('site-remoteDir').fill('/incoming');
    await manager.getByTestId('site-save').click();
    await manager.getByTestId('site-item-Build server (staging)').waitFor();
    await expect
      .poll(async () => (await web.app.api['sites.list']())[0], POLL)
      .toMatchObject({ id: created?.id, name: 'Build server (staging)', remoteDir: '/incoming' });

    // Closed and opened again, the site is still there; connect opens it in a new tab.
    await manager.getByTestId('site-close').click();
    await manager.waitFor({ state: 'detached' });
    await page.getByTestId('open-site-manager').click();
    await manager.getByTestId('site-item-Build server (staging)').click();
    const tabs = page.getByTestId('session-tabs').getByRole('tab');
    const before = await tabs.count();
    await manager.getByTestId('site-connect').click();
    await manager.waitFor({ state: 'detached' });
    await expect.poll(() => tabs.count(), POLL).toBe(before + 1);
    await pane(page, 'remote').at('/incoming');
    expect(await page.getByTestId('status-session').innerText()).toContain(`${server.user}@127.0.0.1`);

    // Delete it; the open connection stays until its tab is closed.
    await page.getByTestId('open-site-manager').click();
    await manager.getByTestId('site-item-Build server (staging)').click();
    await manager.getByTestId('site-delete').click();
    await page.getByTestId('dialog-confirm').getByTestId('dialog-confirm-button').click();
    await manager.getByTestId('site-item-Build server (staging)').waitFor({ state: 'detached' });
    await expect.poll(() => web.app.api['sites.list'](), POLL).toEqual([]);
    await manager.getByTestId('site-close').click();
    await page.locator('[data-testid^="session-close-"]').last().click();
    await expect.poll(() => tabs.count(), POLL).toBe(before);
    await pane(page, 'remote').at('/');
    expect(await errorToasts(page)).toEqual([]);
  });

  it('queue: a throttled upload shows progress and can be cancelled; the log masks the password', async () => {
    const { page, web } = ferry;
    const local = pane(page, 'local');
    const remote = pane(page, 'remote');
    await web.app.api['queue.settings']({ uploadLimit: 256 * 1024 });
    try {
      await local.row('upload.bin').dragTo(remote.row('incoming'));
      await page.getByTestId('queue-tab-active').click();
      const active = page.getByTestId('queue-list-active').getByTestId('queue-row-upload.bin');
      await active.and(page.locator('[data-state="active"]')).waitFor();
      await page.waitForFunction(
        () =>
          Number(
            document
              .querySelector('[data-testid="queue-list-active"] [role="progressbar"]')
              ?.getAttribute('aria-valuenow') ?? 0,
          ) >= 5,
      );
      await screenshot(page, 'e2e-queue-active');
      await active.getByTestId('queue-cancel').click();
      await active.waitFor({ state: 'detached' });
    } finally {
      await web.app.api['queue.settings']({ uploadLimit: 0 });
    }
    await page.getByTestId('queue-tab-done').click();
    await screenshot(page, 'e2e-queue-done');

    // Pause and start the whole queue (in web mode the omitted argument must not arrive as null).
    await page.getByTestId('queue-pause-all').click();
    await page.getByTestId('queue-start').click();
    await page.getByTestId('queue-pause-all').waitFor();

    await page.getByTestId('queue-tab-log').click();
    const log = page.getByTestId('log-view');
    await log.locator('.log-line').first().waitFor();
    await screenshot(page, 'e2e-log-tab');
    await log.getByTestId('log-filter').fill('PASS');
    await log.locator('.log-line').first().waitFor();
    const text = await log.innerText();
    expect(text).toContain('PASS');
    expect(text).not.toContain(server.password);
    await log.getByTestId('log-filter').fill('');
    expect(await errorToasts(page)).toEqual([]);
  });
  it('keyboard only: connect, Tab between panes, arrows, Enter, Backspace, type-to-find, F5, F7, F2, Delete', async () => {
    const { page, home } = ferry;
    const local = pane(page, 'local');
    const remote = pane(page, 'remote');
    const keys = keyboardOf(page);
    await page.reload();
    await local.at(home);

    // Connect from the quick-connect bar, by keyboard alone: a second connection, in a new tab.
    const tabs = page.getByTestId('session-tabs').getByRole('tab');
    const before = await tabs.count();
    await keys.tabTo('qc-protocol');
    for (let i = 0; i < 5 && (await page.getByTestId('qc-protocol').inputValue()) !== 'ftp-insecure'; i++)
      await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('qc-protocol').inputValue()).toBe('ftp-insecure');
    await keys.tabTo('qc-host');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(server.host);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(server.user);
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.password);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(server.port));
    await page.keyboard.press('Enter');
    await expect.poll(() => tabs.count(), POLL).toBe(before + 1);
    await remote.row('notes.md').waitFor();

    // The local list: arrows, Enter into a folder, Backspace back up.
    await keys.tabTo('local-list');
    await page.keyboard.press('ArrowDown');
    await local.row('Downloads').and(page.locator('[aria-selected="true"]')).waitFor();
    await page.keyboard.press('Enter');
    await local.at(path.join(home, 'Downloads'));
    await local.row('upload.bin').waitFor();
    await page.keyboard.press('Backspace');
    await local.at(home);

    // Tab moves to the remote list.
    await page.keyboard.press('Tab');
    expect(await keys.focused()).toBe('remote-list');

    // Type-to-find, then F2 renames in place.
    await keys.find('notes');
    await remote.row('notes.md').and(page.locator('[aria-selected="true"]')).waitFor();
    await page.keyboard.press('F2');
    expect(await keys.focused()).toBe('rename-input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('renamed.md');
    await page.keyboard.press('Enter');
    await remote.row('renamed.md').waitFor();
    expect((await stat(server.localPath('renamed.md'))).isFile()).toBe(true);
    expect(await keys.focused()).toBe('remote-list');

    // F7: a new folder, focused once made; Enter goes in, Backspace comes back.
    await page.keyboard.press('F7');
    expect(await keys.focused()).toBe('dialog-mkdir-input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('kbd-folder');
    await page.keyboard.press('Enter');
    await remote.row('kbd-folder').and(page.locator('[aria-selected="true"]')).waitFor();
    expect((await stat(server.localPath('kbd-folder'))).isDirectory()).toBe(true);
    expect(await keys.focused()).toBe('remote-list');
    await page.keyboard.press('Enter');
    await remote.at('/kbd-folder');
    await page.keyboard.press('Backspace');
    await remote.at('/');

    // F5 shows what changed on the server meanwhile; Enter on a file downloads it.
    await server.writeFile('from-server.txt', 'made behind Ferry’s back\n');
    await page.keyboard.press('F5');
    await remote.row('from-server.txt').waitFor();
    await keys.find('from');
    await remote.row('from-server.txt').and(page.locator('[aria-selected="true"]')).waitFor();
    await page.keyboard.press('Enter');
    await local.row('from-server.txt').waitFor();
    await expect(readFile(path.join(home, 'from-server.txt'), 'utf8')).resolves.toBe(
      'made behind Ferry’s back\n',
    );

    // Delete asks first; Enter confirms.
    await keys.find('kbd');
    await remote.row('kbd-folder').and(page.locator('[aria-selected="true"]')).waitFor();
    await page.keyboard.press('Delete');
    await page.getByTestId('dialog-confirm').waitFor();
    expect(await keys.focused()).toBe('dialog-confirm-button');
    await page.keyboard.press('Enter');
    await remote.row('kbd-folder').waitFor({ state: 'detached' });
    await expect(stat(server.localPath('kbd-folder'))).rejects.toThrow();

    await page.keyboard.press('Tab');
    expect(await keys.focused()).toBe('local-list');
    expect(await errorToasts(page)).toEqual([]);
  });

  it('dark theme follows the OS', async () => {
    const { page } = ferry;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
      expect(r + g + b).toBeLessThan(3 * 100);
      await screenshot(page, 'e2e-dark-theme');
      await page.getByTestId('open-site-manager').click();
      await page.getByTestId('dialog-site-manager').waitFor();
      await screenshot(page, 'e2e-dark-site-manager');
      await page.keyboard.press('Escape');
      await page.getByTestId('dialog-site-manager').waitFor({ state: 'detached' });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(ferry.errors).toEqual([]);
  });
  it('every control has an accessible name', async () => {
    const { page } = ferry;
    await page.getByTestId('open-site-manager').click();
    await page.getByTestId('dialog-site-manager').getByTestId('site-new').click();
    const { unnamed, controlCount } = await page.evaluate(() => {
      const controls = document.querySelectorAll<HTMLElement>(
        'button, input, select, textarea, [role="tab"], [role="grid"], [role="menuitem"], [tabindex="0"]',
      );
      const nameOf = (el: HTMLElement): string => {
        const labelledBy = el.getAttribute('aria-labelledby');
        const byId = labelledBy
          ? labelledBy
              .split(/\s+/)
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' ')
          : '';
        const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])] : [];
        return [
          el.getAttribute('aria-label'),
          byId,
          el instanceof HTMLInputElement ||
          el instanceof HTMLTextAreaElement ||
          el instanceof HTMLSelectElement
            ? ''
            : el.textContent,
          labels.map((l) => l.textContent).join(' '),
          el.getAttribute('title'),
        ]
          .map((t) => (t ?? '').trim())
          .join('');
      };
      const missing = [...controls]
        .filter((el) => el.getAttribute('type') !== 'hidden' && !el.hidden && nameOf(el) === '')
        .map((el) => el.outerHTML.slice(0, 120));
      return { unnamed: missing, controlCount: controls.length };
    });
    await page.keyboard.press('Escape');
    await page.getByTestId('dialog-site-manager').waitFor({ state: 'detached' });
    expect(unnamed).toEqual([]);
    expect(controlCount).toBeGreaterThan(50);
  });
});
