/**
 * What may go on the control connection and how it appears in the log. A CR, LF or NUL in a
 * file name would let it smuggle a second command (RFC 959 ends commands at CRLF), so such
 * arguments are refused here, in the lowest layer, whatever the caller checked.
 */
import { FerryError } from '../../src-shared/errors.js';

const FORBIDDEN = /[\r\n\0]/;

export function assertSafeCommand(command: string): void {
  if (FORBIDDEN.test(command)) {
    throw new FerryError('INVALID_ARGUMENT', 'A name or command contains a line break or NUL character.', {
      hint: 'FTP cannot carry such names; rename the file first.',
    });
  }
}

/** PASS and ACCT carry secrets: the log and error messages only ever see the verb. */
export function maskCommand(command: string): string {
  const verb = /^(PASS|ACCT)(\s|$)/i.exec(command);
  return verb ? `${verb[1]} ****` : command;
}
