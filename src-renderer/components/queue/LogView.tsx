import { useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useApp } from '../../hooks/app-context.js';
import { useSessionLabels } from '../../hooks/use-session-labels.js';
import { formatTime } from '../../logic/format.js';
import { maskSecrets } from '../../state/log-store.js';
import { IconButton } from '../common/IconButton.js';
import { Icon } from '../common/Icon.js';

const ROW_HEIGHT = 20;
const ARROWS = { sent: '→', received: '←', info: '·', error: '!' } as const;

/** The protocol log: virtualized, filterable, follows the end unless scrolled up, copyable. */
export function LogView() {
  const app = useApp();
  const lines = useSyncExternalStore(
    (l) => app.log.subscribe(l),
    () => app.log.getLines(),
  );
  // Lines name their session by id; show the tab's label (ids of closed sessions stay as they are).
  const labels = useSessionLabels();
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter.toLowerCase());
  const labelOf = (sessionId: string): string => labels.get(sessionId) ?? sessionId;
  // The filter matches what each line shows (its session's label and its masked text), so
  // whatever the user reads in the log is something they can filter by.
  const shown = useMemo(
    () =>
      deferred
        ? lines.filter(
            (l) =>
              maskSecrets(l.text).toLowerCase().includes(deferred) ||
              (labels.get(l.sessionId) ?? l.sessionId).toLowerCase().includes(deferred),
          )
        : lines,
    [lines, deferred, labels],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  // TanStack Virtual re-renders through its own state; Ferry does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  useEffect(() => {
    if (follow.current && shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown.length, virtualizer]);

  const copy = (): void => {
    const text = shown
      .map(
        (l) => `${formatTime(l.time)} ${labelOf(l.sessionId)} ${ARROWS[l.direction]} ${maskSecrets(l.text)}`,
      )
      .join('\n');
    navigator.clipboard.writeText(text).then(
      () => app.toasts.show({ kind: 'success', title: `Copied ${shown.length.toLocaleString()} log lines` }),
      (error: unknown) => app.reportError('Could not copy the log', error),
    );
  };

  return (
    <div className="log-view" data-testid="log-view">
      <div className="log-toolbar">
        <label className="filter-box">
          <Icon name="filter" />
          <input
            type="search"
            placeholder="Filter log"
            aria-label="Filter log"
            data-testid="log-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        <span className="muted">{shown.length.toLocaleString()} lines</span>
        <span className="toolbar-spacer" />
        <IconButton icon="copy" label="Copy log" text="Copy" onClick={copy} data-testid="log-copy" />
        <IconButton
          icon="eraser"
          label="Clear log"
          text="Clear"
          onClick={() => app.log.clear()}
          data-testid="log-clear"
        />
      </div>
      <div
        ref={scrollRef}
        className="log-lines"
        role="log"
        aria-label="Protocol log"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
        }}
      >
        <div className="list-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const line = shown[v.index];
            if (!line) return null;
            return (
              <div
                key={v.key}
                className={`log-line log-${line.direction}`}
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <span className="log-time">{formatTime(line.time)}</span>
                <span className="log-session" title={labelOf(line.sessionId)}>
                  {labelOf(line.sessionId)}
                </span>
                <span className="log-dir">{ARROWS[line.direction]}</span>
                <span className="log-text">{maskSecrets(line.text)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
