/**
 * Quick connect takes a whole URL in the host field (`ftp://user:secret@host:port/`). The form
 * clears its password field once the password is used, but the URL, password and all, stayed
 * in plain text in the host field, for anyone looking at the screen, a screenshot or a screen
 * share to read. The password now leaves the URL as the connection starts; the rest stays.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { errorToasts, pane, screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('a password typed in a quick-connect URL', () => {
  const fixture = useFerry({ server: (server) => server.mkdir('incoming') });

  it('is not left on screen in the host field once used', async () => {
    const { page } = fixture.ferry;
    const { server } = fixture;
    const address = `${server.host}:${server.port}/`;
    await page
      .getByTestId('qc-host')
      .fill(`ftp+insecure://${server.user}:${encodeURIComponent(server.password)}@${address}`);
    await page.getByTestId('qc-connect').click();
    await pane(page, 'remote').row('incoming').waitFor();
    expect(await errorToasts(page)).toEqual([]);
    await page.getByTestId('qc-connect').and(page.locator(':not([disabled])')).waitFor();
    await screenshot(page, 'quick-connect-url-password');

    expect(await page.getByTestId('qc-host').inputValue(), 'the URL keeps all but the password').toBe(
      `ftp+insecure://${server.user}@${address}`,
    );
    expect(await page.getByTestId('qc-password').inputValue()).toBe('');
  });
});
