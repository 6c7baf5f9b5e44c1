import { z } from 'zod';
import type { ConnectionTarget, RecentConnection } from '../../src-shared/model.js';
import { connectionTargetSchema } from '../../src-shared/schemas.js';
import { defaultPort } from './site-defaults.js';

export type { RecentConnection };

export const recentConnectionSchema = z.object({
  key: z.string().min(1).max(600),
  target: connectionTargetSchema.omit({ password: true }),
  lastUsed: z.number().int().nonnegative(),
  hasSecret: z.boolean(),
});

export const MAX_RECENT = 20;

export function recentKey(target: ConnectionTarget): string {
  const port = target.port ?? defaultPort(target.protocol);
  return `${target.protocol}://${encodeURIComponent(target.user ?? '')}@${target.host}:${port}`;
}

export function withoutPassword(target: ConnectionTarget): Omit<ConnectionTarget, 'password'> {
  const { password: _password, ...rest } = target;
  return rest;
}
