/**
 * A recursive delete removes a symlink to a folder as a link, never empties the folder it points
 * at, which may lie outside the tree. pyftpdlib's MLSD looks through links and lists such a link
 * as `type=dir`: the delete recursed into it and deleted the linked folder's files, then failed
 * on RMD of the link. Each folder is now first deleted as a file (which removes only a link).
 * The other servers list links as links; their trees are deleted as before.
 */
import { existsSync, lchownSync, readdirSync, symlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { connectTo } from './ftp-test-kit.js';

describe.each(['pyftpdlib', 'vsftpd', 'proftpd', 'pure-ftpd'] as const)(
  'recursive delete of a tree holding a link to an outside folder (%s)',
  (kind) => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(kind);
    });
    afterAll(async () => {
      await server?.dispose();
    });

    it('removes the tree and the link, and leaves the linked folder alone', async () => {
      await server.writeFile('keep/precious.txt', 'not part of the tree');
      await server.writeFile('tree/a.txt', 'x');
      await server.writeFile('tree/sub folder/b.txt', 'y');
      symlinkSync('../keep', server.localPath('tree/linkdir'));
      lchownSync(server.localPath('tree/linkdir'), server.uid, server.gid);
      const fs = await connectTo(server);
      let failure: string | null = null;
      try {
        await fs.removeDir(server.remotePath('tree'), true);
      } catch (error) {
        failure = (error as Error).message;
      } finally {
        await fs.close();
      }
      // First the data outside the tree, which must never be touched.
      expect(readdirSync(server.localPath('keep'))).toEqual(['precious.txt']);
      expect({ failure, treeLeft: existsSync(server.localPath('tree')) }).toEqual({
        failure: null,
        treeLeft: false,
      });
    });
  },
);
