/**
 * A 20,000-entry folder in both panes: the same folder listed by vsftpd (remote) and read
 * from disk (local, since the server's root is on this machine). Prints time to first paint
 * and frame times while scrolling for the lead's notes; asserts only that rows render and
 * that the list is virtualized (far fewer than 20,000 rows in the DOM). No timing asserts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../harness/index.js';
import { chromiumAvailable } from './browser.js';
import { startFrameRecording, stopFrameRecording, armPaintProbe, type FrameStats } from './frame-probe.js';
import {
  errorToasts,
  failureShot,
  openFerry,
  pane,
  quickConnect,
  screenshot,
  type FerryPage,
} from './ferry-page.js';

const COUNT = 20_000;
const nameOf = (i: number): string => `file-${String(i).padStart(5, '0')}.txt`;
const FIRST = nameOf(0);
const LAST = nameOf(COUNT - 1);

/** Wheel-scrolls the list under the mouse, recording frames meanwhile. */
async function scrollFrames(page: Page, side: 'local' | 'remote'): Promise<FrameStats> {
  const box = await pane(page, side).list.boundingBox();
  if (!box) throw new Error(`the ${side} list has no box`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await startFrameRecording(page);
  for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 400);
  // Let the last wheel's scroll land before stopping: wait until scrolling has moved far down.
  await page.waitForFunction((testId) => {
    const scroller = document.querySelector(`[data-testid="${testId}"] .list-scroll`);
    return scroller !== null && scroller.scrollTop > 10_000;
  }, `${side}-list`);
  return stopFrameRecording(page);
}

function renderedRows(page: Page, side: 'local' | 'remote'): Promise<number> {
  return pane(page, side).rows().count();
}

describe.skipIf(!chromiumAvailable())('a 20,000-entry folder', () => {
  let server: RunningServer;
  let ferry: FerryPage;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    server = await startServer('vsftpd');
    const dir = await server.mkdir('big');
    // Small batches: 20,000 files at once would hold 20,000 file handles.
    for (let i = 0; i < COUNT; i += 500) {
      const batch: Promise<void>[] = [];
      for (let j = i; j < Math.min(COUNT, i + 500); j++)
        batch.push(writeFile(`${dir}/${nameOf(j)}`, 'x'.repeat(j % 97)));
      await Promise.all(batch);
    }
    await mkdir(`${dir}/a-folder`);
    await server.fixOwnership();
    ferry = await openFerry();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry.page, context.task.name);
  });

  afterAll(async () => {
    console.log(`[e2e figures] 20,000-entry folder: ${JSON.stringify(figures)}`);
    await ferry?.close();
    await server?.dispose();
  });

  it('remote: first paint after opening the folder, smooth scrolling, virtualized', async () => {
    const { page, web } = ferry;
    const remote = pane(page, 'remote');
    await quickConnect(page, server, 'ftp-insecure');
    await remote.row('big').waitFor();

    // The engine alone (LIST + parse over a real connection), to tell it apart from rendering.
    const session = (await web.app.api['session.list']()).find((s) => s.id !== 'local');
    if (!session) throw new Error('no remote session');
    const started = performance.now();
    const listing = await web.app.api['fs.list'](session.id, '/big');
    figures.remoteListMs = Math.round(performance.now() - started);
    expect(listing.entries).toHaveLength(COUNT + 1);

    const painted = await armPaintProbe(
      page,
      'dblclick',
      `[data-testid="pane-remote"] [data-testid="row-${FIRST}"]`,
    );
    await remote.row('big').dblclick();
    figures.remoteFirstPaintMs = Math.round(await painted());
    await remote.at('/big');
    await expect(page.getByTestId('remote-footer').innerText()).resolves.toContain('20,000');
    // Folders first: the one folder heads the list.
    await remote.row('a-folder').waitFor();
    const inDom = await renderedRows(page, 'remote');
    figures.remoteRowsInDom = inDom;
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(200);

    figures.remoteScroll = await scrollFrames(page, 'remote');
    expect(await renderedRows(page, 'remote')).toBeLessThan(200);
    await screenshot(page, 'e2e-large-listing');

    // End jumps to the last of 20,000 rows.
    await remote.row(FIRST).waitFor({ state: 'detached' });
    await remote.list.focus();
    await page.keyboard.press('End');
    await remote.row(LAST).and(page.locator('[aria-selected="true"]')).waitFor();

    // Sorting 20,000 rows by name, descending: time from the click to the re-sorted frame.
    const sorted = await armPaintProbe(
      page,
      'click',
      `[data-testid="pane-remote"] [role="row"][aria-rowindex="3"][data-testid="row-${LAST}"]`,
    );
    await page.getByTestId('remote-sort-name').click();
    figures.remoteSortMs = Math.round(await sorted());
    await page.getByTestId('remote-sort-name').click();
    expect(await errorToasts(page)).toEqual([]);
  });

  it('local: the same folder from disk', async () => {
    const { page, web } = ferry;
    const local = pane(page, 'local');
    const started = performance.now();
    const listing = await web.app.api['fs.list']('local', server.localPath('big'));
    figures.localListMs = Math.round(performance.now() - started);
    expect(listing.entries).toHaveLength(COUNT + 1);

    await page.getByTestId('local-path-edit').click();
    await page.getByTestId('local-path-input').fill(server.localPath('big'));
    const painted = await armPaintProbe(
      page,
      'keydown',
      `[data-testid="pane-local"] [data-testid="row-${FIRST}"]`,
    );
    await page.keyboard.press('Enter');
    figures.localFirstPaintMs = Math.round(await painted());
    await local.at(server.localPath('big'));
    const inDom = await renderedRows(page, 'local');
    figures.localRowsInDom = inDom;
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(200);
    figures.localScroll = await scrollFrames(page, 'local');
    expect(await renderedRows(page, 'local')).toBeLessThan(200);
    expect(await errorToasts(page)).toEqual([]);
    expect(ferry.errors).toEqual([]);
  });
});
