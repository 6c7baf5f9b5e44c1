/**
 * Errors cross every boundary (IPC, WebSocket, CLI exit codes) as plain data.
 * A code says what kind of failure it was, `reply` keeps the server's own words,
 * `hint` tells a person what to try next, and `retryable` is what the queue acts on
 * (FTP 4xx and network faults: yes; 5xx and permission problems: no).
 */
export const ERROR_CODES = [
  'LOGIN_FAILED',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'ALREADY_EXISTS',
  'CONNECTION_FAILED',
  'CONNECTION_LOST',
  'TIMEOUT',
  'DATA_CONNECTION',
  'SERVER_BUSY',
  'TLS',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_CHANGED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'PROTOCOL',
  'TEMPORARY',
  'PERMANENT',
  'UNSUPPORTED',
  'CANCELLED',
  'DISK_FULL',
  'LOCAL_IO',
  'VERIFY_FAILED',
  'KEYCHAIN_UNAVAILABLE',
  'INVALID_ARGUMENT',
  'SITE_STORE',
  /** Another process holds what this one needs (the transfer queue of the same command). */
  'IN_USE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ServerReply {
  code: number;
  text: string;
}

export interface FerryErrorData {
  code: ErrorCode;
  message: string;
  reply?: ServerReply;
  hint?: string;
  retryable: boolean;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'CONNECTION_FAILED',
  'CONNECTION_LOST',
  'TIMEOUT',
  'DATA_CONNECTION',
  'SERVER_BUSY',
  'TEMPORARY',
]);

export class FerryError extends Error {
  readonly code: ErrorCode;
  readonly reply?: ServerReply;
  readonly hint?: string;
  readonly retryable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { reply?: ServerReply; hint?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    if (options.reply) this.reply = options.reply;
    if (options.hint) this.hint = options.hint;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
  }

  toData(): FerryErrorData {
    const data: FerryErrorData = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.reply) data.reply = this.reply;
    if (this.hint) data.hint = this.hint;
    return data;
  }

  static fromData(data: FerryErrorData): FerryError {
    return new FerryError(data.code, data.message, data);
  }
}

/** Anything thrown becomes data; unknown throwables are INTERNAL, never silently dropped. */
export function toErrorData(error: unknown): FerryErrorData {
  if (error instanceof FerryError) return error.toData();
  if (isErrorData(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, retryable: false };
}

export function isErrorData(value: unknown): value is FerryErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
