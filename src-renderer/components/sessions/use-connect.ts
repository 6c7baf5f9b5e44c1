import type { FerryApi } from '../../../src-shared/contract.js';
import type { SessionInfo } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';

/** Runs a connect call and makes the new session the active tab; failures become toasts. */
export function useConnect(): (
  title: string,
  start: (api: FerryApi) => Promise<SessionInfo>,
) => Promise<void> {
  const app = useApp();
  return async (title, start) => {
    const session = await app.run(title, () => start(app.client.api));
    if (!session) return;
    app.sessions.set((list) =>
      list.some((s) => s.id === session.id)
        ? list.map((s) => (s.id === session.id ? session : s))
        : [...list, session],
    );
    app.activeSessionId.set(session.id);
  };
}
