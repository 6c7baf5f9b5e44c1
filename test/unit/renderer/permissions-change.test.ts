import { describe, expect, it } from 'vitest';
import {
  NO_CHANGE,
  applyModeChange,
  changeBit,
  sharedMode,
  wholeMode,
} from '../../../src-renderer/logic/permissions.js';

describe('permission changes on several items', () => {
  it('changes only the bits that were touched, on each item’s own mode', () => {
    const change = changeBit(NO_CHANGE, 'group', 'write', true);
    expect(applyModeChange(0o755, change)).toBe(0o775);
    expect(applyModeChange(0o600, change)).toBe(0o620);
    const cleared = changeBit(change, 'owner', 'read', false);
    expect(applyModeChange(0o4755, cleared)).toBe(0o4375);
  });
  it('turning a bit back undoes the opposite change', () => {
    const change = changeBit(changeBit(NO_CHANGE, 'other', 'read', false), 'other', 'read', true);
    expect(change).toEqual({ set: 0o004, clear: 0 });
  });
  it('a typed numeric value gives every item exactly that mode', () => {
    expect(applyModeChange(0o4777, wholeMode(0o640))).toBe(0o640);
    expect(applyModeChange(0o600, wholeMode(0o2755))).toBe(0o2755);
  });
  it('tells the bits all items share from those only some have', () => {
    expect(sharedMode([0o755, 0o600], NO_CHANGE)).toEqual({ on: 0o600, mixed: 0o155 });
    expect(sharedMode([0o755, 0o600], wholeMode(0o644))).toEqual({ on: 0o644, mixed: 0 });
    expect(sharedMode([0o644], NO_CHANGE)).toEqual({ on: 0o644, mixed: 0 });
  });
});
