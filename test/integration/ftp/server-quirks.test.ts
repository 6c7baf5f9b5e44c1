/**
 * Server behaviours the Debian servers do not show: HASH/XSHA256 replies, a latin1 server
 * without UTF8, REST refused before STOR (APPE fallback), `LIST -a` refused, STOU naming.
 */
import { afterEach, expect, it } from 'vitest';
import type { FtpFileSystem } from '../../../src-main/ftp/index.js';
import { connectToFake, FakeFtpServer, type FakeHandler } from './fake-ftp-server.js';
import { bufferSource, RecordingLogger } from './ftp-test-kit.js';

const open: { fake: FakeFtpServer; fs: FtpFileSystem }[] = [];
afterEach(async () => {
  for (const { fake, fs } of open.splice(0)) {
    await fs.close();
    fake.close();
  }
});

async function connect(
  handler: FakeHandler,
  charset?: string,
): Promise<{ fake: FakeFtpServer; fs: FtpFileSystem }> {
  const fake = await FakeFtpServer.start(handler);
  const fs = await connectToFake(fake, charset ? { charset } : {}, { logger: new RecordingLogger() });
  open.push({ fake, fs });
  return { fake, fs };
}

/** Receives an upload on the data connection and answers 226 once it ends. */
function receive(session: Parameters<FakeHandler>[2], into: Buffer[]): void {
  session.reply('150 go ahead');
  void session.data().then((socket) => {
    socket.on('data', (chunk: Buffer) => into.push(chunk));
    socket.on('end', () => session.reply('226 stored as /incoming/u.0001'));
  });
}

it('uses HASH with OPTS HASH when FEAT lists it, and reads the digest', async () => {
  const digest = 'a'.repeat(64);
  const { fake, fs } = await connect((verb, argument, session) => {
    if (verb === 'FEAT') {
      session.reply('211-Features:');
      session.reply(' HASH SHA-256*;SHA-1;MD5;CRC32');
      session.reply(' XCRC');
      session.reply('211 End');
      return true;
    }
    if (verb === 'OPTS') {
      session.reply(`200 ${argument}`);
      return true;
    }
    if (verb === 'HASH') {
      session.reply(`213 SHA-256 0-99 ${digest} ${argument}`);
      return true;
    }
    return false;
  });
  expect(await fs.hashAlgorithms()).toEqual(['sha256', 'sha1', 'md5', 'crc32']);
  expect(await fs.hash('/some file', 'sha256')).toBe(digest);
  expect(fake.commands).toContain('OPTS HASH SHA-256');
  expect(fake.commands).toContain('HASH /some file');
});

it('uses XSHA256 when only that is offered', async () => {
  const digest = 'B'.repeat(64);
  const { fs } = await connect((verb, _argument, session) => {
    if (verb === 'FEAT') {
      session.reply('211-Features:');
      session.reply(' XSHA256');
      session.reply('211 End');
      return true;
    }
    if (verb === 'XSHA256') {
      session.reply(`250 ${digest}`);
      return true;
    }
    return false;
  });
  expect(await fs.hashAlgorithms()).toEqual(['sha256']);
  expect(await fs.hash('/f', 'sha256')).toBe(digest.toLowerCase());
  expect(await fs.hash('/f', 'md5')).toBeNull();
});

it('talks latin1 to a server without UTF8', async () => {
  const { fake, fs } = await connect((verb, _argument, session) => {
    if (verb === 'PWD') {
      session.control.write(Buffer.from('257 "/caf\xe9" is cwd\r\n', 'latin1'));
      return true;
    }
    if (verb === 'MKD') {
      session.reply('257 created');
      return true;
    }
    return false;
  }, 'latin1');
  expect(await fs.home()).toBe('/café');
  await fs.mkdir('/été');
  // The fake decodes as latin1: the name arrived as latin1 bytes, not UTF-8.
  expect(fake.commands).toContain('MKD /\xe9t\xe9');
});

it('resumes an upload with APPE when REST before STOR is refused', async () => {
  const stored: Buffer[] = [];
  const { fake, fs } = await connect((verb, _argument, session) => {
    if (verb === 'REST') {
      session.reply('502 REST not implemented for uploads');
      return true;
    }
    if (verb === 'APPE') {
      receive(session, stored);
      return true;
    }
    return false;
  });
  await fs.upload(bufferSource(Buffer.from('tail')), '/f.bin', { offset: 100 });
  expect(Buffer.concat(stored).toString()).toBe('tail');
  expect(fake.commands).toContain('APPE /f.bin');
});

it('falls back from LIST -a to LIST when the server refuses the option, and remembers it', async () => {
  const { fake, fs } = await connect((verb, argument, session) => {
    if (verb === 'LIST' && argument === '-a') {
      session.reply('501 No options');
      return true;
    }
    return false;
  });
  expect((await fs.list('/')).map((entry) => entry.name)).toEqual(['file.txt']);
  expect((await fs.list('/')).map((entry) => entry.name)).toEqual(['file.txt']);
  expect(fake.commands.filter((command) => command.startsWith('LIST'))).toEqual(['LIST -a', 'LIST', 'LIST']);
});

it('lists a folder with CWD and LIST alone: no PWD before, no CWD back after', async () => {
  const { fake, fs } = await connect(() => false);
  const afterLogin = fake.commands.length;
  await fs.list('/a');
  await fs.list('/b');
  expect(fake.commands.slice(afterLogin).filter((c) => !/^(EPSV|PASV|TYPE)/.test(c))).toEqual([
    'CWD /a',
    'LIST -a',
    'CWD /b',
    'LIST -a',
  ]);
});

it('STOU returns the name the server chose', async () => {
  const stored: Buffer[] = [];
  const { fs } = await connect((verb, _argument, session) => {
    if (verb === 'STOU') {
      receive(session, stored);
      return true;
    }
    return false;
  });
  const result = await fs.uploadUnique(bufferSource(Buffer.from('unique')));
  expect(result).toEqual({ bytes: 6, name: '/incoming/u.0001' });
});

it('FXP refused by the destination is a clear UNSUPPORTED error, and both sessions stay usable', async () => {
  const source = await connect(() => false);
  const destination = await connect((verb, _argument, session) => {
    if (verb === 'PASV') {
      session.reply('502 PASV disabled for server-to-server transfers');
      return true;
    }
    return false;
  });
  const error = await source.fs.fxpTo('/a', destination.fs, '/b').catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'UNSUPPORTED', reply: { code: 502 } });
  expect((error as Error).message).toMatch(/FXP.*destination refused passive mode/);
  expect((await source.fs.raw('NOOP')).code).toBe(200);
  expect((await destination.fs.raw('NOOP')).code).toBe(200);
});
