/** Adapts the site store to the service's port: the service speaks async, the store mostly sync. */
import { FerryError } from '../../src-shared/errors.js';
import type { ConnectionTarget } from '../../src-shared/model.js';
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
    recent: async () => store.recent(),
    addRecent: async (target, savePassword) => {
      await store.addRecent(target, { savePassword });
    },
    recentTarget: async (key) => {
      const entry = store.recent().find((r) => r.key === key);
      if (!entry) throw new FerryError('NOT_FOUND', 'That recent connection is no longer remembered.');
      const target: ConnectionTarget = { ...entry.target };
      const password = await store.recentSecret(key);
      if (password !== null) target.password = password;
      return target;
    },
  };
}
