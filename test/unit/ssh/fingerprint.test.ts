import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyBlobType, sha256Fingerprint } from '../../../src-main/ssh/fingerprint.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-fp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = [
  { type: 'ed25519', args: [], name: 'ssh-ed25519' },
  { type: 'ecdsa', args: ['-b', '256'], name: 'ecdsa-sha2-nistp256' },
  { type: 'rsa', args: ['-b', '2048'], name: 'ssh-rsa' },
];

describe('sha256Fingerprint', () => {
  it.each(KEYS)('prints $type keys exactly as ssh-keygen -lf does', ({ type, args, name }) => {
    const file = join(dir, `key_${type}`);
    execFileSync('ssh-keygen', ['-q', '-t', type, ...args, '-N', '', '-C', 'test', '-f', file]);
    const [keyType = '', base64 = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
    const blob = Buffer.from(base64, 'base64');
    // "256 SHA256:abc… test (ED25519)"
    const printed = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1];
    expect(sha256Fingerprint(blob)).toBe(printed);
    expect(keyType).toBe(name);
    expect(keyBlobType(blob)).toBe(name);
  });

  it('never pads the base64 part', () => {
    expect(sha256Fingerprint(Buffer.from('x'))).not.toContain('=');
  });

  it('reports a truncated blob as unknown instead of reading past it', () => {
    expect(keyBlobType(Buffer.from([0, 0, 0, 50, 65]))).toBe('unknown');
    expect(keyBlobType(Buffer.alloc(2))).toBe('unknown');
  });
});
