import type { ReactNode } from 'react';
import {
  LOGON_TYPES,
  PROTOCOLS,
  TRANSFER_MODES,
  type Protocol,
  type Site,
} from '../../../src-shared/model.js';
import { useParsedText } from '../../hooks/use-parsed-text.js';
import { PROTOCOL_HINTS, PROTOCOL_LABELS } from '../../logic/protocol-labels.js';
import { DEFAULT_PORTS } from '../../logic/quick-connect.js';
import {
  MAX_CONNECTIONS_RANGE,
  PORT_RANGE,
  formatFolder,
  parseFolder,
  parseMaxConnections,
  parsePort,
} from '../../logic/site-fields.js';

interface SiteFormProps {
  site: Site;
  keychain: 'available' | 'unavailable';
  password: string;
  /**
   * `complete` is false while a field holds text that is no value yet (an emptied port): the
   * site keeps that field's last value, and Save must wait.
   */
  onChange: (site: Site, complete: boolean) => void;
  onPassword: (password: string) => void;
}

const LOGON_LABELS: Record<Site['logonType'], string> = {
  anonymous: 'Anonymous',
  normal: 'Normal (saved password)',
  ask: 'Ask for password',
  interactive: 'Interactive',
  key: 'Key file',
};

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {error && <small className="field-error">{error}</small>}
    </label>
  );
}

const digits = (value: number): string => String(value);

/** The editable fields of one saved site. */
export function SiteForm({ site, keychain, password, onChange, onPassword }: SiteFormProps) {
  const folder = useParsedText(site.folder, formatFolder, parseFolder);
  const port = useParsedText(site.port, digits, parsePort);
  const maxConnections = useParsedText(site.maxConnections, digits, parseMaxConnections);
  const complete = port.valid && maxConnections.valid;
  const update = (next: Site): void => onChange(next, complete);

  const text = (key: 'name' | 'host' | 'user' | 'keyFile' | 'charset' | 'localDir' | 'remoteDir') =>
    ({
      value: site[key],
      'aria-label': key,
      'data-testid': `site-${key}`,
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => update({ ...site, [key]: e.target.value }),
    }) as const;

  const setProtocol = (protocol: Protocol): void => {
    // Follow the protocol's default port unless the user chose another one.
    const next = site.port === DEFAULT_PORTS[site.protocol] ? DEFAULT_PORTS[protocol] : site.port;
    // A port that follows replaces whatever text the field held.
    onChange({ ...site, protocol, port: next }, next !== site.port ? maxConnections.valid : complete);
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
            value={folder.text}
            onChange={(e) => update({ ...site, folder: folder.change(e.target.value) ?? site.folder })}
            onBlur={folder.tidy}
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
            <Field label="Port" error={port.valid ? undefined : `${PORT_RANGE.min} to ${PORT_RANGE.max}`}>
              <input
                aria-label="Port"
                data-testid="site-port"
                inputMode="numeric"
                aria-invalid={!port.valid}
                value={port.text}
                onChange={(e) => {
                  const next = port.change(e.target.value);
                  onChange({ ...site, port: next ?? site.port }, next !== null && maxConnections.valid);
                }}
                onBlur={port.tidy}
              />
            </Field>
          </div>
          <Field label="Logon type">
            <select
              aria-label="Logon type"
              data-testid="site-logonType"
              value={site.logonType}
              onChange={(e) => update({ ...site, logonType: e.target.value as Site['logonType'] })}
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
                onChange={(e) => update({ ...site, transferMode: e.target.value as Site['transferMode'] })}
              >
                {TRANSFER_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m[0]?.toUpperCase() + m.slice(1)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label="Max connections"
              error={
                maxConnections.valid
                  ? undefined
                  : `${MAX_CONNECTIONS_RANGE.min} to ${MAX_CONNECTIONS_RANGE.max}`
              }
            >
              <input
                type="number"
                min={MAX_CONNECTIONS_RANGE.min}
                max={MAX_CONNECTIONS_RANGE.max}
                aria-label="Max connections"
                data-testid="site-maxConnections"
                aria-invalid={!maxConnections.valid}
                value={maxConnections.text}
                onChange={(e) => {
                  const next = maxConnections.change(e.target.value);
                  onChange(
                    { ...site, maxConnections: next ?? site.maxConnections },
                    next !== null && port.valid,
                  );
                }}
                onBlur={maxConnections.tidy}
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
          onChange={(e) => update({ ...site, comments: e.target.value })}
        />
      </Field>
    </div>
  );
}
