/**
 * A plain click on one row of a multiple selection leaves just that row selected, as in every
 * file manager (FileZilla, Explorer, Finder). The press keeps the selection, so the rows can
 * be dragged together; without that narrowing on release, the next Delete would delete every
 * file picked before, not the one the user just clicked.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { pane, screenshot, useFerry } from './ferry-page.js';

const ALL = ['alpha.txt', 'bravo.txt', 'charlie.txt', 'delta.txt'];

const selected = (local: ReturnType<typeof pane>): Promise<string[]> =>
  local.root
    .locator('[role="row"][aria-selected="true"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));

describe.skipIf(!chromiumAvailable())('clicking inside a multiple selection', () => {
  const fixture = useFerry({
    home: async (home) => {
      for (const name of ALL) await writeFile(path.join(home, name), `${name}\n`);
    },
  });

  it('a plain click on a selected row selects only that row', async () => {
    const { page } = fixture.ferry;
    const local = pane(page, 'local');
    await local.row('alpha.txt').click();
    await local.row('bravo.txt').click({ modifiers: ['Control'] });
    await local.row('charlie.txt').click({ modifiers: ['Control'] });
    expect(await selected(local)).toEqual(['alpha.txt', 'bravo.txt', 'charlie.txt']);

    // A plain click (press and release, no drag) on one of them.
    await local.row('bravo.txt').click();
    await screenshot(page, 'selection-plain-click');
    expect(await selected(local), 'a plain click narrows the selection to the clicked row').toEqual([
      'bravo.txt',
    ]);
    expect(await page.getByTestId('local-footer').innerText()).toContain('1 item selected');
  });

  it('dragging a selected row still carries the whole selection', async () => {
    const { page } = fixture.ferry;
    const local = pane(page, 'local');
    await local.row('alpha.txt').click();
    await local.row('delta.txt').click({ modifiers: ['Shift'] });
    // Read after the list has filled the drag (React listens below document).
    await page.evaluate(() => {
      document.addEventListener('dragstart', (e) => {
        (window as unknown as { dragged?: string }).dragged = e.dataTransfer?.getData('text/plain');
      });
    });
    await local.row('bravo.txt').dragTo(local.row('delta.txt'));
    const dragged = await page.evaluate(() => (window as unknown as { dragged?: string }).dragged ?? '');
    expect(dragged.split('\n')).toEqual(ALL);
    expect(await selected(local), 'a drag is no click: the selection stays').toEqual(ALL);
  });
});
