import { homedir } from 'node:os';
import { join } from 'node:path';

/** The file name conf and electron-store use: `new Store({ name: SITES_FILE_NAME, cwd })`. */
export const SITES_FILE_NAME = 'sites';

/**
 * Electron's `app.getPath('userData')` for a product named Ferry, computed without Electron so the
 * CLI and the app open the same sites.json. (conf's own default, env-paths, differs on macOS and
 * Windows, so it is not used.)
 */
export function defaultSitesDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Ferry');
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Ferry');
    default:
      return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'Ferry');
  }
}
