import { describe, expect, it } from 'vitest';
import { parseFeatures } from '../../../src-main/ftp/features.js';
import { parsePwdReply } from '../../../src-main/ftp/pwd-reply.js';
import { formatFtpTime, parseFtpTime } from '../../../src-main/ftp/ftp-time.js';

describe('parseFeatures', () => {
  it('reads names and parameters', () => {
    const features = parseFeatures({
      code: 211,
      text: 'Features:\n MLST size*;type*;modify*;\n UTF8\n REST STREAM\n HASH SHA-256*;MD5\n mfmt\nEnd',
    });
    expect(features.get('MLST')).toBe('size*;type*;modify*;');
    expect(features.get('UTF8')).toBe('');
    expect(features.get('REST')).toBe('STREAM');
    expect(features.get('HASH')).toBe('SHA-256*;MD5');
    expect(features.has('MFMT')).toBe(true);
    expect(features.has('FEATURES:')).toBe(false);
  });
  it('is empty when FEAT is refused', () => {
    expect(parseFeatures({ code: 500, text: 'Unknown command' }).size).toBe(0);
  });
});

describe('parsePwdReply', () => {
  const rows = [
    { text: '"/" is the current directory', expected: '/' },
    { text: '"/home/a b" is current', expected: '/home/a b' },
    { text: '"/say ""hi""" created', expected: '/say "hi"' },
    { text: '/plain/path is cwd', expected: '/plain/path' },
    { text: 'no path here', expected: null },
  ];
  for (const row of rows) {
    it(row.text, () => {
      expect(parsePwdReply({ code: 257, text: row.text })).toBe(row.expected);
    });
  }
});

describe('FTP times (MDTM/MFMT)', () => {
  it('parses with and without fractions', () => {
    expect(parseFtpTime('20240102030405')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseFtpTime('20240102030405.5')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 500));
    expect(parseFtpTime('garbage')).toBeNull();
  });
  it('formats in UTC', () => {
    expect(formatFtpTime(new Date(Date.UTC(2024, 11, 31, 23, 59, 58)))).toBe('20241231235958');
  });
});
