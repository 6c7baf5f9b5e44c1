/**
 * What the user sees: the protocol log names each line's connection by its tab label
 * (`user@host:port`). Typing that label into the log's filter keeps that connection's lines.
 * Why it matters: the filter used to match the session's internal id, which the log never
 * shows, so filtering by what is on screen emptied the log.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { pane, quickConnect, screenshot, useFerry } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('filtering the protocol log by connection', () => {
  const fixture = useFerry({ server: (server) => server.writeFile('hello.txt', 'x') });

  it('the label shown in the session column filters to that connection’s lines', async () => {
    const { page } = fixture.ferry;
    await quickConnect(page, fixture.server, 'ftp-insecure');
    await pane(page, 'remote').row('hello.txt').waitFor();
    await page.getByTestId('queue-tab-log').click();
    const lines = page.getByTestId('log-view').locator('.log-line');
    await lines.first().waitFor();
    const label = (await lines.first().locator('.log-session').innerText()).trim();
    expect(label).toBe(`${fixture.server.user}@127.0.0.1:${fixture.server.port}`);

    await page.getByTestId('log-filter').fill(label);
    await lines.first().waitFor({ timeout: 3_000 });
    await screenshot(page, 'log-filter-session-label');
    const sessions = await lines.locator('.log-session').allInnerTexts();
    expect(sessions.every((s) => s.trim() === label)).toBe(true);

    // A label no line shows still empties the log: the filter did not just stop filtering.
    await page.getByTestId('log-filter').fill(`${label}-nowhere`);
    await expect.poll(() => lines.count()).toBe(0);
  });
});
