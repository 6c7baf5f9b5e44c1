import type { FileEntry } from '../../../src-shared/model.js';
import type { MenuItem } from '../common/ContextMenu.js';
import type { PaneActions } from './use-pane-actions.js';

interface MenuContext {
  side: 'local' | 'remote';
  targets: FileEntry[];
  canTransfer: boolean;
  actions: PaneActions;
  open(entry: FileEntry): void;
  startRename(name: string): void;
  newFolder(): void;
  refresh(): void;
}

/** The pane's context menu: what applies to the selection, then what applies to the folder. */
export function paneMenu(ctx: MenuContext): MenuItem[] {
  const { side, targets, actions } = ctx;
  const names = targets.map((t) => t.name);
  const none = targets.length === 0;
  const single = targets.length === 1 ? targets[0] : undefined;
  const upload = side === 'local';
  const items: MenuItem[] = [
    {
      id: upload ? 'upload' : 'download',
      label: upload ? 'Upload' : 'Download',
      icon: upload ? 'upload' : 'download',
      shortcut: 'Enter',
      disabled: none || !ctx.canTransfer,
      onSelect: () => actions.transfer(names),
    },
    {
      id: 'queue',
      label: 'Add to queue',
      icon: 'list',
      disabled: none || !ctx.canTransfer,
      onSelect: () => actions.transfer(names, { paused: true }),
    },
    { kind: 'separator' },
    {
      id: 'open',
      label: single?.type === 'dir' ? 'Open' : 'Open / Edit',
      icon: single?.type === 'dir' ? 'folder' : 'external',
      disabled: !single || (single.type !== 'dir' && side === 'local'),
      onSelect: () => {
        if (!single) return;
        if (single.type === 'dir') ctx.open(single);
        else actions.edit(single.name);
      },
    },
    {
      id: 'rename',
      label: 'Rename',
      icon: 'rename',
      shortcut: 'F2',
      disabled: !single,
      onSelect: () => single && ctx.startRename(single.name),
    },
    {
      id: 'delete',
      label: 'Delete',
      icon: 'trash',
      shortcut: 'Del',
      disabled: none,
      onSelect: () => actions.remove(names),
    },
    {
      id: 'chmod',
      label: 'Permissions…',
      icon: 'lock',
      disabled: none,
      onSelect: () => actions.chmod(targets),
    },
    {
      id: 'copy-url',
      label: 'Copy URL',
      icon: 'link',
      disabled: none,
      onSelect: () => actions.copyUrl(names),
    },
    { kind: 'separator' },
    { id: 'mkdir', label: 'New folder…', icon: 'newFolder', shortcut: 'F7', onSelect: ctx.newFolder },
    { id: 'refresh', label: 'Refresh', icon: 'refresh', shortcut: 'F5', onSelect: ctx.refresh },
  ];
  return items;
}
