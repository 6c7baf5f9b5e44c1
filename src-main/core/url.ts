/**
 * Quick-connect and CLI URLs: ftp:// (TLS if offered), ftpes:// (explicit TLS required),
 * ftps:// (implicit TLS), ftp+insecure:// (plain FTP on purpose), sftp://. The user and
 * password are percent-decoded; the path keeps its characters (`#` and `%` included when
 * percent-encoded, since a bare `#` starts a fragment in every URL parser).
 */
import { FerryError } from '../../src-shared/errors.js';
import type { ConnectionTarget, Protocol } from '../../src-shared/model.js';

const SCHEMES: Record<string, { protocol: Protocol; port: number }> = {
  ftp: { protocol: 'ftp', port: 21 },
  ftpes: { protocol: 'ftpes', port: 21 },
  ftps: { protocol: 'ftps', port: 990 },
  'ftp+insecure': { protocol: 'ftp-insecure', port: 21 },
  sftp: { protocol: 'sftp', port: 22 },
};

export interface ParsedUrl {
  target: ConnectionTarget;
  /** Decoded path; '' when the URL named none (the login folder). */
  path: string;
}

export function defaultPort(protocol: Protocol): number {
  return Object.values(SCHEMES).find((s) => s.protocol === protocol)?.port ?? 21;
}

export function parseRemoteUrl(input: string): ParsedUrl {
  const text = input.trim();
  // Messages quote the URL as typed, but never its password: they reach logs and terminals.
  const shown = hidePassword(text);
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!schemeMatch) {
    throw usage(`"${shown}" is not a URL: expected ftp://, ftpes://, ftps:// or sftp://host/path.`);
  }
  const scheme = schemeMatch[1]!.toLowerCase();
  const known = SCHEMES[scheme];
  if (!known) throw usage(`Unknown scheme "${scheme}://": use ftp, ftpes, ftps or sftp.`);
  const rest = text.slice(schemeMatch[0].length);
  const authority = /^[^/]*/.exec(rest)![0];
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  // Checked on the text: parsed as http, "ftp:///pub" would name the host "pub".
  if (hostAndPort === '' || hostAndPort.startsWith(':')) throw usage(`"${shown}" names no host.`);
  let url: URL;
  try {
    // WHATWG URL only treats "special" schemes hierarchically; parse as http for the authority rules.
    url = new URL(`http://${rest}`);
  } catch {
    throw usage(`"${shown}" is not a valid URL.`);
  }
  if (!url.hostname) throw usage(`"${shown}" names no host.`);
  // From the text as well: http's URL drops a port equal to its own default, 80.
  const portText = /:(\d+)$/.exec(hostAndPort)?.[1];
  const port = portText === undefined ? known.port : Number(portText);
  if (port < 1 || port > 65535) throw usage(`"${shown}" names port ${portText}; ports run from 1 to 65535.`);
  if (url.search || url.hash) {
    throw usage('The URL contains "?" or "#": percent-encode them in paths (%3F, %23).');
  }
  const target: ConnectionTarget = {
    protocol: known.protocol,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
  };
  if (url.username) target.user = safeDecode(url.username, 'The user name');
  if (url.password) target.password = safeDecode(url.password, 'The password');
  const rawPath = rest.slice(authority.length);
  const path = safeDecode(rawPath, `The path "${rawPath}"`);
  if (/[\0\r\n]/.test(path)) throw usage('The path contains NUL, CR or LF.');
  return { target, path };
}

/** The URL of a remote path, without the password: for logs, "copy URL" and queue keys. */
export function formatRemoteUrl(target: ConnectionTarget, path = ''): string {
  const scheme = Object.entries(SCHEMES).find(([, s]) => s.protocol === target.protocol)?.[0] ?? 'ftp';
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const port = target.port && target.port !== defaultPort(target.protocol) ? `:${target.port}` : '';
  const user = target.user ? `${encodeURIComponent(target.user)}@` : '';
  const encodedPath = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `${scheme}://${user}${host}${port}${encodedPath}`;
}

function safeDecode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw usage(`${what} has a "%" that is not an escape: write it as %25.`);
  }
}

/**
 * `ftp://user:secret@host/x` → `ftp://user:***@host/x`. A password typed with a raw "/" or "@"
 * in it breaks the URL's structure, so everything from the first ":" to the last "@" is hidden
 * (a path with an "@" in it may lose more than the password: these are error messages).
 */
function hidePassword(text: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0];
  if (!scheme) return text;
  const rest = text.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return text;
  return `${scheme}${rest.slice(0, colon)}:***${rest.slice(at)}`;
}

function usage(message: string): FerryError {
  return new FerryError('INVALID_ARGUMENT', message, {
    hint: 'Example: ftpes://user@ftp.example.com/pub/file.txt',
  });
}
