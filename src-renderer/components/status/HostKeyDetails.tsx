import type { HostKeyInfo } from '../../../src-shared/model.js';

export function HostKeyDetails({ hostKey }: { hostKey: HostKeyInfo }) {
  return (
    <dl className="details" data-testid="host-key-details">
      <dt>Host</dt>
      <dd>
        {hostKey.host}:{hostKey.port}
      </dd>
      <dt>Algorithm</dt>
      <dd className="mono">{hostKey.algorithm}</dd>
      <dt>Fingerprint</dt>
      <dd className="mono fingerprint" data-testid="host-key-fingerprint">
        {hostKey.fingerprint}
      </dd>
    </dl>
  );
}
