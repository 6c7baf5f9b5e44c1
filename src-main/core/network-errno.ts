/**
 * errno codes that only a network socket reports. A socket's failure reaches code that also
 * handles local files (an upload reads its file into the socket, a download writes the socket
 * into its file), and it carries `syscall: 'read'` or `'write'` just as a disk error would: a
 * reset data connection during an upload is `read ECONNRESET`. Its code tells the two apart,
 * since no read or write of a local file ends in a connection reset.
 */
const NETWORK_ERRNOS: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETDOWN',
  'ENETUNREACH',
  'ENETRESET',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENOTCONN',
]);

export function isNetworkErrno(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_ERRNOS.has(code);
}
