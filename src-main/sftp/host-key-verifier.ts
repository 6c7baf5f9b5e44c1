/**
 * The host key check ssh2 leaves to its caller (it accepts any key by default). Known keys
 * come from Ferry's file and the user's read-only ~/.ssh/known_hosts; an unknown key is
 * put to a person; a changed or revoked key is refused without asking.
 */
import { FerryError } from '../../src-shared/errors.js';
import type { HostKeyInfo } from '../../src-shared/model.js';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { Prompter } from '../core/prompter.js';
import type { RunTrust } from '../core/run-trust.js';
import { keyBlobType, sha256Fingerprint } from '../ssh/fingerprint.js';
import { checkHostKey } from '../ssh/known-hosts.js';
import { appendKnownHost, readKnownHostsFiles } from '../ssh/known-hosts-store.js';

export interface HostKeyCheckOptions {
  host: string;
  port: number;
  /** Ferry's own known_hosts: read, and appended to on "always". */
  knownHostsFile: string;
  /** The user's ~/.ssh/known_hosts: read only. */
  userKnownHostsFile?: string;
  prompter: Prompter;
  logger: ProtocolLogger;
  /** Keys trusted "once" earlier in this run. */
  runTrust?: RunTrust | undefined;
}

export function describeHostKey(host: string, port: number, keyBlob: Buffer): HostKeyInfo {
  return { host, port, algorithm: keyBlobType(keyBlob), fingerprint: sha256Fingerprint(keyBlob) };
}

/** Resolves when the key may be used; rejects with HOST_KEY_UNKNOWN / HOST_KEY_CHANGED otherwise. */
export async function verifyHostKey(keyBlob: Buffer, options: HostKeyCheckOptions): Promise<HostKeyInfo> {
  const { host, port, knownHostsFile, userKnownHostsFile, prompter, logger } = options;
  const info = describeHostKey(host, port, keyBlob);
  const files = userKnownHostsFile ? [knownHostsFile, userKnownHostsFile] : [knownHostsFile];
  const verdict = checkHostKey(await readKnownHostsFiles(files), host, port, keyBlob);
  const where = `${host}:${port}`;
  switch (verdict.status) {
    case 'trusted':
      logger.log(
        'info',
        `Host key ${info.algorithm} ${info.fingerprint} matches ${verdict.entry.file}:${verdict.entry.line}`,
      );
      return info;
    case 'revoked':
      throw new FerryError(
        'HOST_KEY_CHANGED',
        `The host key of ${where} (${info.fingerprint}) is marked @revoked`,
        {
          hint: `${verdict.entry.file} line ${verdict.entry.line} revokes this key. Do not connect until the server's owner explains.`,
          retryable: false,
        },
      );
    case 'changed': {
      const old = sha256Fingerprint(verdict.entry.keyBlob);
      throw new FerryError(
        'HOST_KEY_CHANGED',
        `WARNING: the host key of ${where} has changed. Known ${verdict.entry.keyType} key ${old}, offered ${info.fingerprint}`,
        {
          hint:
            `Someone could be intercepting this connection, or the server was reinstalled. ` +
            `Check the new fingerprint with the server's owner, then remove the old entry (${verdict.entry.file} line ${verdict.entry.line}).`,
          retryable: false,
        },
      );
    }
    case 'unknown':
      break;
  }
  if (options.runTrust?.has(host, port, info.fingerprint)) {
    logger.log('info', `Host key ${info.algorithm} ${info.fingerprint} was trusted for this session`);
    return info;
  }
  const answer = await prompter.ask({ kind: 'host-key', hostKey: info });
  if (answer.trust === 'reject') {
    throw new FerryError(
      'HOST_KEY_UNKNOWN',
      `The host key of ${where} is not known: ${info.algorithm} ${info.fingerprint}`,
      {
        hint: 'Compare the fingerprint with one from the server owner, then connect again and trust it.',
        retryable: false,
      },
    );
  }
  if (answer.trust === 'always') {
    try {
      await appendKnownHost(knownHostsFile, host, port, keyBlob);
      logger.log(
        'info',
        `Trusted ${info.algorithm} ${info.fingerprint} for ${where}; saved to ${knownHostsFile}`,
      );
    } catch (error) {
      // The person trusted the key; only remembering it failed. Refusing would add no safety,
      // and OpenSSH too warns and connects. It is trusted for this session instead.
      options.runTrust?.add(host, port, info.fingerprint);
      logger.log(
        'error',
        `Trusted ${info.algorithm} ${info.fingerprint} for ${where} for this session only: saving it to ${knownHostsFile} failed (${(error as Error).message}).`,
      );
    }
  } else {
    options.runTrust?.add(host, port, info.fingerprint);
    logger.log('info', `Trusted ${info.algorithm} ${info.fingerprint} for ${where} for this session`);
  }
  return info;
}

/** What the verifier decided, read by the connect code once ssh2 reports the outcome. */
export interface HostKeyOutcome {
  info: HostKeyInfo | null;
  error: FerryError | null;
}

/** ssh2's asynchronous `hostVerifier`: checks the key, then tells ssh2 and records why. */
export function makeHostVerifier(
  options: HostKeyCheckOptions,
  outcome: HostKeyOutcome,
): (key: Buffer, verify: (valid: boolean) => void) => void {
  return (key, verify) => {
    verifyHostKey(key, options).then(
      (info) => {
        outcome.info = info;
        verify(true);
      },
      (error: unknown) => {
        outcome.error =
          error instanceof FerryError
            ? error
            : new FerryError(
                'HOST_KEY_UNKNOWN',
                `Cannot check the host key of ${options.host}:${options.port}: ${String(error)}`,
                {
                  hint: 'Check that the known_hosts files are readable.',
                  retryable: false,
                },
              );
        options.logger.log('error', outcome.error.message);
        verify(false);
      },
    );
  };
}
