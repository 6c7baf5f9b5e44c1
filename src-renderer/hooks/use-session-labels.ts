import { useMemo } from 'react';
import { numberDuplicates, sessionLabel } from '../logic/session-label.js';
import { useApp } from './app-context.js';
import { useStore } from './use-store.js';

/** Session id → the label its tab shows (site name or user@host, "#2" for a repeat). */
export function useSessionLabels(): ReadonlyMap<string, string> {
  const app = useApp();
  const sessions = useStore(app.sessions);
  const sites = useStore(app.sites);
  return useMemo(() => {
    const siteNames = new Map(sites.map((s) => [s.id, s.name]));
    const labels = numberDuplicates(sessions.map((s) => sessionLabel(s, siteNames)));
    return new Map(sessions.map((s, i) => [s.id, labels[i] ?? s.label]));
  }, [sessions, sites]);
}
