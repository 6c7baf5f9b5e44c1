/**
 * ssh2 runs its ciphers through a native binding that npm ci builds with node-gyp, or, where that
 * build failed, in JavaScript: 1 GiB SFTP downloads took about 1.4× as long that way on loopback.
 * The protocol log says which, so a slow transfer can be explained. (Types: ssh2-crypto.d.ts.)
 */
import sshCrypto from 'ssh2/lib/protocol/crypto.js';

export const nativeSshCrypto: boolean = sshCrypto.bindingAvailable === true;
