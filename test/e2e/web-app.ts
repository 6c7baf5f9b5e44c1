/** Starts the real app in web mode, in this process, with its own config folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type FerryApp } from '../../src-main/app/create-app.js';
import { startWebServer, type RunningWebServer } from '../../src-main/web/web-server.js';

export interface WebApp {
  app: FerryApp;
  server: RunningWebServer;
  configDir: string;
  stop(): Promise<void>;
}

export const RENDERER_ROOT = path.resolve(import.meta.dirname, '..', '..', 'out', 'renderer');

export async function startWebApp(): Promise<WebApp> {
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-e2e-config-'));
  const app = await createApp({ mode: 'web', configDir });
  const server = await startWebServer({ api: app.api, bus: app.bus, rendererRoot: RENDERER_ROOT });
  return {
    app,
    server,
    configDir,
    async stop() {
      await server.close();
      await app.close();
      await rm(configDir, { recursive: true, force: true });
    },
  };
}
