import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import {
  formatEprtArgument,
  formatPortArgument,
  parseEpsvReply,
  parsePasvReply,
  plainIPv4,
} from '../../../src-main/ftp/data-address.js';

describe('parsePasvReply', () => {
  const rows = [
    {
      title: 'standard',
      text: 'Entering Passive Mode (192,168,1,50,195,80).',
      expected: { host: '192.168.1.50', port: 50_000 },
    },
    {
      title: 'no parentheses (some IIS)',
      text: 'Entering Passive Mode 10,0,0,1,4,1',
      expected: { host: '10.0.0.1', port: 1025 },
    },
    {
      title: 'spaces after commas',
      text: 'PASV ok (127, 0, 0, 1, 200, 10)',
      expected: { host: '127.0.0.1', port: 51210 },
    },
    {
      title: 'equals sign (old servers)',
      text: 'Entering Passive Mode =127,0,0,1,0,21',
      expected: { host: '127.0.0.1', port: 21 },
    },
  ];
  for (const row of rows) {
    it(row.title, () => {
      expect(parsePasvReply({ code: 227, text: row.text })).toEqual(row.expected);
    });
  }
  it('port 195*256+80', () => {
    expect(parsePasvReply({ code: 227, text: '(192,168,1,50,195,80)' }).port).toBe(195 * 256 + 80);
  });
  for (const text of ['Entering Passive Mode', '(300,1,1,1,1,1)', '(1,2,3,4,5)', '(1,1,1,1,0,0)']) {
    it(`rejects ${text}`, () => {
      expect(() => parsePasvReply({ code: 227, text })).toThrow(FerryError);
    });
  }
});

describe('parseEpsvReply', () => {
  const rows = [
    { text: 'Entering Extended Passive Mode (|||6446|)', expected: 6446 },
    { text: 'EPSV ok (!!!1025!)', expected: 1025 },
    { text: '(|||65535|)', expected: 65535 },
  ];
  for (const row of rows) {
    it(row.text, () => {
      expect(parseEpsvReply({ code: 229, text: row.text })).toBe(row.expected);
    });
  }
  for (const text of [
    'Entering Extended Passive Mode',
    '(|||0|)',
    '(|||70000|)',
    '(||6446|)',
    '(|!|6446|)',
  ]) {
    it(`rejects ${text}`, () => {
      expect(() => parseEpsvReply({ code: 229, text })).toThrow(FerryError);
    });
  }
});

describe('PORT and EPRT arguments', () => {
  const rows = [
    {
      address: { host: '192.168.0.3', port: 5107 },
      port: '192,168,0,3,19,243',
      eprt: '|1|192.168.0.3|5107|',
    },
    {
      address: { host: '::ffff:127.0.0.1', port: 49920 },
      port: '127,0,0,1,195,0',
      eprt: '|1|127.0.0.1|49920|',
    },
    { address: { host: '::1', port: 2121 }, port: null, eprt: '|2|::1|2121|' },
  ];
  for (const row of rows) {
    it(`${row.address.host}:${row.address.port}`, () => {
      expect(formatEprtArgument(row.address)).toBe(row.eprt);
      if (row.port) expect(formatPortArgument(row.address)).toBe(row.port);
      else expect(() => formatPortArgument(row.address)).toThrow(FerryError);
    });
  }
  it('rejects impossible ports', () => {
    expect(() => formatEprtArgument({ host: '127.0.0.1', port: 0 })).toThrow(FerryError);
    expect(() => formatPortArgument({ host: '127.0.0.1', port: 65536 })).toThrow(FerryError);
  });
  it('plainIPv4 strips the mapped prefix only for IPv4', () => {
    expect(plainIPv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(plainIPv4('::1')).toBe('::1');
  });
});
