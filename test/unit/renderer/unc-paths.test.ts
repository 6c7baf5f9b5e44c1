/**
 * paths.ts says local paths may be Windows paths "recognised by their drive letter or a
 * backslash root", and pathStyleOf() treats `\\server\share` (UNC, a network share as Explorer
 * and FileZilla's local pane show it) as Windows. The path bar's crumbs used to lead to relative
 * paths (`nas\\share`) and the Up key (Backspace → parentPath) climbed to `\\nas`, `\\\`, `/`;
 * the share is now the root of both.
 */
import { describe, expect, it } from 'vitest';
import { breadcrumbs, parentPath, pathStyleOf } from '../../../src-renderer/logic/paths.js';

const SHARE_FOLDER = '\\\\nas\\share\\docs'; // \\nas\share\docs

describe('UNC paths in the local pane', () => {
  it('is recognised as a Windows path', () => {
    expect(pathStyleOf(SHARE_FOLDER)).toBe('windows');
  });

  it('every breadcrumb leads to a path on the share (an absolute UNC path)', () => {
    const crumbs = breadcrumbs(SHARE_FOLDER);
    expect(crumbs.at(-1)?.path).toBe(SHARE_FOLDER);
    for (const crumb of crumbs) expect(crumb.path, `crumb "${crumb.label}"`).toMatch(/^\\\\nas\\/);
  });

  it('going Up repeatedly never leaves the server for a malformed path', () => {
    const seen: string[] = [];
    let path = SHARE_FOLDER;
    for (let i = 0; i < 5; i++) {
      const up = parentPath(path);
      if (up === path) break;
      seen.push(up);
      path = up;
    }
    for (const p of seen) expect(p, `Up chain: ${JSON.stringify(seen)}`).toMatch(/^\\\\nas(\\|$)/);
  });
});

describe('paths that only look like shares', () => {
  it('a remote path starting with two slashes stays a POSIX path', () => {
    expect(breadcrumbs('//srv/data').map((c) => c.path)).toEqual(['/', '/srv', '/srv/data']);
  });

  it('the share root is its own parent, and its crumbs are the share then each folder', () => {
    expect(parentPath('\\\\nas\\share')).toBe('\\\\nas\\share');
    expect(breadcrumbs('\\\\nas\\share\\a\\b').map((c) => c.path)).toEqual([
      '\\\\nas\\share',
      '\\\\nas\\share\\a',
      '\\\\nas\\share\\a\\b',
    ]);
  });
});
