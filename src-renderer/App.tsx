import { useEffect, useRef } from 'react';
import { useApp } from './hooks/app-context.js';
import { usePersistentState } from './hooks/use-persistent-state.js';
import { useStore } from './hooks/use-store.js';
import { Splitter } from './components/common/Splitter.js';
import { useDialogs } from './components/dialogs/dialog-context.js';
import { PromptHost } from './components/prompts/PromptHost.js';
import { BottomPanel } from './components/queue/BottomPanel.js';
import { SessionTabs } from './components/sessions/SessionTabs.js';
import { SiteManager } from './components/sites/SiteManager.js';
import { ConnectionBanner } from './components/status/ConnectionBanner.js';
import { StatusBar } from './components/status/StatusBar.js';
import { ToastHost } from './components/status/ToastHost.js';
import { Toolbar } from './components/toolbar/Toolbar.js';
import { Workspace } from './components/workspace/Workspace.js';

export function App() {
  const app = useApp();
  const openDialog = useDialogs();
  const sessions = useStore(app.sessions);
  const activeId = useStore(app.activeSessionId);
  const session = sessions.find((s) => s.id === activeId) ?? null;
  const [compare, setCompare] = usePersistentState('compare', false);
  const [sync, setSync] = usePersistentState('sync', false);
  const [queueHeight, setQueueHeight] = usePersistentState('queueHeight', 220);
  const dragStart = useRef(queueHeight);

  useEffect(() => {
    void app.run('Could not load Ferry’s state', () => app.refreshAll());
  }, [app]);

  // A file dropped outside a file list must not make the window navigate away to it.
  useEffect(() => {
    const swallow = (event: DragEvent): void => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', swallow);
    window.addEventListener('drop', swallow);
    return () => {
      window.removeEventListener('dragover', swallow);
      window.removeEventListener('drop', swallow);
    };
  }, []);

  const openSiteManager = (): void => openDialog((close) => <SiteManager onClose={close} />);
  const clampHeight = (h: number): number => Math.max(90, Math.min(window.innerHeight - 260, h));

  return (
    <div className="app">
      <Toolbar
        compare={compare}
        sync={sync}
        onCompare={setCompare}
        onSync={setSync}
        onSiteManager={openSiteManager}
      />
      <ConnectionBanner />
      <SessionTabs />
      <Workspace session={session} compare={compare} sync={sync} onOpenSiteManager={openSiteManager} />
      <Splitter
        orientation="horizontal"
        label="Resize transfer queue"
        testId="queue-splitter"
        onDrag={(delta, phase) => {
          if (phase === 'start') dragStart.current = queueHeight;
          setQueueHeight(clampHeight(dragStart.current - delta));
        }}
        onStep={(delta) => setQueueHeight(clampHeight(queueHeight - delta))}
      />
      <div className="bottom-wrap" style={{ height: queueHeight }}>
        <BottomPanel />
      </div>
      <StatusBar session={session} />
      <PromptHost />
      <ToastHost />
    </div>
  );
}
