import { useMemo, useRef, useState } from 'react';
import type { Site } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';
import { useStore } from '../../hooks/use-store.js';
import { Icon } from '../common/Icon.js';
import { IconButton } from '../common/IconButton.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { useDialogs } from '../dialogs/dialog-context.js';
import { Modal } from '../dialogs/Modal.js';
import { useConnect } from '../sessions/use-connect.js';
import { buildSiteTree, newSite } from './site-defaults.js';
import { SiteForm } from './SiteForm.js';
import { SiteTree } from './SiteTree.js';

/** Saved sites: a folder tree on the left, the selected site's form on the right. */
export function SiteManager({ onClose }: { onClose: () => void }) {
  const app = useApp();
  const api = app.client.api;
  const connect = useConnect();
  const openDialog = useDialogs();
  const sites = useStore(app.sites);
  const keychain = useStore(app.keychain);
  const tree = useMemo(() => buildSiteTree(sites), [sites]);
  const [draft, setDraft] = useState<Site | null>(() => sites[0] ?? null);
  const [password, setPassword] = useState('');
  const [dirty, setDirty] = useState(false);
  // The site whose form holds text that is no value yet (an emptied port); a new form starts complete.
  const [incomplete, setIncomplete] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const isNew = draft !== null && !sites.some((s) => s.id === draft.id);
  const complete = draft === null || incomplete !== draft.id;

  const select = (site: Site): void => {
    setDraft(site);
    setPassword('');
    setDirty(false);
    // Its form opens afresh, from the saved values.
    setIncomplete(null);
  };

  const save = async (): Promise<Site | undefined> => {
    // The field says what it needs; saving its last value instead would surprise.
    if (!draft || !complete) return undefined;
    const saved = await app.run(`Could not save “${draft.name}”`, () =>
      api['sites.save'](draft, password ? password : undefined),
    );
    if (!saved) return undefined;
    app.sites.set((list) =>
      list.some((s) => s.id === saved.id)
        ? list.map((s) => (s.id === saved.id ? saved : s))
        : [...list, saved],
    );
    setDraft(saved);
    setPassword('');
    setDirty(false);
    return saved;
  };

  const remove = (): void => {
    if (!draft) return;
    if (isNew) {
      setDraft(sites[0] ?? null);
      return;
    }
    const { id, name, hasSecret } = draft;
    openDialog((close) => (
      <ConfirmDialog
        title="Delete this site?"
        message={`“${name}” is removed${hasSecret ? ' with its saved password' : ''}. Open connections to it stay until you close their tabs.`}
        confirmLabel="Delete site"
        danger
        onClose={close}
        onConfirm={() =>
          void app.run(`Could not delete “${name}”`, async () => {
            await api['sites.delete'](id);
            const rest = app.sites.get().filter((s) => s.id !== id);
            app.sites.set(rest);
            setDraft(rest[0] ?? null);
          })
        }
      />
    ));
  };

  const startNew = (): void => {
    setDraft(newSite(draft?.folder ?? []));
    setPassword('');
    setDirty(true);
  };

  const connectTo = async (site: Site): Promise<void> => {
    const target = dirty || isNew ? await save() : site;
    if (!target) return;
    onClose();
    await connect(`Could not connect to ${target.name}`, (a) => a['session.connectSite'](target.id));
  };

  const importFile = async (file: File): Promise<void> => {
    const text = await file.text();
    const report = await app.run('Could not import the sites', () => api['sites.importFileZilla'](text));
    if (!report) return;
    app.sites.set(await api['sites.list']());
    const extra = [
      report.duplicates ? `${report.duplicates} duplicates skipped` : '',
      report.needsPassword.length ? `${report.needsPassword.length} need a password` : '',
      ...report.warnings.slice(0, 3),
    ].filter(Boolean);
    app.toasts.show({
      kind: 'success',
      title: `Imported ${report.imported} sites`,
      detail: extra.join(' · '),
    });
  };

  return (
    <Modal
      title="Site Manager"
      testId="dialog-site-manager"
      onClose={onClose}
      className="modal-site-manager"
      footer={
        <>
          <input
            ref={fileInput}
            type="file"
            accept=".xml,text/xml"
            hidden
            aria-label="FileZilla sites file"
            data-testid="site-import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <IconButton
            icon="download"
            label="Import from FileZilla"
            text="Import FileZilla…"
            data-testid="site-import"
            onClick={() => fileInput.current?.click()}
          />
          <span className="toolbar-spacer" />
          <button type="button" className="btn" aria-label="Close" data-testid="site-close" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="btn"
            aria-label="Save site"
            data-testid="site-save"
            disabled={!draft || !complete || (!dirty && !isNew && !password)}
            onClick={() => void save()}
          >
            Save
          </button>
          <button
            type="button"
            className="btn btn-primary"
            aria-label="Connect to site"
            data-testid="site-connect"
            disabled={!draft || !draft.host || !complete}
            onClick={() => draft && void connectTo(draft)}
          >
            Connect
          </button>
        </>
      }
    >
      <div className="site-manager">
        <div className="site-side">
          <div className="site-side-actions">
            <IconButton
              icon="plus"
              label="New site"
              text="New site"
              data-testid="site-new"
              onClick={startNew}
            />
            <IconButton
              icon="trash"
              label="Delete site"
              data-testid="site-delete"
              disabled={!draft}
              onClick={remove}
            />
          </div>
          <SiteTree
            tree={tree}
            selectedId={draft?.id ?? null}
            onSelect={select}
            onConnect={(s) => void connectTo(s)}
            unsavedName={isNew ? draft.name : undefined}
          />
        </div>
        {draft ? (
          <SiteForm
            key={draft.id}
            site={draft}
            keychain={keychain}
            password={password}
            onChange={(site, filled) => {
              setDraft(site);
              setDirty(true);
              setIncomplete(filled ? null : site.id);
            }}
            onPassword={setPassword}
          />
        ) : (
          <div className="site-empty">
            <Icon name="server" className="site-empty-icon" />
            <p className="muted">Save the servers you use, or bring them over from FileZilla.</p>
            <div className="site-empty-actions">
              <IconButton
                icon="plus"
                label="Create a new site"
                text="New site"
                className="btn btn-primary"
                data-testid="site-empty-new"
                onClick={startNew}
              />
              <IconButton
                icon="download"
                label="Import sites from FileZilla"
                text="Import FileZilla…"
                className="btn"
                data-testid="site-empty-import"
                onClick={() => fileInput.current?.click()}
              />
            </div>
          </div>
        )}
      </div>
    </Modal>
  );
}
