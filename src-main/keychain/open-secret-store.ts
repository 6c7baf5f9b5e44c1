import { toErrorData, type FerryErrorData } from '../../src-shared/errors.js';
import { KeyringSecretStore, type KeyringSecretStoreOptions } from './keyring-secret-store.js';
import type { SecretStore } from './secret-store.js';
import { SessionSecretStore } from './session-secret-store.js';

export interface OpenedSecretStore {
  store: SecretStore;
  keychain: 'available' | 'unavailable';
  /** Why the keychain is out of reach: what the app shows before falling back to the session store. */
  error?: FerryErrorData;
}

/**
 * The keychain when it answers, otherwise a session-only memory store together with the reason,
 * so the caller can tell the user that passwords will be asked for again next time.
 */
export async function openSecretStore(options: KeyringSecretStoreOptions = {}): Promise<OpenedSecretStore> {
  const keychain = new KeyringSecretStore(options);
  try {
    await keychain.probe();
    return { store: keychain, keychain: 'available' };
  } catch (error) {
    return { store: new SessionSecretStore(), keychain: 'unavailable', error: toErrorData(error) };
  }
}
