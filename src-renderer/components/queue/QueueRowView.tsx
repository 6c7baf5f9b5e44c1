import { memo, useSyncExternalStore } from 'react';
import type { TransferItem } from '../../../src-shared/model.js';
import type { QueueStore } from '../../state/queue-store.js';
import { formatEta, formatSize, formatSpeed, percent } from '../../logic/format.js';
import { baseName } from '../../logic/paths.js';
import { Icon } from '../common/Icon.js';
import { IconButton } from '../common/IconButton.js';

/** How a finished item ended, as the row shows it: a cancelled transfer is not a failure. */
type Outcome = 'cancelled' | 'skipped' | 'failed' | 'other';

function outcomeOf(item: TransferItem): Outcome {
  if (item.state === 'skipped') return 'skipped';
  if (item.state !== 'failed') return 'other';
  return item.error?.code === 'CANCELLED' ? 'cancelled' : 'failed';
}

export type QueueAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'remove';

interface QueueRowViewProps {
  id: string;
  index: number;
  top: number;
  store: QueueStore;
  selected: boolean;
  onAction: (id: string, action: QueueAction) => void;
  onSelect: (id: string) => void;
  onMenu: (id: string, x: number, y: number) => void;
}

/** One transfer. Subscribes to its own id only: a progress tick re-renders this row and nothing else. */
export const QueueRowView = memo(function QueueRowView(props: QueueRowViewProps) {
  const { id, index, top, store, selected, onAction, onSelect, onMenu } = props;
  const row = useSyncExternalStore(
    (listener) => store.subscribeRow(id, listener),
    () => store.getRow(id),
  );
  if (!row) return null;
  const { item } = row;
  const pct = percent(item.transferred, item.size);
  const name = baseName(item.source.path) || item.source.path;
  const running = item.state === 'active' || item.state === 'verifying';
  const outcome = outcomeOf(item);
  const stateClass = `queue-row q-state-${item.state} q-outcome-row-${outcome}${selected ? ' selected' : ''}`;
  return (
    <div
      role="row"
      id={`queue-row-${id}`}
      aria-rowindex={index + 1}
      aria-selected={selected}
      className={stateClass}
      style={{ transform: `translateY(${top}px)` }}
      data-testid={`queue-row-${name}`}
      data-state={item.state}
      onMouseDown={() => onSelect(id)}
      onContextMenu={(e) => {
        e.preventDefault();
        onSelect(id);
        onMenu(id, e.clientX, e.clientY);
      }}
    >
      <div role="gridcell" className="q-dir" title={item.direction}>
        <Icon
          name={item.direction === 'upload' ? 'upload' : item.direction === 'download' ? 'download' : 'copy'}
        />
      </div>
      <div role="gridcell" className="q-name">
        <span className="q-title">
          {name}
          {item.isDir && <span className="pill">folder</span>}
          {item.priority !== 3 && <span className="pill">P{item.priority}</span>}
        </span>
        <span className="q-path" title={`${item.source.path} → ${item.target.location}:${item.target.path}`}>
          {item.source.path} → {item.target.path}
        </span>
      </div>
      <div role="gridcell" className="q-progress">
        {outcome === 'failed' && item.error ? (
          <span className="q-error" data-testid="queue-error" title={item.error.hint ?? item.error.message}>
            {item.error.message}
            {item.error.reply && ` (${item.error.reply.code} ${item.error.reply.text})`}
          </span>
        ) : outcome === 'cancelled' || outcome === 'skipped' ? (
          <span
            className={`q-outcome q-outcome-${outcome}`}
            data-testid="queue-outcome"
            title={outcome === 'skipped' ? 'The target already existed and was left alone' : undefined}
          >
            {outcome === 'skipped' ? 'Skipped' : 'Cancelled'}
          </span>
        ) : (
          <>
            <div
              className="progress"
              role="progressbar"
              aria-label={`${name} progress`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct === null ? undefined : Math.round(pct)}
            >
              <div
                className="progress-fill"
                style={{ width: `${pct ?? (item.state === 'done' ? 100 : 0)}%` }}
              />
            </div>
            <span className="q-pct">
              {item.state === 'verifying'
                ? 'verifying'
                : item.state === 'paused'
                  ? 'paused'
                  : pct === null
                    ? ''
                    : `${Math.floor(pct)}%`}
            </span>
          </>
        )}
      </div>
      <div role="gridcell" className="q-size">
        {outcome === 'skipped'
          ? formatSize(item.size)
          : item.size === null
            ? formatSize(item.transferred)
            : `${formatSize(item.transferred)} / ${formatSize(item.size)}`}
      </div>
      <div
        role="gridcell"
        className="q-speed"
        title={
          item.state === 'done' && item.verifiedBy
            ? item.verifiedBy === 'size'
              ? 'Arrived intact: the sizes on both sides match'
              : `Arrived intact: the ${item.verifiedBy.toUpperCase()} checksums match`
            : undefined
        }
      >
        {item.state === 'active'
          ? formatSpeed(row.bytesPerSecond) || '…'
          : item.state === 'done' && item.verifiedBy
            ? `✓ ${item.verifiedBy === 'size' ? 'size' : item.verifiedBy.toUpperCase()}`
            : ''}
      </div>
      <div role="gridcell" className="q-eta">
        {item.state === 'active' ? formatEta(row.etaSeconds) : ''}
      </div>
      <div role="gridcell" className="q-actions">
        {(item.state === 'queued' || item.state === 'active') && (
          <IconButton
            icon="pause"
            label={`Pause ${name}`}
            onClick={() => onAction(id, 'pause')}
            data-testid="queue-pause"
          />
        )}
        {item.state === 'paused' && (
          <IconButton
            icon="play"
            label={`Resume ${name}`}
            onClick={() => onAction(id, 'resume')}
            data-testid="queue-resume"
          />
        )}
        {item.state === 'failed' && (
          <IconButton
            icon="retry"
            label={`Retry ${name}`}
            onClick={() => onAction(id, 'retry')}
            data-testid="queue-retry"
          />
        )}
        {(running || item.state === 'queued' || item.state === 'paused') && (
          <IconButton
            icon="stop"
            label={`Cancel ${name}`}
            onClick={() => onAction(id, 'cancel')}
            data-testid="queue-cancel"
          />
        )}
        {!running && (
          <IconButton
            icon="close"
            label={`Remove ${name}`}
            onClick={() => onAction(id, 'remove')}
            data-testid="queue-remove"
          />
        )}
      </div>
    </div>
  );
});
