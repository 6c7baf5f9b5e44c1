/**
 * FileZilla stores remote paths in CServerPath::GetSafePath() form:
 * `<type> <prefix length> [<prefix>] (<segment length> <segment>)*`, e.g. `1 0 4 home 6 debian`.
 * Lengths count wchar_t units: code points where FileZilla runs on Linux and macOS, UTF-16 units
 * on Windows; they differ only for characters outside the BMP, so both are tried.
 */

/** CServerPath's ServerType values, in the order FileZilla declares them. */
const SERVER_TYPES = [
  'default',
  'unix',
  'vms',
  'dos',
  'mvs',
  'vxworks',
  'zvm',
  'hpnonstop',
  'dos-virtual',
  'cygwin',
  'dos-fwd-slashes',
] as const;

export type FileZillaPathType = (typeof SERVER_TYPES)[number];

export interface FileZillaPath {
  type: FileZillaPathType;
  prefix: string;
  segments: string[];
}

type Unit = 'codepoint' | 'utf16';

/** Decodes the safe-path form; null when the text is not in that form. */
export function parseFileZillaPath(text: string): FileZillaPath | null {
  return parseWith(text, 'codepoint') ?? parseWith(text, 'utf16');
}

function parseWith(text: string, unit: Unit): FileZillaPath | null {
  // Work on an array of units so a length can be taken literally, spaces inside segments included.
  const units = unit === 'codepoint' ? Array.from(text) : text.split('');
  let pos = 0;
  const readNumber = (): number | null => {
    let digits = '';
    while (pos < units.length && /^[0-9]$/.test(units[pos] ?? '')) digits += units[pos++];
    if (digits === '' || digits.length > 6) return null;
    return Number(digits);
  };
  const readSpace = (): boolean => units[pos++] === ' ';
  const readChars = (count: number): string | null => {
    if (pos + count > units.length) return null;
    const chunk = units.slice(pos, pos + count).join('');
    pos += count;
    return chunk;
  };

  const typeIndex = readNumber();
  const type = typeIndex === null ? undefined : SERVER_TYPES[typeIndex];
  if (type === undefined || !readSpace()) return null;
  const prefixLength = readNumber();
  if (prefixLength === null) return null;
  let prefix = '';
  if (prefixLength > 0) {
    if (!readSpace()) return null;
    const read = readChars(prefixLength);
    if (read === null) return null;
    prefix = read;
  }
  const segments: string[] = [];
  while (pos < units.length) {
    if (!readSpace()) return null;
    const length = readNumber();
    if (length === null || length === 0 || !readSpace()) return null;
    const segment = readChars(length);
    if (segment === null) return null;
    segments.push(segment);
  }
  return { type, prefix, segments };
}

/** The path as the server spells it, following CServerPath::GetPath() for each server type. */
export function formatFileZillaPath(path: FileZillaPath): string {
  const { segments, prefix } = path;
  switch (path.type) {
    case 'vms':
      return `${prefix}[${segments.join('.')}]`;
    case 'mvs':
      return `'${segments.join('.')}'`;
    case 'dos':
      return segments.length === 1 ? `${segments[0]}\\` : segments.join('\\');
    case 'dos-fwd-slashes':
      return segments.length === 1 ? `${segments[0]}/` : segments.join('/');
    case 'vxworks':
      return `${prefix}${segments.length > 0 ? '/' : ''}${segments.join('/')}`;
    default:
      return `/${segments.join('/')}`;
  }
}

/** The inverse, for unix paths: what FileZilla writes for `/home/debian`. */
export function encodeFileZillaUnixPath(path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  return ['1 0', ...segments.map((s) => `${Array.from(s).length} ${s}`)].join(' ');
}

/**
 * A directory from sitemanager.xml: the safe-path form when it parses, otherwise the text itself
 * (FileZilla writes LocalDir as a plain local path, and old versions wrote RemoteDir plainly too).
 */
export function decodeFileZillaDir(text: string): string {
  if (text === '') return '';
  const parsed = parseFileZillaPath(text);
  return parsed === null ? text : formatFileZillaPath(parsed);
}
