/**
 * Fixed (this failed before): in a narrow window the pane header's title ("Local", "Remote" and the host
 * chip) is drawn underneath the pane's navigation buttons. responsive.css promises that narrow
 * windows and 200% zoom (1280×800 → 640×400 CSS px) keep working; at 800 px (a window snapped
 * to half of a 1600 px screen) the host chip already runs under the "Folder tree" button, and
 * at 640 px "Local" and "Remote" themselves do.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../harness/index.js';
import { chromiumAvailable } from './browser.js';
import { openFerry, pane, quickConnect, type FerryPage, failureShot } from './ferry-page.js';

/** For each pane: how many px the title (text and host chip) runs under the nav toolbar. */
function titleOverlap(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const p of document.querySelectorAll<HTMLElement>('.pane')) {
      const nav = p.querySelector('.pane-nav')?.getBoundingClientRect();
      const parts = [...p.querySelectorAll('.pane-title-text, .pane-subtitle')].map((e) =>
        e.getBoundingClientRect(),
      );
      if (!nav) continue;
      const right = Math.max(...parts.map((r) => r.right));
      out[p.dataset.testid ?? '?'] = Math.max(0, Math.round(right - nav.left));
    }
    return out;
  });
}

describe.skipIf(!chromiumAvailable())('the pane header in a narrow window', () => {
  let server: RunningServer;
  let ferry: FerryPage;

  beforeAll(async () => {
    server = await startServer('vsftpd');
    await server.mkdir('incoming');
    ferry = await openFerry();
    await quickConnect(ferry.page, server, 'ftp-insecure');
    await pane(ferry.page, 'remote').row('incoming').waitFor();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry.page, context.task.name);
  });

  afterAll(async () => {
    await ferry?.close();
    await server?.dispose();
  });

  for (const [width, height] of [
    [800, 700],
    [640, 400],
  ] as const) {
    it(`at ${width}×${height} the titles do not run under the navigation buttons`, async () => {
      const { page } = ferry;
      await page.setViewportSize({ width, height });
      await page.waitForFunction((w) => document.documentElement.clientWidth <= w, width);
      expect(await titleOverlap(page)).toEqual({ 'pane-local': 0, 'pane-remote': 0 });
    });
  }
});
