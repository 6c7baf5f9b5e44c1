/**
 * The composition root: builds the engine, queue, site store and service once, for
 * whichever shell hosts them (Electron, web mode). Nothing else constructs these parts.
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FerryApi } from '../../src-shared/contract.js';
import type { AppInfo } from '../../src-shared/model.js';
import { LocalFileSystem } from '../fs/local-file-system.js';
import { openSecretStore } from '../keychain/index.js';
import { EventBus } from '../service/event-bus.js';
import { FerryService } from '../service/ferry-service.js';
import { SiteStore } from '../sites/index.js';
import { createConnector } from './connector.js';
import { EditWatcher } from './edit-watcher.js';
import { sessionEditConnection } from './session-edit-connection.js';
import { siteCatalog } from './site-catalog.js';
import { PromptBroker } from '../service/prompt-broker.js';
import { SessionRegistry } from '../service/session-registry.js';
import { SessionLog } from '../service/session-log.js';
import { TransferQueue } from '../queue/index.js';
import { LocationRegistry } from './location-registry.js';
import { queuePort } from './queue-port.js';
import { refreshListingsAfterTransfers } from './listing-refresh.js';

export interface AppOptions {
  mode: AppInfo['mode'];
  configDir: string;
  /** Opens a local file with the OS's default application (Electron's shell.openPath). */
  openPath?: (path: string) => Promise<void>;
}

export interface FerryApp {
  api: FerryApi;
  bus: EventBus;
  prompts: PromptBroker;
  close(): Promise<void>;
}

const VERSION = '0.1.0';

export async function createApp(options: AppOptions): Promise<FerryApp> {
  await mkdir(options.configDir, { recursive: true });
  const bus = new EventBus();
  const prompts = new PromptBroker(bus);
  const secrets = await openSecretStore();
  const connector = createConnector({ configDir: options.configDir });
  const local = new LocalFileSystem();
  const sessions = new SessionRegistry(bus, connector, prompts, local, os.homedir());
  const siteStore = new SiteStore({ secrets: secrets.store, cwd: options.configDir });
  const sites = siteCatalog(siteStore);
  const queueLog = new SessionLog('queue', bus);
  const locations = new LocationRegistry(connector, sites, prompts, queueLog);
  const transferQueue = await TransferQueue.open({
    journalDir: path.join(options.configDir, 'queue'),
    connect: locations.connect,
    prompter: prompts,
    warn: (message) => queueLog.log('error', message),
    // A saved site's "Max connections" (its location key is `site:<id>`, see location-registry.ts).
    limitFor: (location) =>
      location.startsWith('site:')
        ? siteStore.get(location.slice('site:'.length))?.maxConnections
        : undefined,
  });
  const queue = queuePort(transferQueue, locations);
  const refreshListings = refreshListingsAfterTransfers(bus, sessions);
  transferQueue.on('queue-items', (event) => {
    bus.emit(event);
    refreshListings(event);
  });
  transferQueue.on('queue-progress', (event) => bus.emit(event));
  // Whatever survived the last run (quit, crash, kill -9) carries on by itself.
  await transferQueue.start();

  const edits = new EditWatcher(prompts, (id) => sessions.log(id), options.openPath);
  const api = new FerryService({
    bus,
    prompts,
    sessions,
    sites,
    queue,
    edit: (sessionId, remotePath) =>
      edits.edit(sessionEditConnection(sessions, connector, prompts, sessionId), remotePath, sessionId),
    appInfo: async () => ({
      version: VERSION,
      mode: options.mode,
      platform: process.platform,
      home: os.homedir(),
      keychain: secrets.keychain,
    }),
  });

  return {
    api,
    bus,
    prompts,
    async close() {
      edits.close();
      prompts.refuseAll();
      await queue.close();
      await sessions.closeAll();
    },
  };
}
