/**
 * The connection an edited file goes back over. While its tab is open, the session's own (which
 * the registry re-makes after a drop). Once the user has closed the tab, the editor may still
 * be open with unsaved work: each save then logs in anew with what the session used (its
 * password is in memory only) and logs out after the upload.
 */
import type { SecurityInfo } from '../../src-shared/model.js';
import { FerryError } from '../../src-shared/errors.js';
import { keepingTls } from '../core/keeping-tls.js';
import type { Prompter } from '../core/prompter.js';
import type { Connector } from '../service/ports.js';
import type { SessionRegistry } from '../service/session-registry.js';
import type { EditConnection } from './edit-watcher.js';

export function sessionEditConnection(
  sessions: SessionRegistry,
  connector: Connector,
  prompter: Prompter,
  sessionId: string,
): EditConnection {
  const target = sessions.target(sessionId);
  const logger = sessions.log(sessionId);
  // What the session last had: a reconnect of an ftp:// site that had TLS requires it again.
  let security: SecurityInfo | null = null;
  return {
    async acquire() {
      if (sessions.isOpen(sessionId)) {
        const fs = await sessions.fs(sessionId);
        security = fs.security;
        return { fs, release: async () => {} };
      }
      if (target === 'local') throw new FerryError('INTERNAL', 'The local disk cannot be closed.');
      const fs = await connector(keepingTls(target, security), { logger, prompter });
      return { fs, release: () => fs.close() };
    },
  };
}
