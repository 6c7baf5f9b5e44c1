/**
 * List selection as a pure state machine, the way desktop file managers behave:
 * click selects one, ctrl-click toggles, shift-click extends from the anchor, arrows move
 * the focus (with shift extending). Names, not indices, are stored so a refresh or a new
 * sort keeps what the user picked.
 */

export interface Selection {
  selected: ReadonlySet<string>;
  /** Name of the row with keyboard focus. */
  focus: string | null;
  /** Where a shift-range starts. */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), focus: null, anchor: null };

export interface Modifiers {
  shift: boolean;
  toggle: boolean;
}

function range(names: readonly string[], from: number, to: number): Set<string> {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return new Set(names.slice(lo, hi + 1));
}

export function clickRow(
  sel: Selection,
  names: readonly string[],
  index: number,
  mods: Modifiers,
): Selection {
  const name = names[index];
  if (name === undefined) return sel;
  if (mods.shift) {
    const anchorIndex = sel.anchor === null ? -1 : names.indexOf(sel.anchor);
    const from = anchorIndex >= 0 ? anchorIndex : index;
    const span = range(names, from, index);
    if (mods.toggle) for (const n of sel.selected) span.add(n);
    return { selected: span, focus: name, anchor: names[from] ?? name };
  }
  if (mods.toggle) {
    const next = new Set(sel.selected);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    return { selected: next, focus: name, anchor: name };
  }
  return { selected: new Set([name]), focus: name, anchor: name };
}

/** Right-click keeps a multiple selection that contains the row, else selects just it. */
export function contextRow(sel: Selection, names: readonly string[], index: number): Selection {
  const name = names[index];
  if (name === undefined) return sel;
  if (sel.selected.has(name)) return { ...sel, focus: name };
  return { selected: new Set([name]), focus: name, anchor: name };
}

export function selectAll(sel: Selection, names: readonly string[]): Selection {
  return {
    selected: new Set(names),
    focus: sel.focus ?? names[0] ?? null,
    anchor: sel.anchor ?? names[0] ?? null,
  };
}

/** Arrow keys, Home/End, PageUp/Down: move focus by delta (clamped); shift extends, ctrl only moves. */
export function moveFocus(
  sel: Selection,
  names: readonly string[],
  delta: number,
  mods: Modifiers,
): Selection {
  if (names.length === 0) return sel;
  const current = sel.focus === null ? -1 : names.indexOf(sel.focus);
  const start = current < 0 ? (delta > 0 ? -1 : names.length) : current;
  const index = Math.max(0, Math.min(names.length - 1, start + delta));
  const name = names[index] ?? null;
  if (name === null) return sel;
  if (mods.shift) {
    const anchorIndex = sel.anchor === null ? index : Math.max(0, names.indexOf(sel.anchor));
    return { selected: range(names, anchorIndex, index), focus: name, anchor: names[anchorIndex] ?? name };
  }
  if (mods.toggle) return { ...sel, focus: name };
  return { selected: new Set([name]), focus: name, anchor: name };
}

/** Focus (and select) a row by name, e.g. after type-to-find or creating a folder. */
export function focusName(names: readonly string[], name: string): Selection {
  if (!names.includes(name)) return EMPTY_SELECTION;
  return { selected: new Set([name]), focus: name, anchor: name };
}

/** Drop names no longer listed (after a refresh), keeping focus when it survives. */
export function pruneSelection(sel: Selection, names: readonly string[]): Selection {
  const present = new Set(names);
  let changed = false;
  const selected = new Set<string>();
  for (const n of sel.selected) {
    if (present.has(n)) selected.add(n);
    else changed = true;
  }
  const focus = sel.focus !== null && present.has(sel.focus) ? sel.focus : null;
  const anchor = sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : null;
  if (!changed && focus === sel.focus && anchor === sel.anchor) return sel;
  return { selected, focus, anchor };
}

/** The names to act on: the selection, else the focused row. */
export function targetNames(sel: Selection, names: readonly string[]): string[] {
  if (sel.selected.size > 0) return names.filter((n) => sel.selected.has(n));
  return sel.focus !== null && names.includes(sel.focus) ? [sel.focus] : [];
}
