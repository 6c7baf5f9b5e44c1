/**
 * The one implementation of the contract. Electron IPC and the web-mode WebSocket both
 * call it through `dispatchCall`, which has already validated every argument.
 */
import { posix } from 'node:path';
import type {
  EnqueueRequest,
  FerryApi,
  MethodArgs,
  MethodResult,
  QueueSettings,
} from '../../src-shared/contract.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import { FerryError } from '../../src-shared/errors.js';
import type { AppInfo, Listing } from '../../src-shared/model.js';
import type { PromptAnswer } from '../../src-shared/prompts.js';
import { parseRemoteUrl } from '../core/url.js';
import type { EventBus } from './event-bus.js';
import type { QueueRequest, SiteCatalog, TransferQueuePort } from './ports.js';
import type { PromptBroker } from './prompt-broker.js';
import { LOCAL_SESSION_ID, type SessionRegistry } from './session-registry.js';

export interface ServiceDeps {
  bus: EventBus;
  prompts: PromptBroker;
  sessions: SessionRegistry;
  sites: SiteCatalog;
  queue: TransferQueuePort;
  appInfo: () => Promise<AppInfo>;
  /** Opens a remote file for editing; absent where the platform cannot open files. */
  edit?: (sessionId: string, path: string) => Promise<{ localPath: string }>;
}

type R<M extends keyof FerryApi> = Promise<MethodResult<M>>;

export class FerryService implements FerryApi {
  constructor(private readonly deps: ServiceDeps) {}

  'app.info'(): R<'app.info'> {
    return this.deps.appInfo();
  }

  async 'session.list'(): R<'session.list'> {
    return this.deps.sessions.list();
  }

  async 'session.connect'(...[target, options]: MethodArgs<'session.connect'>): R<'session.connect'> {
    const session = await this.deps.sessions.open(target);
    if (!target.siteId && options?.remember !== false) {
      await this.deps.sites.addRecent(target, options?.savePassword === true);
    }
    return session;
  }

  async 'session.connectRecent'(key: string): R<'session.connectRecent'> {
    return this.deps.sessions.open(await this.deps.sites.recentTarget(key));
  }

  async 'session.connectSite'(siteId: string): R<'session.connectSite'> {
    return this.deps.sessions.open(await this.deps.sites.target(siteId));
  }

  async 'session.connectUrl'(url: string): R<'session.connectUrl'> {
    const { target, path } = parseRemoteUrl(url);
    if (path) target.remoteDir = path;
    return this.deps.sessions.open(target);
  }

  'session.disconnect'(id: string): R<'session.disconnect'> {
    return this.deps.sessions.close(id);
  }

  async 'session.raw'(id: string, command: string): R<'session.raw'> {
    const fs = await this.deps.sessions.fs(id);
    if (!fs.raw) {
      throw new FerryError('UNSUPPORTED', 'Raw commands are an FTP feature.', {
        hint: 'SFTP and the local disk have no command line of their own.',
      });
    }
    return fs.raw(command);
  }

  async 'session.log'(id: string): R<'session.log'> {
    return this.deps.sessions.log(id).history();
  }

  async 'fs.list'(sessionId: string, path: string): R<'fs.list'> {
    const fs = await this.deps.sessions.fs(sessionId);
    const listing: Listing = { sessionId, path, entries: await fs.list(path) };
    return listing;
  }

  async 'fs.stat'(sessionId: string, path: string): R<'fs.stat'> {
    return (await this.deps.sessions.fs(sessionId)).stat(path);
  }

  async 'fs.mkdir'(sessionId: string, path: string): R<'fs.mkdir'> {
    const fs = await this.deps.sessions.fs(sessionId);
    // Servers refuse a taken name with a bare "550 Create directory operation failed" (and the
    // local disk with EEXIST): say why, as a rename to a taken name does.
    if ((await fs.stat(path)) !== null) throw alreadyExists(path);
    await fs.mkdir(path);
    this.changed(sessionId, path);
  }

  async 'fs.rename'(sessionId: string, from: string, to: string): R<'fs.rename'> {
    const fs = await this.deps.sessions.fs(sessionId);
    // A rename typed by a person never replaces another file, as in Explorer or Finder (file
    // systems and servers would: the queue relies on that for .part files).
    if (await this.nameTaken(sessionId, fs, from, to)) throw alreadyExists(to);
    await fs.rename(from, to);
    this.changed(sessionId, from);
    if (this.parentOf(sessionId, from) !== this.parentOf(sessionId, to)) this.changed(sessionId, to);
  }

  async 'fs.delete'(sessionId: string, paths: string[]): R<'fs.delete'> {
    const fs = await this.deps.sessions.fs(sessionId);
    const parents = new Set<string>();
    for (const path of paths) {
      const entry = await fs.stat(path);
      if (!entry) continue;
      if (entry.type === 'dir') await fs.removeDir(path, true);
      else await fs.deleteFile(path);
      parents.add(this.parentOf(sessionId, path));
    }
    for (const parent of parents) this.deps.bus.emit({ type: 'listing-changed', sessionId, path: parent });
  }

  async 'fs.chmod'(sessionId: string, path: string, mode: number): R<'fs.chmod'> {
    await (await this.deps.sessions.fs(sessionId)).chmod(path, mode);
    this.changed(sessionId, path);
  }

  async 'fs.edit'(sessionId: string, path: string): R<'fs.edit'> {
    if (!this.deps.edit) throw new FerryError('UNSUPPORTED', 'Editing is not available in this mode.');
    return this.deps.edit(sessionId, path);
  }

