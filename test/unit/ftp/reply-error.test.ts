import { describe, expect, it } from 'vitest';
import { replyError } from '../../../src-main/ftp/reply-error.js';

const rows = [
  {
    code: 421,
    text: 'Too many connections (8) from this IP',
    error: 'SERVER_BUSY',
    retryable: true,
    hint: /busy/,
  },
  {
    code: 425,
    text: "Can't open data connection.",
    error: 'DATA_CONNECTION',
    retryable: true,
    hint: /active mode/,
  },
  {
    code: 426,
    text: 'Connection closed; transfer aborted.',
    error: 'CONNECTION_LOST',
    retryable: true,
    hint: /passive/,
  },
  { code: 450, text: 'File busy', error: 'TEMPORARY', retryable: true, hint: /later/ },
  { code: 451, text: 'Local error in processing', error: 'TEMPORARY', retryable: true, hint: /temporary/ },
  { code: 452, text: 'Insufficient storage', error: 'DISK_FULL', retryable: true, hint: /space/ },
  { code: 500, text: "Unknown command 'FOO'", error: 'UNSUPPORTED', retryable: false, hint: /understand/ },
  {
    code: 500,
    text: 'OOPS: priv_sock_get_result',
    error: 'CONNECTION_LOST',
    retryable: true,
    hint: /session ended/,
  },
  { code: 530, text: 'Login incorrect.', error: 'LOGIN_FAILED', retryable: false, hint: /password/ },
  {
    code: 550,
    text: 'Failed to open file.',
    error: 'NOT_FOUND',
    retryable: false,
    hint: /not exist.*permission/,
  },
  { code: 550, text: 'Permission denied.', error: 'PERMISSION_DENIED', retryable: false, hint: /permission/ },
  { code: 552, text: 'Quota exceeded', error: 'DISK_FULL', retryable: false, hint: /quota/ },
  {
    code: 553,
    text: 'Could not create file.',
    error: 'PERMISSION_DENIED',
    retryable: false,
    hint: /not allowed/,
  },
  { code: 554, text: 'Restart not valid', error: 'PERMANENT', retryable: false, hint: /refused/ },
  { code: 226, text: 'Transfer complete', error: 'PROTOCOL', retryable: false, hint: /out of turn/ },
] as const;

describe('replyError', () => {
  for (const row of rows) {
    it(`${row.code} ${row.text}`, () => {
      const error = replyError({ code: row.code, text: row.text }, 'Doing it');
      expect(error.code).toBe(row.error);
      expect(error.retryable).toBe(row.retryable);
      expect(error.hint).toMatch(row.hint);
      expect(error.reply).toEqual({ code: row.code, text: row.text });
      expect(error.message).toBe(`Doing it failed: ${row.code} ${row.text}`);
    });
  }

  it('uses the first line of a multi-line reply in the message', () => {
    expect(replyError({ code: 550, text: 'first\nsecond' }, 'X').message).toBe('X failed: 550 first');
  });
});
