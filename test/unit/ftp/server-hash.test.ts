import { describe, expect, it } from 'vitest';
import { parseFeatures } from '../../../src-main/ftp/features.js';
import { hashMethod, offeredHashes, parseHashReply } from '../../../src-main/ftp/server-hash.js';

const feat = (lines: string[]) =>
  parseFeatures({ code: 211, text: ['Features:', ...lines.map((l) => ` ${l}`), 'End'].join('\n') });

describe('offered hashes', () => {
  const rows = [
    { title: 'HASH list', lines: ['HASH SHA-256*;SHA-1;MD5'], expected: ['sha256', 'sha1', 'md5'] },
    { title: 'SHA-512 alone is not SHA-1', lines: ['HASH SHA-512*'], expected: [] },
    { title: 'X commands', lines: ['XCRC', 'XMD5'], expected: ['md5', 'crc32'] },
    { title: 'nothing', lines: ['MLST size*;'], expected: [] },
  ];
  for (const row of rows) {
    it(row.title, () => {
      expect(offeredHashes(feat(row.lines))).toEqual(row.expected);
    });
  }
  it('prefers HASH over the X command', () => {
    expect(hashMethod(feat(['HASH SHA-256', 'XSHA256']), 'sha256')).toEqual({
      kind: 'HASH',
      hashName: 'SHA-256',
    });
    expect(hashMethod(feat(['XSHA256']), 'sha256')).toEqual({ kind: 'X', command: 'XSHA256' });
    expect(hashMethod(feat([]), 'sha256')).toBeNull();
  });
});

describe('parseHashReply', () => {
  const digest = 'ab'.repeat(32);
  const rows = [
    { text: `SHA-256 0-1023 ${digest} my file.txt`, expected: digest },
    { text: `SHA-256 0-1023 ${digest.toUpperCase()} deadbeefcafe.txt`, expected: digest },
    { text: digest, expected: digest },
    { text: '1A2B3C4D', expected: '1a2b3c4d' },
    { text: `${digest}  /path/file`, expected: digest },
    { text: 'no digest here', expected: null },
  ];
  for (const row of rows) {
    it(row.text, () => {
      expect(parseHashReply({ code: 213, text: row.text })).toBe(row.expected);
    });
  }
});
