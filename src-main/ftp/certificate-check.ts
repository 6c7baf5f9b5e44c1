/**
 * Decides whether a TLS peer certificate may be used. A fingerprint the site (or the command
 * line) pins is the only certificate accepted, whoever signed the one presented. Otherwise
 * Node's default verification (OS/CA store plus host name) passing is enough; failing that,
 * the fingerprint must be pinned for this host:port by an earlier "always", or a person must
 * say yes. A pinned fingerprint that no longer matches is refused outright: that is what an
 * attacker in the middle looks like, and the person must see both fingerprints.
 */
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import { FerryError } from '../../src-shared/errors.js';
import type { CertificateInfo } from '../../src-shared/model.js';
import type { Prompter } from '../core/prompter.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { RunTrust } from '../core/run-trust.js';
import { normaliseFingerprint, type CertificateTrustStore } from '../core/trust-store.js';

export interface CertificateCheckDeps {
  prompter: Prompter;
  trustStore: CertificateTrustStore;
  logger: ProtocolLogger;
  /** Certificates trusted "once" earlier in this run. */
  runTrust?: RunTrust;
}

export interface CertificateTarget {
  host: string;
  port: number;
  tlsFingerprint?: string;
}

export function describeCertificate(cert: PeerCertificate, host: string, port: number): CertificateInfo {
  const subject = formatName(cert.subject);
  const issuer = formatName(cert.issuer);
  return {
    host,
    port,
    subject,
    issuer,
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
    selfSigned: subject === issuer,
  };
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

/** Why Node would refuse it, or null when it is trusted as-is. */
export function verificationProblem(socket: TLSSocket, host: string): string | null {
  const cert = socket.getPeerCertificate();
  if (!socket.authorized) return String(socket.authorizationError ?? 'certificate not trusted');
  const identity = checkServerIdentity(host, cert);
  return identity ? identity.message : null;
}

export async function checkCertificate(
  socket: TLSSocket,
  target: CertificateTarget,
  deps: CertificateCheckDeps,
): Promise<CertificateInfo> {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.fingerprint256) {
    throw new FerryError('TLS', 'The server did not present a certificate.', {
      hint: 'The server TLS setup is broken; contact its administrator.',
    });
  }
  const info = describeCertificate(cert, target.host, target.port);
  const presented = normaliseFingerprint(info.fingerprint256);
  if (target.tlsFingerprint) {
    if (normaliseFingerprint(target.tlsFingerprint) !== presented)
      throw new FerryError(
        'CERTIFICATE_CHANGED',
        `The certificate of ${target.host}:${target.port} has the SHA-256 fingerprint ${info.fingerprint256}, not ${target.tlsFingerprint}, the one pinned for it; refused.`,
        {
          hint: 'Someone may be intercepting the connection, or the certificate was renewed: check with the server administrator, then update the pinned fingerprint.',
          retryable: false,
        },
      );
    deps.logger.log('info', `Certificate accepted by its pinned fingerprint ${info.fingerprint256}.`);
    return info;
  }
  const problem = verificationProblem(socket, target.host);
  if (problem === null) return info;

  const pinned = await deps.trustStore.get(target.host, target.port);
  if (pinned) {
    if (normaliseFingerprint(pinned.fingerprint256) === presented) {
      deps.logger.log('info', `Certificate accepted: it matches the one trusted earlier for ${target.host}.`);
      return info;
    }
    throw new FerryError(
      'CERTIFICATE_CHANGED',
      `The certificate of ${target.host}:${target.port} changed. Trusted before: ${pinned.fingerprint256}; presented now: ${info.fingerprint256}.`,
      {
        hint: 'If the administrator renewed the certificate, remove the old trust and connect again; otherwise someone may be intercepting the connection.',
        retryable: false,
      },
    );
  }
  if (deps.runTrust?.has(target.host, target.port, presented)) {
    deps.logger.log('info', `Certificate accepted: it was trusted for this session.`);
    return info;
  }
  const answer = await deps.prompter.ask({
    kind: 'certificate',
    certificate: info,
    reason: plainReason(problem),
  });
  if (answer.trust === 'reject') {
    throw new FerryError(
      'CERTIFICATE_UNTRUSTED',
      `The certificate of ${target.host}:${target.port} is not trusted (${problem}). SHA-256 fingerprint: ${info.fingerprint256}.`,
      {
        hint: 'Check the fingerprint with the server administrator, then trust it (or pass it as the site TLS fingerprint).',
        retryable: false,
      },
    );
  }
  if (answer.trust === 'always') {
    try {
      await deps.trustStore.pin(target.host, target.port, info);
      deps.logger.log('info', `Certificate ${info.fingerprint256} pinned for ${target.host}:${target.port}.`);
    } catch (error) {
      // Trusted by the person; only remembering it failed: trusted for this session instead.
      deps.runTrust?.add(target.host, target.port, presented);
      deps.logger.log(
        'error',
        `Certificate ${info.fingerprint256} trusted for ${target.host}:${target.port} for this session only: saving it failed (${(error as Error).message}).`,
      );
    }
  } else {
    deps.runTrust?.add(target.host, target.port, presented);
  }
  return info;
}

/** Node's verification codes, said the way a person would say them. */
const PLAIN_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed: no authority vouches for it',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate was issued by an authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'the authority that issued the certificate is not known to this computer',
  UNABLE_TO_GET_ISSUER_CERT: 'the authority that issued the certificate is not known to this computer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate chain is incomplete or its issuer is unknown',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: "the certificate is not valid yet (or this computer's clock is wrong)",
  CERT_REVOKED: 'the certificate was revoked by its issuer',
};

export function plainReason(problem: string): string {
  if (PLAIN_REASONS[problem]) return PLAIN_REASONS[problem];
  if (/altnames|does not match|Hostname\/IP/i.test(problem)) {
    return `the certificate was issued for another name (${problem})`;
  }
  return problem;
}
