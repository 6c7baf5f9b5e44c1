/**
 * What one CLI invocation works with: the config folder, a connector, the terminal
 * prompter, a stderr logger under --verbose, and (lazily) the site store for site:NAME refs.
 */
import { FerryError, toErrorData, type FerryErrorData } from '../../src-shared/errors.js';
import type { CertificateInfo, ConnectionTarget } from '../../src-shared/model.js';
import type { Prompt, PromptAnswers } from '../../src-shared/prompts.js';
import { defaultConfigDir } from '../app/config-dir.js';
import { createConnector } from '../app/connector.js';
import type { Prompter } from '../core/prompter.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import { silentLogger } from '../core/protocol-log.js';
import { parseRemoteUrl } from '../core/url.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
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
  readonly prompter: Prompter;
  private readonly terminal: TerminalPrompter;
  private sites: SiteStore | null = null;
  private keychainProblem: FerryErrorData | undefined;
  private keychainNoticeShown = false;
  /** The certificate that did not match --tls-fingerprint, for the error message. */
  private mismatched: CertificateInfo | null = null;
  private missingPassword: MissingPassword | null = null;

  constructor(
    private readonly options: RemoteOptions,
    terminal = new TerminalPrompter(),
  ) {
    this.terminal = terminal;
    this.prompter = { ask: (prompt) => this.ask(prompt) };
  }

  get logger(): ProtocolLogger {
    return this.options.verbose ? stderrLogger : silentLogger;
  }

  get interactive(): boolean {
    return this.terminal.interactive;
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
    const connector = createConnector({
      configDir: this.configDir,
      ...(this.options.knownHosts ? { knownHostsFile: this.options.knownHosts } : {}),
    });
    try {
      return await connector(target, { logger: this.logger, prompter: this.prompter });
    } catch (error) {
      throw this.pinMismatch(error) ?? error;
    }
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

  private async ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    // A fingerprint given on the command line is the answer: a different certificate is refused, never asked about.
    if (prompt.kind === 'certificate' && this.options.tlsFingerprint) {
      this.mismatched = prompt.certificate;
      return { trust: 'reject' } as PromptAnswers[P['kind']];
    }
    return this.terminal.ask(prompt);
  }

  /** FTP sends whatever password it has; ask for one at a terminal rather than send none. */
  private async askPasswordIfMissing(target: ConnectionTarget): Promise<void> {
    // SFTP asks by itself, after the server says which methods it accepts.
    if (target.protocol === 'sftp' || target.password !== undefined) return;
    if (!target.user || target.user === 'anonymous' || target.user === 'ftp') return;
    this.missingPassword ??= 'not-given';
    if (!this.interactive) return;
    const answer = await this.terminal.ask({
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

  private pinMismatch(error: unknown): FerryError | null {
    const cert = this.mismatched;
    if (!(error instanceof FerryError) || error.code !== 'CERTIFICATE_UNTRUSTED' || !cert) return null;
    const given = this.options.tlsFingerprint ?? '';
    return new FerryError(
      'CERTIFICATE_UNTRUSTED',
      `The certificate of ${cert.host}:${cert.port} has the SHA-256 fingerprint ${cert.fingerprint256}, not ${given} as given with --tls-fingerprint; refused.`,
      {
        hint: 'Someone may be intercepting the connection, or the certificate was renewed: check with the server administrator.',
        retryable: false,
        cause: error,
      },
    );
  }
}

/** A path for commands that need one: the URL's, else the login folder. */
export async function pathOrHome(fs: RemoteFileSystem, path: string): Promise<string> {
  return path || (await fs.home());
}
