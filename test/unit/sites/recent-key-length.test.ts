/**
 * A recent connection's key holds the user percent-encoded, up to nine characters for one; it
 * was checked against 600 characters in the contract and the sites file, so a long non-ASCII
 * user name made a recent entry that could not be reopened and was dropped on the next read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FerryApi } from '../../../src-shared/contract.js';
import type { ConnectionTarget } from '../../../src-shared/model.js';
import { connectionTargetSchema } from '../../../src-shared/schemas.js';
import { dispatchCall } from '../../../src-main/service/dispatch.js';
import { SessionSecretStore } from '../../../src-main/keychain/session-secret-store.js';
import { SiteStore } from '../../../src-main/sites/site-store.js';
import { recentKey } from '../../../src-main/sites/recent-connection.js';

// A quick-connect target the contract accepts (user ≤ 256 chars): a Cyrillic user name of
// 96 characters. recentKey() percent-encodes the user (6 chars per Cyrillic letter), so the key
// main itself produces is far longer than the 600 chars session.connectRecent and the
// sites-file schema allow.
const target: ConnectionTarget = {
  protocol: 'sftp',
  host: 'files.example.org',
  user: 'пользователь'.repeat(8),
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-review-w4-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recent connection keys vs. their 600-char limit', () => {
  it('the target itself is valid per the contract', () => {
    expect(connectionTargetSchema.safeParse(target).success).toBe(true);
    expect(recentKey(target).length).toBeGreaterThan(600);
  });

  it('session.connectRecent accepts the key that sites.recent handed out', async () => {
    let reached: string | null = null;
    const api = {
      'session.connectRecent': async (key: string) => {
        reached = key;
        return { id: 's1' };
      },
    } as unknown as FerryApi;
    const key = recentKey(target);
    const reply = await dispatchCall(api, 1, 'session.connectRecent', [key]);
    expect(reply).toMatchObject({ ok: true });
    expect(reached).toBe(key);
  });

  it('a remembered quick connection survives reopening the sites file', async () => {
    const store = new SiteStore({ cwd: dir, secrets: new SessionSecretStore() });
    await store.addRecent(target);
    expect(store.recent()).toHaveLength(1);
    const reopened = new SiteStore({ cwd: dir, secrets: new SessionSecretStore() });
    expect(reopened.problems).toEqual([]);
    expect(reopened.recent()).toHaveLength(1);
  });
});