  async 'queue.list'(): R<'queue.list'> {
    return this.deps.queue.list();
  }

  async 'queue.add'(requests: EnqueueRequest[]): R<'queue.add'> {
    return this.deps.queue.add(requests.map((request) => this.toQueueRequest(request)));
  }

  async 'queue.start'(): R<'queue.start'> {
    await this.deps.queue.start();
  }

  async 'queue.pause'(ids?: string[]): R<'queue.pause'> {
    await this.deps.queue.pause(ids);
  }

  async 'queue.resume'(ids?: string[]): R<'queue.resume'> {
    await this.deps.queue.resume(ids);
  }

  async 'queue.cancel'(ids: string[]): R<'queue.cancel'> {
    await this.deps.queue.cancel(ids);
  }

  async 'queue.retry'(ids?: string[]): R<'queue.retry'> {
    await this.deps.queue.retry(ids);
  }

  async 'queue.remove'(ids: string[]): R<'queue.remove'> {
    await this.deps.queue.remove(ids);
  }

  async 'queue.clearFinished'(): R<'queue.clearFinished'> {
    await this.deps.queue.clearFinished();
  }

  async 'queue.setPriority'(...[ids, priority]: MethodArgs<'queue.setPriority'>): R<'queue.setPriority'> {
    await this.deps.queue.setPriority(ids, priority);
  }

  async 'queue.move'(...[ids, where]: MethodArgs<'queue.move'>): R<'queue.move'> {
    await this.deps.queue.move(ids, where);
  }

  async 'queue.settings'(patch?: QueueSettings): R<'queue.settings'> {
    return this.deps.queue.settings(patch);
  }

  'sites.list'(): R<'sites.list'> {
    return this.deps.sites.list();
  }

  'sites.recent'(): R<'sites.recent'> {
    return this.deps.sites.recent();
  }

  async 'sites.save'(...[site, secret]: MethodArgs<'sites.save'>): R<'sites.save'> {
    const saved = await this.deps.sites.save(site, secret);
    this.deps.bus.emit({ type: 'sites-changed', sites: await this.deps.sites.list() });
    return saved;
  }

  async 'sites.delete'(id: string): R<'sites.delete'> {
    await this.deps.sites.delete(id);
    this.deps.bus.emit({ type: 'sites-changed', sites: await this.deps.sites.list() });
  }

  async 'sites.importFileZilla'(xml: string): R<'sites.importFileZilla'> {
    const report = await this.deps.sites.importFileZilla(xml);
    this.deps.bus.emit({ type: 'sites-changed', sites: await this.deps.sites.list() });
    return report;
  }

  async 'sites.importOpenSsh'(config: string): R<'sites.importOpenSsh'> {
    const report = await this.deps.sites.importOpenSsh(config);
    this.deps.bus.emit({ type: 'sites-changed', sites: await this.deps.sites.list() });
    return report;
  }

  'sites.exportJson'(): R<'sites.exportJson'> {
    return this.deps.sites.exportJson();
  }

  async 'prompt.list'(): R<'prompt.list'> {
    return this.deps.prompts.list();
  }

  async 'prompt.answer'(promptId: string, answer: PromptAnswer): R<'prompt.answer'> {
    this.deps.prompts.answer(promptId, answer);
  }

  private toQueueRequest(request: EnqueueRequest): QueueRequest {
    const { sessionId, targetSessionId, ...rest } = request;
    const remote = this.deps.sessions.target(sessionId);
    switch (request.direction) {
      case 'download':
        return { ...rest, source: remote, target: 'local' };
      case 'upload':
        return { ...rest, source: 'local', target: remote };
      case 'copy': {
        if (!targetSessionId)
          throw new FerryError('INVALID_ARGUMENT', 'A copy needs a destination connection.');
        return { ...rest, source: remote, target: this.deps.sessions.target(targetSessionId) };
      }
    }
  }

  private changed(sessionId: string, path: string): void {
    this.deps.bus.emit({ type: 'listing-changed', sessionId, path: this.parentOf(sessionId, path) });
  }

  /**
   * Whether another entry has the name `to`. A change of case only ("photo.JPG" to "photo.jpg")
   * finds the file itself on a case-insensitive disk, so there the folder is asked instead: on a
   * case-sensitive one (Linux, every Unix server) both names may exist side by side.
   */
  private async nameTaken(
    sessionId: string,
    fs: RemoteFileSystem,
    from: string,
    to: string,
  ): Promise<boolean> {
    if (from.toLowerCase() !== to.toLowerCase()) return (await fs.stat(to)) !== null;
    if (from === to) return false;
    const parent = this.parentOf(sessionId, to);
    const name =
      sessionId === LOCAL_SESSION_ID ? to.slice(parent.length).replace(/^[/\\]+/, '') : posix.basename(to);
    return (await fs.list(parent)).some((entry) => entry.name === name);
  }

  private parentOf(sessionId: string, path: string): string {
    // Remote paths are always '/'-separated; the local disk uses the platform's separator.
    if (sessionId === LOCAL_SESSION_ID) return parentLocal(path);
    return posix.dirname(path);
  }
}

function parentLocal(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (index <= 0) return path.slice(0, index + 1) || path;
  return path.slice(0, index);
}

function alreadyExists(path: string): FerryError {
  return new FerryError('ALREADY_EXISTS', `${path} already exists.`, {
    hint: 'Choose another name, or delete or move the other one first.',
    retryable: false,
  });
}
