import { describe, expect, it } from 'vitest';
import {
  buildTarget,
  withoutUrlPassword,
  type QuickConnectFields,
} from '../../../src-renderer/logic/quick-connect.js';
import {
  decodeDragPayload,
  encodeDragPayload,
  planTransfers,
} from '../../../src-renderer/logic/transfer-plan.js';
import { maskSecrets } from '../../../src-renderer/state/log-store.js';

const base: QuickConnectFields = { protocol: 'ftp', host: '', user: '', password: '', port: '' };

describe('buildTarget', () => {
  const rows: { title: string; fields: Partial<QuickConnectFields>; expected: unknown }[] = [
    {
      title: 'plain host uses the protocol default port',
      fields: { host: 'example.com', user: 'me', password: 'pw' },
      expected: {
        ok: true,
        target: { protocol: 'ftp', host: 'example.com', port: 21, user: 'me', password: 'pw' },
      },
    },
    {
      title: 'a URL fills protocol, user, port and folder',
      fields: { host: 'sftp://bob@host.example:2222/srv/data' },
      expected: {
        ok: true,
        target: { protocol: 'sftp', host: 'host.example', port: 2222, user: 'bob', remoteDir: '/srv/data' },
      },
    },
    {
      title: 'explicit fields win over the URL',
      fields: { host: 'ftps://bob:x@h', user: 'alice', password: 'y', port: '1990' },
      expected: {
        ok: true,
        target: { protocol: 'ftps', host: 'h', port: 1990, user: 'alice', password: 'y' },
      },
    },
    {
      title: 'IPv6 literal in brackets',
      fields: { host: 'ftp://[::1]:2121' },
      expected: { ok: true, target: { protocol: 'ftp', host: '::1', port: 2121 } },
    },
    {
      title: 'sftp default port',
      fields: { protocol: 'sftp', host: '127.0.0.1' },
      expected: { ok: true, target: { protocol: 'sftp', host: '127.0.0.1', port: 22 } },
    },
    { title: 'empty host', fields: {}, expected: { ok: false, message: 'Enter a host name or address.' } },
    {
      title: 'bad port',
      fields: { host: 'h', port: '70000' },
      expected: { ok: false, message: 'The port must be a number from 1 to 65535.' },
    },
    {
      title: 'unknown scheme',
      fields: { host: 'http://h' },
      expected: { ok: false, message: 'Unknown protocol "http://". Use ftp, ftpes, ftps or sftp.' },
    },
    {
      title: 'ftp+insecure:// is plain FTP on purpose, as on the command line',
      fields: { host: 'ftp+insecure://h:2121' },
      expected: { ok: true, target: { protocol: 'ftp-insecure', host: 'h', port: 2121 } },
    },
    {
      title: 'a port out of range in the URL',
      fields: { host: 'ftp://h:70000' },
      expected: { ok: false, message: 'The port must be a number from 1 to 65535.' },
    },
  ];
  for (const r of rows) it(r.title, () => expect(buildTarget({ ...base, ...r.fields })).toEqual(r.expected));

  // The Connect button calls buildTarget without a try: a URIError made it do nothing at all.
  it('a "%" that is not an escape gives a message instead of throwing', () => {
    for (const host of ['ftp://bob:50%off@127.0.0.1', 'sftp://me@127.0.0.1/tmp/100%', 'ftp://a%zz@h']) {
      expect(buildTarget({ ...base, host }), host).toMatchObject({
        ok: false,
        message: expect.stringMatching(/%25/),
      });
    }
  });
});

describe('planTransfers', () => {
  it('local → remote uploads, remote → local downloads, remote → remote copies', () => {
    expect(
      planTransfers({ sessionId: 'local', dir: '/home/me' }, ['a'], { sessionId: 's1', dir: '/www' }),
    ).toEqual([{ direction: 'upload', sessionId: 's1', sourcePath: '/home/me/a', targetPath: '/www/a' }]);
    expect(
      planTransfers(
        { sessionId: 's1', dir: '/www' },
        ['a', 'b'],
        { sessionId: 'local', dir: 'C:\\d' },
        { paused: true },
      ),
    ).toEqual([
      { direction: 'download', sessionId: 's1', sourcePath: '/www/a', targetPath: 'C:\\d\\a', paused: true },
      { direction: 'download', sessionId: 's1', sourcePath: '/www/b', targetPath: 'C:\\d\\b', paused: true },
    ]);
    expect(planTransfers({ sessionId: 's1', dir: '/' }, ['x'], { sessionId: 's2', dir: '/in' })).toEqual([
      { direction: 'copy', sessionId: 's1', targetSessionId: 's2', sourcePath: '/x', targetPath: '/in/x' },
    ]);
  });
  it('a drop on the same session plans nothing', () => {
    expect(planTransfers({ sessionId: 's1', dir: '/' }, ['x'], { sessionId: 's1', dir: '/in' })).toEqual([]);
  });
  it('drag payloads round-trip and junk is refused', () => {
    const payload = { sessionId: 'local', dir: '/a', names: ['x', 'y'] };
    expect(decodeDragPayload(encodeDragPayload(payload))).toEqual(payload);
    expect(decodeDragPayload('nope')).toBeNull();
    expect(decodeDragPayload('{"sessionId":"a","dir":"/","names":[1]}')).toBeNull();
  });
});

describe('withoutUrlPassword', () => {
  it('takes the password out of a URL and keeps the rest', () => {
    expect(withoutUrlPassword('ftp://bob:s3cret@host:2121/srv')).toBe('ftp://bob@host:2121/srv');
    expect(withoutUrlPassword('sftp://bob:p@ss:word@host')).toBe('sftp://bob@host');
  });
  it('leaves text without a password as it is', () => {
    expect(withoutUrlPassword('sftp://bob@host:22/dir')).toBe('sftp://bob@host:22/dir');
    expect(withoutUrlPassword('host.example')).toBe('host.example');
    expect(withoutUrlPassword('ftp://[::1]:2121')).toBe('ftp://[::1]:2121');
  });
});

describe('maskSecrets', () => {
  it('hides a PASS argument even if main forgot to', () => {
    expect(maskSecrets('PASS hunter2')).toBe('PASS ********');
    expect(maskSecrets('USER bob')).toBe('USER bob');
  });
});
