import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseDigestOutput, shellQuote } from '../../../src-main/sftp/remote-hash.js';

describe('shellQuote', () => {
  it.each([
    'plain',
    "it's",
    "'; rm -rf / #",
    '$(touch /tmp/ferry-pwned) `id` $HOME "dq"',
    'line\nbreak',
    'ünïcødé ☃',
    '-starts-with-dash',
    "''",
  ])('passes %j through sh unchanged', (text) => {
    const out = execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' });
    expect(out).toBe(text);
  });
});

describe('parseDigestOutput', () => {
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  it.each([
    { title: 'plain', output: `${sha}  /dev/null\n`, expected: sha },
    { title: 'escaped name', output: `\\${sha}  /a\\nb\n`, expected: sha },
    { title: 'upper case', output: `${sha.toUpperCase()}  f\n`, expected: sha },
    { title: 'too short', output: `${sha.slice(2)}  f\n`, expected: null },
    { title: 'error text', output: 'sha256sum: f: No such file or directory\n', expected: null },
    { title: 'nothing', output: '', expected: null },
  ])('$title', ({ output, expected }) => {
    expect(parseDigestOutput(output, 64)).toBe(expected);
  });
});
