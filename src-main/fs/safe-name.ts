/**
 * Names that come from a server are data, not paths. A hostile or broken server can list
 * `..`, `/etc/passwd`, `a\b` or names with control characters; mapping such a name onto the
 * local disk would write outside the folder the user chose. The queue checks every remote
 * name with these functions before it builds a local path.
 */
import path from 'node:path';
import { FerryError } from '../../src-shared/errors.js';

const HINT =
  'The server listed a file name that could write outside the chosen folder, so Ferry refused it. ' +
  'If the server is yours, rename the file there; otherwise treat the server as untrusted.';

/** Device names Windows opens instead of a file, with or without an extension ("CON.txt" too). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Characters Windows refuses in names; `:` would also open an NTFS alternate data stream. */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

/**
 * A listed name the client could not decode (bytes not valid in the session's character set,
 * replaced by U+FFFD): no request can name that file, as its real bytes are lost.
 */
export function isUndecodableName(name: string): boolean {
  return name.includes('\uFFFD');
}

/** Why `name` is unsafe as a single local path segment, or null when it is fine. */
export function unsafeNameReason(name: string, platform: NodeJS.Platform = process.platform): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name === '.' || name === '..') return 'the name points at a folder itself';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    // Both separators on every platform: a Windows server's "a\b" must not become a folder on Windows,
    // and a listing can be replayed on another OS later.
    if (c === 47 /* / */ || c === 92 /* \ */) return 'the name contains a path separator';
    if (c < 32)
      return c === 0 ? 'the name contains a NUL character' : 'the name contains a control character';
  }
  if (platform === 'win32') {
    if (WINDOWS_RESERVED.test(name)) return 'the name is a reserved Windows device name';
    if (WINDOWS_FORBIDDEN.test(name)) return 'the name contains a character Windows does not allow';
    // Windows silently drops trailing dots and spaces, so "x." would overwrite "x".
    const last = name.charCodeAt(name.length - 1);
    if (last === 46 || last === 32) return 'the name ends with a dot or a space';
  }
  return null;
}

/** The name quoted with control characters escaped, cut short: a hostile name must not flood the log. */
function describeName(name: string): string {
  const quoted = JSON.stringify(name.length > 200 ? name.slice(0, 200) : name);
  return name.length > 200 ? `${quoted}… (${name.length} characters)` : quoted;
}

export function isSafeEntryName(name: string, platform: NodeJS.Platform = process.platform): boolean {
  return unsafeNameReason(name, platform) === null;
}

/** Throws FerryError('PROTOCOL') for a name that must not be mapped onto the local disk. */
export function assertSafeEntryName(
  name: string,
  context: string,
  platform: NodeJS.Platform = process.platform,
): void {
  const reason = unsafeNameReason(name, platform);
  if (reason !== null) {
    throw new FerryError('PROTOCOL', `${context}: refused file name ${describeName(name)}: ${reason}`, {
      hint: HINT,
    });
  }
}

/**
 * `base` joined with a relative `name` (one segment or several), guaranteed to stay strictly
 * inside `base`; throws FerryError('PROTOCOL') otherwise. This is a lexical check: it cannot see
 * symlinks already on the disk, so callers create folders themselves rather than following links.
 */
export function joinInside(base: string, name: string, pathApi: path.PlatformPath = path): string {
  if (name.includes('\0')) {
    throw new FerryError('PROTOCOL', `refused file name ${describeName(name)}: it contains a NUL character`, {
      hint: HINT,
    });
  }
  // On Windows a colon means a drive ("C:x", relative to that drive's current folder) or an NTFS stream.
  if (pathApi.sep === '\\' && name.includes(':')) {
    throw new FerryError('PROTOCOL', `refused file name ${describeName(name)}: it names a drive or stream`, {
      hint: HINT,
    });
  }
  const root = pathApi.resolve(base);
  const joined = pathApi.resolve(root, name);
  const relative = pathApi.relative(root, joined);
  const escapes =
    relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${pathApi.sep}`) ||
    pathApi.isAbsolute(relative) ||
    pathApi.isAbsolute(name);
  if (escapes) {
    throw new FerryError('PROTOCOL', `refused file name ${describeName(name)}: it leads outside ${root}`, {
      hint: HINT,
    });
  }
  return joined;
}
