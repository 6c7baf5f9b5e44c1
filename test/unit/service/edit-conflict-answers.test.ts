/**
 * The open/edit conflict question is the queue's, with all its answers; the edit flow used to
 * upload only on "overwrite" and drop the edit on every other answer ("overwrite if newer" with
 * the local copy newer, "rename" to keep both). Each answer now means what it means in the queue.
 */
import { writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src-shared/model.js';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { EditWatcher, fixedConnection } from '../../../src-main/app/edit-watcher.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import type { RemoteFileSystem, TransferResult } from '../../../src-main/fs/remote-file-system.js';

type Action = PromptAnswers['overwrite']['action'];

/** A server in memory: enough of RemoteFileSystem for the edit flow. */
function memoryServer(files: Map<string, { data: string; modified: number }>): RemoteFileSystem {
  const entry = (path: string): FileEntry | null => {
    const f = files.get(path);
    if (!f) return null;
    return {
      name: path.slice(path.lastIndexOf('/') + 1),
      type: 'file',
      size: f.data.length,
      modified: f.modified,
    };
  };
  const fs: Partial<RemoteFileSystem> = {
    protocol: 'sftp',
    security: null,
    connected: true,
    stat: async (path) => entry(path),
    download: async (path, sink: Writable): Promise<TransferResult> => {
      const data = files.get(path)?.data ?? '';
      await new Promise<void>((resolve, reject) => sink.end(data, () => resolve()).once('error', reject));
      return { bytes: data.length };
    },
    upload: async (source: Readable, path): Promise<TransferResult> => {
      const chunks: Buffer[] = [];
      for await (const c of source) chunks.push(Buffer.from(c as Buffer));
      const data = Buffer.concat(chunks).toString('utf8');
      files.set(path, { data, modified: Date.now() });
      return { bytes: data.length };
    },
  };
  return fs as RemoteFileSystem;
}

class Answering implements Prompter {
  readonly asked: Prompt[] = [];
  constructor(private readonly action: Action) {}
  async ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    this.asked.push(prompt);
    return { action: this.action, applyToAll: false } as PromptAnswers[P['kind']];
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Open /site/index.html, let a colleague change it on the server an hour "earlier", then save a local edit. */
async function saveAfterConflict(
  action: Action,
): Promise<{ files: Map<string, { data: string; modified: number }>; prompter: Answering }> {
  const hourAgo = Date.now() - 3_600_000;
  const files = new Map([['/site/index.html', { data: 'original\n', modified: hourAgo - 60_000 }]]);
  const prompter = new Answering(action);
  const edits = new EditWatcher(prompter, () => silentLogger);
  try {
    const { localPath } = await edits.edit(fixedConnection(memoryServer(files)), '/site/index.html', 's1');
    // Someone else's change, stamped an hour ago (older than the save that follows).
    files.set('/site/index.html', { data: 'colleague\n', modified: hourAgo });
    await writeFile(localPath, 'my edit\n');
    await sleep(1200);
  } finally {
    edits.close();
  }
  return { files, prompter };
}

describe('edit: what the "target file already exists" dialog answers do', () => {
  it('"Overwrite if newer" uploads the edit when the saved copy is the newer one', async () => {
    const { files, prompter } = await saveAfterConflict('newer');
    expect(prompter.asked).toHaveLength(1);
    // The dialog showed the local save as "Newer" (source.modified > target.modified)...
    const asked = prompter.asked[0] as Extract<Prompt, { kind: 'overwrite' }>;
    expect(asked.source.modified!).toBeGreaterThan(asked.target.modified!);
    // ...so "Overwrite if newer" must overwrite.
    expect(files.get('/site/index.html')?.data).toBe('my edit\n');
  });

  it('"Rename" (keep both; the new file gets a new name) keeps the edit on the server', async () => {
    const { files } = await saveAfterConflict('rename');
    expect(files.get('/site/index.html')?.data).toBe('colleague\n');
    const kept = [...files.values()].some((f) => f.data === 'my edit\n');
    expect(kept, `server files: ${JSON.stringify([...files.keys()])}`).toBe(true);
  });
});

describe('edit: a save after an upload whose follow-up question failed', () => {
  it('is uploaded without asking: nobody else changed the file, the connection merely went', async () => {
    const files = new Map([['/site/about.html', { data: 'original\n', modified: Date.now() - 60_000 }]]);
    const server = memoryServer(files);
    // The stat that follows the first upload fails, as when the tab is closed at that moment;
    // the server's clock then stamps the next look differently, as any later listing would.
    let uploads = 0;
    const upload = server.upload.bind(server);
    server.upload = async (source, path, options) => {
      uploads++;
      return upload(source, path, options);
    };
    const stat = server.stat.bind(server);
    let failed = false;
    server.stat = async (path) => {
      if (uploads === 1 && !failed) {
        failed = true;
        throw new Error('Not connected');
      }
      const entry = await stat(path);
      return entry && { ...entry, modified: (entry.modified ?? 0) + 1000 };
    };
    const prompter = new Answering('skip');
    const edits = new EditWatcher(prompter, () => silentLogger);
    try {
      const { localPath } = await edits.edit(fixedConnection(server), '/site/about.html', 's1');
      await writeFile(localPath, 'first save\n');
      await until(() => uploads === 1 && failed);
      await writeFile(localPath, 'second save, longer\n');
      await until(() => files.get('/site/about.html')?.data === 'second save, longer\n');
      expect(prompter.asked).toEqual([]);
    } finally {
      edits.close();
    }
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(25);
  }
}
