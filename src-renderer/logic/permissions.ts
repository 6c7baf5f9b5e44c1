/** chmod dialog arithmetic: nine rwx checkboxes ⇄ octal text, plus the special bits kept as they were. */

export const WHO = ['owner', 'group', 'other'] as const;
export const WHAT = ['read', 'write', 'execute'] as const;
export type Who = (typeof WHO)[number];
export type What = (typeof WHAT)[number];

function bitOf(who: Who, what: What): number {
  const shift = (2 - WHO.indexOf(who)) * 3;
  const value = what === 'read' ? 4 : what === 'write' ? 2 : 1;
  return value << shift;
}

export function hasBit(mode: number, who: Who, what: What): boolean {
  return (mode & bitOf(who, what)) !== 0;
}

export function setBit(mode: number, who: Who, what: What, on: boolean): number {
  const bit = bitOf(who, what);
  return on ? mode | bit : mode & ~bit;
}

/**
 * What the dialog changes: the bits turned on and the bits turned off. Each item keeps its own
 * mode otherwise, so items that started different stay different where the user did not touch.
 */
export interface ModeChange {
  set: number;
  clear: number;
}

export const NO_CHANGE: ModeChange = { set: 0, clear: 0 };

export function applyModeChange(mode: number, change: ModeChange): number {
  return ((mode & ~change.clear) | change.set) & 0o7777;
}

/** Turns one bit on or off in a change (undoing the opposite). */
export function changeBit(change: ModeChange, who: Who, what: What, on: boolean): ModeChange {
  return { set: setBit(change.set, who, what, on), clear: setBit(change.clear, who, what, !on) };
}

/** A change that gives every item exactly `mode` (what typing the numeric value means). */
export function wholeMode(mode: number): ModeChange {
  return { set: mode & 0o7777, clear: ~mode & 0o7777 };
}

/** Several items' modes after a change: the bits on in all of them, and those only some have. */
export function sharedMode(modes: readonly number[], change: ModeChange): { on: number; mixed: number } {
  let all = 0o7777;
  let any = 0;
  for (const mode of modes) {
    const next = applyModeChange(mode, change);
    all &= next;
    any |= next;
  }
  return modes.length === 0 ? { on: 0, mixed: 0 } : { on: all, mixed: any & ~all };
}

/** `755`, or `4755` when a special bit is set. */
export function formatOctal(mode: number): string {
  const digits = (mode & 0o7777).toString(8);
  return mode & 0o7000 ? digits.padStart(4, '0') : digits.padStart(3, '0');
}

/** Three or four octal digits; null for anything else. */
export function parseOctal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[0-7]{3,4}$/.test(trimmed)) return null;
  return parseInt(trimmed, 8);
}

/** `rwxr-xr-x` (optionally with a leading type letter) → 0o755; null when it is not that shape. */
export function modeFromPermissions(text: string | undefined): number | null {
  if (!text) return null;
  const body = text.length === 10 ? text.slice(1) : text;
  if (!/^[r-][w-][xsStT-][r-][w-][xsStT-][r-][w-][xtT-]$/.test(body)) return null;
  let mode = 0;
  for (let i = 0; i < 9; i++) {
    const c = body[i] ?? '-';
    if (c !== '-' && c !== 'S' && c !== 'T') mode |= 1 << (8 - i);
  }
  if (/[sS]/.test(body[2] ?? '')) mode |= 0o4000;
  if (/[sS]/.test(body[5] ?? '')) mode |= 0o2000;
  if (/[tT]/.test(body[8] ?? '')) mode |= 0o1000;
  return mode;
}

export function permissionsFromMode(mode: number): string {
  let out = '';
  for (let i = 8; i >= 0; i--) out += mode & (1 << i) ? 'rwx'[(8 - i) % 3] : '-';
  return out;
}
