import type { ReactNode } from 'react';
import {
  LOGON_TYPES,
  PROTOCOLS,
  TRANSFER_MODES,
  type Protocol,
  type Site,
} from '../../../src-shared/model.js';
import { PROTOCOL_HINTS, PROTOCOL_LABELS } from '../../logic/protocol-labels.js';
import { DEFAULT_PORTS } from '../../logic/quick-connect.js';

interface SiteFormProps {
  site: Site;
  keychain: 'available' | 'unavailable';
  password: string;
  onChange: (site: Site) => void;
  onPassword: (password: string) => void;
}

const LOGON_LABELS: Record<Site['logonType'], string> = {
  anonymous: 'Anonymous',
  normal: 'Normal (saved password)',
  ask: 'Ask for password',
  interactive: 'Interactive',
  key: 'Key file',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** The editable fields of one saved site. */
export function SiteForm({ site, keychain, password, onChange, onPassword }: SiteFormProps) {
  const text = (key: 'name' | 'host' | 'user' | 'keyFile' | 'charset' | 'localDir' | 'remoteDir') =>
    ({
      value: site[key],
      'aria-label': key,
      'data-testid': `site-${key}`,
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...site, [key]: e.target.value }),
    }) as const;

  const setProtocol = (protocol: Protocol): void => {
    // Follow the protocol's default port unless the user chose another one.
    const port = site.port === DEFAULT_PORTS[site.protocol] ? DEFAULT_PORTS[protocol] : site.port;
    onChange({ ...site, protocol, port });
  };

  const needsPassword = site.logonType === 'normal' || (site.logonType === 'key' && site.protocol === 'sftp');
  const secretLabel = site.logonType === 'key' ? 'Passphrase' : 'Password';
  return (
    <div className="site-form" data-testid="site-form">
      <div className="form-grid">
        <Field label="Name">
          <input {...text('name')} aria-label="Site name" />
        </Field>
        <Field label="Folder">
          <input
            aria-label="Folder"
            data-testid="site-folder"
            placeholder="e.g. Clients / Acme"
            value={site.folder.join(' / ')}
            onChange={(e) =>
              onChange({
                ...site,
                folder: e.target.value
                  .split('/')
                  .map((p) => p.trim())
                  .filter(Boolean),
              })
            }
          />
        </Field>
      </div>
      <div className="form-sections">
        <fieldset className="form-section">
          <legend>Connection</legend>
          <Field label="Protocol">
            <select
              aria-label="Protocol"
              data-testid="site-protocol"
              value={site.protocol}
              onChange={(e) => setProtocol(e.target.value as Protocol)}
            >
              {PROTOCOLS.map((p) => (
                <option key={p} value={p} title={PROTOCOL_HINTS[p]}>
                  {PROTOCOL_LABELS[p]}
                </option>
              ))}
            </select>
          </Field>
          <div className="form-grid form-grid-port">
            <Field label="Host">
              <input {...text('host')} aria-label="Host" spellCheck={false} />
            </Field>
            <Field label="Port">
              <input
                aria-label="Port"
                data-testid="site-port"
                inputMode="numeric"
                value={String(site.port)}
                onChange={(e) => {
                  const port = Number(e.target.value);
                  if (Number.isInteger(port) && port >= 0 && port <= 65535)
                    onChange({ ...site, port: port || 1 });
                }}
              />
            </Field>
          </div>
          <Field label="Logon type">
            <select
              aria-label="Logon type"
              data-testid="site-logonType"
              value={site.logonType}
              onChange={(e) => onChange({ ...site, logonType: e.target.value as Site['logonType'] })}
            >
              {LOGON_TYPES.map((t) => (
                <option key={t} value={t}>
                  {LOGON_LABELS[t]}
                </option>
              ))}
            </select>
          </Field>
          {site.logonType !== 'anonymous' && (
            <Field label="User">
              <input {...text('user')} aria-label="User" spellCheck={false} />
            </Field>
          )}
          {needsPassword && (
            <Field label={secretLabel}>
              <input
                type="password"
                aria-label={secretLabel}
                data-testid="site-password"
                placeholder={
                  site.hasSecret
                    ? keychain === 'available'
                      ? '•••••• saved in keychain'
                      : '•••••• kept for this session only'
                    : ''
                }
                value={password}
                onChange={(e) => onPassword(e.target.value)}
              />
            </Field>
          )}
          {site.logonType === 'key' && (
            <Field label="Key file">
              <input {...text('keyFile')} aria-label="Key file" placeholder="~/.ssh/id_ed25519" />
            </Field>
          )}
        </fieldset>
        <fieldset className="form-section">
          <legend>Transfers and folders</legend>
          <div className="form-grid">
            <Field label="Transfer mode">
              <select
                aria-label="Transfer mode"
                data-testid="site-transferMode"
                value={site.transferMode}
                onChange={(e) => onChange({ ...site, transferMode: e.target.value as Site['transferMode'] })}
              >
                {TRANSFER_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m[0]?.toUpperCase() + m.slice(1)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Max connections">
              <input
                type="number"
                min={1}
                max={10}
                aria-label="Max connections"
                data-testid="site-maxConnections"
                value={site.maxConnections}
                onChange={(e) =>
                  onChange({
                    ...site,
                    maxConnections: Math.max(1, Math.min(10, Number(e.target.value) || 1)),
                  })
                }
              />
            </Field>
          </div>
          <Field label="Charset">
            <input {...text('charset')} aria-label="Charset" />
          </Field>
          <Field label="Local folder">
            <input {...text('localDir')} aria-label="Default local folder" placeholder="Last used" />
          </Field>
          <Field label="Remote folder">
            <input {...text('remoteDir')} aria-label="Default remote folder" placeholder="Home folder" />
          </Field>
        </fieldset>
      </div>
      {site.protocol === 'ftp-insecure' && (
        <p className="field-error">Plain FTP sends the password and files unencrypted.</p>
      )}
      {needsPassword && keychain === 'unavailable' && (
        <p className="field-note" data-testid="site-no-keychain">
          No system keychain is reachable, so Ferry cannot store this password safely; it may ask for it when
          you connect.
        </p>
      )}
      <Field label="Comments">
        <textarea
          aria-label="Comments"
          data-testid="site-comments"
          rows={2}
          value={site.comments}
          onChange={(e) => onChange({ ...site, comments: e.target.value })}
        />
      </Field>
    </div>
  );
}
