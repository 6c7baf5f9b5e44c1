/**
 * A saved site's "Max connections" (1 to 10, in the site manager, or imported from FileZilla's
 * MaximumMultipleConnections) is what the queue keeps to for that site. It used to know only
 * the queue-wide "connections per site" (2 by default), so a site the user had limited to one
 * connection got two transfers at once: what such a server answers with 421, or a ban.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type FerryApp } from '../../../src-main/app/create-app.js';
import { createSite } from '../../../src-main/sites/site-defaults.js';
import { startServer, type RunningServer } from '../../harness/index.js';

let app: FerryApp;
let configDir: string;
let vsftpd: RunningServer;

beforeAll(async () => {
  configDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-site-max-conn-'));
  vsftpd = await startServer('vsftpd');
  app = await createApp({ mode: 'web', configDir });
});

afterAll(async () => {
  await app?.close();
  await vsftpd?.dispose();
  await rm(configDir, { recursive: true, force: true });
});

it("a site limited to one connection never has two of the queue's transfers at once", async () => {
  const MiB = 1024 * 1024;
  for (const n of [1, 2, 3, 4]) await vsftpd.writeFile(`f${n}.bin`, randomBytes(2 * MiB));
  const site = await app.api['sites.save'](
    createSite({
      name: 'one-at-a-time',
      protocol: 'ftp-insecure',
      host: '127.0.0.1',
      port: vsftpd.port,
      user: vsftpd.user,
      logonType: 'normal',
      maxConnections: 1,
    }),
    vsftpd.password,
  );
  const session = await app.api['session.connectSite'](site.id);
  // Slow enough that two transfers allowed to run would overlap.
  await app.api['queue.settings']({ downloadLimit: 4 * MiB });
  let mostActive = 0;
  app.bus.subscribe((event) => {
    if (event.type === 'queue-progress') mostActive = Math.max(mostActive, event.summary.counts.active);
  });
  const ids = await app.api['queue.add'](
    [1, 2, 3, 4].map((n) => ({
      direction: 'download' as const,
      sessionId: session.id,
      sourcePath: vsftpd.remotePath(`f${n}.bin`),
      targetPath: path.join(configDir, `f${n}.bin`),
    })),
  );
  for (;;) {
    const { items } = await app.api['queue.list']();
    const mine = items.filter((i) => ids.includes(i.id));
    if (mine.every((i) => i.state === 'done' || i.state === 'failed')) {
      expect(mine.map((i) => i.state)).toEqual(['done', 'done', 'done', 'done']);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(mostActive).toBe(1);
});
