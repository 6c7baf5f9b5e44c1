/**
 * Fixed (this failed before): moving the keyboard focus down a long list (ArrowDown, PageDown,
 * type-to-find, or re-sorting) "scrolls it into view" one header-height short, so the
 * focused and selected row ends up just below the visible part of the list. The sticky
 * column header (28 px) sits inside the virtualizer's scroll element, but the virtualizer
 * is not told about it (no scrollMargin / scrollPadding), so its idea of "visible" is off
 * by the header's height.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { keyboardOf, openFerry, pane, type FerryPage, failureShot } from './ferry-page.js';

const COUNT = 300;
const nameOf = (i: number): string => `file-${String(i).padStart(3, '0')}.txt`;

/** Where the focused row is, against the part of the list a user can see (below the sticky header). */
async function focusedRowPlace(
  page: Page,
): Promise<{ name: string | null; visible: boolean; detail: string }> {
  // Let the virtualizer's scroll and re-render settle.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  return page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="local-list"] .list-scroll');
    if (!scroller) throw new Error('no list');
    const header = scroller.querySelector('.list-header')?.getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    const top = header ? header.bottom : box.top;
    const bottom = box.top + scroller.clientHeight;
    const row = scroller.querySelector<HTMLElement>('.file-row.focused');
    if (!row) return { name: null, visible: false, detail: 'focused row not rendered' };
    const r = row.getBoundingClientRect();
    return {
      name: row.dataset.name ?? null,
      visible: r.top >= top - 0.5 && r.bottom <= bottom + 0.5,
      detail: `row ${r.top}..${r.bottom}, visible area ${top}..${bottom}`,
    };
  });
}

describe.skipIf(!chromiumAvailable())('keyboard focus in a long list stays in view', () => {
  let ferry: FerryPage;

  beforeAll(async () => {
    ferry = await openFerry(async (home) => {
      await Promise.all(
        Array.from({ length: COUNT }, (_, i) => writeFile(path.join(home, nameOf(i)), 'x'.repeat(i))),
      );
      await mkdir(path.join(home, 'afolder'));
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry.page, context.task.name);
  });

  afterAll(async () => {
    await ferry?.close();
  });

  it('ArrowDown past the last visible row scrolls the focused row into view', async () => {
    const { page } = ferry;
    const local = pane(page, 'local');
    await local.row(nameOf(0)).click();
    // 40 rows down: well past the ~13 rows the 1280×800 window shows.
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('local-footer').innerText()).resolves.toContain('1 item selected');
    const place = await focusedRowPlace(page);
    expect(place.name).toBe(nameOf(40));
    expect(place.visible, place.detail).toBe(true);
  });

  it('PageDown shows the row it moved to', async () => {
    const { page } = ferry;
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    const place = await focusedRowPlace(page);
    expect(place.visible, `${place.name}: ${place.detail}`).toBe(true);
  });

  it('type-to-find shows the row it found', async () => {
    const { page } = ferry;
    const local = pane(page, 'local');
    await page.keyboard.press('Home');
    await local.list.focus();
    await keyboardOf(page).find('file-2');
    const place = await focusedRowPlace(page);
    expect(place.name).toBe(nameOf(200));
    expect(place.visible, place.detail).toBe(true);
  });
});
