import { describe, expect, it } from 'vitest';
import type { FerryEvent } from '../../../src-shared/events.js';
import type { MethodName } from '../../../src-shared/contract.js';
import type { ReplyMessage } from '../../../src-shared/wire.js';
import { FerryCallError } from '../../../src-renderer/api/ferry-call-error.js';
import { createClientOn } from '../../../src-renderer/api/ferry-client.js';
import type { Transport } from '../../../src-renderer/api/transport.js';

/** A fake transport: records calls and answers from a table. Stands in for main only in this unit test. */
function fakeTransport(answer: (method: MethodName, args: unknown[]) => ReplyMessage) {
  const calls: { method: MethodName; args: unknown[] }[] = [];
  const listeners = new Set<(e: FerryEvent) => void>();
  const transport: Transport = {
    call: async (method, args) => {
      calls.push({ method, args });
      return answer(method, args);
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onLinkState: () => () => {},
    linkState: () => 'open',
  };
  return { transport, calls, emit: (e: FerryEvent) => listeners.forEach((l) => l(e)) };
}

describe('createClientOn', () => {
  it('sends typed calls through the proxy and returns the value', async () => {
    const fake = fakeTransport((_m, _a) => ({
      t: 'reply',
      id: 1,
      ok: true,
      value: { sessionId: 'local', path: '/', entries: [] },
    }));
    const client = createClientOn(fake.transport);
    const listing = await client.api['fs.list']('local', '/');
    expect(listing.path).toBe('/');
    await client.call('fs.mkdir', 'local', '/x');
    expect(fake.calls).toEqual([
      { method: 'fs.list', args: ['local', '/'] },
      { method: 'fs.mkdir', args: ['local', '/x'] },
    ]);
  });

  it('turns ok:false into a FerryCallError carrying the data', async () => {
    const error = {
      code: 'LOGIN_FAILED',
      message: 'no',
      reply: { code: 530, text: 'Login incorrect.' },
      hint: 'h',
      retryable: false,
    } as const;
    const fake = fakeTransport(() => ({ t: 'reply', id: 1, ok: false, error }));
    const client = createClientOn(fake.transport);
    const caught = await client.api['session.list']().catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(FerryCallError);
    expect((caught as FerryCallError).data).toEqual(error);
  });

  it('forwards events', () => {
    const fake = fakeTransport(() => ({ t: 'reply', id: 1, ok: true, value: null }));
    const client = createClientOn(fake.transport);
    const seen: string[] = [];
    const off = client.onEvent((e) => seen.push(e.type));
    fake.emit({ type: 'session-closed', sessionId: 'x' });
    off();
    fake.emit({ type: 'session-closed', sessionId: 'y' });
    expect(seen).toEqual(['session-closed']);
  });
});
