/**
 * ssh2's errors turned into FerryError: SFTP status replies per request, and the
 * connection-level failures (socket, timeout, authentication) that end a session.
 */
import { FerryError, type ErrorCode } from '../../src-shared/errors.js';
import { SFTP_STATUS } from './sftp-status.js';

interface Ssh2Error {
  message: string;
  code?: unknown;
  level?: unknown;
}

function asSsh2Error(error: unknown): Ssh2Error {
  if (error instanceof Error) return error as Error & Ssh2Error;
  return { message: String(error) };
}

const STATUS_TO_FERRY: Readonly<Record<number, { code: ErrorCode; hint: string }>> = {
  [SFTP_STATUS.NO_SUCH_FILE]: {
    code: 'NOT_FOUND',
    hint: 'Check the path; the file or folder may have been moved or deleted.',
  },
  [SFTP_STATUS.PERMISSION_DENIED]: {
    code: 'PERMISSION_DENIED',
    hint: 'The server refused access: check the permissions of the file and its folder for this user.',
  },
  [SFTP_STATUS.FAILURE]: {
    code: 'PERMANENT',
    hint: 'The server could not do it (the target may already exist, a folder may not be empty, or the disk is full).',
  },
  [SFTP_STATUS.BAD_MESSAGE]: {
    code: 'PROTOCOL',
    hint: 'The server did not understand the request; this is likely a bug.',
  },
  [SFTP_STATUS.NO_CONNECTION]: { code: 'CONNECTION_LOST', hint: 'Reconnect and try again.' },
  [SFTP_STATUS.CONNECTION_LOST]: { code: 'CONNECTION_LOST', hint: 'Reconnect and try again.' },
  [SFTP_STATUS.OP_UNSUPPORTED]: { code: 'UNSUPPORTED', hint: 'This server does not support that operation.' },
};

/** True for ssh2's "the channel closed under this request" failure. */
export function isNoResponseError(error: unknown): boolean {
  return asSsh2Error(error).message === 'No response from server';
}

/** A per-request failure, naming the operation and path in the message. */
export function mapSftpError(error: unknown, operation: string, path: string): FerryError {
  if (error instanceof FerryError) return error;
  const { message, code } = asSsh2Error(error);
  const status = typeof code === 'number' ? code : undefined;
  const known = status === undefined ? undefined : STATUS_TO_FERRY[status];
  const reply = status === undefined ? undefined : { code: status, text: message };
  if (known) {
    return new FerryError(known.code, `${operation} ${path}: ${message}`, {
      reply,
      hint: known.hint,
      cause: error,
    });
  }
  if (isNoResponseError(error)) return connectionLost(`${operation} ${path}: the SFTP channel closed`, error);
  return new FerryError('PROTOCOL', `${operation} ${path}: ${message}`, {
    reply,
    hint: 'The server answered unexpectedly; see the protocol log.',
    cause: error,
  });
}

export function connectionLost(message: string, cause?: unknown): FerryError {
  return new FerryError('CONNECTION_LOST', message, {
    hint: 'The connection to the server was lost; Ferry can reconnect and resume.',
    retryable: true,
    cause,
  });
}

/**
 * Why the SFTP subsystem did not start. A connection that drops meanwhile fails the request too
 * (ssh2's "No response from server"): that is worth retrying; a server without SFTP is not.
 */
export function subsystemError(error: unknown, connectionClosed: boolean): FerryError {
  const { message } = asSsh2Error(error);
  if (connectionClosed || isNoResponseError(error))
    return connectionLost(`The connection closed while SFTP started: ${message}`, error);
  return new FerryError('PROTOCOL', `The server refused the SFTP subsystem: ${message}`, {
    hint: 'SFTP may be disabled on this server (check its sshd_config Subsystem line).',
    retryable: false,
    cause: error,
  });
}

/** A failure while connecting or authenticating, by the `level` ssh2 tags it with. */
export function mapConnectError(error: unknown, host: string, port: number): FerryError {
  if (error instanceof FerryError) return error;
  const { message, level, code } = asSsh2Error(error);
  const where = `${host}:${port}`;
  if (level === 'client-authentication') {
    return new FerryError('LOGIN_FAILED', `Authentication to ${where} failed: ${message}`, {
      hint: 'Check the user name, password or key; the server accepted none of the methods tried.',
      retryable: false,
      cause: error,
    });
  }
  if (level === 'client-timeout') {
    return new FerryError('TIMEOUT', `No SSH handshake from ${where} in time`, {
      hint: 'The server did not answer; check the host, the port and any firewall.',
      cause: error,
    });
  }
  if (level === 'client-dns' || code === 'ENOTFOUND') {
    return new FerryError('CONNECTION_FAILED', `Cannot resolve ${host}: ${message}`, {
      hint: 'Check the host name.',
      retryable: false,
      cause: error,
    });
  }
  if (level === 'client-socket') {
    return new FerryError('CONNECTION_FAILED', `Cannot connect to ${where}: ${message}`, {
      hint: 'Check the host and the port, and that an SSH server is running there.',
      cause: error,
    });
  }
  return new FerryError('CONNECTION_FAILED', `SSH connection to ${where} failed: ${message}`, {
    hint: 'See the protocol log for what the server said.',
    cause: error,
  });
}
