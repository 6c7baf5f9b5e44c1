import { z } from 'zod';
import type { ConnectionTarget, RecentConnection } from '../../src-shared/model.js';
import { connectionTargetSchema, recentKeySchema } from '../../src-shared/schemas.js';
import { defaultPort } from './site-defaults.js';

export type { RecentConnection };

export const recentConnectionSchema = z.object({
  key: recentKeySchema,
  // A file that holds a secret anyway (written by hand or by an older Ferry) keeps it out of memory.
  target: connectionTargetSchema.omit({ password: true, passphrase: true }),
  lastUsed: z.number().int().nonnegative(),
  hasSecret: z.boolean(),
});

export const MAX_RECENT = 20;

export function recentKey(target: ConnectionTarget): string {
  const port = target.port ?? defaultPort(target.protocol);
  return `${target.protocol}://${encodeURIComponent(target.user ?? '')}@${target.host}:${port}`;
}

/** The target as the sites file may hold it: no password, no key passphrase (those go to the keychain). */
export function withoutSecrets(target: ConnectionTarget): Omit<ConnectionTarget, 'password' | 'passphrase'> {
  const { password: _password, passphrase: _passphrase, ...rest } = target;
  return rest;
}
