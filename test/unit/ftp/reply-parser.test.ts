import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { MAX_LINE_BYTES, ReplyParser } from '../../../src-main/ftp/reply-parser.js';

const rows: { title: string; chunks: string[]; expected: { code: number; text: string }[] }[] = [
  { title: 'single line', chunks: ['220 Welcome\r\n'], expected: [{ code: 220, text: 'Welcome' }] },
  { title: 'bare LF line ending', chunks: ['200 OK\n'], expected: [{ code: 200, text: 'OK' }] },
  { title: 'code without text', chunks: ['200\r\n'], expected: [{ code: 200, text: '' }] },
  { title: 'incomplete line waits', chunks: ['220 Wel'], expected: [] },
  {
    title: 'split across chunks',
    chunks: ['22', '0 Hel', 'lo\r', '\n'],
    expected: [{ code: 220, text: 'Hello' }],
  },
  {
    title: 'two replies in one chunk',
    chunks: ['150 Opening\r\n226 Done\r\n'],
    expected: [
      { code: 150, text: 'Opening' },
      { code: 226, text: 'Done' },
    ],
  },
  {
    title: 'multi-line (RFC 959 4.2)',
    chunks: ['211-Features:\r\n MLST size*;\r\n UTF8\r\n211 End\r\n'],
    expected: [{ code: 211, text: 'Features:\n MLST size*;\n UTF8\nEnd' }],
  },
  {
    title: 'multi-line with inner lines that look like other codes',
    chunks: ['230-Welcome\r\n230-more\r\n220 not the end\r\n230 Logged in\r\n'],
    expected: [{ code: 230, text: 'Welcome\n230-more\n220 not the end\nLogged in' }],
  },
  {
    title: 'multi-line split at every boundary',
    chunks: ['211-A\r', '\n', ' B\r\n2', '11 ', 'End\r\n'],
    expected: [{ code: 211, text: 'A\n B\nEnd' }],
  },
  {
    title: 'multi-line ended by a bare code',
    chunks: ['211-A\r\n211\r\n'],
    expected: [{ code: 211, text: 'A\n' }],
  },
  {
    title: 'latin1 bytes survive',
    chunks: ['257 "/caf\xe9"\r\n'],
    expected: [{ code: 257, text: '"/caf\xe9"' }],
  },
];

describe('ReplyParser', () => {
  for (const row of rows) {
    it(row.title, () => {
      const parser = new ReplyParser(row.title.startsWith('latin1') ? 'latin1' : 'utf8');
      const replies = row.chunks.flatMap((chunk) => parser.push(Buffer.from(chunk, 'latin1')));
      expect(replies).toEqual(row.expected);
    });
  }

  const malformed = [
    'HTTP/1.1 400 Bad Request\r\n',
    'SSH-2.0-OpenSSH_9.2\r\n',
    '2000 too many digits\r\n',
    '099 low\r\n',
    '600 high\r\n',
    '\r\n',
    '22x nope\r\n',
  ];
  for (const input of malformed) {
    it(`rejects ${JSON.stringify(input)} as PROTOCOL`, () => {
      const parser = new ReplyParser();
      let error: unknown;
      try {
        parser.push(Buffer.from(input));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('PROTOCOL');
    });
  }

  it('rejects a line over 64 KiB without a line end', () => {
    const parser = new ReplyParser();
    expect(() => parser.push(Buffer.alloc(MAX_LINE_BYTES + 10, 0x41))).toThrow(/longer than 64 KiB/);
  });

  it('rejects an over-long line that arrives in small chunks', () => {
    const parser = new ReplyParser();
    parser.push(Buffer.from('220-'));
    const chunk = Buffer.alloc(4096, 0x41);
    expect(() => {
      for (let i = 0; i < 20; i++) parser.push(chunk);
    }).toThrow(FerryError);
  });

  it('rejects an over-long line that is complete', () => {
    const parser = new ReplyParser();
    expect(() => parser.push(Buffer.from(`220 ${'x'.repeat(MAX_LINE_BYTES + 1)}\r\n`))).toThrow(FerryError);
  });
});
