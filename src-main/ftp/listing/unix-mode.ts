/**
 * Converts between `rwxr-xr-x` strings and mode bits, including setuid/setgid/sticky
 * (`s`/`S`/`t`/`T`), so entries from LIST and from MLSD's UNIX.mode look the same in the UI.
 */
const BITS = [0o400, 0o200, 0o100, 0o40, 0o20, 0o10, 0o4, 0o2, 0o1];
const SPECIAL = [0o4000, 0o2000, 0o1000];

/** Mode bits of the 9 characters starting at `offset`, or -1 when they are not a permission string. */
export function modeFromPermissions(text: string, offset = 0): number {
  if (text.length < offset + 9) return -1;
  let mode = 0;
  for (let i = 0; i < 9; i++) {
    const c = text.charCodeAt(offset + i);
    const bit = BITS[i] ?? 0;
    const column = i % 3;
    if (c === 45 /* - */) continue;
    if (column === 0 && c === 114 /* r */) mode |= bit;
    else if (column === 1 && c === 119 /* w */) mode |= bit;
    else if (column === 2) {
      const special = SPECIAL[(i - 2) / 3] ?? 0;
      if (c === 120 /* x */) mode |= bit;
      else if ((c === 115 /* s */ && i !== 8) || (c === 116 /* t */ && i === 8)) mode |= bit | special;
      else if ((c === 83 /* S */ && i !== 8) || (c === 84 /* T */ && i === 8)) mode |= special;
      // Solaris prints `l` for mandatory locking in the group execute slot (setgid without execute).
      else if ((c === 108 /* l */ || c === 76) /* L */ && i === 5) mode |= special;
      else return -1;
    } else return -1;
  }
  return mode;
}

const CACHE: Array<string | undefined> = new Array<string | undefined>(0o10000);

/** `rwxr-xr-x` for the low 12 bits of `mode`; cached, so listing rows share one string per mode. */
export function permissionsFromMode(mode: number): string {
  const bits = mode & 0o7777;
  return (CACHE[bits] ??= buildPermissions(bits));
}

function buildPermissions(mode: number): string {
  let text = '';
  for (let i = 0; i < 9; i++) {
    const column = i % 3;
    const set = (mode & (BITS[i] ?? 0)) !== 0;
    if (column === 2) {
      const special = (mode & (SPECIAL[(i - 2) / 3] ?? 0)) !== 0;
      const letter = i === 8 ? 't' : 's';
      text += special ? (set ? letter : letter.toUpperCase()) : set ? 'x' : '-';
    } else text += set ? (column === 0 ? 'r' : 'w') : '-';
  }
  return text;
}
