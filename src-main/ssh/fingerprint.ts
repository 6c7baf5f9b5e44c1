/** Host key identity as people see it: the algorithm name and `ssh-keygen -lf`'s SHA256 fingerprint. */
import { createHash } from 'node:crypto';

/** `SHA256:` + unpadded base64 of the key blob's SHA-256, exactly as `ssh-keygen -lf` prints it. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside the wire-format blob (RFC 4253 §6.6: first field is a string). */
export function keyBlobType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  if (length > keyBlob.length - 4) return 'unknown';
  return keyBlob.toString('latin1', 4, 4 + length);
}
