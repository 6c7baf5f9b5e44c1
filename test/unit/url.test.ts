import { describe, expect, it } from 'vitest';
import { formatRemoteUrl, parseRemoteUrl } from '../../src-main/core/url.js';

describe('parseRemoteUrl', () => {
  const rows: { title: string; input: string; expected: ReturnType<typeof parseRemoteUrl> }[] = [
    {
      title: 'ftp with user, password and path',
      input: 'ftp://bob:s%40cret@example.org/pub/a%20b.txt',
      expected: {
        target: { protocol: 'ftp', host: 'example.org', port: 21, user: 'bob', password: 's@cret' },
        path: '/pub/a b.txt',
      },
    },
    {
      title: 'implicit ftps defaults to 990',
      input: 'ftps://host',
      expected: { target: { protocol: 'ftps', host: 'host', port: 990 }, path: '' },
    },
    {
      title: 'explicit ftpes with port',
      input: 'ftpes://u@127.0.0.1:2121/',
      expected: { target: { protocol: 'ftpes', host: '127.0.0.1', port: 2121, user: 'u' }, path: '/' },
    },
    {
      title: 'sftp on IPv6 with encoded # and %',
      input: 'sftp://root@[::1]:2222/a%23b%25c',
      expected: { target: { protocol: 'sftp', host: '::1', port: 2222, user: 'root' }, path: '/a#b%c' },
    },
    {
      title: 'plain ftp on purpose',
      input: 'ftp+insecure://h/x',
      expected: { target: { protocol: 'ftp-insecure', host: 'h', port: 21 }, path: '/x' },
    },
  ];
  for (const row of rows) {
    it(row.title, () => expect(parseRemoteUrl(row.input)).toEqual(row.expected));
  }

  const bad = ['example.org/x', 'http://x/', 'ftp://', 'ftp://h/a#b', 'ftp://h/%E0%A4%A', 'ftp://h/a%0Ab'];
  for (const input of bad) {
    it(`rejects ${JSON.stringify(input)} with INVALID_ARGUMENT`, () => {
      expect(() => parseRemoteUrl(input)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    });
  }
});

describe('formatRemoteUrl', () => {
  it('never includes the password and round-trips the path', () => {
    const url = formatRemoteUrl(
      { protocol: 'ftpes', host: 'h', port: 2121, user: 'a b', password: 'secret' },
      '/dir/x#y%.txt',
    );
    expect(url).toBe('ftpes://a%20b@h:2121/dir/x%23y%25.txt');
    expect(parseRemoteUrl(url).path).toBe('/dir/x#y%.txt');
  });
});

// parseRemoteUrl reads the authority with an http:// URL, which reports a port equal to http's
// default (80) as '' and reads "ftp:///pub" as the host "pub"; both are taken from the text.
describe('parseRemoteUrl: ports and hosts the http parser would misread', () => {
  it('keeps an explicit port 80 for every scheme', () => {
    expect(parseRemoteUrl('ftp://127.0.0.1:80/pub').target.port).toBe(80);
    expect(parseRemoteUrl('sftp://me@127.0.0.1:80').target.port).toBe(80);
    expect(parseRemoteUrl('ftps://127.0.0.1:80').target.port).toBe(80);
    expect(parseRemoteUrl('ftp://u:p%3A80@[::1]:80/x').target).toMatchObject({ host: '::1', port: 80 });
  });

  it('round-trips a queue location key with port 80', () => {
    const key = formatRemoteUrl({ protocol: 'ftpes', host: '127.0.0.1', port: 80, user: 'bob' });
    expect(key).toBe('ftpes://bob@127.0.0.1:80');
    expect(parseRemoteUrl(key).target.port).toBe(80);
  });

  it('refuses port 0', () => {
    expect(() => parseRemoteUrl('ftp://h:0/')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses a URL without a host instead of taking the first folder for one', () => {
    for (const url of ['ftp:///pub/file.txt', 'sftp:///home/me', 'ftp://user@/x', 'ftp://:21/x']) {
      expect(() => parseRemoteUrl(url), url).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});

describe('parseRemoteUrl errors never repeat the password', () => {
  for (const url of [
    'ftp://u:s3cret@h:70000/x',
    'ftp://u:s3cret@h/%zz',
    'ftp://u:s3%zzcret@h/',
    'ftp://u:s3cret@/x',
  ]) {
    it(url, () => {
      let message = '';
      try {
        parseRemoteUrl(url);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toMatch(/s3/);
    });
  }
});
