/**
 * FXP paths the Debian servers will not show on demand, on scripted fakes: a resume refused
 * by the source (REST), two servers that cannot reach each other (425), and the verification
 * of a queue copy by the servers' own hashes (XSHA256), matching and not.
 */
import { afterEach, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import type { FtpFileSystem } from '../../../src-main/ftp/index.js';
import { FxpRefused } from '../../../src-main/ftp/ftp-session.js';
import type { FileJob } from '../../../src-main/queue/file-transfer.js';
import { copyByFxp, FxpRoutes } from '../../../src-main/queue/fxp-copy.js';
import { DEFAULT_QUEUE_SETTINGS } from '../../../src-main/queue/queue-settings.js';
import { connectToFake, FakeFtpServer, type FakeHandler } from './fake-ftp-server.js';

const open: { fake: FakeFtpServer; fs: FtpFileSystem }[] = [];
afterEach(async () => {
  for (const { fake, fs } of open.splice(0)) {
    await fs.close();
    fake.close();
  }
});

async function fake(handler: FakeHandler): Promise<{ fake: FakeFtpServer; fs: FtpFileSystem }> {
  const server = await FakeFtpServer.start(handler);
  const entry = { fake: server, fs: await connectToFake(server) };
  open.push(entry);
  return entry;
}

/** A receiver that accepts PASV (naming a port nobody listens on) and REST as told. */
function receiver(rest: string, store: string): FakeHandler {
  return (verb, _argument, session) => {
    if (verb === 'PASV') session.reply('227 Entering Passive Mode (127,0,0,1,4,1)');
    else if (verb === 'REST') session.reply(rest);
    else if (verb === 'STOR') session.reply(store);
    else return false;
    return true;
  };
}

it('a resume refused by the source: stage rest, the destination forgets its REST, both stay usable', async () => {
  const destination = await fake(receiver('350 restarting', '150 never sent'));
  const source = await fake((verb, _argument, session) => {
    if (verb === 'PORT') session.reply('200 PORT ok');
    else if (verb === 'REST') session.reply('502 REST not implemented');
    else return false;
    return true;
  });
  const error = await source.fs
    .fxpTo('/a.bin', destination.fs, '/b.bin', { offset: 1000 })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(FxpRefused);
  expect(error).toMatchObject({ code: 'UNSUPPORTED', stage: 'rest', reply: { code: 502 } });
  expect(destination.fake.commands.filter((c) => /^(REST|STOR)/.test(c))).toEqual(['REST 1000', 'REST 0']);
  expect(source.fake.commands.some((c) => c.startsWith('RETR'))).toBe(false);
  expect((await source.fs.raw('NOOP')).code).toBe(200);
  expect((await destination.fs.raw('NOOP')).code).toBe(200);
});

it('two servers that cannot reach each other (425): stage connect, the waiting receiver is let go', async () => {
  const destination = await fake(receiver('350 restarting', '150 waiting for the data connection'));
  const source = await fake((verb, _argument, session) => {
    if (verb === 'PORT') session.reply('200 PORT ok');
    else if (verb === 'RETR') session.reply("425 Can't open data connection.");
    else return false;
    return true;
  });
  const error = await source.fs.fxpTo('/a.bin', destination.fs, '/b.bin').catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'UNSUPPORTED', stage: 'connect', reply: { code: 425 } });
  expect((await source.fs.raw('NOOP')).code).toBe(200);
  // The receiver's session was closed after the grace period; its file system logs in again.
  expect((await destination.fs.raw('NOOP')).code).toBe(200);
  expect(destination.fake.connections).toBe(2);
});

/** A server that copies one 5-byte file with the given XSHA256 answer, as either end. */
function hashing(digest: string): FakeHandler {
  return (verb, _argument, session) => {
    const replies: Record<string, string> = {
      FEAT: '211-Features:\r\n XSHA256\r\n SIZE\r\n MFMT\r\n211 End',
      PASV: '227 Entering Passive Mode (127,0,0,1,4,1)',
      PORT: '200 PORT ok',
      SIZE: '213 5',
      XSHA256: `250 ${digest}`,
      MFMT: '213 Modify=20240101000000; /b.bin',
    };
    if (verb === 'RETR' || verb === 'STOR') {
      session.reply('150 opening');
      session.reply('226 done');
      return true;
    }
    const reply = replies[verb];
    if (!reply) return false;
    session.reply(reply);
    return true;
  };
}

function copyJob(source: FtpFileSystem, target: FtpFileSystem): FileJob & { states: string[] } {
  const states: string[] = [];
  return {
    states,
    item: {
      id: 'x',
      direction: 'copy',
      source: { location: 'fake-source', path: '/a.bin' },
      target: { location: 'fake-target', path: '/b.bin' },
      isDir: false,
      size: 5,
      transferred: 0,
      state: 'active',
      priority: 3,
      attempts: 1,
      overwrite: 'overwrite',
      order: 1,
      modified: Date.UTC(2024, 0, 1),
    },
    source,
    target,
    signal: new AbortController().signal,
    settings: DEFAULT_QUEUE_SETTINGS,
    bucket: null,
    meter: { offset: 0, tap: null },
    fxpRoutes: new FxpRoutes(),
    ask: () => Promise.resolve('overwrite'),
    begin: () => {},
    touched: () => states.push('touched'),
    journaled: () => Promise.resolve(),
    verifying: () => states.push('verifying'),
  };
}

const SHA = 'a'.repeat(64);

it('verifies an FXP copy by both servers hashing the file (sha256), and sets the time', async () => {
  const source = await fake(hashing(SHA));
  const target = await fake(hashing(SHA.toUpperCase()));
  const job = copyJob(source.fs, target.fs);
  const outcome = await copyByFxp(job, '/b.bin', 0, { size: 5, modified: Date.UTC(2024, 0, 1) });
  expect(outcome).toEqual({ kind: 'done', size: 5, verifiedBy: 'sha256' });
  expect(job.states).toEqual(['touched', 'verifying']);
  expect(source.fake.commands).toContain('XSHA256 /a.bin');
  expect(target.fake.commands).toContain('XSHA256 /b.bin');
  expect(target.fake.commands).toContain('MFMT 20240101000000 /b.bin');
});

it('different hashes on the two servers fail the item for a retry from the start', async () => {
  const source = await fake(hashing(SHA));
  const target = await fake(hashing('b'.repeat(64)));
  const error = await copyByFxp(copyJob(source.fs, target.fs), '/b.bin', 0, {
    size: 5,
    modified: null,
  }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(FerryError);
  expect(error).toMatchObject({ code: 'VERIFY_FAILED', retryable: true });
});

it('a refused pair is remembered: the next file is streamed without asking the servers again', async () => {
  const source = await fake((verb, _argument, session) => {
    if (verb !== 'PORT') return false;
    session.reply('500 Illegal PORT command.');
    return true;
  });
  const target = await fake(receiver('350 restarting', '150 never sent'));
  const job = copyJob(source.fs, target.fs);
  expect(await copyByFxp(job, '/b.bin', 0, { size: 5, modified: null })).toBeNull();
  const asked = source.fake.commands.length + target.fake.commands.length;
  expect(await copyByFxp(job, '/c.bin', 0, { size: 5, modified: null })).toBeNull();
  expect(source.fake.commands.length + target.fake.commands.length).toBe(asked);
});
