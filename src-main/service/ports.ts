/**
 * What the service needs from the parts it composes. The composition root adapts the
 * real site store, transfer queue and protocol engines to these, so the service never
 * depends on their internals and tests can hand it small in-memory versions.
 */
import type { EnqueueRequest, QueueSettings } from '../../src-shared/contract.js';
import type {
  ConnectionTarget,
  ImportReport,
  QueueSummary,
  RecentConnection,
  Site,
  TransferItem,
} from '../../src-shared/model.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { Prompter } from '../core/prompter.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';

export type Connector = (
  target: ConnectionTarget,
  context: { logger: ProtocolLogger; prompter: Prompter },
) => Promise<RemoteFileSystem>;

export interface SiteCatalog {
  list(): Promise<Site[]>;
  save(site: Site, secret: string | null | undefined): Promise<Site>;
  delete(id: string): Promise<void>;
  importFileZilla(xml: string): Promise<ImportReport>;
  importOpenSsh(config: string): Promise<ImportReport>;
  exportJson(): Promise<string>;
  /** The connection target of a saved site, with its secret from the keychain when stored. */
  target(id: string): Promise<ConnectionTarget>;
  recent(): Promise<RecentConnection[]>;
  addRecent(target: ConnectionTarget, savePassword: boolean): Promise<void>;
  /** A remembered quick connection, with its password when the user saved it. */
  recentTarget(key: string): Promise<ConnectionTarget>;
}

/** The queue as the service sees it; requests already carry resolved connection targets. */
export interface QueueRequest extends Omit<EnqueueRequest, 'sessionId' | 'targetSessionId'> {
  source: ConnectionTarget | 'local';
  target: ConnectionTarget | 'local';
  /** What the browsing pane already knows of the source, so the queue need not ask again. */
  isDir?: boolean;
  size?: number | null;
  modified?: number | null;
}

export interface TransferQueuePort {
  list(): { items: TransferItem[]; summary: QueueSummary };
  add(requests: QueueRequest[]): Promise<string[]>;
  start(): Promise<void>;
  pause(ids?: string[]): Promise<void>;
  resume(ids?: string[]): Promise<void>;
  cancel(ids: string[]): Promise<void>;
  retry(ids?: string[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clearFinished(): Promise<void>;
  setPriority(ids: string[], priority: 1 | 2 | 3 | 4 | 5): Promise<void>;
  move(ids: string[], where: 'top' | 'up' | 'down' | 'bottom'): Promise<void>;
  settings(patch?: QueueSettings): Promise<QueueSettings>;
  close(): Promise<void>;
}
