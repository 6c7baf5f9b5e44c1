import type { ConnectionTarget, Protocol } from '../../src-shared/model.js';

export interface QuickConnectFields {
  protocol: Protocol;
  host: string;
  user: string;
  password: string;
  port: string;
}

const SCHEMES: Record<string, Protocol> = {
  ftp: 'ftp',
  ftpes: 'ftpes',
  ftps: 'ftps',
  'ftp+insecure': 'ftp-insecure',
  sftp: 'sftp',
  ssh: 'sftp',
};

export const DEFAULT_PORTS: Record<Protocol, number> = {
  ftp: 21,
  ftpes: 21,
  ftps: 990,
  'ftp-insecure': 21,
  sftp: 22,
};

export type QuickConnectResult = { ok: true; target: ConnectionTarget } | { ok: false; message: string };

/**
 * The quick-connect bar: the host field may hold a whole URL (`sftp://me@host:2222/dir`),
 * whose parts fill in what the other fields leave empty; explicit fields win.
 */
export function buildTarget(fields: QuickConnectFields): QuickConnectResult {
  try {
    return parseFields(fields);
  } catch (error) {
    if (error instanceof BrokenEncoding) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * The host field's text without a password written into a URL (`ftp://me:secret@host` →
 * `ftp://me@host`): once used it must not stay on screen, as the password field is cleared.
 */
export function withoutUrlPassword(host: string): string {
  const url = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/is.exec(host.trim());
  if (!url) return host;
  const [, scheme = '', authority = '', rest = ''] = url;
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return host;
  return `${scheme}${authority.slice(0, colon)}${authority.slice(at)}${rest}`;
}

/** A stray "%" in a typed URL: a message for the bar, not an exception from the Connect button. */
class BrokenEncoding extends Error {}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new BrokenEncoding(`"${text}" has a "%" that is not an escape: write it as %25.`);
  }
}

function parseFields(fields: QuickConnectFields): QuickConnectResult {
  let protocol = fields.protocol;
  let host = fields.host.trim();
  let user = fields.user.trim();
  let password = fields.password;
  let port: number | undefined;
  let remoteDir: string | undefined;

  const url = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(host);
  if (url) {
    const scheme = SCHEMES[(url[1] ?? '').toLowerCase()];
    if (!scheme)
      return { ok: false, message: `Unknown protocol "${url[1]}://". Use ftp, ftpes, ftps or sftp.` };
    protocol = scheme;
    let rest = url[2] ?? '';
    const slash = rest.indexOf('/');
    if (slash >= 0) {
      remoteDir = decode(rest.slice(slash)) || undefined;
      rest = rest.slice(0, slash);
    }
    const at = rest.lastIndexOf('@');
    if (at >= 0) {
      const credentials = rest.slice(0, at);
      rest = rest.slice(at + 1);
      const colon = credentials.indexOf(':');
      const urlUser = decode(colon >= 0 ? credentials.slice(0, colon) : credentials);
      if (!user) user = urlUser;
      if (!password && colon >= 0) password = decode(credentials.slice(colon + 1));
    }
    const portMatch = /^(.*?)(?::(\d+))?$/.exec(rest);
    host = portMatch?.[1] ?? rest;
    if (portMatch?.[2]) port = Number(portMatch[2]);
    if (port !== undefined && (port < 1 || port > 65535))
      return { ok: false, message: 'The port must be a number from 1 to 65535.' };
    host = host.replace(/^\[(.*)\]$/, '$1');
  }

  if (!host) return { ok: false, message: 'Enter a host name or address.' };
  if (/[\s/]/.test(host)) return { ok: false, message: 'The host must not contain spaces or slashes.' };
  if (fields.port.trim()) {
    const explicit = Number(fields.port.trim());
    if (!Number.isInteger(explicit) || explicit < 1 || explicit > 65535) {
      return { ok: false, message: 'The port must be a number from 1 to 65535.' };
    }
    port = explicit;
  }

  const target: ConnectionTarget = { protocol, host, port: port ?? DEFAULT_PORTS[protocol] };
  if (user) target.user = user;
  if (password) target.password = password;
  if (remoteDir && remoteDir !== '/') target.remoteDir = remoteDir;
  return { ok: true, target };
}
