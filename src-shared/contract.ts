/**
 * The one contract between the renderer and main. Each method is declared exactly once,
 * here, with the schema of its arguments and the type of its result. `FerryApi` is derived
 * from this table, so a method without a schema cannot exist, and main's implementation
 * (`implements FerryApi`) fails to compile until every method is served.
 */
import { z } from 'zod';
import type {
  AppInfo,
  FileEntry,
  ImportReport,
  Listing,
  LogLine,
  QueueSummary,
  RawReply,
  RecentConnection,
  SessionInfo,
  Site,
  TransferItem,
} from './model.js';
import type { PendingPrompt } from './prompts.js';
import {
  connectionTargetSchema,
  enqueueRequestSchema,
  idSchema,
  pathSchema,
  prioritySchema,
  promptAnswerSchema,
  queueSettingsSchema,
  recentKeySchema,
  siteSchema,
} from './schemas.js';

interface MethodSpec<Args extends z.ZodTuple, Result> {
  args: Args;
  /** Phantom: carries the result type; never read at run time. */
  result?: Result;
}

function method<Result>() {
  return <Args extends z.ZodTuple>(args: Args): MethodSpec<Args, Result> => ({ args });
}

const noArgs = z.tuple([]);
const idList = z.array(idSchema).max(200_000);

export const CONTRACT = {
  'app.info': method<AppInfo>()(noArgs),

  'session.list': method<SessionInfo[]>()(noArgs),
  /** Quick connect: remembered in the recent list (the password only with savePassword, in the keychain). */
  'session.connect': method<SessionInfo>()(
    z.tuple([
      connectionTargetSchema,
      z.object({ remember: z.boolean().optional(), savePassword: z.boolean().optional() }).optional(),
    ]),
  ),
  'session.connectRecent': method<SessionInfo>()(z.tuple([recentKeySchema])),
  'session.connectSite': method<SessionInfo>()(z.tuple([idSchema])),
  'session.connectUrl': method<SessionInfo>()(z.tuple([z.string().min(1).max(8192)])),
  'session.disconnect': method<void>()(z.tuple([idSchema])),
  'session.raw': method<RawReply>()(z.tuple([idSchema, z.string().min(1).max(4096)])),
  'session.log': method<LogLine[]>()(z.tuple([idSchema])),

  // File operations on any session; the id "local" is the local disk.
  'fs.list': method<Listing>()(z.tuple([idSchema, pathSchema])),
  'fs.stat': method<FileEntry | null>()(z.tuple([idSchema, pathSchema])),
  'fs.mkdir': method<void>()(z.tuple([idSchema, pathSchema])),
  'fs.rename': method<void>()(z.tuple([idSchema, pathSchema, pathSchema])),
  'fs.delete': method<void>()(z.tuple([idSchema, z.array(pathSchema).min(1).max(100_000)])),
  'fs.chmod': method<void>()(z.tuple([idSchema, pathSchema, z.number().int().min(0).max(0o7777)])),
  /** Download to a temporary folder and open with the OS; re-upload when saved. */
  'fs.edit': method<{ localPath: string }>()(z.tuple([idSchema, pathSchema])),

  'queue.list': method<{ items: TransferItem[]; summary: QueueSummary }>()(noArgs),
  'queue.add': method<string[]>()(z.tuple([z.array(enqueueRequestSchema).min(1).max(100_000)])),
  'queue.start': method<void>()(noArgs),
  'queue.pause': method<void>()(z.tuple([idList.optional()])),
  'queue.resume': method<void>()(z.tuple([idList.optional()])),
  'queue.cancel': method<void>()(z.tuple([idList])),
  'queue.retry': method<void>()(z.tuple([idList.optional()])),
  'queue.remove': method<void>()(z.tuple([idList])),
  'queue.clearFinished': method<void>()(noArgs),
  'queue.setPriority': method<void>()(z.tuple([idList, prioritySchema])),
  'queue.move': method<void>()(z.tuple([idList, z.enum(['top', 'up', 'down', 'bottom'])])),
  'queue.settings': method<z.infer<typeof queueSettingsSchema>>()(z.tuple([queueSettingsSchema.optional()])),

  'sites.list': method<Site[]>()(noArgs),
  'sites.recent': method<RecentConnection[]>()(noArgs),
  'sites.save': method<Site>()(z.tuple([siteSchema, z.string().max(4096).nullable().optional()])),
  'sites.delete': method<void>()(z.tuple([idSchema])),
  'sites.importFileZilla': method<ImportReport>()(z.tuple([z.string().max(50_000_000)])),
  'sites.importOpenSsh': method<ImportReport>()(z.tuple([z.string().max(5_000_000)])),
  'sites.exportJson': method<string>()(noArgs),

  /** The questions still waiting for an answer, oldest first: a reloaded window asks them again. */
  'prompt.list': method<PendingPrompt[]>()(noArgs),
  'prompt.answer': method<void>()(z.tuple([idSchema, promptAnswerSchema])),
} as const;

export type MethodName = keyof typeof CONTRACT;
export type MethodArgs<M extends MethodName> = z.infer<(typeof CONTRACT)[M]['args']>;
export type MethodResult<M extends MethodName> =
  (typeof CONTRACT)[M] extends MethodSpec<z.ZodTuple, infer R> ? R : never;

export type FerryApi = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodResult<M>>;
};

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name);
}

export type QueueSettings = z.infer<typeof queueSettingsSchema>;
export type EnqueueRequest = z.infer<typeof enqueueRequestSchema>;
