/**
 * The addresses FTP passes around for data connections: PASV (227) and EPSV (229) replies
 * the server sends, PORT and EPRT arguments the client sends (RFC 959 §4.1.2, RFC 2428).
 */
import { FerryError, type ServerReply } from '../../src-shared/errors.js';
import { isIPv4 } from 'node:net';

export interface DataAddress {
  host: string;
  port: number;
}

const PASV_NUMBERS = /(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3})/;

/** `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)`; servers differ in what surrounds the numbers. */
export function parsePasvReply(reply: ServerReply): DataAddress {
  const match = PASV_NUMBERS.exec(reply.text);
  const n = match ? match.slice(1, 7).map(Number) : [];
  if (!match || n.some((value) => value > 255)) {
    throw new FerryError('PROTOCOL', `Cannot read the passive address in "${reply.code} ${reply.text}".`, {
      reply,
      hint: 'Try active mode for this site.',
    });
  }
  const [h1, h2, h3, h4, p1, p2] = n as [number, number, number, number, number, number];
  const port = p1 * 256 + p2;
  if (port === 0) throw badPort(reply);
  return { host: `${h1}.${h2}.${h3}.${h4}`, port };
}

/** `229 Entering Extended Passive Mode (|||port|)`: the delimiter may be any printable character. */
export function parseEpsvReply(reply: ServerReply): number {
  const match = /\(([!-~])\1\1(\d{1,5})\1\)/.exec(reply.text);
  const port = match ? Number(match[2]) : NaN;
  if (!match) {
    throw new FerryError('PROTOCOL', `Cannot read the passive port in "${reply.code} ${reply.text}".`, {
      reply,
      hint: 'Try active mode for this site.',
    });
  }
  if (port < 1 || port > 65535) throw badPort(reply);
  return port;
}

function badPort(reply: ServerReply): FerryError {
  return new FerryError(
    'PROTOCOL',
    `The server named an impossible data port in "${reply.code} ${reply.text}".`,
    {
      reply,
    },
  );
}

/** Strips the `::ffff:` prefix Node puts on IPv4 peers of dual-stack sockets. */
export function plainIPv4(host: string): string {
  return host.startsWith('::ffff:') && isIPv4(host.slice(7)) ? host.slice(7) : host;
}

/** PORT h1,h2,h3,h4,p1,p2 — IPv4 only. */
export function formatPortArgument(address: DataAddress): string {
  const host = plainIPv4(address.host);
  if (!isIPv4(host)) throw new FerryError('UNSUPPORTED', `PORT cannot describe the address ${host}.`);
  checkPort(address.port);
  return `${host.split('.').join(',')},${address.port >> 8},${address.port & 255}`;
}

/** EPRT |1|a.b.c.d|port| or |2|ipv6|port| (RFC 2428 §2). */
export function formatEprtArgument(address: DataAddress): string {
  const host = plainIPv4(address.host);
  checkPort(address.port);
  return `|${isIPv4(host) ? 1 : 2}|${host}|${address.port}|`;
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new FerryError('INVALID_ARGUMENT', `${port} is not a TCP port.`);
  }
}
