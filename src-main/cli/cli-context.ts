/**
 * What one CLI invocation works with: the config folder, a connector, the terminal
 * prompter, a stderr logger under --verbose, and (lazily) the site store for site:NAME refs.
 */
import type { ConnectionTarget } from '../../src-shared/model.js';
import { defaultConfigDir } from '../app/config-dir.js';
import { createConnector } from '../app/connector.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import { silentLogger } from '../core/protocol-log.js';
import { parseRemoteUrl } from '../core/url.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import { openSecretStore } from '../keychain/index.js';
import { isSiteRef, SiteStore } from '../sites/index.js';
import { applyRemoteOptions, type RemoteOptions } from './cli-options.js';
import { TerminalPrompter } from './terminal-prompter.js';

export interface RemoteRef {
  target: ConnectionTarget;
  path: string;
}

const stderrLogger: ProtocolLogger = {
  log(direction, text) {
    const arrow =
      direction === 'sent' ? '>' : direction === 'received' ? '<' : direction === 'error' ? '!' : '*';
    process.stderr.write(`${arrow} ${text}\n`);
  },
};

export class CliContext {
  readonly configDir = defaultConfigDir();
  readonly prompter = new TerminalPrompter();
  private sites: SiteStore | null = null;

  constructor(private readonly options: RemoteOptions) {}

  get logger(): ProtocolLogger {
    return this.options.verbose ? stderrLogger : silentLogger;
  }

  /** A URL or `site:Folder/Name/path`, with the command-line options applied. */
  async resolve(ref: string): Promise<RemoteRef> {
    if (isSiteRef(ref)) {
      const store = await this.siteStore();
      const resolved = store.resolveSiteRef(ref);
      const target = await store.target(resolved.site.id);
      return {
        target: applyRemoteOptions(target, this.options),
        path: resolved.path ?? (target.remoteDir || ''),
      };
    }
    const { target, path } = parseRemoteUrl(ref);
    return { target: applyRemoteOptions(target, this.options), path };
  }

  async connect(target: ConnectionTarget): Promise<RemoteFileSystem> {
    const connector = createConnector({
      configDir: this.configDir,
      ...(this.options.knownHosts ? { knownHostsFile: this.options.knownHosts } : {}),
    });
    return connector(target, { logger: this.logger, prompter: this.prompter });
  }

  async siteStore(): Promise<SiteStore> {
    if (!this.sites) {
      const secrets = await openSecretStore();
      if (secrets.error) process.stderr.write(`ferry: ${secrets.error.message}\n`);
      this.sites = new SiteStore({ secrets: secrets.store, cwd: this.configDir });
      for (const problem of this.sites.problems) process.stderr.write(`ferry: ${problem.message}\n`);
    }
    return this.sites;
  }
}

/** A path for commands that need one: the URL's, else the login folder. */
export async function pathOrHome(fs: RemoteFileSystem, path: string): Promise<string> {
  return path || (await fs.home());
}
