import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/listings/', import.meta.url));

export function readFixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** Every fixture file, for the fuzz test. */
export const FIXTURE_FILES = [
  'vsftpd.txt',
  'proftpd.txt',
  'pure-ftpd.txt',
  'filezilla-server.txt',
  'pyftpdlib.txt',
  'vsftpd-captured.txt',
  'unix-variants.txt',
  'unix-localized.txt',
  'iis.txt',
  'windows-24h.txt',
  'windows-dir.txt',
  'mlsd-proftpd.txt',
  'mlsd-pure-ftpd.txt',
  'mlsd-filezilla-server.txt',
  'mlsd-iis.txt',
  'mlsd-pyftpdlib.txt',
  'eplf.txt',
  'vms.txt',
  'mvs-datasets.txt',
  'mvs-members.txt',
  'mvs-loadlib.txt',
  'os2.txt',
  'netware.txt',
  'mixed.txt',
];

/** A fixed "now" so year-less dates are deterministic: 2026-11-22 12:00 UTC. */
export const NOW = new Date(Date.UTC(2026, 10, 22, 12, 0, 0));

/** `utc('2026-03-10 12:34')` → epoch ms, read as UTC. */
export function utc(text: string): number {
  return Date.parse(text.replace(' ', 'T') + 'Z');
}
