/**
 * The window opens where the user left it: size, position and maximised state, kept in
 * userData/window-state.json. A saved position on a display that is gone is ignored, so the
 * window never opens off-screen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_BOUNDS = { width: 1280, height: 800 };
/** How much of the title bar must be on a display for a saved position to be used. */
const GRAB_WIDTH = 100;
const TITLE_BAR_HEIGHT = 30;

export function loadWindowState(userData: string): Partial<Rectangle> & { maximized: boolean } {
  try {
    const state = JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8')) as WindowState;
    const { bounds } = state;
    // Not merely overlapping a display: its title bar must be there to be grabbed (a window
    // saved on a monitor since unplugged could otherwise open as a sliver at the edge).
    const visible = screen.getAllDisplays().some((display) => {
      const area = display.workArea;
      const shownWidth = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
      return (
        shownWidth >= GRAB_WIDTH && bounds.y >= area.y && bounds.y + TITLE_BAR_HEIGHT <= area.y + area.height
      );
    });
    return visible
      ? { ...bounds, maximized: state.maximized }
      : { ...DEFAULT_BOUNDS, maximized: state.maximized };
  } catch {
    return { ...DEFAULT_BOUNDS, maximized: false };
  }
}

export function rememberWindowState(window: BrowserWindow, userData: string): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeFileSync(path.join(userData, 'window-state.json'), JSON.stringify(state));
    } catch {
      // Not being able to remember the window's place is no reason to stop quitting.
    }
  });
}
