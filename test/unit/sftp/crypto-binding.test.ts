import { describe, expect, it } from 'vitest';
import { nativeSshCrypto } from '../../../src-main/sftp/crypto-binding.js';

describe('ssh2 crypto binding', () => {
  // SFTP's speed goal (at least OpenSSH sftp's throughput) depends on it: npm ci builds it with
  // node-gyp (python3, make, g++ and Node's headers; scripts/install-test-deps.sh installs the tools).
  it('is built, so SFTP does not fall back to JavaScript ciphers', () => {
    expect(nativeSshCrypto, "ssh2's native binding did not build during npm ci").toBe(true);
  });
});
