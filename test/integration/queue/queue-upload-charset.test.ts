/**
 * A recursive upload to an FTP site whose character set is latin1 (a site setting) encoded
 * every command with Buffer.from(..., 'latin1'), which keeps only the low byte of each UTF-16
 * code unit. Names latin1 cannot represent were silently written under another name (two local
 * files onto one server file, both "done"), and "Ċ" (U+010A) became a line feed after the
 * CR/LF check: the rest of the name went out as a command of its own (DELE). A command whose
 * bytes do not say what was checked is now refused.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { connectFtp } from '../../../src-main/ftp/index.js';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { chownTree } from './tree-kit.js';
import { RecordingLogger } from '../ftp/ftp-test-kit.js';

const recorder = new RecordingLogger();

let server: RunningServer;
let work: string;

beforeAll(async () => {
  server = await startServer('vsftpd');
  work = mkdtempSync(join(tmpdir(), 'ferry-review-w4-charset-'));
  chownTree(server.root, statSync(server.root).uid, statSync(server.root).gid);
});
afterAll(async () => {
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

function connect() {
  return connectFtp(
    {
      protocol: 'ftp-insecure',
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      transferMode: 'passive',
      charset: 'latin1',
    },
    { logger: recorder, prompter: refusingPrompter, trustStore: new MemoryCertificateTrustStore() },
  );
}

describe('recursive upload to a latin1 FTP site', () => {
  it('never reports a file done that is not on the server under its own name with its own bytes', async () => {
    const local = join(work, 'src');
    mkdirSync(local);
    // 'ō' is U+014D: latin1 encoding keeps 0x4D, which is 'M'.
    writeFileSync(join(local, 'ō.txt'), 'the o-macron file\n');
    writeFileSync(join(local, 'M.txt'), 'the capital M file\n');
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal'),
      connect,
      settings: { maxConnectionsPerSite: 1, retryBaseMs: 50, retryCapMs: 500, defaultOverwrite: 'skip' },
    });
    try {
      const remoteUp = `${server.remoteRoot.replace(/\/$/, '')}/up`;
      await queue.add([
        {
          direction: 'upload',
          source: { location: 'local', path: local },
          target: { location: 'ftp', path: remoteUp },
        },
      ]);
      await queue.start();
      await queue.whenIdle();
      const files = queue.list().filter((i) => !i.isDir);
      const done = files.filter((i) => i.state === 'done');
      const onServer = readdirSync(join(server.root, 'up'));
      console.log(
        'items:',
        files.map((i) => `${i.source.path} -> ${i.target.path}: ${i.state}`),
      );
      console.log('server folder holds:', onServer);
      // Every file the queue calls done must be on the server, with its own bytes.
      for (const item of done) {
        const name = item.source.path.slice(local.length + 1);
        expect(onServer, `${name} is reported done`).toContain(name);
        expect(readFileSync(join(server.root, 'up', name), 'utf8')).toBe(
          readFileSync(item.source.path, 'utf8'),
        );
      }
    } finally {
      await queue.close();
    }
  });

  it('a name with U+010A (latin1 byte 0x0A, a line feed) cannot inject a second FTP command', async () => {
    const local = join(work, 'src2');
    mkdirSync(local);
    writeFileSync(join(server.root, 'victim.txt'), 'must survive\n');
    chownTree(server.root, statSync(server.root).uid, statSync(server.root).gid);
    // 'Ċ' is U+010A, 'į' is U+012F: latin1 encoding turns them into "\n" and "/".
    writeFileSync(join(local, 'xĊDELE įvictim.txt'), 'payload\n');
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal2'),
      connect,
      settings: {
        maxConnectionsPerSite: 1,
        retries: 0,
        retryBaseMs: 50,
        retryCapMs: 500,
        defaultOverwrite: 'skip',
      },
    });
    try {
      const remoteUp = `${server.remoteRoot.replace(/\/$/, '')}/up2`;
      await queue.add([
        {
          direction: 'upload',
          source: { location: 'local', path: local },
          target: { location: 'ftp', path: remoteUp },
        },
      ]);
      await queue.start();
      await queue.whenIdle();
      console.log(
        'items:',
        queue.list().map((i) => `${i.target.path}: ${i.state} ${i.error?.message ?? ''}`),
      );
      console.log(
        'sent:',
        recorder.lines.filter((l) => l.direction === 'sent' && /DELE|STOR/.test(l.text)).map((l) => l.text),
      );
      console.log('server root holds:', readdirSync(server.root));
      expect(readdirSync(server.root)).toContain('victim.txt');
    } finally {
      await queue.close();
    }
  });
});
