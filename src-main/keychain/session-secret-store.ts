import type { SecretStore } from './secret-store.js';

/**
 * The fallback when no keychain is reachable: secrets the user chose to remember stay in this
 * process's memory and are gone when Ferry quits. The app must tell the user before using it.
 */
export class SessionSecretStore implements SecretStore {
  readonly kind = 'session';
  readonly #secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.#secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.#secrets.delete(account);
  }

  async available(): Promise<boolean> {
    return true;
  }
}
