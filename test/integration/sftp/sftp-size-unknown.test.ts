/**
 * download() compared the bytes read with the size FSTAT gave at open and took a missing size
 * for 0. SFTP v3 makes the size attribute optional, and a Linux server reports 0 for /proc and
 * /sys files. In both cases the pipeline, which reads to the end of the file, gets every byte,
 * and the download was then rejected as "changed on the server"; a resume was refused outright.
 * A missing or zero size is now "unknown", as upload() already treated it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSftp, type SftpFileSystem } from '../../../src-main/sftp/index.js';
import { isolatedDeps, scratchDir, useSshdSession } from './sftp-test-kit.js';

function collect(): { sink: PassThrough; data: () => Buffer } {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { sink, data: () => Buffer.concat(chunks) };
}

describe('OpenSSH: a file whose stat size is not its length', () => {
  const sshd = useSshdSession();

  it('downloads /proc/version (stat size 0, content non-empty)', async () => {
    const expected = readFileSync('/proc/version');
    expect(expected.length).toBeGreaterThan(0);
    expect((await sshd.fs.stat('/proc/version'))?.size).toBe(0);
    const { sink, data } = collect();
    const result = await sshd.fs.download('/proc/version', sink).catch((error: unknown) => error);
    // The whole file did arrive in the sink before the size check threw the result away.
    expect(data().equals(expected)).toBe(true);
    expect(result).toEqual({ bytes: expected.length });
  });
});

/** A minimal SFTP server (ssh2's server side) whose ATTRS never carry a size, as v3 allows. */
describe('a server that sends no size attribute', () => {
  const content = Buffer.alloc(100_000, 7);
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519');
  let listener: InstanceType<typeof ssh2.Server>;
  let port = 0;
  let scratch: { dir: string; remove: () => void };
  let knownHosts = '';
  const sessions: SftpFileSystem[] = [];

  beforeAll(async () => {
    scratch = scratchDir();
    listener = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
      client.on('error', () => undefined);
      client.on('authentication', (ctx) => ctx.accept());
      client.on('ready', () => {
        client.on('session', (acceptSession) => {
          const session = acceptSession();
          session.on('sftp', (acceptSftp) => {
            const sftp = acceptSftp();
            const OK = ssh2.utils.sftp.STATUS_CODE.OK;
            const EOF = ssh2.utils.sftp.STATUS_CODE.EOF;
            const attrs = { mode: 0o100644, uid: 0, gid: 0, atime: 0, mtime: 0 } as never;
            sftp.on('OPEN', (reqid) => sftp.handle(reqid, Buffer.from('h1')));
            sftp.on('FSTAT', (reqid) => sftp.attrs(reqid, attrs));
            sftp.on('LSTAT', (reqid) => sftp.attrs(reqid, attrs));
            sftp.on('STAT', (reqid) => sftp.attrs(reqid, attrs));
            sftp.on('READ', (reqid, _handle, offset, length) => {
              if (offset >= content.length) sftp.status(reqid, EOF);
              else sftp.data(reqid, content.subarray(offset, Math.min(content.length, offset + length)));
            });
            sftp.on('CLOSE', (reqid) => sftp.status(reqid, OK));
          });
        });
      });
    });
    listener.listen(0, '127.0.0.1');
    await once(listener, 'listening');
    port = (listener.address() as AddressInfo).port;
    const blob = ssh2.utils.parseKey(hostKey.public);
    if (blob instanceof Error) throw blob;
    knownHosts = join(scratch.dir, 'known_hosts');
    writeFileSync(knownHosts, `[127.0.0.1]:${port} ssh-ed25519 ${blob.getPublicSSH().toString('base64')}\n`);
  });
  afterAll(async () => {
    for (const session of sessions) await session.close();
    listener?.close();
    scratch?.remove();
  });

  const connect = async (): Promise<SftpFileSystem> => {
    const fs = await connectSftp(
      { protocol: 'sftp', host: '127.0.0.1', port, user: 'u', password: 'p' },
      isolatedDeps(knownHosts),
    );
    sessions.push(fs);
    return fs;
  };

  it('downloads the whole file', async () => {
    const fs = await connect();
    expect((await fs.stat('/data.bin'))?.size).toBeNull();
    const { sink, data } = collect();
    const result = await fs.download('/data.bin', sink).catch((error: unknown) => error);
    expect(data().equals(content)).toBe(true);
    expect(result).toEqual({ bytes: content.length });
  });

  it('resumes from an offset', async () => {
    const fs = await connect();
    const { sink, data } = collect();
    const result = await fs.download('/data.bin', sink, { offset: 60_000 }).catch((error: unknown) => error);
    expect(result).toEqual({ bytes: content.length - 60_000 });
    expect(data().equals(content.subarray(60_000))).toBe(true);
  });
});
