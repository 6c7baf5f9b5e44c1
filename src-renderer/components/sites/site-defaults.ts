import type { Site } from '../../../src-shared/model.js';

export function newSite(folder: string[]): Site {
  return {
    id: crypto.randomUUID(),
    name: 'New site',
    folder,
    protocol: 'ftpes',
    host: '',
    port: 21,
    logonType: 'normal',
    user: '',
    keyFile: '',
    transferMode: 'auto',
    charset: 'UTF-8',
    asciiExtensions: [],
    maxConnections: 2,
    localDir: '',
    remoteDir: '',
    comments: '',
    colour: '',
    bookmarks: [],
    hasSecret: false,
  };
}

export interface SiteFolderNode {
  name: string;
  path: string[];
  folders: SiteFolderNode[];
  sites: Site[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sites grouped by their nested folder path, folders and sites sorted by name. */
export function buildSiteTree(sites: readonly Site[]): SiteFolderNode {
  const root: SiteFolderNode = { name: '', path: [], folders: [], sites: [] };
  for (const site of sites) {
    let node = root;
    for (const part of site.folder) {
      let child = node.folders.find((f) => f.name === part);
      if (!child) {
        child = { name: part, path: [...node.path, part], folders: [], sites: [] };
        node.folders.push(child);
      }
      node = child;
    }
    node.sites.push(site);
  }
  const sort = (node: SiteFolderNode): void => {
    node.folders.sort((a, b) => collator.compare(a.name, b.name));
    node.sites.sort((a, b) => collator.compare(a.name, b.name));
    node.folders.forEach(sort);
  };
  sort(root);
  return root;
}
