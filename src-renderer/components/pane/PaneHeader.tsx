import { IconButton } from '../common/IconButton.js';
import { Icon } from '../common/Icon.js';
import { PathBar } from './PathBar.js';
import type { PaneModel } from './use-pane-model.js';

interface PaneHeaderProps {
  side: string;
  title: string;
  /** A short name beside the title (the remote host); `subtitleTip` holds the full label. */
  subtitle?: string;
  subtitleTip?: string;
  model: PaneModel;
  filter: string;
  onFilter: (value: string) => void;
  onUp: () => void;
  disabled: boolean;
  showTree: boolean;
  onShowTree: (show: boolean) => void;
}

export function PaneHeader(props: PaneHeaderProps) {
  const { side, title, model, filter, onFilter, onUp, disabled, showTree, onShowTree } = props;
  return (
    <div className="pane-header">
      <div className="pane-title-row">
        <h2 className="pane-title">
          <Icon name={side === 'local' ? 'folder' : 'server'} />
          <span className="pane-title-text">{title}</span>
          {props.subtitle && (
            <span
              className="pane-subtitle"
              title={props.subtitleTip ?? props.subtitle}
              data-testid={`${side}-subtitle`}
            >
              {props.subtitle}
            </span>
          )}
        </h2>
        <div className="pane-nav" role="toolbar" aria-label={`${title} navigation`}>
          <IconButton
            icon="tree"
            label="Folder tree"
            pressed={showTree}
            disabled={disabled}
            onClick={() => onShowTree(!showTree)}
            className="btn-toggle"
            data-testid={`${side}-toggle-tree`}
          />
          <IconButton
            icon="back"
            label="Back"
            disabled={disabled || !model.canBack}
            onClick={model.back}
            data-testid={`${side}-back`}
          />
          <IconButton
            icon="forward"
            label="Forward"
            disabled={disabled || !model.canForward}
            onClick={model.forward}
            data-testid={`${side}-forward`}
          />
          <IconButton
            icon="up"
            label="Up one folder"
            disabled={disabled}
            onClick={onUp}
            data-testid={`${side}-up`}
          />
          <IconButton
            icon="refresh"
            label="Refresh"
            disabled={disabled}
            onClick={model.refresh}
            className={model.loading ? 'spinning' : undefined}
            data-testid={`${side}-refresh`}
          />
        </div>
        <label className="filter-box">
          <Icon name="filter" />
          <input
            type="search"
            placeholder="Filter"
            aria-label={`Filter ${title} files`}
            data-testid={`${side}-filter`}
            value={filter}
            disabled={disabled}
            onChange={(e) => onFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') onFilter('');
            }}
          />
        </label>
      </div>
      <PathBar
        key={model.path}
        side={side}
        path={model.path}
        disabled={disabled}
        onNavigate={model.navigate}
      />
    </div>
  );
}
