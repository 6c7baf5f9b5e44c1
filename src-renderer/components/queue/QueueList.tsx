import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useApp } from '../../hooks/app-context.js';
import type { QueueTab } from '../../state/queue-store.js';
import { startUnlessHeld } from '../../state/start-unless-held.js';
import { ContextMenu, type MenuItem } from '../common/ContextMenu.js';
import { QueueRowView, type QueueAction } from './QueueRowView.js';

const ROW_HEIGHT = 40;

const EMPTY_TEXT: Record<QueueTab, string> = {
  queued: 'Nothing waiting. Drag files between the panes to transfer them.',
  active: 'No transfer is running.',
  failed: 'No failed transfers.',
  done: 'Finished transfers appear here.',
};

/** The virtualized list of one queue tab; its id list changes only when membership does. */
export function QueueList({ tab }: { tab: QueueTab }) {
  const app = useApp();
  const api = app.client.api;
  const store = app.queue;
  const ids = useSyncExternalStore(
    (l) => store.subscribeList(l),
    () => store.idsFor(tab),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  // TanStack Virtual re-renders through its own state; Ferry does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const onAction = useCallback(
    (id: string, action: QueueAction) => {
      const calls: Record<QueueAction, () => Promise<unknown>> = {
        pause: () => api['queue.pause']([id]),
        resume: () => startUnlessHeld(api, store, () => api['queue.resume']([id])),
        cancel: () => api['queue.cancel']([id]),
        retry: () => startUnlessHeld(api, store, () => api['queue.retry']([id])),
        remove: () => api['queue.remove']([id]),
      };
      void app.run(`Could not ${action} the transfer`, calls[action]);
    },
    [api, app, store],
  );
  const onMenu = useCallback((id: string, x: number, y: number) => setMenu({ id, x, y }), []);
  const closeMenu = useCallback(() => setMenu(null), []);

  const menuItems = (id: string): MenuItem[] => {
    const run = (title: string, call: () => Promise<void>) => () => void app.run(title, call);
    const priority = (p: 1 | 2 | 3 | 4 | 5, label: string): MenuItem => ({
      id: `priority-${p}`,
      label: `Priority: ${label}`,
      onSelect: run('Could not change the priority', () => api['queue.setPriority']([id], p)),
    });
    const move = (where: 'top' | 'up' | 'down' | 'bottom', label: string): MenuItem => ({
      id: `move-${where}`,
      label,
      icon:
        where === 'top'
          ? 'arrowTop'
          : where === 'bottom'
            ? 'arrowBottom'
            : where === 'up'
              ? 'chevronUp'
              : 'chevronDown',
      onSelect: run('Could not move the transfer', () => api['queue.move']([id], where)),
    });
    return [
      move('top', 'Move to top'),
      move('up', 'Move up'),
      move('down', 'Move down'),
      move('bottom', 'Move to bottom'),
      { kind: 'separator' },
      priority(5, 'highest'),
      priority(4, 'high'),
      priority(3, 'normal'),
      priority(2, 'low'),
      priority(1, 'lowest'),
    ];
  };

  // Keyboard: arrows pick a row, Delete cancels a running transfer or removes a finished one,
  // Enter retries a failed one, Space pauses or resumes.
  const onKeyDown = (event: React.KeyboardEvent): void => {
    const index = selected === null ? -1 : ids.indexOf(selected);
    const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (move !== 0) {
      event.preventDefault();
      const next = ids[Math.max(0, Math.min(ids.length - 1, index + move))];
      if (next !== undefined) {
        setSelected(next);
        virtualizer.scrollToIndex(ids.indexOf(next), { align: 'auto' });
      }
      return;
    }
    const row = selected === null ? undefined : store.getRow(selected);
    if (!row || selected === null) return;
    const state = row.item.state;
    const busy = state === 'active' || state === 'verifying' || state === 'queued' || state === 'paused';
    if (event.key === 'Delete') onAction(selected, busy ? 'cancel' : 'remove');
    else if (event.key === 'Enter' && state === 'failed') onAction(selected, 'retry');
    else if (event.key === ' ' && (state === 'queued' || state === 'active')) onAction(selected, 'pause');
    else if (event.key === ' ' && state === 'paused') onAction(selected, 'resume');
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      aria-activedescendant={
        selected !== null && ids.includes(selected) ? `queue-row-${selected}` : undefined
      }
      className="queue-list"
      role="grid"
      aria-label={`${tab} transfers`}
      aria-rowcount={ids.length}
      tabIndex={0}
      data-testid={`queue-list-${tab}`}
    >
      {ids.length === 0 && <div className="list-empty">{EMPTY_TEXT[tab]}</div>}
      <div className="list-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const id = ids[v.index];
          if (id === undefined) return null;
          return (
            <QueueRowView
              key={id}
              id={id}
              index={v.index}
              top={v.start}
              store={store}
              selected={selected === id}
              onAction={onAction}
              onSelect={setSelected}
              onMenu={onMenu}
            />
          );
        })}
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          label="Transfer actions"
          items={menuItems(menu.id)}
          onClose={closeMenu}
        />
      )}
    </div>
  );
}
