/**
 * Hints for a person at a shell: the engines' hints speak of the app (trust buttons, site
 * settings); at the command line the way out is an option, so say which one.
 */
import type { FerryErrorData } from '../../src-shared/errors.js';

export interface HintContext {
  /** Set when the login went ahead without a password, and why. */
  missingPassword: 'not-given' | 'keychain-unreachable' | null;
}

export function cliHint(error: FerryErrorData, context: HintContext): string | undefined {
  switch (error.code) {
    case 'CERTIFICATE_UNTRUSTED':
      if (/not trusted/.test(error.message))
        return 'Check the fingerprint with the server administrator, then run again with --tls-fingerprint <that fingerprint> (or at a terminal, answer the question).';
      return error.hint;
    case 'HOST_KEY_UNKNOWN':
      return 'Compare the fingerprint with the one the server owner gives (ssh-keygen -lf on the server), then add the key to the file given with --known-hosts, or run at a terminal and answer yes.';
    case 'LOGIN_FAILED':
      if (context.missingPassword === 'not-given')
        return 'No password was given and there is no terminal to ask at: put it in the URL (ftp://user:password@host/, percent-encoded) or run at a terminal.';
      if (context.missingPassword === 'keychain-unreachable')
        return 'The saved password is in the keychain, which is not reachable now: start a keyring (Secret Service), or give the password in a URL.';
      return error.hint;
    default:
      return error.hint;
  }
}
