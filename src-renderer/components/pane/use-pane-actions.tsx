import type { FileEntry, SessionInfo } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';
import type { EnqueueRequest } from '../../../src-shared/contract.js';
import { pathsOfDroppedFiles } from '../../api/os-drop.js';
import { baseName, joinPath } from '../../logic/paths.js';
import { planMoves } from '../../logic/move-plan.js';
import { applyModeChange, modeFromPermissions } from '../../logic/permissions.js';
import { planTransfers, type DragPayload } from '../../logic/transfer-plan.js';
import { urlOf } from '../../logic/url-of.js';
import { ChmodDialog } from '../dialogs/ChmodDialog.js';
import { sessionLabel } from '../../logic/session-label.js';
import { startUnlessHeld } from '../../state/start-unless-held.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { useDialogs } from '../dialogs/dialog-context.js';
import { TextInputDialog } from '../dialogs/TextInputDialog.js';
import type { PaneModel } from './use-pane-model.js';

export interface PaneActions {
  transfer(names: string[], options?: { paused?: boolean }): void;
  dropFrom(payload: DragPayload, folder: string | null): void;
  /** Rows of this pane dropped on one of its folders: they move into it. */
  moveInto(payload: DragPayload, folder: string): void;
  /** Files dragged in from the OS: uploads into this (remote) pane. */
  dropOsFiles(files: FileList, folder: string | null): void;
  remove(names: string[]): void;
  mkdir(onCreated: (name: string) => void): void;
  rename(from: string, to: string): void;
  chmod(entries: FileEntry[]): void;
  edit(name: string): void;
  copyUrl(names: string[]): void;
}

function validName(value: string): string | null {
  if (!value.trim()) return 'Enter a name.';
  if (/[/\\\0\r\n]/.test(value)) return 'A name cannot contain slashes or line breaks.';
  return null;
}

/** Why files dropped from the OS cannot be uploaded by this pane (`sessionId` its session). */
function osDropRefusal(sessionId: string | null): { title: string; detail: string } {
  if (sessionId === 'local')
    return {
      title: 'Drop files on the remote pane to upload them',
      detail: 'The local pane already shows your computer’s files.',
    };
  if (!sessionId) return { title: 'Connect to a server first', detail: 'Then drop the files again.' };
  return {
    title: 'Drag files in from the local pane',
    detail: 'In the browser Ferry cannot see where a dropped file lives on disk; the desktop app can.',
  };
}

/** A name the folder already shows (exact match: most servers tell case apart). */
function nameTaken(entries: readonly FileEntry[], value: string): string | null {
  const name = value.trim();
  return entries.some((e) => e.name === name) ? `“${name}” already exists here.` : null;
}

