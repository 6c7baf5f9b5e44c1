/**
 * Names that are not valid UTF-8 (Latin-1 names on an old Linux server): ssh2 decodes them with
 * U+FFFD in place of the bad bytes, so the real name is lost and every request made with the
 * decoded one asks for a file that does not exist. Ferry cannot name such a file, and says so:
 * a recursive delete used to fail with NOT_FOUND on a file the listing had just shown, and a
 * folder download with the same misleading error.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { connectWithPassword, trustingKnownHosts, useSshdSession } from './sftp-test-kit.js';

const sshd = useSshdSession();

/** Writes `<dir>/<prefix><one Latin-1 byte><suffix>` on the sshd.server's disk. */
function latin1File(dir: string, prefix: string, byte: number, suffix: string, content: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    Buffer.concat([Buffer.from(`${dir}/${prefix}`), Buffer.from([byte]), Buffer.from(suffix)]),
    content,
  );
}

describe('names that are not UTF-8', () => {
  it('a recursive delete says which name it cannot ask for, instead of NOT_FOUND', async () => {
    const dir = sshd.server.localPath('tree');
    latin1File(dir, 'r', 0xe9, 'sum', 'x');
    await sshd.server.fixOwnership();
    await expect(sshd.fs.removeDir(sshd.server.remotePath('tree'), true)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      retryable: false,
      message: expect.stringMatching(/not valid UTF-8/),
    });
    expect(existsSync(dir)).toBe(true);
  });

  it('a folder download fails that one file with the reason and brings the others', async () => {
    const dir = sshd.server.localPath('mixed');
    latin1File(dir, 'caf', 0xe9, '.txt', 'lost');
    writeFileSync(join(dir, 'plain.txt'), 'kept');
    await sshd.server.fixOwnership();
    const work = mkdtempSync(join(tmpdir(), 'ferry-undecodable-'));
    const knownHosts = trustingKnownHosts(sshd.server, work);
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal'),
      connect: () => connectWithPassword(sshd.server, knownHosts),
      settings: { retryBaseMs: 10, defaultOverwrite: 'overwrite' },
    });
    try {
      await queue.add([
        {
          direction: 'download',
          source: { location: 'sshd', path: sshd.server.remotePath('mixed') },
          target: { location: 'local', path: join(work, 'mixed') },
          isDir: true,
        },
      ]);
      await queue.start();
      await queue.whenIdle();
      const files = queue.list().filter((item) => !item.isDir);
      expect(files.map((item) => [item.state, item.error?.code ?? null]).sort()).toEqual([
        ['done', null],
        ['failed', 'UNSUPPORTED'],
      ]);
      expect(readFileSync(join(work, 'mixed', 'plain.txt'), 'utf8')).toBe('kept');
    } finally {
      await queue.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
