import { describe, expect, it } from 'vitest';
import { planMoves } from '../../../src-renderer/logic/move-plan.js';
import { isWithin } from '../../../src-renderer/logic/paths.js';

describe('isWithin', () => {
  it('is true for the folder itself and anything below it', () => {
    expect(isWithin('/a', '/a')).toBe(true);
    expect(isWithin('/a/', '/a')).toBe(true);
    expect(isWithin('/a/b/c', '/a')).toBe(true);
    expect(isWithin('/a/b', '/')).toBe(true);
    expect(isWithin('C:\\Users\\me', 'C:\\Users')).toBe(true);
    expect(isWithin('C:\\Users', 'C:\\')).toBe(true);
  });
  it('is false for a sibling that only starts with the same letters', () => {
    expect(isWithin('/ab', '/a')).toBe(false);
    expect(isWithin('/a', '/a/b')).toBe(false);
    expect(isWithin('C:\\Users2', 'C:\\Users')).toBe(false);
    // A backslash is part of a name on a POSIX server.
    expect(isWithin('/a\\b', '/a')).toBe(false);
  });
});

describe('planMoves', () => {
  it('moves each dragged row into the folder it was dropped on', () => {
    expect(planMoves({ sessionId: 's', dir: '/www', names: ['a.txt', 'img'] }, '/www/old')).toEqual([
      { from: '/www/a.txt', to: '/www/old/a.txt' },
      { from: '/www/img', to: '/www/old/img' },
    ]);
  });
  it('never moves a folder into itself or below itself', () => {
    expect(planMoves({ sessionId: 's', dir: '/www', names: ['old', 'a.txt'] }, '/www/old')).toEqual([
      { from: '/www/a.txt', to: '/www/old/a.txt' },
    ]);
    expect(planMoves({ sessionId: 's', dir: '/', names: ['www'] }, '/www/old/deep')).toEqual([]);
  });
  it('leaves rows that are already in that folder', () => {
    expect(planMoves({ sessionId: 's', dir: '/www/', names: ['a.txt'] }, '/www')).toEqual([]);
  });
});
