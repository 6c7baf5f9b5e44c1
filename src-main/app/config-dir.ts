/** Where Ferry keeps its files outside Electron: the same folder Electron's userData would be. */
import os from 'node:os';
import path from 'node:path';

export function defaultConfigDir(): string {
  if (process.env.FERRY_CONFIG_DIR) return path.resolve(process.env.FERRY_CONFIG_DIR);
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'Ferry');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'Ferry');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'Ferry');
}
