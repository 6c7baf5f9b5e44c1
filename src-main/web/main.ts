/**
 * `npm run web`: the whole app without Electron, its UI served to a browser on loopback.
 * Prints the URL (with its token) and keeps running until interrupted.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toErrorData } from '../../src-shared/errors.js';
import { createApp } from '../app/create-app.js';
import { defaultConfigDir } from '../app/config-dir.js';
import { startWebServer } from './web-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.resolve(here, '..', 'out', 'renderer');

const app = await createApp({ mode: 'web', configDir: defaultConfigDir() }).catch((error: unknown) => {
  // Said plainly, not as a stack: the likely cause is the app (or another web mode) already running.
  const { message, hint } = toErrorData(error);
  process.stderr.write(`Ferry web mode cannot start: ${message}\n${hint ? `${hint}\n` : ''}`);
  process.exit(1);
});
const server = await startWebServer({
  api: app.api,
  bus: app.bus,
  rendererRoot,
  host: process.env.FERRY_WEB_HOST ?? '127.0.0.1',
  port: process.env.FERRY_WEB_PORT ? Number(process.env.FERRY_WEB_PORT) : 0,
});
console.log(`Ferry web mode: ${server.url}`);

const shutdown = async (): Promise<void> => {
  await server.close();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
