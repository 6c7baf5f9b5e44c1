/**
 * Two saves during one slow upload of an edited file (the second an atomic replace, as gedit,
 * Sublime or vim do): the second upload used to start while the first ran and compare the server
 * with the state from before it, so it took our own first upload for someone else's change,
 * asked about it, and on "skip" left save 1 on the server. Uploads of one edit now run in turn.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { EditWatcher, fixedConnection } from '../../../src-main/app/edit-watcher.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import type { RemoteFileSystem, TransferOptions } from '../../../src-main/fs/remote-file-system.js';
import type { FtpFileSystem } from '../../../src-main/ftp/index.js';
import { connectTo } from '../ftp/ftp-test-kit.js';
import { startServer, type RunningServer } from '../../harness/index.js';

/** Answers "Skip" (the refusal default, and what a careful user picks for "someone else changed it"). */
class ScriptedPrompter implements Prompter {
  readonly asked: Prompt[] = [];
  async ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    this.asked.push(prompt);
    return { action: 'skip', applyToAll: false } as PromptAnswers[P['kind']];
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A slow uplink: each 64 KiB takes 100 ms to leave (~640 KB/s, a common DSL upload speed). */
function slowLink(fs: FtpFileSystem): RemoteFileSystem {
  return new Proxy(fs, {
    get(target, prop, receiver) {
      if (prop === 'upload') {
        return (source: Readable, path: string, options?: TransferOptions) => {
          const throttle = new Transform({
            transform(chunk, _enc, done) {
              setTimeout(() => done(null, chunk), 100);
            },
          });
          return target.upload(source.pipe(throttle), path, options);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as RemoteFileSystem;
}

describe('editing a remote file: two saves while the first upload is still running', () => {
  let server: RunningServer;
  let fs: FtpFileSystem;

  beforeAll(async () => {
    server = await startServer('pyftpdlib');
    fs = await connectTo(server, { protocol: 'ftp-insecure' }, { prompter: new ScriptedPrompter() });
  });

  afterAll(async () => {
    await fs?.close();
    await server?.dispose();
  });

  it('uploads the last save and does not report our own first upload as a change by someone else', async () => {
    await server.writeFile('page.html', 'original\n');
    const prompter = new ScriptedPrompter();
    const edits = new EditWatcher(prompter, () => silentLogger);
    try {
      const { localPath } = await edits.edit(
        fixedConnection(slowLink(fs)),
        server.remotePath('page.html'),
        's1',
      );
      // Save 1: a 1 MiB file, ~1.6 s to upload on this link.
      await writeFile(localPath, 'A'.repeat(1024 * 1024));
      await sleep(900); // the watcher settled (400 ms) and the upload of save 1 is running
      // Save 2 (Ctrl+S again a moment later), the way gedit, Sublime Text or vim's
      // `backupcopy=no` save: write a temporary file beside it, then rename it over the original.
      await writeFile(`${localPath}.tmp-save`, 'final version\n');
      await rename(`${localPath}.tmp-save`, localPath);
      // Wait well past both uploads.
      await sleep(4000);
      // Nobody but this editor touched the server file, so nobody should have been asked...
      expect.soft(prompter.asked).toEqual([]);
      // ...and the server should have the last saved content.
      const onServer = await readFile(server.localPath('page.html'), 'utf8');
      const shown =
        onServer.length > 40 ? `${onServer.slice(0, 8)}… (${onServer.length} bytes: save 1)` : onServer;
      expect.soft(shown).toBe('final version\n');
    } finally {
      edits.close();
    }
  });
});
