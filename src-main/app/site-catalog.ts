/** Adapts the site store to the service's port: the service speaks async, the store mostly sync. */
import type { SiteStore } from '../sites/index.js';
import type { SiteCatalog } from '../service/ports.js';

export function siteCatalog(store: SiteStore): SiteCatalog {
  return {
    list: async () => store.list(),
    save: (site, secret) => store.save(site, secret),
    delete: async (id) => {
      await store.delete(id);
    },
    importFileZilla: (xml) => store.importFileZilla(xml),
    importOpenSsh: (config) => store.importOpenSsh(config),
    exportJson: async () => store.exportJson(),
    target: (id) => store.target(id),
  };
}
