/**
 * Fixed (this failed before): the queue's "Auto-start" switch says "New transfers start at once. Turn off
 * to hold them until you press Start." Turning it off pauses the (idle) queue, but every
 * transfer the panes add (drag and drop, Enter, the Upload/Download menu item) calls
 * queue.start right after queue.add, which switches the whole queue back on: the new file is
 * sent at once and the switch flips back to "on".
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../harness/index.js';
import { chromiumAvailable } from './browser.js';
import { openFerry, pane, quickConnect, type FerryPage, failureShot } from './ferry-page.js';

describe.skipIf(!chromiumAvailable())('the queue with Auto-start turned off', () => {
  let server: RunningServer;
  let ferry: FerryPage;

  beforeAll(async () => {
    server = await startServer('vsftpd');
    await server.mkdir('incoming');
    ferry = await openFerry(async (home) => {
      await writeFile(path.join(home, 'held.bin'), Buffer.alloc(256 * 1024, 7));
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry.page, context.task.name);
  });

  afterAll(async () => {
    await ferry?.close();
    await server?.dispose();
  });

  it('a file dragged to the other pane waits in Queued until Start is pressed', async () => {
    const { page } = ferry;
    const local = pane(page, 'local');
    const remote = pane(page, 'remote');
    await quickConnect(page, server, 'ftp-insecure');
    await remote.row('incoming').waitFor();

    // Turn Auto-start off: the idle queue is paused and the panel offers "Start" instead.
    const autoStart = page.getByRole('switch', { name: 'Start new transfers automatically' });
    expect(await autoStart.getAttribute('aria-checked')).toBe('true');
    await autoStart.click();
    await page.getByTestId('queue-start').waitFor();

    await local.row('held.bin').dragTo(remote.list);
    // The pane says it handed the file over (queue.add and what follows it have returned).
    await page.getByTestId('toasts').getByText('“held.bin”').waitFor();
    // Give a transfer that should not happen every chance to show itself.
    await page
      .getByTestId('queue-list-done')
      .or(page.getByTestId('queue-list-active'))
      .getByTestId('queue-row-held.bin')
      .waitFor({ timeout: 3_000 })
      .catch(() => {});

    const startShown = await page.getByTestId('queue-start').isVisible();
    const uploaded = existsSync(server.localPath('held.bin'));
    const queuedRow = await page.getByTestId('queue-list-queued').getByTestId('queue-row-held.bin').count();
    expect({ startShown, uploaded, queuedRow }, 'with Auto-start off the upload must wait for Start').toEqual(
      { startShown: true, uploaded: false, queuedRow: 1 },
    );
  });
});
