/**
 * Quick connections are remembered: with "save password" ticked, the recent menu reopens
 * the same server in one click, with no password typed again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../harness/index.js';
import { chromiumAvailable } from './browser.js';
import { errorToasts, openFerry, pane, screenshot, type FerryPage } from './ferry-page.js';

const POLL = { timeout: 15_000 };

describe.skipIf(!chromiumAvailable())('recent quick connections', () => {
  let server: RunningServer;
  let ferry: FerryPage;

  beforeAll(async () => {
    server = await startServer('vsftpd');
    await server.writeFile('remembered.txt', 'hello again\n');
    ferry = await openFerry();
  });

  afterAll(async () => {
    await ferry?.close();
    await server?.dispose();
  });

  it('reopens a remembered server from the recent menu without retyping the password', async () => {
    const { page } = ferry;
    const tabs = page.getByTestId('session-tabs').getByRole('tab');
    await page.getByTestId('qc-protocol').selectOption('ftp-insecure');
    await page.getByTestId('qc-host').fill(server.host);
    await page.getByTestId('qc-user').fill(server.user);
    await page.getByTestId('qc-password').fill(server.password);
    await page.getByTestId('qc-port').fill(String(server.port));
    await page.getByTestId('qc-save-password').check();
    await page.getByTestId('qc-connect').click();
    await pane(page, 'remote').row('remembered.txt').waitFor();
    await expect(page.getByTestId('qc-password').inputValue()).resolves.toBe('');

    await page.getByTestId('qc-recent').click();
    const entry = page.getByTestId(`qc-recent-${server.host}-${server.port}`);
    await entry.waitFor();
    await screenshot(page, 'e2e-recent-connections');
    await entry.click();
    await expect.poll(() => tabs.count(), POLL).toBe(2);
    await pane(page, 'remote').row('remembered.txt').waitFor();
    expect(await errorToasts(page)).toEqual([]);
    expect(ferry.errors).toEqual([]);
  });
});
