/**
 * The queue names the ends of a transfer by location keys, because it outlives sessions and
 * restarts: `site:<id>` for saved sites, the URL without password for quick connections.
 * This registry turns a key back into a logged-in connection: from the target remembered in
 * memory this run, else from the site store (its secret in the keychain), else by asking the
 * user for the password of a quick connection after a restart. No secret is ever in a key.
 */
import { FerryError } from '../../src-shared/errors.js';
import type { ConnectionTarget } from '../../src-shared/model.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { Prompter } from '../core/prompter.js';
import { formatRemoteUrl, parseRemoteUrl } from '../core/url.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import type { Connector, SiteCatalog } from '../service/ports.js';

const SITE_KEY = 'site:';

export function locationKey(target: ConnectionTarget): string {
  return target.siteId ? `${SITE_KEY}${target.siteId}` : formatRemoteUrl(target);
}

export class LocationRegistry {
  private readonly targets = new Map<string, ConnectionTarget>();

  constructor(
    private readonly connector: Connector,
    private readonly sites: SiteCatalog,
    private readonly prompter: Prompter,
    private readonly logger: ProtocolLogger,
  ) {}

  /** The key of a target, remembering the target (with its password, in memory) for `connect`. */
  keyFor(target: ConnectionTarget): string {
    const key = locationKey(target);
    this.targets.set(key, target);
    return key;
  }

  connect = async (key: string): Promise<RemoteFileSystem> => {
    return this.connector(await this.targetFor(key), { logger: this.logger, prompter: this.prompter });
  };

  private async targetFor(key: string): Promise<ConnectionTarget> {
    const known = this.targets.get(key);
    if (known) return known;
    if (key.startsWith(SITE_KEY)) {
      const target = await this.sites.target(key.slice(SITE_KEY.length));
      this.targets.set(key, target);
      return target;
    }
    const { target } = parseRemoteUrl(key);
    if (target.protocol !== 'sftp' && target.user && target.user !== 'anonymous') {
      const answer = await this.prompter.ask({
        kind: 'password',
        label: key,
        user: target.user,
        reason: 'The transfer queue resumes transfers to this server after a restart.',
      });
      if (answer.password === null) {
        throw new FerryError('LOGIN_FAILED', `No password for ${key}.`, {
          hint: 'Save the server in the site manager so queued transfers can resume on their own.',
          retryable: false,
        });
      }
      target.password = answer.password;
    }
    this.targets.set(key, target);
    return target;
  }
}
