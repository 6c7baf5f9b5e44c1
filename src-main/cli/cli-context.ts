/**
 * What one CLI invocation works with: the config folder, a connector, the terminal
 * prompter, a stderr logger under --verbose, and (lazily) the site store for site:NAME refs.
 */
import { toErrorData, type FerryErrorData } from '../../src-shared/errors.js';
import type { ConnectionTarget, SecurityInfo } from '../../src-shared/model.js';
import { defaultConfigDir } from '../app/config-dir.js';
import { createConnector } from '../app/connector.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import { silentLogger } from '../core/protocol-log.js';
import { keepingTls } from '../core/keeping-tls.js';
import { formatRemoteUrl, parseRemoteUrl } from '../core/url.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import type { Connector } from '../service/ports.js';
import type { SiteStore } from '../sites/index.js';
import { isSiteRef } from '../sites/site-ref.js';
import { applyRemoteOptions, type RemoteOptions } from './cli-options.js';
import { cliHint } from './cli-hints.js';
import { TerminalPrompter } from './terminal-prompter.js';
import { printableLine } from './printable.js';

export interface RemoteRef {
  target: ConnectionTarget;
  path: string;
}

const stderrLogger: ProtocolLogger = {
  log(direction, text) {
    const arrow =
      direction === 'sent' ? '>' : direction === 'received' ? '<' : direction === 'error' ? '!' : '*';
    process.stderr.write(`${arrow} ${printableLine(text)}\n`);
  },
};

/** Why a login may lack its password: shown with a 530 instead of the server's bare refusal. */
type MissingPassword = 'not-given' | 'keychain-unreachable';

export class CliContext {
  readonly configDir = defaultConfigDir();
  /** Asks at the terminal; a --tls-fingerprint needs no answer (any other certificate is refused). */
  readonly prompter: TerminalPrompter;
  private sites: SiteStore | null = null;
  private keychainProblem: FerryErrorData | undefined;
  private keychainNoticeShown = false;
  private connector: Connector | null = null;
  /** What each server's first connection of this run had, by URL. */
  private readonly security = new Map<string, SecurityInfo>();
  private missingPassword: MissingPassword | null = null;

  constructor(
    private readonly options: RemoteOptions,
    terminal = new TerminalPrompter(),
  ) {
    this.prompter = terminal;
  }

  get logger(): ProtocolLogger {
    return this.options.verbose ? stderrLogger : silentLogger;
  }

  get interactive(): boolean {
    return this.prompter.interactive;
  }

  /** A URL or `site:Folder/Name/path`, with the command-line options applied. */
  async resolve(ref: string): Promise<RemoteRef> {
    let resolved: RemoteRef;
    if (isSiteRef(ref)) {
      const store = await this.siteStore();
      const { site, path } = store.resolveSiteRef(ref);
      const target = await store.target(site.id);
      if (site.hasSecret && target.password === undefined) {
        this.missingPassword = 'keychain-unreachable';
        this.showKeychainNotice();
      }
      resolved = { target, path: path ?? (target.remoteDir || '') };
    } else {
      resolved = parseRemoteUrl(ref);
    }
    const target = applyRemoteOptions(resolved.target, this.options);
    await this.askPasswordIfMissing(target);
    return { target, path: resolved.path };
  }

  async connect(target: ConnectionTarget): Promise<RemoteFileSystem> {
    // One connector for the run: a certificate or host key trusted "once" at the first
    // connection is trusted by the queue's other connections too (its RunTrust), not asked again.
    this.connector ??= createConnector({
      configDir: this.configDir,
      ...(this.options.knownHosts ? { knownHostsFile: this.options.knownHosts } : {}),
    });
    // A server that gave the run TLS must give it to every later connection (keepingTls).
    const key = formatRemoteUrl(target);
    const fs = await this.connector(keepingTls(target, this.security.get(key) ?? null), {
      logger: this.logger,
      prompter: this.prompter,
    });
    if (fs.security) this.security.set(key, fs.security);
    return fs;
  }

  async siteStore(): Promise<SiteStore> {
    if (!this.sites) {
      // The keychain binding and the site store load only for commands that use saved sites.
      const [{ openSecretStore }, { SiteStore }] = await Promise.all([
        import('../keychain/index.js'),
        import('../sites/index.js'),
      ]);
      const secrets = await openSecretStore();
      this.keychainProblem = secrets.error;
      this.sites = new SiteStore({ secrets: secrets.store, cwd: this.configDir });
      for (const problem of this.sites.problems) process.stderr.write(`ferry: ${problem.message}\n`);
    }
    return this.sites;
  }

  /** Whether secrets given to the site store outlive this process. */
  async keychainAvailable(): Promise<boolean> {
    await this.siteStore();
    return this.keychainProblem === undefined;
  }

  /** Says once, when a secret is actually at stake, that there is no keychain and why. */
  showKeychainNotice(): void {
    if (this.keychainNoticeShown || !this.keychainProblem) return;
    this.keychainNoticeShown = true;
    process.stderr.write(
      `ferry: no keychain is reachable (${this.keychainProblem.message}); passwords are held in memory for this run only and never written to disk.\n`,
    );
  }

  /** The error as the CLI prints it: the engine's words, with a hint that names CLI options. */
  explain(error: unknown): FerryErrorData {
    const data = toErrorData(error);
    const hint = cliHint(data, { missingPassword: this.missingPassword });
    return hint ? { ...data, hint } : data;
  }

  /** FTP sends whatever password it has; ask for one at a terminal rather than send none. */
  private async askPasswordIfMissing(target: ConnectionTarget): Promise<void> {
    // SFTP asks by itself, after the server says which methods it accepts.
    if (target.protocol === 'sftp' || target.password !== undefined) return;
    if (!target.user || target.user === 'anonymous' || target.user === 'ftp') return;
    this.missingPassword ??= 'not-given';
    if (!this.interactive) return;
    const answer = await this.prompter.ask({
      kind: 'password',
      label: target.port ? `${target.host}:${target.port}` : target.host,
      user: target.user,
      reason: `Password for ${target.user}`,
    });
    if (answer.password !== null) {
      target.password = answer.password;
      this.missingPassword = null;
    }
  }
}

/** A path for commands that need one: the URL's, else the login folder. */
export async function pathOrHome(fs: RemoteFileSystem, path: string): Promise<string> {
  return path || (await fs.home());
}
