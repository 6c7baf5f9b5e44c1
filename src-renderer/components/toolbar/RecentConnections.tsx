import { useEffect, useRef, useState } from 'react';
import type { RecentConnection } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';
import { PROTOCOL_SHORT } from '../../logic/protocol-labels.js';
import { Icon } from '../common/Icon.js';
import { useConnect } from '../sessions/use-connect.js';

function label(entry: RecentConnection): string {
  const { target } = entry;
  const user = target.user ? `${target.user}@` : '';
  return `${user}${target.host}${target.port ? `:${target.port}` : ''}`;
}

/** The quick connections remembered by main (most recent first), one click to reopen. */
export function RecentConnections() {
  const app = useApp();
  const connect = useConnect();
  const [entries, setEntries] = useState<RecentConnection[] | null>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!entries) return;
    const close = (event: MouseEvent | KeyboardEvent): void => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !menu.current?.contains(event.target as Node)
      ) {
        setEntries(null);
      }
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [entries]);

  const open = async (): Promise<void> => {
    const list = await app.run('Could not read recent connections', () => app.client.api['sites.recent']());
    if (list) setEntries(list);
  };

  const reopen = (entry: RecentConnection): void => {
    setEntries(null);
    void connect(`Could not connect to ${entry.target.host}`, (api) =>
      api['session.connectRecent'](entry.key),
    );
  };

  return (
    <div className="recent-connections" ref={menu}>
      <button
        type="button"
        className="btn btn-icon"
        aria-label="Recent connections"
        title="Recent connections"
        aria-haspopup="menu"
        aria-expanded={entries !== null}
        data-testid="qc-recent"
        onClick={() => (entries ? setEntries(null) : void open())}
      >
        <Icon name="history" />
      </button>
      {entries && (
        <div className="context-menu recent-menu" role="menu" data-testid="qc-recent-menu">
          {entries.length === 0 && <div className="menu-empty">No recent connections yet.</div>}
          {entries.map((entry) => (
            <button
              key={entry.key}
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid={`qc-recent-${entry.target.host}-${entry.target.port ?? ''}`}
              onClick={() => reopen(entry)}
            >
              <span className="menu-icon">
                <Icon name={entry.hasSecret ? 'key' : 'server'} />
              </span>
              <span className="menu-label">{label(entry)}</span>
              <span className="menu-shortcut">{PROTOCOL_SHORT[entry.target.protocol]}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
