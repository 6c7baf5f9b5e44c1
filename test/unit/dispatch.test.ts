import { describe, expect, it } from 'vitest';
import type { FerryApi } from '../../src-shared/contract.js';
import { FerryError } from '../../src-shared/errors.js';
import { dispatchCall } from '../../src-main/service/dispatch.js';

// Only the methods these rows call exist; dispatch must never reach the others.
const api = {
  'fs.list': async (sessionId: string, path: string) => ({ sessionId, path, entries: [] }),
  'fs.mkdir': async () => {
    throw new FerryError('PERMISSION_DENIED', 'no', { reply: { code: 550, text: 'Permission denied' } });
  },
  'session.raw': async () => {
    throw new Error('boom');
  },
} as unknown as FerryApi;

describe('dispatchCall', () => {
  const rows: { title: string; method: unknown; args: unknown; expected: object }[] = [
    {
      title: 'valid call returns the value',
      method: 'fs.list',
      args: ['local', '/tmp'],
      expected: { ok: true, value: { sessionId: 'local', path: '/tmp', entries: [] } },
    },
    {
      title: 'unknown method is refused',
      method: 'constructor',
      args: [],
      expected: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    },
    {
      title: 'wrong argument count is refused',
      method: 'fs.list',
      args: ['local'],
      expected: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    },
    {
      title: 'CR/LF in a path never reaches the engine',
      method: 'fs.list',
      args: ['local', '/x\r\nDELE y'],
      expected: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    },
    {
      title: 'args that are not an array are refused',
      method: 'fs.list',
      args: { 0: 'local' },
      expected: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    },
    {
      title: 'typed errors cross as data with the server reply',
      method: 'fs.mkdir',
      args: ['s1', '/x'],
      expected: {
        ok: false,
        error: {
          code: 'PERMISSION_DENIED',
          reply: { code: 550, text: 'Permission denied' },
          retryable: false,
        },
      },
    },
    {
      title: 'unexpected throws become INTERNAL data',
      method: 'session.raw',
      args: ['s1', 'NOOP'],
      expected: { ok: false, error: { code: 'INTERNAL', message: 'boom' } },
    },
  ];
  for (const row of rows) {
    it(row.title, async () => {
      expect(await dispatchCall(api, 7, row.method, row.args)).toMatchObject({
        t: 'reply',
        id: 7,
        ...row.expected,
      });
    });
  }
});
