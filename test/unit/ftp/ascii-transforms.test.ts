import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { crlfToLf, lfToCrlf } from '../../../src-main/ftp/ascii-transforms.js';
import type { Transform } from 'node:stream';

async function run(transform: Transform, input: string, splits: number[]): Promise<string> {
  const data = Buffer.from(input, 'latin1');
  const chunks: Buffer[] = [];
  let start = 0;
  for (const at of [...splits, data.length]) {
    chunks.push(data.subarray(start, at));
    start = at;
  }
  return (await buffer(Readable.from(chunks).pipe(transform))).toString('latin1');
}

/** Every way of splitting the input into two or three chunks gives the same answer. */
function splitsOf(length: number): number[][] {
  const result: number[][] = [[]];
  for (let i = 0; i <= length; i++) {
    result.push([i]);
    for (let j = i; j <= length; j++) result.push([i, j]);
  }
  return result;
}

describe('crlfToLf (download)', () => {
  const rows = [
    { input: 'a\r\nb\r\n', expected: 'a\nb\n' },
    { input: 'a\rb', expected: 'a\rb' },
    { input: 'a\r\r\nb', expected: 'a\r\nb' },
    { input: 'end\r', expected: 'end\r' },
    { input: '\r\n\r\n', expected: '\n\n' },
    { input: 'no newline', expected: 'no newline' },
    { input: 'a\nb', expected: 'a\nb' },
    { input: '', expected: '' },
  ];
  for (const row of rows) {
    it(JSON.stringify(row.input), async () => {
      for (const splits of splitsOf(row.input.length)) {
        expect(await run(crlfToLf(), row.input, splits)).toBe(row.expected);
      }
    });
  }
});

describe('lfToCrlf (upload)', () => {
  const rows = [
    { input: 'a\nb\n', expected: 'a\r\nb\r\n' },
    { input: 'a\r\nb', expected: 'a\r\nb' },
    { input: '\n\n', expected: '\r\n\r\n' },
    { input: 'a\rb', expected: 'a\rb' },
    { input: 'x\r\n\ny', expected: 'x\r\n\r\ny' },
    { input: '', expected: '' },
  ];
  for (const row of rows) {
    it(JSON.stringify(row.input), async () => {
      for (const splits of splitsOf(row.input.length)) {
        expect(await run(lfToCrlf(), row.input, splits)).toBe(row.expected);
      }
    });
  }

  it('round-trips LF text through the wire form', async () => {
    const text = 'one\ntwo\n\nthree\n';
    const wire = await run(lfToCrlf(), text, [5]);
    expect(await run(crlfToLf(), wire, [4, 9])).toBe(text);
  });
});
