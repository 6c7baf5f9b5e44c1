/**
 * With Auto-start off ("Turn off to hold them until you press Start"), resuming one paused row
 * of the queue (its Resume button, or Space) resumes that row only: the queue stays held. It
 * used to start the whole queue, so every other transfer the user was holding went out too.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { screenshot, useFerry } from './ferry-page.js';
import { queueHeldUploads, queuedRow } from './queue-kit.js';

describe.skipIf(!chromiumAvailable())('resuming one row while the queue is held', () => {
  const fixture = useFerry({
    server: (server) => server.mkdir('incoming'),
    home: async (home) => {
      await writeFile(path.join(home, 'first.bin'), Buffer.alloc(64 * 1024, 1));
      await writeFile(path.join(home, 'second.bin'), Buffer.alloc(64 * 1024, 2));
    },
  });

  it('pause then resume one row keeps the held queue waiting for Start', async () => {
    const { page } = fixture.ferry;
    const { server } = fixture;
    await queueHeldUploads(page, server, ['first.bin', 'second.bin']);

    const row = queuedRow(page, 'first.bin');
    await row.getByTestId('queue-pause').click();
    await row.and(page.locator('[data-state="paused"]')).waitFor();
    await row.getByTestId('queue-resume').click();
    await row.and(page.locator('[data-state="queued"]')).waitFor();

    // Give a transfer that should not happen every chance to show itself.
    await page
      .getByTestId('queue-list-active')
      .or(page.getByTestId('queue-count-done').getByText('2'))
      .waitFor({ timeout: 3_000 })
      .catch(() => {});
    await screenshot(page, 'queue-held-row-resume');
    const state = {
      startShown: await page.getByTestId('queue-start').isVisible(),
      firstUploaded: existsSync(server.localPath('first.bin')),
      secondUploaded: existsSync(server.localPath('second.bin')),
    };
    expect(state, 'the held queue keeps waiting for Start').toEqual({
      startShown: true,
      firstUploaded: false,
      secondUploaded: false,
    });

    // Start is what sends them.
    await page.getByTestId('queue-start').click();
    await page.getByTestId('queue-count-done').getByText('2').waitFor();
    expect(existsSync(server.localPath('first.bin')) && existsSync(server.localPath('second.bin'))).toBe(
      true,
    );
  });
});
