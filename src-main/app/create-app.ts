/**
 * The composition root: builds the engine, queue, site store and service once, for
 * whichever shell hosts them (Electron, web mode). Nothing else constructs these parts.
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import type { FerryApi } from '../../src-shared/contract.js';
import { FerryError } from '../../src-shared/errors.js';
import type { AppInfo } from '../../src-shared/model.js';
import { LocalFileSystem } from '../fs/local-file-system.js';
import { openSecretStore } from '../keychain/index.js';
import { EventBus } from '../service/event-bus.js';
import { FerryService } from '../service/ferry-service.js';
import type { TransferQueuePort } from '../service/ports.js';
import { SiteStore } from '../sites/index.js';
import { createConnector } from './connector.js';
import { siteCatalog } from './site-catalog.js';
import { PromptBroker } from '../service/prompt-broker.js';
import { SessionRegistry } from '../service/session-registry.js';

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
  const queue: TransferQueuePort = unavailableQueue();

  const api = new FerryService({
    bus,
    prompts,
    sessions,
    sites,
    queue,
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
      prompts.refuseAll();
      await sessions.closeAll();
    },
  };
}

function notYet(): never {
  throw new FerryError('UNSUPPORTED', 'Not wired in yet.');
}

function unavailableQueue(): TransferQueuePort {
  return {
    list: () => ({
      items: [],
      summary: {
        counts: { queued: 0, active: 0, paused: 0, verifying: 0, done: 0, failed: 0, skipped: 0 },
        bytesTotal: 0,
        bytesDone: 0,
        bytesPerSecond: 0,
        running: false,
      },
    }),
    add: async () => notYet(),
    start: notYet,
    pause: notYet,
    resume: notYet,
    cancel: notYet,
    retry: notYet,
    remove: notYet,
    clearFinished: notYet,
    setPriority: notYet,
    move: notYet,
    settings: () => ({}),
  };
}
