/** zod schemas for everything a caller may send to main. Main trusts nothing it did not parse. */
import { z } from 'zod';
import { LOGON_TYPES, OVERWRITE_POLICIES, PROTOCOLS, TRANSFER_MODES } from './model.js';

/** Paths are strings without NUL; CR/LF are refused here too, long before they reach a control connection. */
export const pathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !/[\0\r\n]/.test(p), 'path must not contain NUL, CR or LF');

export const idSchema = z.string().min(1).max(200);

/**
 * A recent connection's key, `protocol://user@host:port` with the user percent-encoded: a user
 * the target schema accepts (256 characters) grows up to nine-fold when encoded (CJK).
 */
export const recentKeySchema = z.string().min(1).max(4096);

export const connectionTargetSchema = z.object({
  protocol: z.enum(PROTOCOLS),
  host: z
    .string()
    .min(1)
    .max(255)
    .refine((h) => !/[\s/\0]/.test(h), 'host must not contain spaces or slashes'),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().max(256).optional(),
  password: z.string().max(4096).optional(),
  account: z.string().max(256).optional(),
  transferMode: z.enum(TRANSFER_MODES).optional(),
  charset: z.string().max(40).optional(),
  asciiExtensions: z.array(z.string().max(40)).max(200).optional(),
  tlsFingerprint: z.string().max(200).optional(),
  identityFile: z.string().max(4096).optional(),
  passphrase: z.string().max(4096).optional(),
  remoteDir: z.string().max(4096).optional(),
  siteId: idSchema.optional(),
});

export const bookmarkSchema = z.object({
  name: z.string().max(200),
  localDir: z.string().max(4096),
  remoteDir: z.string().max(4096),
});

export const siteSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  folder: z.array(z.string().min(1).max(200)).max(32),
  protocol: z.enum(PROTOCOLS),
  host: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  logonType: z.enum(LOGON_TYPES),
  user: z.string().max(256),
  keyFile: z.string().max(4096),
  transferMode: z.enum(TRANSFER_MODES),
  charset: z.string().max(40),
  asciiExtensions: z.array(z.string().max(40)).max(200),
  maxConnections: z.number().int().min(1).max(10),
  localDir: z.string().max(4096),
  remoteDir: z.string().max(4096),
  comments: z.string().max(10000),
  colour: z.string().max(40),
  bookmarks: z.array(bookmarkSchema).max(1000),
  hasSecret: z.boolean(),
});

export const overwritePolicySchema = z.enum(OVERWRITE_POLICIES);
export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

export const enqueueRequestSchema = z.object({
  direction: z.enum(['download', 'upload', 'copy']),
  /** Session that reaches the remote end (for copy: the source session). */
  sessionId: idSchema,
  /** For copy: the session of the destination. */
  targetSessionId: idSchema.optional(),
  sourcePath: pathSchema,
  targetPath: pathSchema,
  overwrite: overwritePolicySchema.optional(),
  priority: prioritySchema.optional(),
  /** Add to the queue without starting it. */
  paused: z.boolean().optional(),
});

export const promptAnswerSchema = z.union([
  z.object({ trust: z.enum(['once', 'always', 'reject']) }),
  z.object({
    action: z.enum(['overwrite', 'newer', 'size', 'resume', 'rename', 'skip', 'cancel']),
    applyToAll: z.boolean(),
  }),
  z.object({ password: z.string().max(4096).nullable(), remember: z.boolean() }),
  z.object({ answers: z.array(z.string().max(4096)).max(20).nullable() }),
]);

export const queueSettingsSchema = z.object({
  maxConnectionsPerSite: z.number().int().min(1).max(10).optional(),
  maxConnectionsTotal: z.number().int().min(1).max(50).optional(),
  retries: z.number().int().min(0).max(20).optional(),
  downloadLimit: z.number().int().min(0).optional(),
  uploadLimit: z.number().int().min(0).optional(),
  verify: z.boolean().optional(),
  defaultOverwrite: overwritePolicySchema.optional(),
});
