import { useEffect, useRef, useState } from 'react';
import type { FileEntry } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';
import { breadcrumbs, joinPath } from '../../logic/paths.js';
import { Icon } from '../common/Icon.js';

interface FolderTreeProps {
  side: string;
  sessionId: string;
  path: string;
  entries: readonly FileEntry[];
  onNavigate: (path: string) => void;
}

type Children = string[] | 'loading' | 'failed';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function folderNames(entries: readonly FileEntry[]): string[] {
  return entries
    .filter((e) => e.type === 'dir')
    .map((e) => e.name)
    .sort(collator.compare);
}

/**
 * The optional folder tree beside a pane's list: the current folder's ancestors open, each
 * listed once and cached; other folders expand on demand. The current folder's own children
 * come from the pane's listing, so the tree costs no extra request there.
 */
export function FolderTree({ side, sessionId, path, entries, onNavigate }: FolderTreeProps) {
  const app = useApp();
  const [cache, setCache] = useState<{ sessionId: string; map: ReadonlyMap<string, Children> }>({
    sessionId,
    map: new Map(),
  });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const containerRef = useRef<HTMLDivElement>(null);
  const known = cache.sessionId === sessionId ? cache.map : new Map<string, Children>();
  const crumbs = breadcrumbs(path);
  const ancestors = crumbs.slice(0, -1).map((c) => c.path);

  const fetchChildren = async (dir: string): Promise<void> => {
    const put = (value: Children): void =>
      setCache((c) => ({ sessionId, map: new Map(c.sessionId === sessionId ? c.map : []).set(dir, value) }));
    try {
      const listing = await app.client.api['fs.list'](sessionId, dir);
      put(folderNames(listing.entries));
    } catch {
      put('failed');
    }
  };

  // Ancestors of the current folder are listed once so their siblings show.
  const missing = ancestors.filter((a) => !known.has(a)).join('\n');
  useEffect(() => {
    for (const dir of missing ? missing.split('\n') : []) void fetchChildren(dir);
    // fetchChildren is recreated each render; the set of folders to fetch is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [missing, sessionId]);

  // Keep the current folder in view as the pane moves (or once its ancestors have loaded).
  const loadedAncestors = ancestors.filter((a) => Array.isArray(known.get(a))).length;
  useEffect(() => {
    containerRef.current?.querySelector('.current')?.scrollIntoView({ block: 'nearest' });
  }, [path, loadedAncestors]);

  const childrenOf = (dir: string): Children | undefined =>
    dir === path ? folderNames(entries) : known.get(dir);
  const isOpen = (dir: string): boolean => dir === path || ancestors.includes(dir) || open.has(dir);

  const toggle = (dir: string): void => {
    const next = new Set(open);
    if (next.has(dir)) next.delete(dir);
    else {
      next.add(dir);
      if (!known.has(dir) && dir !== path) {
        setCache((c) => ({
          sessionId,
          map: new Map(c.sessionId === sessionId ? c.map : []).set(dir, 'loading'),
        }));
        void fetchChildren(dir);
      }
    }
    setOpen(next);
  };

  const renderNode = (dir: string, label: string, depth: number) => {
    const expanded = isOpen(dir);
    const kids = expanded ? childrenOf(dir) : undefined;
    return (
      <li key={dir} role="treeitem" aria-expanded={expanded} aria-selected={dir === path} aria-label={label}>
        <div
          className={dir === path ? 'tree-row tree-dir current' : 'tree-row tree-dir'}
          style={{ paddingLeft: 4 + depth * 14 }}
        >
          <button
            type="button"
            className="tree-toggle"
            tabIndex={-1}
            aria-label={expanded ? `Collapse ${label}` : `Expand ${label}`}
            onClick={() => toggle(dir)}
          >
            <Icon name={expanded ? 'chevronDown' : 'chevronRight'} />
          </button>
          <button
            type="button"
            className="tree-label"
            aria-label={`Open ${dir}`}
            onClick={() => onNavigate(dir)}
          >
            <Icon name="folder" className="file-icon kind-folder" />
            <span>{label}</span>
          </button>
        </div>
        {Array.isArray(kids) && kids.length > 0 && (
          <ul role="group">{kids.map((name) => renderNode(joinPath(dir, name), name, depth + 1))}</ul>
        )}
        {kids === 'loading' && (
          <div className="tree-note" style={{ paddingLeft: 24 + depth * 14 }}>
            Loading…
          </div>
        )}
      </li>
    );
  };

  const root = crumbs[0];
  return (
    <div ref={containerRef} className="folder-tree" data-testid={`${side}-tree`}>
      <ul role="tree" aria-label={`${side} folders`}>
        {root && renderNode(root.path, root.label, 0)}
      </ul>
    </div>
  );
}
