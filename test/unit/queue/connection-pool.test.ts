import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { ConnectionPool } from '../../../src-main/fs/connection-pool.js';
import { LocalFileSystem } from '../../../src-main/fs/local-file-system.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';

/** A LocalFileSystem that counts logins and can be made to drop dead. */
class CountingFs extends LocalFileSystem {
  dead = false;
  override get connected(): boolean {
    return !this.dead && super.connected;
  }
}

describe('ConnectionPool', () => {
  it('reuses logged-in connections instead of logging in per item', async () => {
    let logins = 0;
    const pool = new ConnectionPool({
      limit: 2,
      connect: () => {
        logins++;
        return Promise.resolve(new CountingFs());
      },
    });
    for (let i = 0; i < 10; i++) {
      const lease = await pool.acquire('site');
      lease.release();
    }
    expect(logins).toBe(1);
    await pool.close();
  });

  it('waits for a free connection at the limit', async () => {
    const pool = new ConnectionPool({ limit: 1, connect: () => Promise.resolve(new CountingFs()) });
    const first = await pool.acquire('site');
    let second: RemoteFileSystem | null = null;
    const waiting = pool.acquire('site').then((l) => (second = l.fs));
    await new Promise((r) => setImmediate(r));
    expect(second).toBeNull();
    first.release();
    await waiting;
    expect(second).toBe(first.fs);
    await pool.close();
  });

  it('replaces dead connections', async () => {
    const made: CountingFs[] = [];
    const pool = new ConnectionPool({
      limit: 1,
      connect: () => {
        const fs = new CountingFs();
        made.push(fs);
        return Promise.resolve(fs);
      },
    });
    const lease = await pool.acquire('site');
    (lease.fs as CountingFs).dead = true;
    lease.release();
    const next = await pool.acquire('site');
    expect(next.fs).not.toBe(lease.fs);
    expect(made).toHaveLength(2);
    await pool.close();
  });

  it('lowers the limit of a location that answered 421, and only that one', async () => {
    let open = 0;
    const pool = new ConnectionPool({
      limit: 4,
      connect: (location) => {
        if (location === 'strict' && open >= 2)
          return Promise.reject(
            new FerryError('SERVER_BUSY', 'Too many connections', { reply: { code: 421, text: 'Too many' } }),
          );
        if (location === 'strict') open++;
        return Promise.resolve(new CountingFs());
      },
    });
    const leases = [await pool.acquire('strict'), await pool.acquire('strict')];
    await expect(pool.acquire('strict')).rejects.toMatchObject({ code: 'SERVER_BUSY' });
    expect(pool.limitFor('strict')).toBe(2);
    expect(pool.limitFor('other')).toBe(4);
    leases.forEach((l) => l.release());
    await pool.close();
  });

  it('an aborted wait leaves the line', async () => {
    const pool = new ConnectionPool({ limit: 1, connect: () => Promise.resolve(new CountingFs()) });
    const held = await pool.acquire('site');
    const controller = new AbortController();
    const waiting = pool.acquire('site', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    held.release();
    await pool.close();
  });

  it('a connect function that throws becomes a rejected acquire', async () => {
    const pool = new ConnectionPool({
      limit: 1,
      connect: () => {
        throw new FerryError('INTERNAL', 'no such location');
      },
    });
    await expect(pool.acquire('nowhere')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(pool.openCount('nowhere')).toBe(0);
    await pool.close();
  });

  it('prewarms idle connections up to the limit, which later acquires use without a login', async () => {
    let logins = 0;
    const pool = new ConnectionPool({
      limit: 3,
      connect: () => {
        logins++;
        return Promise.resolve(new CountingFs());
      },
    });
    const first = await pool.acquire('site');
    pool.prewarm('site', 10);
    await new Promise((r) => setImmediate(r));
    expect(logins).toBe(3);
    expect(pool.openCount('site')).toBe(3);
    const more = await Promise.all([pool.acquire('site'), pool.acquire('site')]);
    expect(logins).toBe(3);
    pool.prewarm('site', 3);
    expect(logins).toBe(3);
    for (const lease of [first, ...more]) lease.release();
    await pool.close();
  });

  it('a prewarm refused with 421 lowers the limit and is not reported to anyone', async () => {
    let logins = 0;
    const pool = new ConnectionPool({
      limit: 4,
      connect: () => {
        logins++;
        return logins <= 2
          ? Promise.resolve(new CountingFs())
          : Promise.reject(new FerryError('SERVER_BUSY', 'Too many connections.', { retryable: true }));
      },
    });
    const first = await pool.acquire('site');
    pool.prewarm('site', 4);
    await new Promise((r) => setImmediate(r));
    expect(pool.limitFor('site')).toBe(2);
    expect(pool.openCount('site')).toBe(2);
    first.release();
    await pool.close();
  });

  it('lends a lease holder a second connection at a limit of one, ahead of other waiters', async () => {
    const pool = new ConnectionPool({ limit: 1, connect: () => Promise.resolve(new CountingFs()) });
    const first = await pool.acquire('site');
    let other: RemoteFileSystem | null = null;
    const waiting = pool.acquire('site').then((l) => (other = l.fs));
    // A copy within the site: without its second connection it would hold the first for ever.
    const second = await pool.acquire('site', undefined, true);
    expect(second.fs).not.toBe(first.fs);
    expect(other).toBeNull();
    second.release();
    first.release();
    await waiting;
    expect(pool.openCount('site')).toBe(1);
    await pool.close();
  });

  it("keeps to a location's own cap below the pool's limit", async () => {
    const pool = new ConnectionPool({
      limit: 4,
      connect: () => Promise.resolve(new CountingFs()),
      capFor: (location) => (location === 'capped' ? 1 : undefined),
    });
    expect(pool.limitFor('capped')).toBe(1);
    expect(pool.limitFor('other')).toBe(4);
    await pool.close();
  });
});
