import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryMatchesHost,
  formatKnownHostLine,
  hashHostName,
  knownHostName,
  parseKnownHosts,
} from '../../../src-main/ssh/known-hosts.js';
import { appendKnownHost, readKnownHostsFiles } from '../../../src-main/ssh/known-hosts-store.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-kh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeKey(name: string, type = 'ed25519'): { line: string; blob: Buffer } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const [keyType = '', base64 = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  return { line: `${keyType} ${base64}`, blob: Buffer.from(base64, 'base64') };
}

const keyA = makeKey('a');
const keyB = makeKey('b');
const keyEcdsa = makeKey('c', 'ecdsa');

describe('knownHostName', () => {
  it('uses the bare name on port 22 and [host]:port elsewhere', () => {
    expect(knownHostName('example.com', 22)).toBe('example.com');
    expect(knownHostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });
});

describe('parseKnownHosts', () => {
  it('keeps well-formed lines with markers and skips comments, junk and mismatched blobs', () => {
    const [, blobB64 = ''] = keyA.line.split(' ');
    const text = [
      '# comment',
      '',
      `example.com,192.0.2.1 ${keyA.line} comment here`,
      `@revoked * ${keyB.line}`,
      `@cert-authority *.example.com ${keyEcdsa.line}`,
      `@unknown-marker host ${keyA.line}`,
      'host ssh-ed25519 not-base64!',
      `host ssh-rsa ${blobB64}`, // blob says ed25519, line says rsa: corrupt
      'only-two fields',
      '1024 35 12345', // SSH-1 style
    ].join('\n');
    const entries = parseKnownHosts(text, 'kh');
    expect(entries.map((entry) => [entry.marker, entry.hosts, entry.line])).toEqual([
      [null, 'example.com,192.0.2.1', 3],
      ['revoked', '*', 4],
      ['cert-authority', '*.example.com', 5],
    ]);
  });
});

describe('hashed host names', () => {
  it('matches entries hashed by ssh-keygen -H, including [host]:port names', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `example.com ${keyA.line}\n[127.0.0.1]:2222 ${keyB.line}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries).toHaveLength(2);
    expect(entries.every((entry) => entry.hosts.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(entries, 'example.com', 22, keyA.blob).status).toBe('trusted');
    expect(checkHostKey(entries, 'EXAMPLE.com', 22, keyA.blob).status).toBe('trusted');
    expect(checkHostKey(entries, '127.0.0.1', 2222, keyB.blob).status).toBe('trusted');
    expect(checkHostKey(entries, '127.0.0.1', 22, keyB.blob).status).toBe('unknown');
    expect(checkHostKey(entries, 'other.com', 22, keyA.blob).status).toBe('unknown');
  });

  it('hashes the way OpenSSH does, so ssh-keygen -F finds our hashes', () => {
    const file = join(dir, 'ours-hashed');
    writeFileSync(file, `${hashHostName('[10.0.0.1]:2022', randomBytes(20))} ${keyA.line}\n`);
    const found = execFileSync('ssh-keygen', ['-F', '[10.0.0.1]:2022', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(keyA.line);
  });

  it('rejects malformed hashed fields without throwing', () => {
    const entry = { ...parseKnownHosts(`h ${keyA.line}`, 'x')[0]!, hosts: '|1|abc|def' };
    expect(entryMatchesHost(entry, 'h')).toBe(false);
  });
});

describe('checkHostKey', () => {
  const entries = parseKnownHosts(
    [
      `example.com ${keyA.line}`,
      `*.wild.test,!no.wild.test ${keyA.line}`,
      `[example.com]:2222 ${keyEcdsa.line}`,
    ].join('\n'),
    'kh',
  );

  it.each([
    { title: 'same key', host: 'example.com', port: 22, key: keyA.blob, expected: 'trusted' },
    { title: 'same type, other key', host: 'example.com', port: 22, key: keyB.blob, expected: 'changed' },
    {
      title: 'only another type known',
      host: 'example.com',
      port: 2222,
      key: keyA.blob,
      expected: 'unknown',
    },
    { title: 'other port, same key', host: 'example.com', port: 2200, key: keyA.blob, expected: 'unknown' },
    { title: 'wildcard', host: 'a.wild.test', port: 22, key: keyA.blob, expected: 'trusted' },
    { title: 'negated wildcard', host: 'no.wild.test', port: 22, key: keyA.blob, expected: 'unknown' },
    { title: 'never seen', host: 'new.test', port: 22, key: keyA.blob, expected: 'unknown' },
  ])('$title → $expected', ({ host, port, key, expected }) => {
    expect(checkHostKey(entries, host, port, key).status).toBe(expected);
  });

  it('names the entry a changed key conflicts with', () => {
    const verdict = checkHostKey(entries, 'example.com', 22, keyB.blob);
    expect(verdict).toMatchObject({ status: 'changed', entry: { file: 'kh', line: 1 } });
  });

  it('refuses a revoked key even where it is also trusted', () => {
    const withRevocation = [...entries, ...parseKnownHosts(`@revoked * ${keyA.line}`, 'other')];
    expect(checkHostKey(withRevocation, 'example.com', 22, keyA.blob).status).toBe('revoked');
  });

  it('does not trust a key through a @cert-authority line', () => {
    const ca = parseKnownHosts(`@cert-authority * ${keyA.line}`, 'ca');
    expect(checkHostKey(ca, 'example.com', 22, keyA.blob).status).toBe('unknown');
  });
});

describe('known_hosts files', () => {
  it('appends lines ssh-keygen can find, never gluing onto a line without a newline', async () => {
    const file = join(dir, 'sub', 'known_hosts');
    await appendKnownHost(file, '127.0.0.1', 2222, keyA.blob);
    writeFileSync(file, readFileSync(file, 'utf8') + `# no newline at end`);
    await appendKnownHost(file, 'Example.COM', 22, keyB.blob);
    const entries = await readKnownHostsFiles([file, join(dir, 'missing')]);
    expect(entries).toHaveLength(2);
    expect(checkHostKey(entries, 'example.com', 22, keyB.blob).status).toBe('trusted');
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(keyA.line);
    expect(formatKnownHostLine('h', 22, keyA.blob)).toBe(`h ${keyA.line}\n`);
  });
});
