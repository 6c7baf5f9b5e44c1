import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createFerryClient } from './api/create-ferry-client.js';
import { App } from './App.js';
import { DialogHost } from './components/dialogs/DialogHost.js';
import { AppContext } from './hooks/app-context.js';
import { createAppState } from './state/app-state.js';
import './styles/theme.css';
import './styles/layout.css';
import './styles/toolbar.css';
import './styles/controls.css';
import './styles/lists.css';
import './styles/tree.css';
import './styles/dialogs.css';
import './styles/queue.css';
import './styles/sites.css';
import './styles/status.css';
import './styles/responsive.css';

const app = createAppState(createFerryClient());
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={app}>
      <DialogHost>
        <App />
      </DialogHost>
    </AppContext.Provider>
  </StrictMode>,
);
