/**
 * Plain text sent after `234` (AUTH TLS accepted) but before the TLS handshake is what a man in
 * the middle can inject (the STARTTLS command/response injection class, CVE-2011-0411 and the
 * 2021 "NO STARTTLS" study). Ferry used to queue such replies and hand them out, after the
 * upgrade, as the server's answers to the first commands sent over TLS; it now refuses the
 * connection.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { connectFtp } from '../../../src-main/ftp/index.js';
import { makeCert, type SelfSignedCert } from '../../harness/make-cert.js';
import { RecordingLogger, answerLines } from './ftp-test-kit.js';

let dir: string;
let cert: SelfSignedCert;
let server: Server;
const heardOverTls: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-review-starttls-'));
  cert = makeCert(dir);
  server = createServer((plain) => {
    plain.on('error', () => undefined);
    plain.write('220 honest server\r\n');
    answerLines(plain, (line) => {
      if (line !== 'AUTH TLS') return '502 no\r\n';
      plain.removeAllListeners('data');
      // What the attacker appends to the genuine 234, in the same plaintext segment.
      // (USER's 230, FEAT's 211, then PBSZ's and PROT's 200.)
      const injected = '230 Logged in\r\n211 End\r\n200 PBSZ=0\r\n200 Protection set to Private\r\n';
      plain.write(`234 Proceed with negotiation.\r\n${injected}`, () => {
        const secure = new TLSSocket(plain, {
          isServer: true,
          cert: readFileSync(cert.certFile),
          key: readFileSync(cert.keyFile),
        });
        // The genuine server, over TLS: the password is wrong.
        answerLines(secure, (command) => {
          heardOverTls.push(command);
          const verb = command.split(' ')[0];
          if (verb === 'USER') return '331 Password required\r\n';
          if (verb === 'PASS') return '530 Login incorrect\r\n';
          if (verb === 'QUIT') return '221 Bye\r\n';
          return '530 Please login with USER and PASS\r\n';
        });
      });
      return null;
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('replies received in plain text before the TLS handshake are not taken as answers over TLS', async () => {
  const logger = new RecordingLogger();
  const outcome = await connectFtp(
    {
      protocol: 'ftpes',
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      user: 'ann',
      password: 'wrong',
      tlsFingerprint: cert.fingerprint256,
      transferMode: 'passive',
    },
    { logger, prompter: refusingPrompter, trustStore: new MemoryCertificateTrustStore() },
  ).then(
    async (fs) => {
      const home = await fs.home();
      await fs.close().catch(() => undefined);
      return `connected, home ${home}`;
    },
    (error: unknown) => `refused: ${(error as { code?: string }).code}`,
  );
  // The genuine server (over TLS) never accepted a login: the session must not open.
  expect(outcome, `${logger.text()}\nheard over TLS: ${heardOverTls.join(', ')}`).toMatch(/^refused: /);
});
