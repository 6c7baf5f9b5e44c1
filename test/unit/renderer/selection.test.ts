import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  clickRow,
  contextRow,
  moveFocus,
  pruneSelection,
  selectAll,
  targetNames,
  type Selection,
} from '../../../src-renderer/logic/selection.js';
import {
  findByPrefix,
  nextFindState,
  TYPE_TO_FIND_RESET_MS,
} from '../../../src-renderer/logic/type-to-find.js';

const names = ['a', 'b', 'c', 'd', 'e'];
const plain = { shift: false, toggle: false };
const shift = { shift: true, toggle: false };
const ctrl = { shift: false, toggle: true };

function picked(sel: Selection): string[] {
  return names.filter((n) => sel.selected.has(n));
}

describe('selection', () => {
  it('click selects one row and sets focus and anchor', () => {
    const sel = clickRow(EMPTY_SELECTION, names, 2, plain);
    expect(picked(sel)).toEqual(['c']);
    expect(sel.focus).toBe('c');
    expect(sel.anchor).toBe('c');
  });

  it('shift-click selects the range from the anchor, in either direction', () => {
    const start = clickRow(EMPTY_SELECTION, names, 3, plain);
    expect(picked(clickRow(start, names, 1, shift))).toEqual(['b', 'c', 'd']);
    expect(picked(clickRow(start, names, 4, shift))).toEqual(['d', 'e']);
  });

  it('ctrl-click toggles without losing the rest', () => {
    let sel = clickRow(EMPTY_SELECTION, names, 0, plain);
    sel = clickRow(sel, names, 2, ctrl);
    sel = clickRow(sel, names, 4, ctrl);
    expect(picked(sel)).toEqual(['a', 'c', 'e']);
    sel = clickRow(sel, names, 2, ctrl);
    expect(picked(sel)).toEqual(['a', 'e']);
  });

  it('ctrl+shift-click adds a range to the selection', () => {
    let sel = clickRow(EMPTY_SELECTION, names, 0, plain);
    sel = clickRow(sel, names, 3, ctrl);
    sel = clickRow(sel, names, 4, { shift: true, toggle: true });
    expect(picked(sel)).toEqual(['a', 'd', 'e']);
  });

  it('arrows move focus; shift+arrows extend; ends clamp', () => {
    let sel = moveFocus(EMPTY_SELECTION, names, 1, plain);
    expect(sel.focus).toBe('a');
    sel = moveFocus(sel, names, 1, shift);
    sel = moveFocus(sel, names, 1, shift);
    expect(picked(sel)).toEqual(['a', 'b', 'c']);
    sel = moveFocus(sel, names, 100, plain);
    expect(picked(sel)).toEqual(['e']);
    sel = moveFocus(sel, names, -100, plain);
    expect(sel.focus).toBe('a');
  });

  it('ctrl+arrow moves focus only', () => {
    const sel = moveFocus(clickRow(EMPTY_SELECTION, names, 0, plain), names, 2, ctrl);
    expect(picked(sel)).toEqual(['a']);
    expect(sel.focus).toBe('c');
  });

  it('select all, context row, targets', () => {
    const all = selectAll(EMPTY_SELECTION, names);
    expect(picked(all)).toEqual(names);
    expect(picked(contextRow(all, names, 1))).toEqual(names);
    expect(picked(contextRow(clickRow(EMPTY_SELECTION, names, 0, plain), names, 3))).toEqual(['d']);
    expect(targetNames({ selected: new Set(), focus: 'c', anchor: null }, names)).toEqual(['c']);
  });

  it('prune drops vanished names and keeps the same object when nothing changed', () => {
    const sel = clickRow(clickRow(EMPTY_SELECTION, names, 1, plain), names, 3, ctrl);
    expect(pruneSelection(sel, names)).toBe(sel);
    const pruned = pruneSelection(sel, ['a', 'b', 'c']);
    expect([...pruned.selected]).toEqual(['b']);
    expect(pruned.focus).toBeNull();
  });
});

describe('type-to-find', () => {
  const files = ['alpha', 'beta', 'bravo', 'charlie', 'Bob'];
  it('builds a prefix while typing fast and resets after a pause', () => {
    let s = nextFindState({ prefix: '', lastKeyAt: 0 }, 'b', 10_000);
    s = nextFindState(s, 'r', 10_100);
    expect(s.prefix).toBe('br');
    s = nextFindState(s, 'c', 10_100 + TYPE_TO_FIND_RESET_MS + 1);
    expect(s.prefix).toBe('c');
  });
  it('finds case-insensitively from the focused row', () => {
    expect(findByPrefix(files, 'br', 0)).toBe(2);
    expect(findByPrefix(files, 'CH', 0)).toBe(3);
    expect(findByPrefix(files, 'zz', 0)).toBe(-1);
  });
  it('repeating one letter cycles through matches', () => {
    expect(findByPrefix(files, 'bb', 1)).toBe(2);
    expect(findByPrefix(files, 'bbb', 2)).toBe(4);
    expect(findByPrefix(files, 'bbbb', 4)).toBe(1);
  });
});
