export { SiteStore, type SiteDraft, type SiteStoreOptions } from './site-store.js';
export { recentSecretAccount, siteSecretAccount } from './secret-accounts.js';
export {
  createSite,
  defaultPort,
  siteDisplayPath,
  siteDuplicateKey,
  type SiteFields,
} from './site-defaults.js';
export { toConnectionTarget } from './connection-target.js';
export { isSiteRef, resolveSiteRef, SITE_REF_PREFIX, type ResolvedSiteRef } from './site-ref.js';
export { parseFileZillaSiteManager } from './filezilla-import.js';
export {
  decodeFileZillaDir,
  encodeFileZillaUnixPath,
  formatFileZillaPath,
  parseFileZillaPath,
  type FileZillaPath,
} from './filezilla-path.js';
export { parseOpenSshConfig, type OpenSshImportOptions } from './openssh-import.js';
export type { ImportedSite, ParsedImport } from './imported-site.js';
export { MAX_RECENT, recentKey, type RecentConnection } from './recent-connection.js';
export { defaultSitesDir, SITES_FILE_NAME } from './sites-location.js';
export { readSitesFile, type SitesDocument, type SitesFileRead } from './sites-file.js';
