/**
 * Keyboard-interactive questions the person declines (the prompter answers
 * `{ answers: null }`, as the UI's Cancel and the CLI without a terminal do). AuthSequence
 * then answers the server's INFO_REQUEST with zero responses to N prompts, which RFC 4256
 * forbids; OpenSSH's sshd drops the connection on it ("wrong number of replies"), so the
 * password method that comes next in the sequence is never tried.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSftp } from '../../../src-main/sftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import {
  RecordingLogger,
  ScriptedPrompter,
  isolatedDeps,
  scratchDir,
  targetFor,
  trustingKnownHosts,
} from './sftp-test-kit.js';

let server: RunningServer;
let scratch: { dir: string; remove: () => void };
let knownHosts: string;

beforeAll(async () => {
  server = await startServer('sshd');
  scratch = scratchDir();
  knownHosts = trustingKnownHosts(server, scratch.dir);
});
afterAll(async () => {
  await server?.dispose();
  scratch?.remove();
});

it('declining the keyboard-interactive questions moves on to the password method', async () => {
  const prompter = new ScriptedPrompter({
    'keyboard-interactive': () => ({ answers: null }),
    password: () => ({ password: server.password, remember: false }),
  });
  const logger = new RecordingLogger();
  const outcome = await connectSftp(targetFor(server), isolatedDeps(knownHosts, { prompter, logger })).then(
    async (fs) => {
      await fs.close();
      return 'connected';
    },
    (error: unknown) => `failed: ${(error as Error).message}`,
  );
  await new Promise((r) => setTimeout(r, 200));
  const sshdLog = readFileSync(server.logFile, 'utf8')
    .split('\n')
    .filter((l) => /repl|kbd|keyboard|Disconnect|fatal/i.test(l))
    .join('\n');
  const detail = `outcome: ${outcome}\nasked: ${prompter.asked.map((p) => p.kind).join(', ')}\nlog:\n${logger.text()}\nsshd:\n${sshdLog}`;
  expect(
    prompter.asked.map((p) => p.kind),
    detail,
  ).toEqual(['keyboard-interactive', 'password']);
  expect(outcome, detail).toBe('connected');
});
