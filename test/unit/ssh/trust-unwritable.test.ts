/**
 * The person answers "Always trust" to a host key (or a certificate), but Ferry's trust file
 * cannot be written (read-only config folder, a root-owned file left by `sudo ferry`, full
 * disk). ssh(1) in that case warns "Failed to add the host to the list of known hosts" and
 * connects: the person did trust the key. Ferry used to refuse the connection, saying the key
 * could not be *checked*, and asked again on every retry; now it trusts it for the session and
 * logs why it could not remember it.
 *
 * As root, file modes do not stop writes, so the failing append is simulated at the fs layer
 * (only appendFile; reading works as usual).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import { RunTrust } from '../../../src-main/core/run-trust.js';
import type { CertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { checkCertificate } from '../../../src-main/ftp/certificate-check.js';
import { makeHostVerifier, type HostKeyOutcome } from '../../../src-main/sftp/host-key-verifier.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    appendFile: async (file: unknown): Promise<void> => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), {
        code: 'EACCES',
      });
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'ferry-review-trust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hostKeyBlob(): Buffer {
  const file = join(dir, 'hostkey');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  const [, base64 = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  return Buffer.from(base64, 'base64');
}

class Always implements Prompter {
  readonly asked: Prompt['kind'][] = [];
  async ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    this.asked.push(prompt.kind);
    return { trust: 'always' } as PromptAnswers[P['kind']];
  }
}

describe('"Always trust" when the trust file cannot be written', () => {
  it('a host key the person trusted "always" is accepted even if known_hosts cannot be appended to', async () => {
    const prompter = new Always();
    const outcome: HostKeyOutcome = { info: null, error: null };
    const verifier = makeHostVerifier(
      {
        host: '127.0.0.1',
        port: 2222,
        knownHostsFile: join(dir, 'known_hosts'),
        prompter,
        logger: silentLogger,
        runTrust: new RunTrust(),
      },
      outcome,
    );
    // What ssh2 does: hand over the key, wait for verify(true|false).
    const valid = await new Promise<boolean>((resolve) => verifier(hostKeyBlob(), resolve));
    expect(prompter.asked).toEqual(['host-key']);
    expect({ valid, error: outcome.error?.message ?? null }).toEqual({ valid: true, error: null });
  });

  it('a certificate the person trusted "always" is accepted even if the pin cannot be saved', async () => {
    const prompter = new Always();
    const failingStore: CertificateTrustStore = {
      get: async () => null,
      pin: async () => {
        throw Object.assign(new Error("EACCES: permission denied, open 'trusted-certificates.json'"), {
          code: 'EACCES',
        });
      },
      forget: async () => undefined,
    };
    const cert = {
      subject: { CN: 'localhost' },
      issuer: { CN: 'localhost' },
      valid_from: 'now',
      valid_to: 'later',
      fingerprint256: 'AA:BB:CC',
    } as unknown as PeerCertificate;
    const socket = {
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      getPeerCertificate: () => cert,
    } as unknown as TLSSocket;
    const result = await checkCertificate(
      socket,
      { host: '127.0.0.1', port: 2121 },
      { prompter, trustStore: failingStore, logger: silentLogger, runTrust: new RunTrust() },
    ).then(
      () => 'accepted',
      (error: Error) => `refused: ${error.message}`,
    );
    expect(prompter.asked).toEqual(['certificate']);
    expect(result).toBe('accepted');
  });
});
