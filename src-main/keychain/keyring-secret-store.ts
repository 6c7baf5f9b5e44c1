import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store.js';
import { keychainTimeoutError, toKeychainError } from './keychain-error.js';
import { checkSessionBus } from './session-bus-check.js';

export interface KeyringSecretStoreOptions {
  /** Keychain service name; tests use their own so they never touch a user's real entries. */
  service?: string;
  /** An unlock prompt can wait on a person, but a dead keyring must not hang Ferry forever. */
  timeoutMs?: number;
}

const PROBE_ACCOUNT = '__ferry_probe__';

/**
 * On Linux keyring-rs silently falls back from the Secret Service to the kernel keyring, which
 * forgets everything at logout. Pinning the Secret Service turns "no keyring" into a clear error
 * the user can act on instead of passwords that vanish.
 */
const ENTRY_OPTIONS: EntryOptions | undefined =
  process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

/** Once the session bus has answered, this process's binding is connected to it; no need to ask again. */
let sessionBusAnswered = process.platform !== 'linux';

/**
 * The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, the
 * Secret Service on Linux. Note the binding connects to D-Bus once per process: a keyring started
 * after Ferry's first keychain call is only seen after a restart.
 */
export class KeyringSecretStore implements SecretStore {
  readonly kind = 'keychain';
  readonly #service: string;
  readonly #timeoutMs: number;

  constructor(options: KeyringSecretStoreOptions = {}) {
    this.#service = options.service ?? KEYCHAIN_SERVICE;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
  }

  get(account: string): Promise<string | null> {
    return this.#run('read a password', (entry, signal) => entry.getPassword(signal), account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.#run('save a password', (entry, signal) => entry.setPassword(secret, signal), account);
  }

  delete(account: string): Promise<boolean> {
    return this.#run('delete a password', (entry, signal) => entry.deleteCredential(signal), account);
  }

  /**
   * Writes and removes a throwaway entry: a Secret Service without a default collection answers
   * reads (with "nothing") but fails every write, so a read alone would claim too much.
   */
  async available(): Promise<boolean> {
    try {
      await this.probe();
      return true;
    } catch {
      return false;
    }
  }

  /** Like available(), but throws the KEYCHAIN_UNAVAILABLE error that explains why not. */
  async probe(): Promise<void> {
    await this.set(PROBE_ACCOUNT, 'probe');
    await this.delete(PROBE_ACCOUNT);
  }

  async #run<T>(
    action: string,
    operation: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>,
    account: string,
  ): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The binding does not always honour the signal, so the race is what bounds the wait.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(keychainTimeoutError(action, this.#timeoutMs));
      }, this.#timeoutMs);
    });
    const work = async (): Promise<T> => {
      if (!sessionBusAnswered) {
        // Half the budget: a live bus answers in milliseconds, and its own message is the clearer one.
        await checkSessionBus(process.env, Math.min(this.#timeoutMs / 2, 5_000));
        sessionBusAnswered = true;
      }
      // Synchronous: this is where the binding connects to D-Bus (hence the check above).
      const entry = new AsyncEntry(this.#service, account, ENTRY_OPTIONS);
      return operation(entry, controller.signal);
    };
    try {
      return await Promise.race([work(), timeout]);
    } catch (error) {
      throw toKeychainError(error, action);
    } finally {
      clearTimeout(timer);
    }
  }
}
