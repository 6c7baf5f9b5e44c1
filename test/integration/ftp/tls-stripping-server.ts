/**
 * A scripted FTP server whose first connection gets TLS (AUTH TLS, then a self-signed
 * certificate) and whose later connections have it refused, as a man in the middle stripping
 * TLS would. It records every command it hears in plain text, so a test can check that no
 * password ever went out unencrypted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import type { ConnectionTarget } from '../../../src-shared/model.js';
import { makeCert } from '../../harness/make-cert.js';
import { answerLines } from './ftp-test-kit.js';

export interface TlsStrippingServer {
  port: number;
  /** SHA-256 fingerprint of its certificate, to pin it. */
  fingerprint256: string;
  /** A folder the test may use; removed on close. */
  dir: string;
  /** Control connections accepted so far. */
  readonly connections: number;
  /** The server side of each control connection, in order (to drop one). */
  sockets: Socket[];
  /** Commands received in plain text. */
  heardInPlain: string[];
  /** An ftp:// target (TLS if offered) with its certificate pinned and a password to leak. */
  target: ConnectionTarget;
  close(): void;
}

function ftpAnswer(line: string): string {
  switch (line.split(' ')[0]!.toUpperCase()) {
    case 'USER':
      return '331 Password required\r\n';
    case 'PASS':
      return '230 Logged in\r\n';
    case 'FEAT':
      return '211 no features\r\n';
    case 'PBSZ':
      return '200 PBSZ=0\r\n';
    case 'PROT':
      return '200 Protection set\r\n';
    case 'PWD':
      return '257 "/" is cwd\r\n';
    case 'QUIT':
      return '221 Bye\r\n';
    default:
      return '200 ok\r\n';
  }
}

export async function startTlsStrippingServer(): Promise<TlsStrippingServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-tls-stripping-'));
  const cert = makeCert(dir);
  const sockets: Socket[] = [];
  const heardInPlain: string[] = [];
  let connections = 0;
  const server = createServer((plain) => {
    connections += 1;
    const first = connections === 1;
    sockets.push(plain);
    plain.on('error', () => undefined);
    plain.write('220 server\r\n');
    answerLines(plain, (line) => {
      if (line === 'AUTH TLS') {
        if (!first) return '500 AUTH not understood\r\n';
        plain.removeAllListeners('data');
        plain.write('234 Proceed\r\n', () => {
          const secure = new TLSSocket(plain, {
            isServer: true,
            cert: readFileSync(cert.certFile),
            key: readFileSync(cert.keyFile),
          });
          answerLines(secure, ftpAnswer);
        });
        return null;
      }
      heardInPlain.push(line);
      return ftpAnswer(line);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    fingerprint256: cert.fingerprint256,
    target: {
      protocol: 'ftp',
      host: '127.0.0.1',
      port,
      user: 'ann',
      password: 's3cret',
      tlsFingerprint: cert.fingerprint256,
      transferMode: 'passive',
    },
    dir,
    get connections() {
      return connections;
    },
    sockets,
    heardInPlain,
    close() {
      server.close();
      for (const socket of sockets) socket.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
