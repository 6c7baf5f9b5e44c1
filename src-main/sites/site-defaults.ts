import { randomUUID } from 'node:crypto';
import type { Protocol, Site } from '../../src-shared/model.js';

const DEFAULT_PORTS: Readonly<Record<Protocol, number>> = {
  ftp: 21,
  ftpes: 21,
  'ftp-insecure': 21,
  ftps: 990,
  sftp: 22,
};

export function defaultPort(protocol: Protocol): number {
  return DEFAULT_PORTS[protocol];
}

/** FileZilla's own default for parallel transfers per site. */
export const DEFAULT_MAX_CONNECTIONS = 2;
/** Charset value meaning "UTF-8 if the server offers it, else the server's own" (FileZilla's Auto). */
export const AUTO_CHARSET = 'auto';

export function newSiteId(): string {
  return randomUUID();
}

export type SiteFields = Partial<Site> & Pick<Site, 'name' | 'host' | 'protocol'>;

/** A complete site from the few fields a person must give; everything else takes the usual default. */
export function createSite(fields: SiteFields): Site {
  return {
    id: newSiteId(),
    folder: [],
    port: defaultPort(fields.protocol),
    logonType: 'normal',
    user: '',
    keyFile: '',
    transferMode: 'auto',
    charset: AUTO_CHARSET,
    asciiExtensions: [],
    maxConnections: DEFAULT_MAX_CONNECTIONS,
    localDir: '',
    remoteDir: '',
    comments: '',
    colour: '',
    bookmarks: [],
    hasSecret: false,
    ...fields,
  };
}

/** Where the site lives, for messages and `site:` references: `Folder/Sub/Name`. */
export function siteDisplayPath(site: Pick<Site, 'folder' | 'name'>): string {
  return [...site.folder, site.name].join('/');
}

/**
 * Two sites are the same entry when they reach the same account and sit at the same place in the
 * tree; re-running an import compares with this and skips what is already there.
 */
export function siteDuplicateKey(
  site: Pick<Site, 'protocol' | 'host' | 'port' | 'user' | 'folder' | 'name'>,
): string {
  return JSON.stringify([
    site.protocol,
    site.host.toLowerCase(),
    site.port,
    site.user,
    site.folder,
    site.name,
  ]);
}
