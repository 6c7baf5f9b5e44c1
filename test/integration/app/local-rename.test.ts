/**
 * Renaming in the local pane (F2, type a name, Enter) goes use-pane-actions → fs.rename('local', …)
 * → LocalFileSystem.rename → fs.rename(2), which silently replaced a file of the new name.
 * Windows Explorer, Finder and FileZilla refuse a name that is already taken, and so does the
 * service's fs.rename now; a folder in the way is reported about the folder, not the source.
 * A change of case only was let through as "the same file", which on a case-sensitive disk it
 * need not be: README.txt and readme.txt live side by side on Linux and every Unix server.
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

  it('to another case of a name that another file has, on a case-sensitive disk: refused too', async () => {
    await writeFile(path.join(work, 'readme.txt'), 'old scratch notes\n');
    await writeFile(path.join(work, 'README.txt'), 'the real README\n');
    // Both exist side by side: this disk tells the two names apart.
    expect(await readdir(work)).toEqual(expect.arrayContaining(['README.txt', 'readme.txt']));
    const outcome = await app.api['fs.rename'](
      'local',
      path.join(work, 'readme.txt'),
      path.join(work, 'README.txt'),
    ).then(
      () => 'renamed',
      (error: { code?: string }) => error.code ?? 'error',
    );
    expect.soft(await readFile(path.join(work, 'README.txt'), 'utf8')).toBe('the real README\n');
    expect.soft(outcome).toBe('ALREADY_EXISTS');
  });

  it('to another case of its own name when nothing else has it: renamed', async () => {
    await writeFile(path.join(work, 'photo.JPG'), 'jpeg\n');
    await app.api['fs.rename']('local', path.join(work, 'photo.JPG'), path.join(work, 'photo.jpg'));
    expect(await readdir(work)).toContain('photo.jpg');
    expect(await readdir(work)).not.toContain('photo.JPG');
  });
});
