import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionSecretStore } from '../../../src-main/keychain/session-secret-store.js';
import { SiteStore } from '../../../src-main/sites/site-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-recent-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// session.connect (whose target may carry a key `passphrase`) calls addRecent for any target
// without a siteId; it used to strip only the password before writing sites.json.
describe('recent quick connections never put a secret in sites.json', () => {
  it('a key passphrase in the target stays out of the file when savePassword is not asked', async () => {
    const store = new SiteStore({ cwd: dir, secrets: new SessionSecretStore() });
    await store.addRecent({
      protocol: 'sftp',
      host: '127.0.0.1',
      port: 2222,
      user: 'me',
      identityFile: '/home/me/.ssh/id_ed25519',
      passphrase: 'key-passphrase-s3cret',
    });
    expect(readFileSync(store.path, 'utf8')).not.toContain('key-passphrase-s3cret');
  });
});
