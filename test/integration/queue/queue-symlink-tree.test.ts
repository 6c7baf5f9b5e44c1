/**
 * A folder download brings along a symlink to a regular file, as it does from the local disk:
 * the file it leads to, with that file's size and time. Resolving a listed link with `stat`
 * assumed stat follows links, and only the local disk's does: SFTP's stat is an lstat and
 * vsftpd's comes from the parent's LIST row, so the link "resolved" to itself and was skipped as
 * "Not a regular file"; proftpd's MLST gives the link's own length (8 for "real.txt") as its
 * size, so the 17-byte download failed as "larger than listed". RemoteFileSystem.resolve follows
 * links (SFTP stat; FTP SIZE, MDTM and CWD).
 */
import { lchownSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServerKind } from '../../harness/index.js';
import type { RemoteFileSystem } from '../../../src-main/fs/remote-file-system.js';
import { TransferQueue } from '../../../src-main/queue/index.js';
import { connectWithPassword, trustingKnownHosts } from '../sftp/sftp-test-kit.js';
import { ftpConnect } from './tree-kit.js';

const CONTENT = 'the real content\n';

async function downloadTreeWithLink(
  kind: ServerKind,
  connect: (server: RunningServer, work: string) => (location: string) => Promise<RemoteFileSystem>,
): Promise<{ state: string | undefined; error: string | undefined; content: string | null }> {
  const server = await startServer(kind);
  const work = mkdtempSync(join(tmpdir(), 'ferry-symlink-tree-'));
  try {
    await server.writeFile('tree/real.txt', CONTENT);
    symlinkSync('real.txt', server.localPath('tree/link.txt'));
    lchownSync(server.localPath('tree/link.txt'), server.uid, server.gid);
    const queue = await TransferQueue.open({
      journalDir: join(work, 'journal'),
      connect: connect(server, work),
      settings: { maxConnectionsPerSite: 1, retryBaseMs: 50, retryCapMs: 200, defaultOverwrite: 'overwrite' },
    });
    try {
      await queue.add([
        {
          direction: 'download',
          source: { location: kind, path: server.remotePath('tree') },
          target: { location: 'local', path: join(work, 'down') },
        },
      ]);
      await queue.start();
      await queue.whenIdle();
      const link = queue.list().find((item) => item.source.path.endsWith('/link.txt'));
      let content: string | null = null;
      try {
        content = readFileSync(join(work, 'down', 'link.txt'), 'utf8');
      } catch {
        content = null;
      }
      return { state: link?.state, error: link?.error?.message, content };
    } finally {
      await queue.close();
    }
  } finally {
    await server.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

const DONE = { state: 'done', error: undefined, content: CONTENT };

describe('folder download with a symlink to a file', () => {
  it('over SFTP (sshd)', async () => {
    const outcome = await downloadTreeWithLink('sshd', (server, work) => {
      const knownHosts = trustingKnownHosts(server, work);
      return () => connectWithPassword(server, knownHosts);
    });
    expect(outcome).toEqual(DONE);
  });

  it('over FTP from vsftpd (LIST)', async () => {
    expect(await downloadTreeWithLink('vsftpd', (server) => ftpConnect(server))).toEqual(DONE);
  });

  it('over FTP from proftpd (MLST)', async () => {
    expect(await downloadTreeWithLink('proftpd', (server) => ftpConnect(server))).toEqual(DONE);
  });

  it('over FTP from pure-ftpd (LIST)', async () => {
    expect(await downloadTreeWithLink('pure-ftpd', (server) => ftpConnect(server))).toEqual(DONE);
  });
});

/**
 * pyftpdlib's MLSD looks through links and lists `self -> .` as a plain folder; followed, the
 * tree was copied into itself forty levels deep, until the server's ELOOP. Its `unique` fact
 * (device and inode) tells a folder that is one above it again.
 */
describe('folder download with links back up the tree (pyftpdlib MLSD)', () => {
  it('copies each folder once and says why the links were not followed', async () => {
    const server = await startServer('pyftpdlib');
    const work = mkdtempSync(join(tmpdir(), 'ferry-symlink-loop-'));
    try {
      await server.writeFile('tree/a.txt', CONTENT);
      await server.writeFile('tree/sub/b.txt', CONTENT);
      for (const [target, link] of [
        ['.', 'tree/self'],
        ['..', 'tree/sub/up'],
      ] as const) {
        symlinkSync(target, server.localPath(link));
        lchownSync(server.localPath(link), server.uid, server.gid);
      }
      const queue = await TransferQueue.open({
        journalDir: join(work, 'journal'),
        connect: ftpConnect(server),
        settings: { maxConnectionsPerSite: 2, defaultOverwrite: 'overwrite' },
      });
      try {
        await queue.add([
          {
            direction: 'download',
            source: { location: 'pyftpdlib', path: server.remotePath('tree') },
            target: { location: 'local', path: join(work, 'down') },
            isDir: true,
          },
        ]);
        await queue.start();
        await queue.whenIdle();
        const files = queue.list().filter((item) => !item.isDir && item.state === 'done');
        expect(files.map((item) => item.source.path).sort()).toEqual([
          server.remotePath('tree/a.txt'),
          server.remotePath('tree/sub/b.txt'),
        ]);
        const skipped = queue.list().filter((item) => item.state === 'skipped');
        expect(skipped.map((item) => item.source.path).sort()).toEqual([
          server.remotePath('tree/self'),
          server.remotePath('tree/sub/up'),
        ]);
        expect(skipped[0]!.error?.message).toMatch(/reached through a link/);
      } finally {
        await queue.close();
      }
    } finally {
      await server.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
