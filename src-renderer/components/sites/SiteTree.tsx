import type { Site } from '../../../src-shared/model.js';
import { PROTOCOL_LABELS, PROTOCOL_SHORT } from '../../logic/protocol-labels.js';
import { Icon } from '../common/Icon.js';
import type { SiteFolderNode } from './site-defaults.js';

interface SiteTreeProps {
  tree: SiteFolderNode;
  selectedId: string | null;
  onSelect: (site: Site) => void;
  onConnect: (site: Site) => void;
  /** A new site being filled in, not saved yet: listed at the end so the form has a row. */
  unsavedName?: string;
}

function FolderNode({ node, depth, ...props }: SiteTreeProps & { node: SiteFolderNode; depth: number }) {
  return (
    <>
      {node.folders.map((folder) => (
        <li key={folder.name} role="treeitem" aria-expanded="true" aria-label={`Folder ${folder.name}`}>
          <div className="tree-row tree-folder" style={{ paddingLeft: 8 + depth * 16 }}>
            <Icon name="folder" className="file-icon kind-folder" />
            <span>{folder.name}</span>
          </div>
          <ul role="group">
            <FolderNode {...props} node={folder} depth={depth + 1} />
          </ul>
        </li>
      ))}
      {node.sites.map((site) => (
        <li key={site.id} role="treeitem" aria-selected={props.selectedId === site.id} aria-label={site.name}>
          <button
            type="button"
            className={props.selectedId === site.id ? 'tree-row tree-site selected' : 'tree-row tree-site'}
            style={{ paddingLeft: 8 + depth * 16 }}
            data-testid={`site-item-${site.name}`}
            aria-label={`Site ${site.name}`}
            onClick={() => props.onSelect(site)}
            onDoubleClick={() => props.onConnect(site)}
          >
            <Icon name="server" className="file-icon" />
            <span>{site.name}</span>
            <small
              className={site.protocol === 'ftp-insecure' ? 'protocol-tag insecure' : 'protocol-tag'}
              title={PROTOCOL_LABELS[site.protocol]}
            >
              {PROTOCOL_SHORT[site.protocol]}
            </small>
          </button>
        </li>
      ))}
    </>
  );
}

export function SiteTree(props: SiteTreeProps) {
  const empty = props.tree.folders.length === 0 && props.tree.sites.length === 0;
  return (
    <ul className="site-tree" role="tree" aria-label="Saved sites" data-testid="site-tree">
      {empty && props.unsavedName === undefined && <li className="muted tree-empty">No saved sites yet.</li>}
      <FolderNode {...props} node={props.tree} depth={0} />
      {props.unsavedName !== undefined && (
        <li role="treeitem" aria-selected="true" aria-label={`${props.unsavedName || 'New site'}, not saved`}>
          <div className="tree-row tree-site selected tree-unsaved" data-testid="site-item-unsaved">
            <Icon name="server" className="file-icon" />
            <span>{props.unsavedName || 'New site'}</span>
            <small className="protocol-tag">Not saved</small>
          </div>
        </li>
      )}
    </ul>
  );
}
