import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonCertificateTrustStore, normaliseFingerprint } from '../../../src-main/core/trust-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('JsonCertificateTrustStore', () => {
  it('pins per host:port and survives a new instance', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-trust-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'trust.json');
    const store = new JsonCertificateTrustStore(file);
    expect(await store.get('example.org', 21)).toBeNull();
    await Promise.all([
      store.pin('Example.org', 21, { fingerprint256: 'AA:BB', subject: 'CN=x' }),
      store.pin('example.org', 990, { fingerprint256: 'CC:DD' }),
    ]);
    const again = new JsonCertificateTrustStore(file);
    expect((await again.get('example.org', 21))?.fingerprint256).toBe('AA:BB');
    expect((await again.get('example.org', 990))?.fingerprint256).toBe('CC:DD');
    await again.forget('example.org', 21);
    expect(await again.get('example.org', 21)).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty(['example.org:990']);
  });
});

describe('normaliseFingerprint', () => {
  it('ignores separators, case and a sha256 prefix', () => {
    expect(normaliseFingerprint('ab:cd:ef')).toBe('ABCDEF');
    expect(normaliseFingerprint('SHA256:AB CD EF')).toBe('ABCDEF');
  });
});
