/**
 * The Queued tab lists waiting transfers in the order they will run. "Move to top", "Move
 * down" and a row's priority change that order in the queue; the panel used to keep listing
 * the items as they were added, so the row the user moved stayed where it was and the list
 * misled about what goes out next.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { errorToasts, screenshot, useFerry } from './ferry-page.js';
import { queueHeldUploads, queuedRow } from './queue-kit.js';

const NAMES = ['one.bin', 'two.bin', 'three.bin'];

/** The Queued tab's rows, top to bottom as shown. */
const shownOrder = (page: Page): Promise<string[]> =>
  page
    .getByTestId('queue-list-queued')
    .locator('[role="row"]')
    .evaluateAll((rows) =>
      rows
        .map((r) => ({
          top: r.getBoundingClientRect().top,
          name: (r.getAttribute('data-testid') ?? '').replace('queue-row-', ''),
        }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.name),
    );

/** Picks an item of a waiting row's menu. */
async function fromMenu(page: Page, name: string, item: string): Promise<void> {
  await queuedRow(page, name).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Transfer actions' }).getByTestId(item).click();
  await page.getByTestId('context-menu').waitFor({ state: 'detached' });
}

describe.skipIf(!chromiumAvailable())('reordering the queue', () => {
  const fixture = useFerry({
    server: (server) => server.mkdir('incoming'),
    home: async (home) => {
      for (const name of NAMES) await writeFile(path.join(home, name), Buffer.alloc(1024, 1));
    },
  });

  it('Queued shows moves and priorities in the order the transfers then run', async () => {
    const { page, web } = fixture.ferry;
    // One connection: the transfers start one after another, in the queue's order.
    await web.app.api['queue.settings']({ maxConnectionsPerSite: 1 });
    await queueHeldUploads(page, fixture.server, NAMES);
    expect(await shownOrder(page)).toEqual(NAMES);

    await fromMenu(page, 'three.bin', 'menu-move-top');
    await expect.poll(() => shownOrder(page)).toEqual(['three.bin', 'one.bin', 'two.bin']);
    await fromMenu(page, 'two.bin', 'menu-priority-5');
    await expect.poll(() => shownOrder(page)).toEqual(['two.bin', 'three.bin', 'one.bin']);
    await screenshot(page, 'queue-run-order');
    expect(await errorToasts(page)).toEqual([]);

    const started: string[] = [];
    const stop = web.app.bus.subscribe((event) => {
      if (event.type !== 'queue-items') return;
      for (const item of event.items) {
        const name = path.basename(item.source.path);
        if (item.state !== 'queued' && item.state !== 'paused' && !started.includes(name)) started.push(name);
      }
    });
    await page.getByTestId('queue-start').click();
    await expect.poll(() => started.length, { timeout: 15_000 }).toBe(3);
    stop();
    expect(started, 'the queue runs them in the order shown').toEqual(['two.bin', 'three.bin', 'one.bin']);
  });
});
