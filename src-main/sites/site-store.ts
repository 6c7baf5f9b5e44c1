import { resolve } from 'node:path';
import Conf from 'conf';
import { FerryError, type FerryErrorData } from '../../src-shared/errors.js';
import {
  LOGON_TYPES_WITHOUT_SECRET,
  type ConnectionTarget,
  type ImportReport,
  type Site,
} from '../../src-shared/model.js';
import { siteSchema } from '../../src-shared/schemas.js';
import type { SecretStore } from '../keychain/secret-store.js';
import { toConnectionTarget } from './connection-target.js';
import { parseFileZillaSiteManager } from './filezilla-import.js';
import type { ParsedImport } from './imported-site.js';
import { parseOpenSshConfig, type OpenSshImportOptions } from './openssh-import.js';
import { MAX_RECENT, recentKey, withoutSecrets, type RecentConnection } from './recent-connection.js';
import { newSiteId } from './site-defaults.js';
import { recentSecretAccount, siteSecretAccount } from './secret-accounts.js';
import { admitImported, fileZillaNotices } from './admit-imported.js';
import { resolveSiteRef, type ResolvedSiteRef } from './site-ref.js';
import { SITES_FILE_NAME, defaultSitesDir } from './sites-location.js';
import { SITES_FORMAT_VERSION, readSitesFile, type SitesDocument } from './sites-file.js';

export interface SiteStoreOptions {
  secrets: SecretStore;
  /** Folder of sites.json; Electron's userData for Ferry by default. Tests pass a temporary folder. */
  cwd?: string;
  now?: () => Date;
}

export interface ImportOptions {
  /** False: store none of the passwords the file holds (default true). */
  keepPasswords?: boolean;
}

/** A site as an editor hands it over: without an id it is new; hasSecret is the store's business. */
export type SiteDraft = Omit<Site, 'id' | 'hasSecret'> & { id?: string; hasSecret?: boolean };

/**
 * Saved sites and recent quick connections in sites.json (through conf, the format and atomic
 * writes electron-store uses), with every secret in a SecretStore. Each change re-reads the file
 * first, so the CLI and the app editing at the same time lose nothing but exact simultaneity.
 */

export class SiteStore {
  readonly path: string;
  readonly #conf: Conf<SitesDocument>;
  readonly #secrets: SecretStore;
  readonly #now: () => Date;
  readonly #problems: FerryErrorData[] = [];
  #document: SitesDocument;

