/**
 * A site that pins its certificate (tlsFingerprint) and is then shown another one: a pinned
 * fingerprint that no longer matches is refused outright (CERTIFICATE_CHANGED). It degraded into
 * an ordinary "trust this unknown certificate?" question, one click away from a man in the
 * middle, and an older trust-store pin of the presented certificate overrode it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prompt } from '../../../src-shared/prompts.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectTo } from './ftp-test-kit.js';

let server: RunningServer;
// Any well-formed fingerprint that is not the server's: the one of a certificate the site pinned.
const SITE_PIN = Array.from({ length: 32 }, () => 'AB').join(':');

beforeAll(async () => {
  server = await startServer('vsftpd-ftps-explicit');
});
afterAll(async () => {
  await server?.dispose();
});

function trustingPrompter(asked: Prompt[]): Prompter {
  return {
    ask(prompt) {
      asked.push(prompt);
      return Promise.resolve({ trust: 'once' } as never);
    },
  };
}

describe('a site certificate pin that does not match', () => {
  it('is refused as CERTIFICATE_CHANGED without asking anyone', async () => {
    const asked: Prompt[] = [];
    const outcome = await connectTo(
      server,
      { tlsFingerprint: SITE_PIN },
      { prompter: trustingPrompter(asked) },
    )
      .then(async (fs) => {
        await fs.close();
        return 'connected';
      })
      .catch((error: unknown) => error);
    expect(asked.map((prompt) => prompt.kind)).toEqual([]);
    expect(outcome).toMatchObject({ code: 'CERTIFICATE_CHANGED', retryable: false });
  });

  it('is not overridden by a trust-store pin of the presented certificate', async () => {
    const trustStore = new MemoryCertificateTrustStore();
    await trustStore.pin(server.host, server.port, { fingerprint256: server.certFingerprint256! });
    const asked: Prompt[] = [];
    const outcome = await connectTo(
      server,
      { tlsFingerprint: SITE_PIN },
      { prompter: trustingPrompter(asked), trustStore },
    )
      .then(async (fs) => {
        await fs.close();
        return 'connected';
      })
      .catch((error: unknown) => error);
    expect(outcome).toMatchObject({ code: 'CERTIFICATE_CHANGED' });
  });
});
