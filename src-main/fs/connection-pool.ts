/**
 * Logged-in connections for background transfers, per location, reused across items: a queue
 * of 1,000 files logs in N times, not 1,000. The UI's browsing session is never in here, so
 * browsing stays responsive while the queue runs.
 */
import { FerryError } from '../../src-shared/errors.js';
import type { RemoteFileSystem } from './remote-file-system.js';

export type Connect = (location: string) => Promise<RemoteFileSystem>;

export interface Lease {
  readonly fs: RemoteFileSystem;
  /** Give the connection back; with `broken`, it is closed instead of reused. */
  release(broken?: boolean): void;
}

export interface ConnectionPoolOptions {
  connect: Connect;
  /** Connections per location unless lowered for the session by a "too many connections" reply. */
  limit: number;
  /** Per-location overrides of `limit` (e.g. the local disk, which needs no login). */
  limits?: Record<string, number>;
  /** A location's own cap below `limit` (a saved site's "Max connections"), asked at each check. */
  capFor?: (location: string) => number | undefined;
}

interface Waiter {
  resolve: (lease: Lease) => void;
  reject: (error: unknown) => void;
  /** Connections this waiter may open beyond the limit (see `acquire`'s `holding`). */
  over: number;
}

interface Site {
  idle: RemoteFileSystem[];
  /** Leased plus being connected. */
  busy: number;
  /** Lowered when the server said 421; never raised again for this session. */
  lowered: number | null;
  waiters: Waiter[];
}

export class ConnectionPool {
  private readonly connectFn: Connect;
  private defaultLimit: number;
  private readonly fixedLimits: Record<string, number>;
  private readonly capFor: (location: string) => number | undefined;
  private readonly sites = new Map<string, Site>();
  private closed = false;

  constructor(options: ConnectionPoolOptions) {
    this.connectFn = options.connect;
    this.defaultLimit = options.limit;
    this.fixedLimits = options.limits ?? {};
    this.capFor = options.capFor ?? (() => undefined);
  }

  setLimit(limit: number): void {
    this.defaultLimit = limit;
    for (const location of this.sites.keys()) this.pump(location);
  }

  /** How many connections this location may have right now. */
  limitFor(location: string): number {
    const base = this.fixedLimits[location] ?? this.defaultLimit;
    const cap = this.capFor(location);
    const capped = cap === undefined || cap < 1 ? base : Math.min(base, Math.floor(cap));
    const lowered = this.sites.get(location)?.lowered;
    return lowered == null ? capped : Math.min(capped, lowered);
  }

  /** Connections open or opening for this location (leased or idle). */
  openCount(location: string): number {
    const site = this.sites.get(location);
    return site ? site.busy + site.idle.length : 0;
  }

