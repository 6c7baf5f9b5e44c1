/** What the queue tests share: uploads that wait in Queued because Auto-start is off. */
import type { Locator, Page } from 'playwright-core';
import type { RunningServer } from '../harness/index.js';
import { pane, quickConnect } from './ferry-page.js';

export function queuedRow(page: Page, name: string): Locator {
  return page.getByTestId('queue-list-queued').getByTestId(`queue-row-${name}`);
}

/**
 * Connects to the server (whose root holds a folder `incoming`), turns Auto-start off and drags
 * each local file in `names` to the remote pane, one at a time: they wait in Queued, in that order.
 */
export async function queueHeldUploads(
  page: Page,
  server: RunningServer,
  names: readonly string[],
): Promise<void> {
  await quickConnect(page, server, 'ftp-insecure');
  await pane(page, 'remote').row('incoming').waitFor();
  // Auto-start off: the idle queue pauses and the panel offers Start instead.
  await page.getByRole('switch', { name: 'Start new transfers automatically' }).click();
  await page.getByTestId('queue-start').waitFor();
  for (const name of names) {
    await pane(page, 'local').row(name).dragTo(pane(page, 'remote').list);
    await queuedRow(page, name).waitFor();
  }
}
