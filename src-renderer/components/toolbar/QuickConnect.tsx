import { useState } from 'react';
import { PROTOCOLS } from '../../../src-shared/model.js';
import { useApp } from '../../hooks/app-context.js';
import { useStore } from '../../hooks/use-store.js';
import { PROTOCOL_HINTS, PROTOCOL_SHORT } from '../../logic/protocol-labels.js';
import { buildTarget, withoutUrlPassword, type QuickConnectFields } from '../../logic/quick-connect.js';
import { Icon } from '../common/Icon.js';
import { useConnect } from '../sessions/use-connect.js';
import { RecentConnections } from './RecentConnections.js';

const EMPTY: QuickConnectFields = { protocol: 'ftp', host: '', user: '', password: '', port: '' };

/** Host, user, password and port in one row; the host field also takes a whole URL. */
export function QuickConnect() {
  const app = useApp();
  const connect = useConnect();
  const [fields, setFields] = useState<QuickConnectFields>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [savePassword, setSavePassword] = useState(false);
  const keychain = useStore(app.keychain);
  const set =
    (key: keyof QuickConnectFields) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setFields({ ...fields, [key]: e.target.value });

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const built = buildTarget(fields);
    if (!built.ok) {
      app.toasts.show({ kind: 'error', title: 'Cannot connect', detail: built.message });
      return;
    }
    setBusy(true);
    // A password typed into a URL leaves the screen at once; the target already holds it.
    setFields((f) => ({ ...f, host: withoutUrlPassword(f.host) }));
    void connect(`Could not connect to ${built.target.host}`, (api) =>
      api['session.connect'](built.target, { savePassword }),
    ).finally(() => {
      setBusy(false);
      // The password is not kept in the form once used.
      setFields((f) => ({ ...f, password: '' }));
    });
  };

  return (
    <form className="quick-connect" onSubmit={submit} aria-label="Quick connect" data-testid="quick-connect">
      <select
        aria-label="Protocol"
        data-testid="qc-protocol"
        value={fields.protocol}
        onChange={set('protocol')}
        className="qc-protocol"
        title={PROTOCOL_HINTS[fields.protocol]}
      >
        {PROTOCOLS.map((p) => (
          <option key={p} value={p} title={PROTOCOL_HINTS[p]}>
            {PROTOCOL_SHORT[p]}
          </option>
        ))}
      </select>
      <input
        className="qc-host"
        aria-label="Host"
        placeholder="Host or URL"
        data-testid="qc-host"
        value={fields.host}
        onChange={set('host')}
        autoComplete="off"
        spellCheck={false}
      />
      <input
        className="qc-user"
        aria-label="Username"
        placeholder="Username"
        data-testid="qc-user"
        value={fields.user}
        onChange={set('user')}
        autoComplete="off"
        spellCheck={false}
      />
      <input
        className="qc-password"
        aria-label="Password"
        placeholder="Password"
        type="password"
        data-testid="qc-password"
        value={fields.password}
        onChange={set('password')}
        autoComplete="off"
      />
      <input
        className="qc-port"
        aria-label="Port"
        placeholder="Port"
        inputMode="numeric"
        data-testid="qc-port"
        value={fields.port}
        onChange={set('port')}
      />
      <label
        className="qc-save"
        title={
          keychain === 'unavailable'
            ? 'No keychain: the password is kept for this session only'
            : 'Save the password in the OS keychain for next time'
        }
      >
        <input
          type="checkbox"
          aria-label="Save password"
          data-testid="qc-save-password"
          checked={savePassword}
          onChange={(e) => setSavePassword(e.target.checked)}
        />
        <Icon name="key" />
      </label>
      <button
        type="submit"
        className="btn btn-primary"
        aria-label="Connect"
        data-testid="qc-connect"
        disabled={busy}
      >
        <Icon name="plug" />
        <span>{busy ? 'Connecting…' : 'Connect'}</span>
      </button>
      <RecentConnections />
    </form>
  );
}
