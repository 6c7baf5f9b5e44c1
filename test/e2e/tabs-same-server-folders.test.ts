/**
 * What the user sees: two tabs to the same server, each browsing its own folder. Switching
 * back to a tab shows the folder that tab was in, with its own Back history, as FileZilla's
 * tabs do. Why it matters: the one remote pane used to reopen every tab at the folder last
 * remembered for the server, so the tabs shared (and overwrote) one folder.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { pane, quickConnect, screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('two tabs to the same server', () => {
  const fixture = useFerry({
    server: async (server) => {
      await server.writeFile('alpha/in-alpha.txt', 'a\n');
      await server.writeFile('beta/in-beta.txt', 'b\n');
    },
  });

  it('each tab keeps its own remote folder', async () => {
    const { page } = fixture.ferry;
    const remote = pane(page, 'remote');
    const tabs = page.getByTestId('session-tabs').getByRole('tab');
    /** Switches to tab `n` and waits for the remote pane to show `dir` and its file. */
    const showTab = async (n: number, dir: string, file: string): Promise<void> => {
      await tabs.nth(n).click();
      await tabs.nth(n).and(page.locator('[aria-selected="true"]')).waitFor();
      await remote.at(dir);
      await remote.row(file).waitFor();
    };

    await quickConnect(page, fixture.server, 'ftp-insecure');
    await remote.row('alpha').dblclick();
    await remote.at('/alpha');
    await remote.row('in-alpha.txt').waitFor();

    await quickConnect(page, fixture.server, 'ftp-insecure');
    await expect.poll(() => tabs.count()).toBe(2);
    await tabs.nth(1).and(page.locator('[aria-selected="true"]')).waitFor();
    // The second tab may open where the first one was: go to the root, then into beta.
    await remote.row('in-alpha.txt').or(remote.row('beta')).first().waitFor();
    if (await remote.row('in-alpha.txt').isVisible()) await page.getByTestId('remote-up').click();
    await remote.row('beta').dblclick();
    await remote.at('/beta');
    await remote.row('in-beta.txt').waitFor();

    await showTab(0, '/alpha', 'in-alpha.txt');
    await screenshot(page, 'tabs-same-server-folders');

    // The first tab's history came back with it: Back goes to where that tab came from.
    await page.getByTestId('remote-back').click();
    await remote.at('/');
    await remote.row('alpha').waitFor();

    await showTab(1, '/beta', 'in-beta.txt');
  });
});