  /**
   * A connection for `location`, waiting for one to come free when the limit is reached.
   * `holding`: the caller already holds a lease on this location and needs a second one at
   * once (a copy within one site). It goes ahead of the other waiters and may open one
   * connection over the limit: held back, it would keep its first connection while waiting for
   * a second that a site limited to one never lends, and hang for ever.
   */
  acquire(location: string, signal?: AbortSignal, holding = false): Promise<Lease> {
    if (this.closed) return Promise.reject(new FerryError('CANCELLED', 'The connection pool is closed.'));
    const site = this.site(location);
    // The common case in a running queue: a logged-in connection is waiting and nobody is ahead.
    if (site.waiters.length === 0 || holding) {
      const fs = this.takeIdle(site);
      if (fs) {
        site.busy++;
        return Promise.resolve(this.lease(location, fs));
      }
    }
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, over: holding ? 1 : 0 };
      if (signal) {
        if (signal.aborted)
          return reject(new FerryError('CANCELLED', 'Cancelled while waiting for a connection.'));
        signal.addEventListener(
          'abort',
          () => {
            const at = site.waiters.indexOf(waiter);
            if (at < 0) return;
            site.waiters.splice(at, 1);
            reject(new FerryError('CANCELLED', 'Cancelled while waiting for a connection.'));
          },
          { once: true },
        );
      }
      if (holding) site.waiters.unshift(waiter);
      else site.waiters.push(waiter);
      this.pump(location);
    });
  }

  /**
   * Opens connections up to `count` in the background, left idle for the next acquires: a
   * folder being listed is about to yield files, and logging in while it lists saves a login's
   * wait on every connection but the first. Failures are only counted (a 421 still lowers the
   * limit); the acquire that follows tries again and reports.
   */
  prewarm(location: string, count: number): void {
    if (this.closed) return;
    const site = this.site(location);
    const missing = Math.min(count, this.limitFor(location)) - site.busy - site.idle.length;
    for (let i = 0; i < missing; i++) {
      site.busy++;
      this.open(location, site, null);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all: RemoteFileSystem[] = [];
    for (const site of this.sites.values()) {
      all.push(...site.idle);
      site.idle = [];
      for (const waiter of site.waiters.splice(0))
        waiter.reject(new FerryError('CANCELLED', 'The connection pool is closed.'));
    }
    await Promise.allSettled(all.map((fs) => fs.close()));
  }

  private site(location: string): Site {
    let site = this.sites.get(location);
    if (!site) {
      site = { idle: [], busy: 0, lowered: null, waiters: [] };
      this.sites.set(location, site);
    }
    return site;
  }

  /** Hands idle connections to waiters, then opens new ones while under the limit. */
  private pump(location: string): void {
    const site = this.site(location);
    while (site.waiters.length > 0) {
      const fs = this.takeIdle(site);
      if (fs) {
        site.busy++;
        site.waiters.shift()!.resolve(this.lease(location, fs));
        continue;
      }
      if (site.busy >= this.limitFor(location) + site.waiters[0]!.over) return;
      const waiter = site.waiters.shift()!;
      site.busy++;
      this.open(location, site, waiter);
    }
    // Over the limit after a 421 or a settings change: shed idle connections beyond it.
    while (site.idle.length > 0 && site.busy + site.idle.length > this.limitFor(location)) {
      void site.idle
        .pop()!
        .close()
        .catch(() => {});
    }
  }

  /** The most recently used idle connection; ones the server dropped meanwhile are closed. */
  private takeIdle(site: Site): RemoteFileSystem | null {
    for (let fs = site.idle.pop(); fs; fs = site.idle.pop()) {
      if (fs.connected) return fs;
      void fs.close().catch(() => {});
    }
    return null;
  }

  private open(location: string, site: Site, waiter: Waiter | null): void {
    let attempt: Promise<RemoteFileSystem>;
    try {
      attempt = this.connectFn(location);
    } catch (error) {
      // A connect function that throws instead of rejecting must not break the pool's loop.
      attempt = Promise.reject(error);
    }
    attempt.then(
      (fs) => {
        if (this.closed) {
          site.busy--;
          void fs.close().catch(() => {});
          waiter?.reject(new FerryError('CANCELLED', 'The connection pool is closed.'));
          return;
        }
        if (waiter) {
          waiter.resolve(this.lease(location, fs));
          return;
        }
        site.busy--;
        site.idle.push(fs);
        this.pump(location);
      },
      (error: unknown) => {
        site.busy--;
        if (error instanceof FerryError && error.code === 'SERVER_BUSY') {
          // The server counts our connections (FTP 421): stay at what it already accepted.
          const accepted = Math.max(1, site.busy + site.idle.length);
          site.lowered = Math.min(site.lowered ?? accepted, accepted);
        }
        waiter?.reject(error);
        this.pump(location);
      },
    );
  }

  private lease(location: string, fs: RemoteFileSystem): Lease {
    let released = false;
    return {
      fs,
      release: (broken = false) => {
        if (released) return;
        released = true;
        const site = this.site(location);
        site.busy--;
        if (broken || !fs.connected || this.closed) void fs.close().catch(() => {});
        else site.idle.push(fs);
        this.pump(location);
      },
    };
  }
}
