/**
 * bin/ferry end to end over plain FTP: every file command against vsftpd and pyftpdlib,
 * sha256-exact transfers with awkward names, resume, ASCII, active/passive, exit codes and
 * the masked protocol log. Each test runs the real CLI as a child process with no stdin.
 */
import { execFileSync } from 'node:child_process';
import { chmod, chown, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../harness/free-port.js';
import { FakeFtpServer } from '../ftp/fake-ftp-server.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import {
  buildCli,
  encodePath,
  ferry,
  ferryAtTerminal,
  patternBytes,
  serverUrl,
  sha256,
  sha256File,
  tempDir,
  type CliOptions,
} from './cli-kit.js';

const MiB = 1024 * 1024;

/** Sizes and names that break naive clients: empty, one byte, several MiB; spaces, unicode, # and %. */
const FILES = [
  { title: '0 B', name: 'empty.bin', size: 0 },
  { title: '1 B', name: 'one byte.bin', size: 1 },
  { title: '3 MiB + 1, unicode', name: 'ünïcødé 日本語 🚢.bin', size: 3 * MiB + 1 },
  { title: '#', name: 'hash #1.bin', size: 4097 },
  { title: '%', name: '100% done.bin', size: 65_536 },
];

beforeAll(() => buildCli());

// pyftpdlib is reached as ftp:// (TLS if offered: it offers none), vsftpd as ftp+insecure://.
// Concurrent: every test works on its own paths, and each spans several short CLI processes.
describe.concurrent.each([
  { kind: 'vsftpd' as const, scheme: 'ftp+insecure' },
  { kind: 'pyftpdlib' as const, scheme: 'ftp' },
])('ferry against $kind ($scheme://)', ({ kind, scheme }) => {
  let server: RunningServer;
  let local: string;
  let cli: CliOptions;
  const url = (relativePath = ''): string => serverUrl(server, relativePath, { scheme });

  beforeAll(async () => {
    server = await startServer(kind);
    await server.mkdir('up');
    local = await tempDir(`${kind}-local`);
    cli = { configDir: await tempDir(`${kind}-config`), cwd: local };
  });
  afterAll(async () => {
    await server?.dispose();
  });

  // One test for the whole table, its rows run side by side: each row is its own CLI process.
  it('put then get is sha256-exact for 0 B, 1 B, 3 MiB and names with spaces, unicode, # and %', async () => {
    const rows = await Promise.all(
      FILES.map(async ({ title, name, size }) => {
        const data = patternBytes(size, size + 1);
        await writeFile(join(local, name), data);
        const put = await ferry(['put', name, url(`up/${name}`)], cli);
        const onServer = put.code === 0 ? sha256(await readFile(server.localPath(`up/${name}`))) : null;
        const get = await ferry(['get', url(`up/${name}`), `copy of ${name}`], cli);
        const copied = get.code === 0 ? await sha256File(join(local, `copy of ${name}`)) : null;
        return {
          title,
          put: [put.code, put.stderr],
          get: [get.code, get.stderr],
          onServer,
          copied,
          want: sha256(data),
        };
      }),
    );
    for (const row of rows) {
      expect(row).toEqual({ ...row, put: [0, ''], get: [0, ''], onServer: row.want, copied: row.want });
    }
  });

  it('put into a folder URL keeps the local name; get without LOCAL writes into the working folder', async () => {
    await server.mkdir('into');
    await writeFile(join(local, 'named.txt'), 'named\n');
    expect((await ferry(['put', 'named.txt', url('into/')], cli)).code).toBe(0);
    expect(await readFile(server.localPath('into/named.txt'), 'utf8')).toBe('named\n');
    await server.writeFile('into/fetched.txt', 'fetched\n');
    expect((await ferry(['get', url('into/fetched.txt')], cli)).code).toBe(0);
    expect(await readFile(join(local, 'fetched.txt'), 'utf8')).toBe('fetched\n');
  });

  it('get URL - writes the file to stdout', async () => {
    await server.writeFile('stdout.txt', 'to stdout\n');
    const result = await ferry(['get', url('stdout.txt'), '-'], cli);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('to stdout\n');
  });

  it('ls prints one row per entry, and --json the entries', async () => {
    await server.writeFile('listed/a file.txt', 'abc');
    await server.writeFile('listed/ü #%.txt', 'x'.repeat(1000));
    await server.mkdir('listed/sub dir');
    const text = await ferry(['ls', url('listed')], cli);
    expect(text.code).toBe(0);
    const rows = text.stdout.trim().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.endsWith(' a file.txt'))).toMatch(/^-\S+\s+3 /);
    expect(rows.find((row) => row.endsWith(' ü #%.txt'))).toMatch(/^-\S+\s+1000 /);
    expect(rows.find((row) => row.endsWith(' sub dir'))).toMatch(/^d/);

    const json = await ferry(['ls', '--json', url('listed')], cli);
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.stdout) as { name: string; type: string; size: number | null }[];
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual(['a file.txt', 'sub dir', 'ü #%.txt']);
    expect(byName.get('a file.txt')).toMatchObject({ type: 'file', size: 3 });
    expect(byName.get('ü #%.txt')).toMatchObject({ type: 'file', size: 1000 });
    expect(byName.get('sub dir')).toMatchObject({ type: 'dir' });

    // ls FILE shows that one file, as ls(1) does.
    const single = await ferry(['ls', url('listed/a file.txt')], cli);
    expect(single.code).toBe(0);
    expect(single.stdout).toMatch(/^-\S+\s+3 .* a file\.txt\n$/);
  });

  it('mkdir, mv (a bare name renames in place, a path moves), rm and rm -r', async () => {
    expect((await ferry(['mkdir', url('made # here')], cli)).code).toBe(0);
    expect((await stat(server.localPath('made # here'))).isDirectory()).toBe(true);

    await server.writeFile('made # here/old name.txt', 'moved');
    expect((await ferry(['mv', url('made # here/old name.txt'), 'new name.txt'], cli)).code).toBe(0);
    expect(await readFile(server.localPath('made # here/new name.txt'), 'utf8')).toBe('moved');
    const elsewhere = server.remotePath('moved 100%.txt');
    expect((await ferry(['mv', url('made # here/new name.txt'), elsewhere], cli)).code).toBe(0);
    expect(await readFile(server.localPath('moved 100%.txt'), 'utf8')).toBe('moved');

    expect((await ferry(['rm', url('moved 100%.txt')], cli)).code).toBe(0);
    await expect(stat(server.localPath('moved 100%.txt'))).rejects.toThrow();

    await server.writeFile('made # here/deep/er/file.txt', 'x');
    const notRecursive = await ferry(['rm', url('made # here')], cli);
    expect(notRecursive.code).toBe(2);
    expect(notRecursive.stderr).toMatch(/rm -r/);
    expect((await ferry(['rm', '-r', url('made # here')], cli)).code).toBe(0);
    await expect(stat(server.localPath('made # here'))).rejects.toThrow();
  });

  it('raw sends one command and prints the reply; a 5xx reply exits 4', async () => {
    const noop = await ferry(['raw', url(), 'NOOP'], cli);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toMatch(/^200 /);
    const mkd = await ferry(['raw', url(), `MKD ${server.remotePath('raw made')}`], cli);
    expect(mkd.code).toBe(0);
    expect(mkd.stdout).toMatch(/^257 /);
    expect((await stat(server.localPath('raw made'))).isDirectory()).toBe(true);
    const bogus = await ferry(['raw', url(), 'XBOGUS'], cli);
    expect(bogus.stdout).toMatch(/^5\d\d /);
    expect(bogus.code).toBe(4);
  });

  it('--resume finishes a truncated download and a truncated upload with identical bytes', async () => {
    const data = patternBytes(2 * MiB + 123, 99);
    await server.writeFile('resume/down.bin', data);
    await writeFile(join(local, 'partial.bin'), data.subarray(0, 700_001));
    const get = await ferry(['get', '--resume', '-v', url('resume/down.bin'), 'partial.bin'], cli);
    expect(get.code).toBe(0);
    expect(get.stderr).toContain('> REST 700001');
    expect(await sha256File(join(local, 'partial.bin'))).toBe(sha256(data));

    await writeFile(join(local, 'whole.bin'), data);
    await server.writeFile('resume/up.bin', data.subarray(0, 1_234_567));
    const put = await ferry(['put', '--resume', '-v', 'whole.bin', url('resume/up.bin')], cli);
    expect(put.code).toBe(0);
    expect(put.stderr).toMatch(/> (REST 1234567|APPE )/);
    expect(await sha256File(server.localPath('resume/up.bin'))).toBe(sha256(data));

    const again = await ferry(['get', '--resume', url('resume/down.bin'), 'partial.bin'], cli);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already complete/);
  });

  it('--overwrite on a single get and put: skip keeps the target, rename writes beside it, ask without a terminal skips', async () => {
    await server.writeFile('choices/report.txt', 'the server copy\n');
    await writeFile(join(local, 'report.txt'), 'my local edits, saved nowhere else\n');
    const keep = await ferry(['get', url('choices/report.txt'), 'report.txt', '--overwrite', 'skip'], cli);
    expect(keep.code).toBe(0);
    expect(keep.stderr).toMatch(/report\.txt skipped: The target already exists\./);
    expect(await readFile(join(local, 'report.txt'), 'utf8')).toBe('my local edits, saved nowhere else\n');
    const asked = await ferry(['get', url('choices/report.txt'), 'report.txt', '--overwrite', 'ask'], cli);
    expect(asked.code).toBe(0);
    expect(await readFile(join(local, 'report.txt'), 'utf8')).toBe('my local edits, saved nowhere else\n');
    const beside = await ferry(
      ['get', url('choices/report.txt'), 'report.txt', '--overwrite', 'rename'],
      cli,
    );
    expect(beside.code).toBe(0);
    expect(await readFile(join(local, 'report (1).txt'), 'utf8')).toBe('the server copy\n');

    await server.writeFile('choices/index.html', 'live site\n');
    await writeFile(join(local, 'index.html'), 'draft\n');
    const put = await ferry(['put', 'index.html', url('choices/index.html'), '--overwrite', 'skip'], cli);
    expect(put.code).toBe(0);
    expect(await readFile(server.localPath('choices/index.html'), 'utf8')).toBe('live site\n');
    const putBeside = await ferry(
      ['put', 'index.html', url('choices/index.html'), '--overwrite', 'rename'],
      cli,
    );
    expect(putBeside.code).toBe(0);
    expect(await readFile(server.localPath('choices/index (1).html'), 'utf8')).toBe('draft\n');
    // Without --overwrite a single file is replaced, as curl and scp do.
    expect((await ferry(['put', 'index.html', url('choices/index.html')], cli)).code).toBe(0);
    expect(await readFile(server.localPath('choices/index.html'), 'utf8')).toBe('draft\n');
  });

  it('--active and --passive both list and transfer', async () => {
    await server.writeFile('modes/file.bin', patternBytes(200_000, 3));
    for (const [flag, command] of [
      ['--active', /> (EPRT|PORT) /],
      ['--passive', /> (EPSV|PASV)\n/],
    ] as const) {
      const listed = await ferry(['ls', flag, '-v', url('modes')], cli);
      expect(listed.code).toBe(0);
      expect(listed.stderr).toMatch(command);
      expect(listed.stdout).toMatch(/ file\.bin\n/);
      const got = await ferry(['get', flag, url('modes/file.bin'), `mode${flag}.bin`], cli);
      expect(got.code).toBe(0);
      expect(await sha256File(join(local, `mode${flag}.bin`))).toBe(sha256(patternBytes(200_000, 3)));
    }
  });

  it('-v prints the protocol log to stderr with the password masked', async () => {
    const result = await ferry(['ls', '-v', url()], cli);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^> USER ferrytest$/m);
    expect(result.stderr).toMatch(/^> PASS \*+$/m);
    expect(result.stderr).toMatch(/^< 230 /m);
    expect(result.stderr).not.toContain(server.password);
    expect(result.stdout).not.toContain(server.password);
  });

  it('exit codes: 3 wrong password, 4 not found, 2 usage', async () => {
    const wrong = await ferry(['ls', serverUrl(server, '', { scheme, password: 'not-the-password' })], cli);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/530/);
    expect(wrong.stderr).not.toContain('not-the-password');

    const notFound = [
      ['ls', url('no such folder')],
      ['get', url('no such file.bin'), 'x.bin'],
      ['rm', url('no such file.bin')],
      ['mv', url('no such file.bin'), 'other.bin'],
    ];
    const codes = await Promise.all(
      notFound.map(async (args) => ({ args, code: (await ferry(args, cli)).code })),
    );
    expect(codes).toEqual(notFound.map((args) => ({ args, code: 4 })));
    const missingLocal = await ferry(['put', 'not here.bin', url('x.bin')], cli);
    expect(missingLocal.code).toBe(4);
  });
});