/** What the menu, the keys and drag and drop do to one pane's files. */
export function usePaneActions(pane: PaneModel, other: PaneModel, session: SessionInfo | null): PaneActions {
  const app = useApp();
  const api = app.client.api;
  const openDialog = useDialogs();
  const sessionId = pane.sessionId;

  const enqueue = (
    from: { sessionId: string | null; dir: string },
    names: readonly string[],
    to: { sessionId: string | null; dir: string },
    paused: boolean,
  ): void => {
    if (!from.sessionId || !to.sessionId) {
      app.toasts.show({
        kind: 'info',
        title: 'Connect to a server first',
        detail: 'Transfers need a remote pane.',
      });
      return;
    }
    const requests = planTransfers(
      { sessionId: from.sessionId, dir: from.dir },
      names,
      { sessionId: to.sessionId, dir: to.dir },
      { paused },
    );
    if (requests.length === 0) return;
    void app.run('Could not add to the queue', async () => {
      const wait = await startUnlessHeld(api, app.queue, () => api['queue.add'](requests), { paused });
      const what = requests.length === 1 ? `“${names[0]}”` : `${requests.length} items`;
      app.toasts.show({
        kind: 'success',
        title: wait ? `Added ${what} to the queue` : `Transferring ${what}`,
      });
    });
  };

  return {
    transfer(names, options) {
      enqueue(
        { sessionId, dir: pane.path },
        names,
        { sessionId: other.sessionId, dir: other.path },
        !!options?.paused,
      );
    },
    dropFrom(payload, folder) {
      const dir = folder ? joinPath(pane.path, folder) : pane.path;
      enqueue({ sessionId: payload.sessionId, dir: payload.dir }, payload.names, { sessionId, dir }, false);
    },
    moveInto(payload, folder) {
      if (!sessionId || payload.sessionId !== sessionId) return;
      const moves = planMoves(payload, joinPath(pane.path, folder));
      if (moves.length === 0) return;
      void app.run(`Could not move into “${folder}”`, async () => {
        try {
          for (const move of moves) await api['fs.rename'](sessionId, move.from, move.to);
        } finally {
          // Those moved before a failure are gone from here too.
          pane.refresh();
        }
      });
    },
    dropOsFiles(files, folder) {
      if (files.length === 0) return;
      // The list accepts every file drag, so a drop that cannot upload says why rather than vanish.
      const paths = sessionId && sessionId !== 'local' ? pathsOfDroppedFiles(files) : null;
      if (!sessionId || !paths) {
        app.toasts.show({ kind: 'info', ...osDropRefusal(sessionId) });
        return;
      }
      const dir = folder ? joinPath(pane.path, folder) : pane.path;
      const requests = paths.map((p): EnqueueRequest => ({
        direction: 'upload',
        sessionId,
        sourcePath: p,
        targetPath: joinPath(dir, baseName(p)),
      }));
      if (requests.length === 0) return;
      void app.run('Could not add to the queue', async () => {
        const wait = await startUnlessHeld(api, app.queue, () => api['queue.add'](requests));
        const what = requests.length === 1 ? `“${baseName(paths[0] ?? '')}”` : `${requests.length} items`;
        app.toasts.show({
          kind: 'success',
          title: wait ? `Added ${what} to the queue` : `Uploading ${what}`,
        });
      });
    },
    remove(names) {
      if (!sessionId || names.length === 0) return;
      const paths = names.map((n) => joinPath(pane.path, n));
      openDialog((close) => (
        <ConfirmDialog
          title={names.length === 1 ? 'Delete this item?' : `Delete ${names.length} items?`}
          message={`This permanently deletes from ${session ? sessionLabel(session) : 'this computer'}; folders are deleted with everything in them.`}
          details={names}
          confirmLabel="Delete"
          danger
          onClose={close}
          onConfirm={() =>
            void app.run('Could not delete', async () => {
              await api['fs.delete'](sessionId, paths);
              pane.refresh();
            })
          }
        />
      ));
    },
    mkdir(onCreated) {
      if (!sessionId) return;
      openDialog((close) => (
        <TextInputDialog
          title="New folder"
          label="Folder name"
          initial="New folder"
          confirmLabel="Create"
          testId="dialog-mkdir"
          // Said while typing: the server would only answer a bare "550 … failed".
          validate={(value) => validName(value) ?? nameTaken(pane.entries, value)}
          onClose={close}
          onSubmit={(name) =>
            void app.run('Could not create the folder', async () => {
              await api['fs.mkdir'](sessionId, joinPath(pane.path, name));
              pane.refresh();
              onCreated(name);
            })
          }
        />
      ));
    },
    rename(from, to) {
      if (!sessionId) return;
      // Said, not swallowed: the name typed in place simply went back to the old one.
      const problem = validName(to);
      if (problem) {
        app.toasts.show({ kind: 'error', title: `Could not rename “${from}”`, detail: problem });
        return;
      }
      void app.run(`Could not rename “${from}”`, async () => {
        await api['fs.rename'](sessionId, joinPath(pane.path, from), joinPath(pane.path, to));
        pane.refresh();
      });
    },
    chmod(entries) {
      if (!sessionId || entries.length === 0) return;
      const items = entries.map((e) => ({
        name: e.name,
        mode: (e.mode ?? modeFromPermissions(e.permissions) ?? 0o644) & 0o7777,
      }));
      openDialog((close) => (
        <ChmodDialog
          names={items.map((item) => item.name)}
          modes={items.map((item) => item.mode)}
          onClose={close}
          onSubmit={(change) =>
            void app.run('Could not change permissions', async () => {
              for (const item of items)
                await api['fs.chmod'](
                  sessionId,
                  joinPath(pane.path, item.name),
                  applyModeChange(item.mode, change),
                );
              pane.refresh();
            })
          }
        />
      ));
    },
    edit(name) {
      if (!sessionId) return;
      void app.run(`Could not open “${name}”`, async () => {
        const { localPath } = await api['fs.edit'](sessionId, joinPath(pane.path, name));
        app.toasts.show({
          kind: 'info',
          title: `Editing “${name}”`,
          detail: `A copy is open from ${localPath}; saving it uploads it back.`,
        });
      });
    },
    copyUrl(names) {
      const text = names.map((n) => urlOf(session, joinPath(pane.path, n))).join('\n');
      navigator.clipboard.writeText(text).then(
        () =>
          app.toasts.show({
            kind: 'success',
            title: names.length === 1 ? 'URL copied' : `${names.length} URLs copied`,
          }),
        (error: unknown) => app.reportError('Could not copy to the clipboard', error),
      );
    },
  };
}
