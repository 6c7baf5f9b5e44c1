/**
 * Renaming in the local pane (F2, type a name, Enter) goes use-pane-actions → fs.rename('local', …)
 * → LocalFileSystem.rename → fs.rename(2), which silently replaced a file of the new name.
 * Windows Explorer, Finder and FileZilla refuse a name that is already taken, and so does the
 * service's fs.rename now; a folder in the way is reported about the folder, not the source.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type FerryApp } from '../../../src-main/app/create-app.js';

describe('renaming a local file to a name that is already taken', () => {
  let app: FerryApp;
  let configDir: string;
  let work: string;

  beforeAll(async () => {
    configDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-review-config-'));
    work = await mkdtemp(path.join(os.tmpdir(), 'ferry-review-work-'));
    app = await createApp({ mode: 'web', configDir });
  });

  afterAll(async () => {
    await app?.close();
    await rm(configDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('refuses instead of silently deleting the other file', async () => {
    await writeFile(path.join(work, 'draft.txt'), 'a quick draft\n');
    await writeFile(path.join(work, 'thesis.txt'), 'two years of work\n');
    const outcome = await app.api['fs.rename'](
      'local',
      path.join(work, 'draft.txt'),
      path.join(work, 'thesis.txt'),
    ).then(
      () => 'renamed',
      (error: { code?: string }) => error.code ?? 'error',
    );
    expect.soft(await readdir(work)).toEqual(['draft.txt', 'thesis.txt']);
    expect.soft(await readFile(path.join(work, 'thesis.txt'), 'utf8')).toBe('two years of work\n');
    expect.soft(outcome).toBe('ALREADY_EXISTS');
  });

  it('onto an existing folder: the error names the folder that is in the way, not the file being renamed', async () => {
    await writeFile(path.join(work, 'notes.txt'), 'notes\n');
    await mkdir(path.join(work, 'archive'));
    const error = await app.api['fs.rename'](
      'local',
      path.join(work, 'notes.txt'),
      path.join(work, 'archive'),
    ).then(
      () => null,
      (e: { code?: string; message?: string }) => e,
    );
    expect(error?.code).toBe('ALREADY_EXISTS');
    // The toast reads: Could not rename "notes.txt" / <message>
    expect(error?.message).toBe(`${path.join(work, 'archive')} already exists.`);
  });
});
