/**
 * "Apply to all" in the overwrite question answers "every question still waiting"
 * (transfer-queue.ts, ask()), and the dialog says "Apply to all (N more waiting)". The queue
 * lives as long as the app, though, and the answer used to be kept for ever: a transfer queued
 * later, long after the first batch finished, overwrote the user's file without the question
 * its 'ask' policy promises. The answer now lasts until the queue is idle.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import type { QueueRequest } from '../../../src-main/queue/index.js';
import { ScriptedFs } from './scripted-fs.js';
import { useQueueScratch } from './queue-scratch.js';

const scratch = useQueueScratch();

const download = (source: string, target: string): QueueRequest => ({
  direction: 'download',
  source: { location: 'site', path: join(scratch.root, source) },
  target: { location: 'local', path: join(scratch.root, target) },
  overwrite: 'ask',
});

it("an 'Apply to all' answer does not silently decide for an unrelated, later transfer", async () => {
  const asked: string[] = [];
  const prompter: Prompter = {
    ask<P extends Prompt>(prompt: P) {
      asked.push((prompt as { targetPath: string }).targetPath);
      // First batch: "Overwrite, apply to all". Anything later: the user would say "Skip".
      const answer =
        asked.length === 1
          ? { action: 'overwrite', applyToAll: true }
          : { action: 'skip', applyToAll: false };
      return Promise.resolve(answer as PromptAnswers[P['kind']]);
    },
  };
  await writeFile(join(scratch.root, 'a'), 'new a');
  await writeFile(join(scratch.root, 'a-local'), 'old a');
  await writeFile(join(scratch.root, 'b'), 'new b');
  await writeFile(join(scratch.root, 'b-local'), 'my precious b');

  const queue = await scratch.open({
    connect: () => Promise.resolve(new ScriptedFs({})),
    settings: { retryBaseMs: 1, retryCapMs: 5 },
    prompter,
  });
  await queue.start();
  await queue.add([download('a', 'a-local')]);
  await queue.whenIdle();
  expect(await readFile(join(scratch.root, 'a-local'), 'utf8')).toBe('new a');

  // Later, a different transfer, again with the 'ask' policy.
  const [b] = await queue.add([download('b', 'b-local')]);
  await queue.whenIdle();
  expect(asked).toEqual([join(scratch.root, 'a-local'), join(scratch.root, 'b-local')]);
  expect(queue.get(b!)?.state).toBe('skipped');
  expect(await readFile(join(scratch.root, 'b-local'), 'utf8')).toBe('my precious b');
});