describe.concurrent('ferry against vsftpd: ASCII, permissions, usage and network errors', () => {
  let server: RunningServer;
  let local: string;
  let cli: CliOptions;
  const url = (relativePath = ''): string => serverUrl(server, relativePath, { scheme: 'ftp+insecure' });

  beforeAll(async () => {
    server = await startServer('vsftpd');
    await server.mkdir('ascii');
    local = await tempDir('vsftpd-extra');
    cli = { configDir: await tempDir('vsftpd-extra-config'), cwd: local };
  });
  afterAll(async () => {
    await server?.dispose();
  });

  // vsftpd stores and sends ASCII transfers unchanged (ascii_*_enable is off), so the bytes on
  // its disk are exactly what crossed the wire: CRLF after an --ascii upload of LF text.
  it('--ascii converts LF to CRLF on upload and CRLF to LF on download; binary leaves bytes alone', async () => {
    await writeFile(join(local, 'unix.txt'), 'one\ntwo\nthree\n');
    expect((await ferry(['put', '--ascii', 'unix.txt', url('ascii/text.txt')], cli)).code).toBe(0);
    expect(await readFile(server.localPath('ascii/text.txt'), 'utf8')).toBe('one\r\ntwo\r\nthree\r\n');
    expect((await ferry(['put', 'unix.txt', url('ascii/binary.txt')], cli)).code).toBe(0);
    expect(await readFile(server.localPath('ascii/binary.txt'), 'utf8')).toBe('one\ntwo\nthree\n');

    await server.writeFile('ascii/dos.txt', 'alpha\r\nbeta\r\n');
    expect((await ferry(['get', '--ascii', url('ascii/dos.txt'), 'dos-ascii.txt'], cli)).code).toBe(0);
    expect(await readFile(join(local, 'dos-ascii.txt'), 'utf8')).toBe('alpha\nbeta\n');
    expect((await ferry(['get', url('ascii/dos.txt'), 'dos-binary.txt'], cli)).code).toBe(0);
    expect(await readFile(join(local, 'dos-binary.txt'), 'utf8')).toBe('alpha\r\nbeta\r\n');
  });

  it('put from a FIFO (no size up front) uploads exactly what was written', async () => {
    const fifo = join(local, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const data = patternBytes(1_234_567, 77);
    const [result] = await Promise.all([
      ferry(['put', fifo, url('from pipe.bin')], cli),
      writeFile(fifo, data),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sha256(await readFile(server.localPath('from pipe.bin')))).toBe(sha256(data));
  });

  // A hostile server's names and replies must not reach the terminal as escape sequences
  // (clipboard writes, retitled windows) or as forged rows of ls.
  it('names and replies with control characters are printed escaped', async () => {
    const fake = await FakeFtpServer.start((verb, argument, session) => {
      if (verb === 'LIST') {
        session.reply('150 listing');
        void session.data().then((socket) => {
          socket.end(
            '-rw-r--r-- 1 u g 5 Jan 01 2024 evil\u001b]52;c;aGk=\u0007.txt\r\n' +
              '-rw-r--r-- 1 u g 5 Jan 01 2024 two\u0008lines.txt\r\n',
            () => session.reply('226 done'),
          );
        });
        return true;
      }
      if (verb === 'SITE') {
        session.reply('550 No \u001b]0;pwned\u0007 such thing');
        return true;
      }
      if (verb === 'PASS' && argument === 'wrong') {
        session.reply('530 Go \u001b[2J away');
        return true;
      }
      return false;
    });
    try {
      const url = `ftp+insecure://u:p@127.0.0.1:${fake.port}`;
      const listed = await ferry(['ls', `${url}/`], cli);
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(listed.stdout).toContain('evil\\x1b]52;c;aGk=\\x07.txt');
      expect(listed.stdout).toContain('two\\x08lines.txt');
      // --json keeps the exact names; JSON escapes them itself.
      const json = await ferry(['ls', '--json', `${url}/`], cli);
      expect((JSON.parse(json.stdout) as { name: string }[]).map((e) => e.name)).toContain(
        'evil\u001b]52;c;aGk=\u0007.txt',
      );
      const raw = await ferry(['raw', `${url}/`, 'SITE X'], cli);
      expect(raw.code).toBe(4);
      expect(raw.stdout).toBe('550 No \\x1b]0;pwned\\x07 such thing\n');
      const refused = await ferry(['ls', `ftp+insecure://u:wrong@127.0.0.1:${fake.port}/`], cli);
      expect(refused.code).toBe(3);
      expect(refused.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(refused.stderr).toContain('530 Go \\x1b[2J away');
    } finally {
      fake.close();
    }
  });

  // Exit 6: the server said one size and sent more bytes (a file that changed between MLST and
  // RETR). A scripted server makes it deterministic; racing a real server's file against the
  // transfer was flaky under load.
  it('a file that changes on the server during get fails verification: exit 6', async () => {
    const fake = await FakeFtpServer.start((verb, _argument, session) => {
      if (verb === 'FEAT') {
        session.reply('211-Features:');
        session.reply(' MLST size*;type*;');
        session.reply('211 End');
        return true;
      }
      if (verb === 'MLST') {
        session.reply('250-Listing');
        session.reply(' size=100;type=file; /growing.log');
        session.reply('250 End');
        return true;
      }
      if (verb === 'RETR') {
        session.reply('150 sending');
        void session
          .data()
          .then((socket) => socket.end(Buffer.alloc(200, 1), () => session.reply('226 done')));
        return true;
      }
      return false;
    });
    try {
      const result = await ferry(
        ['get', `ftp+insecure://u:p@127.0.0.1:${fake.port}/growing.log`, 'growing.log'],
        cli,
      );
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(/bytes/);
    } finally {
      fake.close();
    }
  });

  // Bytes can arrive on the data connection before the "150 opening" reply is read. The file
  // used to be emptied at that reply: what had arrived was cut off, the rest landed after a hole
  // of zeros, and the size check passed (seen under load against vsftpd, 1 run in 2).
  it('get is byte-exact when the data arrives before the 150 reply', async () => {
    const payload = patternBytes(100_000, 11);
    const fake = await FakeFtpServer.start((verb, _argument, session) => {
      if (verb === 'FEAT') {
        session.reply('211-Features:');
        session.reply(' MLST size*;type*;');
        session.reply('211 End');
        return true;
      }
      if (verb === 'MLST') {
        session.reply('250-Listing');
        session.reply(` size=${payload.length};type=file; /early.bin`);
        session.reply('250 End');
        return true;
      }
      if (verb === 'RETR') {
        void session.data().then((socket) =>
          socket.end(payload, () =>
            setTimeout(() => {
              session.reply('150 sending');
              session.reply('226 done');
            }, 200),
          ),
        );
        return true;
      }
      return false;
    });
    try {
      const result = await ferry(
        ['get', `ftp+insecure://u:p@127.0.0.1:${fake.port}/early.bin`, 'early.bin'],
        cli,
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(await sha256File(join(local, 'early.bin'))).toBe(sha256(payload));
    } finally {
      fake.close();
    }
  });

  it('a file the server may not read exits 4 with the 550 reply', async () => {
    const path = await server.writeFile('private/secret.txt', 'secret');
    await chown(path, 0, 0);
    await chmod(path, 0o600);
    const result = await ferry(['get', url('private/secret.txt'), 'secret.txt'], cli);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/550/);
  });

  it.each([
    { title: 'not a URL', args: ['ls', 'not-a-url'] },
    { title: 'unknown scheme', args: ['ls', 'gopher://127.0.0.1/'] },
    { title: 'unknown option', args: ['ls', '--bogus', 'ftp://127.0.0.1/'] },
    { title: 'missing argument', args: ['get'] },
    { title: 'bare # in the path', args: ['ls', 'ftp://127.0.0.1/a#b'] },
    { title: 'malformed --tls-fingerprint', args: ['ls', '--tls-fingerprint', 'AB:CD', 'ftp://127.0.0.1/'] },
    { title: '--active with --passive', args: ['ls', '--active', '--passive', 'ftp://127.0.0.1/'] },
    { title: 'raw over SFTP', args: ['raw', 'sftp://u@127.0.0.1/', 'SYST'] },
    { title: '--parallel out of range', args: ['get', '-r', '--parallel', '99', 'ftp://127.0.0.1/d', 'x'] },
  ])('usage error exits 2: $title', async ({ args }) => {
    const result = await ferry(args, cli);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
  });

  it('nothing listening exits 5', async () => {
    const port = await freePort();
    const result = await ferry(['ls', `ftp://u:p@127.0.0.1:${port}/`], cli);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/ECONNREFUSED|connect/i);
  });

  it('a user without a password and no terminal exits 3 and says how to give one', async () => {
    const result = await ferry(
      ['ls', serverUrl(server, '', { scheme: 'ftp+insecure', password: null })],
      cli,
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/No password was given/);
  });

  it('at a terminal a missing password is asked for, without echo', async () => {
    await server.writeFile('asked/file.txt', 'x');
    const result = await ferryAtTerminal(
      ['ls', serverUrl(server, 'asked', { scheme: 'ftp+insecure', password: null })],
      [{ waitFor: /Password for ferrytest@/, send: `${server.password}\r` }],
      cli,
    );
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/ file\.txt/);
    expect(result.output).not.toContain(server.password);
  });

  it('at a terminal get shows a progress bar on stderr; without one it prints nothing', async () => {
    await server.writeFile('progress/big.bin', patternBytes(2 * MiB, 12));
    const shown = await ferryAtTerminal(['get', url('progress/big.bin'), 'progress-tty.bin'], [], cli);
    expect(shown.code).toBe(0);
    expect(shown.output).toMatch(/progress-tty\.bin\s+\[#+\] 100% .*\/s 2\.0 MiB\/2\.0 MiB/);
    const quiet = await ferry(['get', url('progress/big.bin'), 'progress-pipe.bin'], cli);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('a local folder that does not exist exits 4 with a message, not a crash', async () => {
    await server.writeFile('nowhere.txt', 'x');
    const result = await ferry(['get', url('nowhere.txt'), join(local, 'no such dir', 'x.txt')], cli);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^ferry: Cannot write .*folder does not exist/);
  });

  it('a URL path with percent-encoded # and % reaches the right file', async () => {
    await server.writeFile('odd/#%23 %25.txt', 'odd');
    const ref = `ftp+insecure://${server.user}:${server.password}@127.0.0.1:${server.port}${encodePath('/odd/#%23 %25.txt')}`;
    const result = await ferry(['get', ref, '-'], cli);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('odd');
  });
});
