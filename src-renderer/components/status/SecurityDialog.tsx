import type { SessionInfo } from '../../../src-shared/model.js';
import { sessionLabel } from '../../logic/session-label.js';
import { Icon } from '../common/Icon.js';
import { Modal } from '../dialogs/Modal.js';
import { CertificateDetails } from './CertificateDetails.js';
import { HostKeyDetails } from './HostKeyDetails.js';

/** What the security badge opens: the certificate, the host key, or why there is none. */
export function SecurityDialog({ session, onClose }: { session: SessionInfo; onClose: () => void }) {
  const security = session.security;
  return (
    <Modal
      title={`Security of ${sessionLabel(session)}`}
      testId="dialog-security"
      onClose={onClose}
      wide
      icon={
        <Icon
          name={session.secure ? 'lock' : 'unlock'}
          className={session.secure ? 'modal-icon ok' : 'modal-icon danger'}
        />
      }
      footer={
        <button type="button" className="btn btn-primary" aria-label="Close" onClick={onClose} data-autofocus>
          Close
        </button>
      }
    >
      {!session.secure && (
        <div className="callout callout-danger" data-testid="security-insecure">
          <Icon name="warning" />
          <p>
            This connection is <strong>not encrypted</strong>. Your password and every file travel in clear
            text and can be read by anyone on the network path. Use FTPES, FTPS or SFTP if the server supports
            them.
          </p>
        </div>
      )}
      {security?.kind === 'tls' && (
        <dl className="details">
          <dt>Protocol</dt>
          <dd>{security.protocolVersion ?? 'TLS'}</dd>
          <dt>Cipher</dt>
          <dd className="mono">{security.cipher ?? 'unknown'}</dd>
        </dl>
      )}
      {security?.certificate && <CertificateDetails certificate={security.certificate} />}
      {security?.kind === 'ssh' && security.cipher && (
        <dl className="details">
          <dt>Cipher</dt>
          <dd className="mono">{security.cipher}</dd>
        </dl>
      )}
      {security?.hostKey && <HostKeyDetails hostKey={security.hostKey} />}
    </Modal>
  );
}
