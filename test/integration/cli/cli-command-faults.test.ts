/**
 * Faults a review found in the CLI's file and site commands, each shown by one test: a refused
 * get that emptied the local file, `mv dir/ new` moving the folder into itself, and `sites rm`
 * deleting whichever of two same-named sites came first.
 */
import { chmod, chown, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';
import { buildCli, ferry, serverUrl, tempDir, type CliOptions } from './cli-kit.js';

beforeAll(() => buildCli());

describe('file commands against vsftpd', () => {
  let server: RunningServer;
  let local: string;
  let cli: CliOptions;
  const url = (relativePath = ''): string => serverUrl(server, relativePath, { scheme: 'ftp+insecure' });

  beforeAll(async () => {
    server = await startServer('vsftpd');
    local = await tempDir('cli-faults-local');
    cli = { configDir: await tempDir('cli-faults-config'), cwd: local };
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('a get the server refuses (550) leaves an existing local file as it was', async () => {
    const path = await server.writeFile('private/secret.txt', 'secret');
    await chown(path, 0, 0);
    await chmod(path, 0o600);
    await writeFile(join(local, 'notes.txt'), 'my own notes, not a download');
    const result = await ferry(['get', url('private/secret.txt'), 'notes.txt'], cli);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/550/);
    // Nothing was downloaded: the user's file must not have been emptied.
    expect(await readFile(join(local, 'notes.txt'), 'utf8')).toBe('my own notes, not a download');
  });

  it('mv of a folder URL with a trailing slash to a bare name renames the folder, as mv dir/ new does', async () => {
    await server.writeFile('olddir/inside.txt', 'x');
    const result = await ferry(['mv', `${url('olddir')}/`, 'newdir'], cli);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await stat(server.localPath('newdir'))).isDirectory()).toBe(true);
    expect(await readFile(server.localPath('newdir/inside.txt'), 'utf8')).toBe('x');
  });
});

describe('ferry sites rm', () => {
  let cli: CliOptions;

  beforeAll(async () => {
    cli = { configDir: await tempDir('review-sites') };
  });

  it('a bare name that two sites share is refused as ambiguous, not resolved to whichever comes first', async () => {
    for (const [folder, host] of [
      ['Home', 'home.example'],
      ['Work', 'work.example'],
    ] as const) {
      const added = await ferry(['sites', 'add', 'Prod', `sftp://me@${host}/`, '--folder', folder], cli);
      expect(added.code).toBe(0);
    }
    const removed = await ferry(['sites', 'rm', 'Prod'], cli);
    // Both sites must still be there: "Prod" does not say which one to delete.
    const listed = await ferry(['sites', 'ls'], cli);
    expect(listed.stdout).toContain('Home/Prod');
    expect(listed.stdout).toContain('Work/Prod');
    expect(removed.code).toBe(2);
  });
});