  constructor(options: SiteStoreOptions) {
    this.#secrets = options.secrets;
    this.#now = options.now ?? (() => new Date());
    const cwd = options.cwd ?? defaultSitesDir();
    // Checked before conf opens it: conf throws on a file that is not JSON and knows nothing of Site.
    const path = resolve(cwd, `${SITES_FILE_NAME}.json`);
    const read = readSitesFile(path, this.#now());
    this.#problems.push(...read.problems);
    this.#conf = new Conf<SitesDocument>({
      cwd,
      configName: SITES_FILE_NAME,
      projectName: 'Ferry',
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      // Host names and user names are nobody else's business either.
      configFileMode: 0o600,
    });
    this.path = this.#conf.path;
    this.#document = read.document;
    if (read.cleaned) this.#write(this.#document);
  }

  /** Problems found while reading the file (set-aside copies, dropped entries), for the caller to show. */
  get problems(): readonly FerryErrorData[] {
    return [...this.#problems];
  }

  get secretStore(): SecretStore {
    return this.#secrets;
  }

  list(): Site[] {
    return this.#document.sites.map(cloneSite);
  }

  get(id: string): Site | undefined {
    const site = this.#document.sites.find((s) => s.id === id);
    return site === undefined ? undefined : cloneSite(site);
  }

  /** Picks up changes another Ferry process wrote. */
  reload(): void {
    this.#document = this.#fresh();
  }

  /**
   * Creates or replaces a site. `secret`: undefined keeps the stored one, null deletes it, a string
   * replaces it. The keychain is written first, so a site never claims a secret it does not have.
   */
  async save(draft: SiteDraft, secret?: string | null): Promise<Site> {
    // A site that asks each time (or logs in anonymously) keeps no secret: one saved before it
    // was switched to that is deleted, not left in the keychain to be used without asking.
    if (LOGON_TYPES_WITHOUT_SECRET.has(draft.logonType)) secret = null;
    const id = draft.id ?? newSiteId();
    const previous = this.#fresh().sites.find((s) => s.id === id);
    // The one secret is a key's passphrase for key logons and the password otherwise: kept
    // across a switch between the two, a passphrase would be sent to the server as a password.
    if (secret === undefined && previous && (previous.logonType === 'key') !== (draft.logonType === 'key'))
      secret = null;
    const hasSecret = secret === undefined ? (previous?.hasSecret ?? false) : secret !== null;
    const parsed = siteSchema.safeParse({ ...draft, id, hasSecret });
    if (!parsed.success) {
      throw new FerryError(
        'INVALID_ARGUMENT',
        `The site is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        {
          hint: 'Correct the highlighted fields and save again.',
        },
      );
    }
    const site = parsed.data;
    const account = siteSecretAccount(id);
    if (typeof secret === 'string') await this.#secrets.set(account, secret);
    else if (secret === null && previous?.hasSecret === true) await this.#secrets.delete(account);
    try {
      this.#mutate((document) => {
        const index = document.sites.findIndex((s) => s.id === id);
        if (index === -1) document.sites.push(site);
        else document.sites[index] = site;
      });
    } catch (error) {
      // A new site whose file write failed must not leave its password behind in the keychain.
      if (typeof secret === 'string' && previous === undefined)
        await this.#secrets.delete(account).catch(() => false);
      throw error;
    }
    return cloneSite(site);
  }

  /** Removes a site and its secret; false when there was no such site. Throws if the secret cannot be deleted. */
  async delete(id: string): Promise<boolean> {
    const site = this.#fresh().sites.find((s) => s.id === id);
    if (site === undefined) return false;
    if (site.hasSecret) await this.#secrets.delete(siteSecretAccount(id));
    this.#mutate((document) => {
      document.sites = document.sites.filter((s) => s.id !== id);
    });
    return true;
  }

  /** The site's password (or key passphrase); null when none is saved. */
  async secret(id: string): Promise<string | null> {
    const site = this.#document.sites.find((s) => s.id === id);
    if (site === undefined || !site.hasSecret) return null;
    return this.#secrets.get(siteSecretAccount(id));
  }

  toConnectionTarget(site: Site, secret: string | null): ConnectionTarget {
    return toConnectionTarget(site, secret);
  }

  /** The connection target of a saved site, with its secret from the keychain when one is stored. */
  async target(id: string): Promise<ConnectionTarget> {
    const site = this.get(id);
    if (site === undefined) {
      throw new FerryError('NOT_FOUND', `No saved site has the id ${id}`, {
        hint: 'It may have been deleted; reopen the site manager.',
      });
    }
    return toConnectionTarget(site, await this.secret(id));
  }

  resolveSiteRef(ref: string): ResolvedSiteRef {
    return resolveSiteRef(ref, this.#document.sites);
  }

  /**
   * `keepPasswords: false` drops the passwords the file holds, for a caller whose secret store
   * would forget them when it exits (the CLI without a keychain): those sites ask instead.
   */
  async importFileZilla(xmlText: string, options: ImportOptions = {}): Promise<ImportReport> {
    const report = await this.#import(parseFileZillaSiteManager(xmlText), options);
    report.warnings.push(...fileZillaNotices(report, this.#secrets.kind));
    return report;
  }

  async importOpenSsh(
    configText: string,
    options: OpenSshImportOptions & ImportOptions = {},
  ): Promise<ImportReport> {
    return this.#import(parseOpenSshConfig(configText, options), options);
  }

  /** All sites as JSON, with no secrets: hasSecret is cleared since the secrets stay behind. */
  exportJson(): string {
    const sites = this.#fresh().sites.map((site) => ({ ...site, hasSecret: false }));
    return `${JSON.stringify({ format: 'ferry-sites', version: SITES_FORMAT_VERSION, sites }, undefined, 2)}\n`;
  }

  /**
   * Remembers a quick connection. Its password is kept only when the user asked, and then only in
   * the keychain; the file gets the target without it.
   */
  async addRecent(
    target: ConnectionTarget,
    options: { savePassword?: boolean } = {},
  ): Promise<RecentConnection> {
    const key = recentKey(target);
    const previous = this.#fresh().recent.find((r) => r.key === key);
    let hasSecret = previous?.hasSecret ?? false;
    if (options.savePassword === true && target.password !== undefined) {
      await this.#secrets.set(recentSecretAccount(key), target.password);
      hasSecret = true;
    }
    const entry: RecentConnection = {
      key,
      target: withoutSecrets(target),
      lastUsed: this.#now().getTime(),
      hasSecret,
    };
    let evicted: RecentConnection[] = [];
    this.#mutate((document) => {
      const others = document.recent.filter((r) => r.key !== key);
      document.recent = [entry, ...others].slice(0, MAX_RECENT);
      evicted = others.slice(MAX_RECENT - 1);
    });
    for (const old of evicted) if (old.hasSecret) await this.#secrets.delete(recentSecretAccount(old.key));
    return structuredClone(entry);
  }

  /** Most recent first. */
  recent(): RecentConnection[] {
    return structuredClone(this.#document.recent);
  }

  async recentSecret(key: string): Promise<string | null> {
    const entry = this.#document.recent.find((r) => r.key === key);
    if (entry === undefined || !entry.hasSecret) return null;
    return this.#secrets.get(recentSecretAccount(key));
  }

  async #import(parsed: ParsedImport, options: ImportOptions): Promise<ImportReport> {
    const secrets = options.keepPasswords === false ? null : this.#secrets;
    const { added, report } = await admitImported(parsed, this.#fresh().sites, secrets);
    if (added.length > 0) {
      this.#mutate((document) => {
        document.sites.push(...added);
      });
    }
    return report;
  }

  /**
   * The document as it is on disk now. If the file went bad since it was opened it is set aside
   * (and reported), and the copy in memory, which was valid, carries on; the same when the file
   * has disappeared, so the next write puts the user's sites back.
   */
  #fresh(): SitesDocument {
    const read = readSitesFile(this.path, this.#now());
    this.#problems.push(...read.problems);
    if (!read.unusable && !read.missing) this.#document = read.document;
    return this.#document;
  }

  #mutate(change: (document: SitesDocument) => void): void {
    const document = structuredClone(this.#fresh());
    change(document);
    this.#write(document);
    this.#document = document;
  }

  #write(document: SitesDocument): void {
    try {
      this.#conf.store = document;
    } catch (error) {
      throw new FerryError(
        'SITE_STORE',
        `Cannot save the sites file ${this.path}: ${(error as Error).message}`,
        {
          hint: 'Check free disk space and that the folder is writable.',
          cause: error,
        },
      );
    }
  }
}

function cloneSite(site: Site): Site {
  return structuredClone(site);
}
