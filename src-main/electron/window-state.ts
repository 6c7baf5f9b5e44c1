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

export function loadWindowState(userData: string): Partial<Rectangle> & { maximized: boolean } {
  try {
    const state = JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8')) as WindowState;
    const { bounds } = state;
    const visible = screen.getAllDisplays().some((display) => {
      const area = display.workArea;
      return (
        bounds.x < area.x + area.width &&
        bounds.x + bounds.width > area.x &&
        bounds.y < area.y + area.height &&
        bounds.y + bounds.height > area.y
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
