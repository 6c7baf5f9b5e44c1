/**
 * Turns a negative FTP reply into a FerryError with a plain-language hint. Reply classes
 * (RFC 959 §4.2.1): 4xx is transient — the queue may retry; 5xx is permanent.
 */
import { FerryError, type ErrorCode, type ServerReply } from '../../src-shared/errors.js';
import { firstLine } from './reply-parser.js';

interface Mapping {
  code: ErrorCode;
  hint: string;
  retryable?: boolean;
}

const DATA_BLOCKED: Mapping = {
  code: 'DATA_CONNECTION',
  hint: 'The data connection was blocked, often by a firewall or NAT. Try switching between passive and active mode.',
  retryable: true,
};

const BY_REPLY: Readonly<Record<number, Mapping>> = {
  421: {
    code: 'SERVER_BUSY',
    hint: 'The server is busy, has too many connections, or closed an idle session. Try again later or use fewer simultaneous connections.',
    retryable: true,
  },
  425: DATA_BLOCKED,
  426: { ...DATA_BLOCKED, code: 'CONNECTION_LOST' },
  450: {
    code: 'TEMPORARY',
    hint: 'The file is busy or unavailable right now. Try again later.',
    retryable: true,
  },
  452: { code: 'DISK_FULL', hint: 'The server has no space left right now.', retryable: true },
  500: { code: 'UNSUPPORTED', hint: 'The server does not understand this command.' },
  502: { code: 'UNSUPPORTED', hint: 'The server does not implement this command.' },
  504: { code: 'UNSUPPORTED', hint: 'The server does not support this command with that argument.' },
  530: { code: 'LOGIN_FAILED', hint: 'Wrong user name or password, or this account may not log in.' },
  532: { code: 'LOGIN_FAILED', hint: 'The server needs an account (ACCT) for this.' },
  550: { code: 'NOT_FOUND', hint: 'The file or folder does not exist, or you have no permission for it.' },
  552: { code: 'DISK_FULL', hint: 'The server refused to store more: quota or disk full.' },
  553: {
    code: 'PERMISSION_DENIED',
    hint: 'The file name is not allowed, or you have no permission to write there.',
  },
};

/**
 * vsftpd's last words before its session process exits on an internal error ("500 OOPS:
 * priv_sock_get_result" when the server is stopped mid-session, for one). The code says
 * "unknown command", but the command was fine: the session is gone, so a new one may succeed.
 */
const SESSION_DIED: Mapping = {
  code: 'CONNECTION_LOST',
  hint: "The server's session ended with an internal error; reconnecting usually works. If it keeps happening, the server's configuration is at fault.",
  retryable: true,
};
const VSFTPD_OOPS = /^OOPS:/;

/** Words servers use in 550 replies when the file exists but is off limits. */
const NO_PERMISSION = /permission|denied|not allowed|forbidden|access|read-only/i;

export function replyError(reply: ServerReply, action: string): FerryError {
  const message = `${action} failed: ${reply.code} ${firstLine(reply)}`;
  let mapping = BY_REPLY[reply.code];
  if (reply.code >= 500 && VSFTPD_OOPS.test(reply.text)) mapping = SESSION_DIED;
  if (reply.code === 550 && NO_PERMISSION.test(reply.text)) {
    mapping = { code: 'PERMISSION_DENIED', hint: 'You have no permission for this file or folder.' };
  }
  if (!mapping) {
    if (reply.code >= 400 && reply.code < 500) {
      mapping = {
        code: 'TEMPORARY',
        hint: 'The server reported a temporary problem; trying again may work.',
      };
    } else if (reply.code >= 500 && reply.code < 600) {
      mapping = { code: 'PERMANENT', hint: 'The server refused this request.' };
    } else {
      mapping = { code: 'PROTOCOL', hint: 'The server replied out of turn; reconnecting usually helps.' };
    }
  }
  return new FerryError(mapping.code, message, {
    reply,
    hint: mapping.hint,
    ...(mapping.retryable === undefined ? {} : { retryable: mapping.retryable }),
  });
}

export function isPositive(reply: ServerReply): boolean {
  return reply.code >= 200 && reply.code < 400;
}
