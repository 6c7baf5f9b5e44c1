import { useState } from 'react';
import type { CertificateInfo } from '../../../src-shared/model.js';
import { formatDate } from '../../logic/format.js';

function validity(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : formatDate(time);
}

export function CertificateDetails({ certificate }: { certificate: CertificateInfo }) {
  const [now] = useState(() => Date.now());
  const expired = Date.parse(certificate.validTo) < now;
  return (
    <dl className="details" data-testid="certificate-details">
      <dt>Subject</dt>
      <dd className="break">{certificate.subject}</dd>
      <dt>Issuer</dt>
      <dd className="break">
        {certificate.issuer}
        {certificate.selfSigned && <span className="pill pill-warn">Self-signed</span>}
      </dd>
      <dt>Valid</dt>
      <dd>
        {validity(certificate.validFrom)} – {validity(certificate.validTo)}
        {expired && <span className="pill pill-danger">Expired</span>}
      </dd>
      <dt>SHA-256</dt>
      <dd className="mono fingerprint" data-testid="certificate-fingerprint">
        {certificate.fingerprint256}
      </dd>
    </dl>
  );
}
