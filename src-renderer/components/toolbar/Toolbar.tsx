import { IconButton } from '../common/IconButton.js';
import { QuickConnect } from './QuickConnect.js';

interface ToolbarProps {
  compare: boolean;
  sync: boolean;
  onCompare: (on: boolean) => void;
  onSync: (on: boolean) => void;
  onSiteManager: () => void;
}

export function Toolbar({ compare, sync, onCompare, onSync, onSiteManager }: ToolbarProps) {
  return (
    <header className="toolbar" aria-label="Main toolbar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">F</span>
        <span className="brand-name">Ferry</span>
      </div>
      <IconButton
        icon="sites"
        label="Site Manager"
        text="Sites"
        onClick={onSiteManager}
        data-testid="open-site-manager"
        className="btn-toolbar"
      />
      <div className="toolbar-divider" />
      <QuickConnect />
      <div className="toolbar-spacer" />
      <IconButton
        icon="compare"
        label="Directory comparison"
        text="Compare"
        pressed={compare}
        onClick={() => onCompare(!compare)}
        data-testid="toggle-compare"
        className="btn-toolbar btn-toggle"
      />
      <IconButton
        icon="sync"
        label="Synchronized browsing"
        text="Sync"
        pressed={sync}
        onClick={() => onSync(!sync)}
        data-testid="toggle-sync"
        className="btn-toolbar btn-toggle"
      />
    </header>
  );
}
