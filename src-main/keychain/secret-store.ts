/**
 * Where passwords and key passphrases live. Ferry never writes a secret to disk: the OS keychain
 * holds it, or, when none is reachable, memory for this session only.
 */
export interface SecretStore {
  /** The secret saved for this account, or null when there is none. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when a secret was deleted, false when there was none. */
  delete(account: string): Promise<boolean>;
  /** Whether this store can hold secrets right now; never throws. */
  available(): Promise<boolean>;
  /** 'keychain' survives restarts; 'session' is forgotten when Ferry quits. */
  readonly kind: 'keychain' | 'session';
}

/** The service name every Ferry secret is filed under in the OS keychain. */
export const KEYCHAIN_SERVICE = 'Ferry';
