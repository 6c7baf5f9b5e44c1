/**
 * Dragging files onto a folder in the same pane moves them into it, as in FileZilla, Explorer
 * and Finder. The list highlighted the folder as a drop target, but the drop was ignored and
 * nothing said so. A folder is never moved into itself: such a drop is refused.
 */
import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { errorToasts, pane, quickConnect, screenshot, useFerry } from './ferry-page.js';

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

describe.skipIf(!chromiumAvailable())('drag and drop inside the remote pane', () => {
  const fixture = useFerry({
    server: async (server) => {
      await server.mkdir('archive');
      await server.mkdir('drafts');
      await server.writeFile('report.txt', 'quarterly\n');
      await server.writeFile('notes.txt', 'notes\n');
    },
  });

  it('files dropped on a folder row of the same pane move into that folder', async () => {
    const { page } = fixture.ferry;
    const { server } = fixture;
    const remote = pane(page, 'remote');
    await quickConnect(page, server, 'ftp-insecure');
    await remote.row('report.txt').waitFor();

    await remote.row('notes.txt').click();
    await remote.row('report.txt').click({ modifiers: ['Control'] });
    await remote.row('report.txt').dragTo(remote.row('archive'));
    await remote.row('report.txt').waitFor({ state: 'detached' });
    await remote.row('notes.txt').waitFor({ state: 'detached' });
    await screenshot(page, 'drag-into-folder-same-pane');
    expect(await errorToasts(page)).toEqual([]);
    expect(await exists(server.localPath('archive/report.txt')), 'report.txt is now in /archive').toBe(true);
    expect(await exists(server.localPath('archive/notes.txt')), 'notes.txt is now in /archive').toBe(true);
  });

  it('a folder is not dropped into itself', async () => {
    const { page } = fixture.ferry;
    const { server } = fixture;
    const remote = pane(page, 'remote');
    // archive and drafts together, dropped on archive: refused as a whole, as Explorer does.
    await remote.row('archive').click();
    await remote.row('drafts').click({ modifiers: ['Control'] });
    await remote.row('drafts').dragTo(remote.row('archive'));
    // Give a move that should not happen every chance to show itself.
    await remote
      .row('drafts')
      .waitFor({ state: 'detached', timeout: 2_000 })
      .catch(() => {});
    expect(await errorToasts(page)).toEqual([]);
    expect(await exists(server.localPath('drafts'))).toBe(true);
    expect(await exists(server.localPath('archive/archive'))).toBe(false);
  });
});
