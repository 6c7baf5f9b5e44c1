/** The CLI's exit codes, as documented in `ferry --help`: scripts branch on them. */
import type { ErrorCode } from '../../src-shared/errors.js';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  login: 3,
  notFoundOrPermission: 4,
  networkOrTls: 5,
  verification: 6,
  /** The reader of the output went away (`ferry ls … | head`): 128 + SIGPIPE, as a C tool ends. */
  brokenPipe: 141,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: EXIT.usage,
  LOGIN_FAILED: EXIT.login,
  NOT_FOUND: EXIT.notFoundOrPermission,
  PERMISSION_DENIED: EXIT.notFoundOrPermission,
  ALREADY_EXISTS: EXIT.notFoundOrPermission,
  PERMANENT: EXIT.notFoundOrPermission,
  CONNECTION_FAILED: EXIT.networkOrTls,
  CONNECTION_LOST: EXIT.networkOrTls,
  TIMEOUT: EXIT.networkOrTls,
  DATA_CONNECTION: EXIT.networkOrTls,
  SERVER_BUSY: EXIT.networkOrTls,
  TLS: EXIT.networkOrTls,
  CERTIFICATE_UNTRUSTED: EXIT.networkOrTls,
  CERTIFICATE_CHANGED: EXIT.networkOrTls,
  HOST_KEY_UNKNOWN: EXIT.networkOrTls,
  HOST_KEY_CHANGED: EXIT.networkOrTls,
  TEMPORARY: EXIT.networkOrTls,
  VERIFY_FAILED: EXIT.verification,
};

export function exitCodeFor(code: ErrorCode): number {
  return BY_CODE[code] ?? EXIT.failure;
}
