import { useState } from 'react';
import { breadcrumbs } from '../../logic/paths.js';
import { Icon } from '../common/Icon.js';

interface PathBarProps {
  side: string;
  path: string;
  disabled: boolean;
  onNavigate: (path: string) => void;
}

/** Breadcrumbs to click; click the empty space (or press Enter on it) to type a path. */
export function PathBar({ side, path, disabled, onNavigate }: PathBarProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(path);

  if (editing) {
    return (
      <input
        className="path-input"
        aria-label={`${side} path`}
        data-testid={`${side}-path-input`}
        value={draft}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => setEditing(false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft.trim()) {
            onNavigate(draft.trim());
            setEditing(false);
          }
          if (e.key === 'Escape') setEditing(false);
        }}
      />
    );
  }
  if (!path) {
    return (
      <nav className="path-bar" aria-label={`${side} path`} data-testid={`${side}-path`} data-path="">
        <span className="path-placeholder">{disabled ? 'No folder' : 'Loading…'}</span>
      </nav>
    );
  }
  const crumbs = breadcrumbs(path);
  return (
    <nav
      className="path-bar"
      aria-label={`${side} path`}
      data-testid={`${side}-path`}
      data-path={path}
      onClick={(e) => {
        if (disabled || e.target !== e.currentTarget) return;
        setDraft(path);
        setEditing(true);
      }}
    >
      {crumbs.map((crumb, i) => (
        <span key={crumb.path} className="crumb-wrap">
          {i > 0 && <Icon name="chevronRight" className="crumb-sep" />}
          <button
            type="button"
            className={i === crumbs.length - 1 ? 'crumb current' : 'crumb'}
            aria-label={`Go to ${crumb.path}`}
            aria-current={i === crumbs.length - 1 ? 'location' : undefined}
            disabled={disabled}
            onClick={() => onNavigate(crumb.path)}
          >
            {crumb.label}
          </button>
        </span>
      ))}
      <button
        type="button"
        className="path-edit"
        aria-label={`Edit ${side} path`}
        title="Type a path"
        disabled={disabled}
        data-testid={`${side}-path-edit`}
        onClick={() => {
          setDraft(path);
          setEditing(true);
        }}
      >
        <Icon name="edit" />
      </button>
    </nav>
  );
}
