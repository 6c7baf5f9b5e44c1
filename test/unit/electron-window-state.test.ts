/**
 * window-state.ts promises "A saved position on a display that is gone is ignored, so the
 * window never opens off-screen". The check accepted any overlap at all with a display's work
 * area, so a window saved almost entirely on a monitor since unplugged was restored with a
 * sliver of a few pixels showing (and, when it hung above the screen, its title bar out of
 * reach). Now its title bar must be there to grab.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// One 1920x1080 laptop screen is all that is left.
vi.mock('electron', () => ({
  screen: {
    getAllDisplays: () => [
      {
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      },
    ],
  },
}));

const { loadWindowState } = await import('../../src-main/electron/window-state.js');

function saved(bounds: { x: number; y: number; width: number; height: number }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-window-state-'));
  writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify({ bounds, maximized: false }));
  return dir;
}

/** The title bar: the window's top 30 px. How wide and how tall a part of it lands on the work area. */
function titleBarOnScreen(b: { x?: number; y?: number; width?: number }): { wide: number; tall: number } {
  if (b.x === undefined || b.y === undefined) return { wide: Infinity, tall: Infinity }; // centred by the OS
  const wide = Math.max(0, Math.min(b.x + b.width!, 1920) - Math.max(b.x, 0));
  const tall = Math.max(0, Math.min(b.y + 30, 1040) - Math.max(b.y, 0));
  return { wide, tall };
}

describe('loadWindowState when the monitor the window was on is gone', () => {
  it.each([
    // An external monitor to the right (x 1920..4480): the window's left 4 px hung over the laptop.
    { where: 'right', bounds: { x: 1916, y: 100, width: 1280, height: 800 } },
    // An external monitor above (y -1440..0): only the window's bottom 6 px reached down.
    { where: 'above', bounds: { x: 300, y: -794, width: 1280, height: 800 } },
  ])('a window left on the monitor $where is not restored as an off-screen sliver', ({ bounds }) => {
    const state = loadWindowState(saved(bounds));
    const { maximized: _maximized, ...restored } = state;
    // Enough of the title bar to grab and drag the window back: 100 px of it, its full height.
    const bar = titleBarOnScreen(restored);
    expect(bar.wide, JSON.stringify(restored)).toBeGreaterThanOrEqual(100);
    expect(bar.tall, JSON.stringify(restored)).toBeGreaterThanOrEqual(30);
  });
});

describe('control: a window saved on the laptop screen', () => {
  it('is restored where it was', () => {
    const bounds = { x: 100, y: 60, width: 1280, height: 800 };
    expect(loadWindowState(saved(bounds))).toEqual({ ...bounds, maximized: false });
  });
});
