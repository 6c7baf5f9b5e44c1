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
import type { TransferItem } from '../../../src-shared/model.js';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectTo } from '../ftp/ftp-test-kit.js';
import { chownTree } from './tree-kit.js';

let server: RunningServer;
let work: string;

beforeAll(async () => {
  server = await startServer('vsftpd');
  work = mkdtempSync(join(tmpdir(), 'ferry-upload-charset-'));
  chownTree(server.root, statSync(server.root).uid, statSync(server.root).gid);
});
afterAll(async () => {
  await server?.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** Uploads the local folder `work/<name>` to the server's `<name>` over a latin1 site; returns the files' items. */
async function uploadLatin1(name: string): Promise<TransferItem[]> {
  const queue = await TransferQueue.open({
    journalDir: join(work, `journal-${name}`),
    connect: () => connectTo(server, { protocol: 'ftp-insecure', charset: 'latin1' }),
    settings: { maxConnectionsPerSite: 1, retries: 0, defaultOverwrite: 'skip' },
  });
  try {
    await queue.add([
      {
        direction: 'upload',
        source: { location: 'local', path: join(work, name) },
        target: { location: 'ftp', path: `${server.remoteRoot.replace(/\/$/, '')}/${name}` },
        isDir: true,
      },
    ]);
    await queue.start();
    await queue.whenIdle();
    return queue.list().filter((item) => !item.isDir);
  } finally {
    await queue.close();
  }
}

describe('recursive upload to a latin1 FTP site', () => {
  it('never reports a file done that is not on the server under its own name with its own bytes', async () => {
    const local = join(work, 'up');
    mkdirSync(local);
    // 'ō' is U+014D: latin1 encoding keeps 0x4D, which is 'M'.
    writeFileSync(join(local, 'ō.txt'), 'the o-macron file\n');
    writeFileSync(join(local, 'M.txt'), 'the capital M file\n');
    const files = await uploadLatin1('up');
    const onServer = readdirSync(join(server.root, 'up'));
    // Every file the queue calls done must be on the server, with its own bytes.
    for (const item of files.filter((i) => i.state === 'done')) {
      const name = item.source.path.slice(local.length + 1);
      expect(onServer, `${name} is reported done`).toContain(name);
      expect(readFileSync(join(server.root, 'up', name), 'utf8')).toBe(
        readFileSync(item.source.path, 'utf8'),
      );
    }
    expect(files.find((i) => i.source.path.endsWith('ō.txt'))?.error?.code).toBe('INVALID_ARGUMENT');
  });

  it('a name with U+010A (latin1 byte 0x0A, a line feed) cannot inject a second FTP command', async () => {
    const local = join(work, 'up2');
    mkdirSync(local);
    writeFileSync(join(server.root, 'victim.txt'), 'must survive\n');
    chownTree(server.root, statSync(server.root).uid, statSync(server.root).gid);
    // 'Ċ' is U+010A, 'į' is U+012F: latin1 encoding turns them into "\n" and "/".
    writeFileSync(join(local, 'xĊDELE įvictim.txt'), 'payload\n');
    const files = await uploadLatin1('up2');
    expect(readdirSync(server.root)).toContain('victim.txt');
    expect(files.map((i) => i.state)).toEqual(['failed']);
  });
});
