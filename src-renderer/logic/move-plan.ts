import { isWithin, joinPath } from './paths.js';
import type { DragPayload } from './transfer-plan.js';

export interface Move {
  from: string;
  to: string;
}

/**
 * What dropping rows on a folder of their own pane means: each moves into that folder (a
 * rename). A folder never moves into itself or below itself, and a row already there stays.
 */
export function planMoves(payload: DragPayload, targetDir: string): Move[] {
  return payload.names.flatMap((name) => {
    const from = joinPath(payload.dir, name);
    const to = joinPath(targetDir, name);
    return to === from || isWithin(targetDir, from) ? [] : [{ from, to }];
  });
}
