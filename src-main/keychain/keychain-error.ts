import { FerryError } from '../../src-shared/errors.js';

/**
 * keyring-rs reports "cannot reach the store" as PlatformFailure ("Platform failure: ...") or
 * NoStorageAccess ("Couldn't access platform storage: ..."); the binding only gives us the text.
 */
const UNREACHABLE = /platform failure|platform storage|dbus|secret service/i;
/** gnome-keyring with no default ("login") collection, or one that stays locked. */
const NO_COLLECTION = /no result found|locked|no such object/i;

export function keychainHint(platform: NodeJS.Platform = process.platform): string {
  const fallback = 'Until then Ferry can keep passwords in memory for this session only.';
  switch (platform) {
    case 'darwin':
      return `The macOS Keychain did not answer. Unlock the login keychain in Keychain Access and try again. ${fallback}`;
    case 'win32':
      return `Windows Credential Manager did not answer. Check that the Credential Manager service is running. ${fallback}`;
    default:
      return (
        'No Secret Service answered on D-Bus. Start a keyring (GNOME Keyring, KWallet or KeePassXC with ' +
        'Secret Service enabled), make sure DBUS_SESSION_BUS_ADDRESS is set, then restart Ferry. ' +
        fallback
      );
  }
}

/** Turns whatever the keyring binding threw into a FerryError a person can act on. */
export function toKeychainError(error: unknown, action: string): FerryError {
  if (error instanceof FerryError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (NO_COLLECTION.test(text) && /secret service/i.test(text)) {
    return new FerryError('KEYCHAIN_UNAVAILABLE', `The keychain could not ${action}: ${text}`, {
      hint:
        'The keyring answered but has no unlocked default collection. Unlock (or create) the "login" ' +
        'keyring in your keyring manager (e.g. Seahorse) and try again.',
      cause: error,
    });
  }
  if (UNREACHABLE.test(text)) {
    return new FerryError('KEYCHAIN_UNAVAILABLE', `The keychain could not ${action}: ${text}`, {
      hint: keychainHint(),
      cause: error,
    });
  }
  return new FerryError('INTERNAL', `The keychain could not ${action}: ${text}`, { cause: error });
}

export function keychainTimeoutError(action: string, timeoutMs: number): FerryError {
  return new FerryError(
    'KEYCHAIN_UNAVAILABLE',
    `The keychain did not ${action} within ${timeoutMs / 1000} s`,
    {
      hint: `It may be locked and waiting for its password, or hung. ${keychainHint()}`,
    },
  );
}
