import type { EnqueueRequest } from '../../src-shared/contract.js';
import { joinPath } from './paths.js';

/** The MIME type of rows dragged between panes; the OS and other apps never see it. */
export const DRAG_MIME = 'application/x-ferry-entries';

/**
 * Marks which pane rows come from. Unlike the payload, a drag's types can be read while it is
 * over a list, which then knows whether the rows would be copied or moved.
 */
export function dragSourceType(side: 'local' | 'remote'): string {
  return `application/x-ferry-from-${side}`;
}

export interface DragPayload {
  sessionId: string;
  dir: string;
  names: string[];
}

export function encodeDragPayload(payload: DragPayload): string {
  return JSON.stringify(payload);
}

export function decodeDragPayload(text: string): DragPayload | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { sessionId, dir, names } = value as Record<string, unknown>;
    if (typeof sessionId !== 'string' || typeof dir !== 'string' || !Array.isArray(names)) return null;
    if (!names.every((n): n is string => typeof n === 'string')) return null;
    return { sessionId, dir, names };
  } catch {
    return null;
  }
}

export interface PlanOptions {
  paused?: boolean;
}

/**
 * What dropping `names` from one pane's folder into another folder means for the queue:
 * local → remote uploads, remote → local downloads, remote → another remote copies.
 * Returns [] for a drop on the same session (moves are a rename, not a transfer).
 */
export function planTransfers(
  from: { sessionId: string; dir: string },
  names: readonly string[],
  to: { sessionId: string; dir: string },
  options: PlanOptions = {},
): EnqueueRequest[] {
  if (from.sessionId === to.sessionId) return [];
  const extra = options.paused ? { paused: true } : {};
  return names.map((name): EnqueueRequest => {
    const sourcePath = joinPath(from.dir, name);
    const targetPath = joinPath(to.dir, name);
    if (from.sessionId === 'local') {
      return { direction: 'upload', sessionId: to.sessionId, sourcePath, targetPath, ...extra };
    }
    if (to.sessionId === 'local') {
      return { direction: 'download', sessionId: from.sessionId, sourcePath, targetPath, ...extra };
    }
    return {
      direction: 'copy',
      sessionId: from.sessionId,
      targetSessionId: to.sessionId,
      sourcePath,
      targetPath,
      ...extra,
    };
  });
}
