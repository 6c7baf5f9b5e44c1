export { KEYCHAIN_SERVICE, type SecretStore } from './secret-store.js';
export { KeyringSecretStore, type KeyringSecretStoreOptions } from './keyring-secret-store.js';
export { SessionSecretStore } from './session-secret-store.js';
export { keychainHint, toKeychainError } from './keychain-error.js';
export { openSecretStore, type OpenedSecretStore } from './open-secret-store.js';
