/** The order of authentication methods, driven as ssh2 drives it, with a scripted prompter. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyAuthMethod, KeyboardInteractiveAuthMethod } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { REFUSAL } from '../../../src-shared/prompts.js';
import { silentLogger } from '../../../src-main/core/protocol-log.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import { AuthSequence, type AuthSequenceOptions } from '../../../src-main/sftp/auth-sequence.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(name: string, passphrase = '', format: string[] = []): string {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', ...format, '-N', passphrase, '-f', file]);
  return file;
}

class Recorder implements Prompter {
  readonly asked: Prompt[] = [];
  constructor(private readonly reply: Partial<{ [K in Prompt['kind']]: PromptAnswers[K] }> = {}) {}
  ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    this.asked.push(prompt);
    return Promise.resolve((this.reply[prompt.kind] ?? REFUSAL[prompt.kind]) as PromptAnswers[P['kind']]);
  }
}

const ALL = ['publickey', 'keyboard-interactive', 'password'];

async function drain(sequence: AuthSequence, allowed = ALL): Promise<string[]> {
  const types: string[] = [];
  let methods: readonly string[] | null = null;
  for (;;) {
    const next: AnyAuthMethod | false = await sequence.next(methods);
    if (next === false) return types;
    types.push(
      next.type === 'publickey'
        ? `publickey:${typeof next.key === 'object' && 'type' in next.key ? next.key.type : '?'}`
        : next.type,
    );
    methods = allowed;
  }
}

function options(overrides: Partial<AuthSequenceOptions>): AuthSequenceOptions {
  return {
    user: 'u',
    label: 'u@h:22',
    identityFiles: [],
    prompter: new Recorder(),
    logger: silentLogger,
    ...overrides,
  };
}

describe('AuthSequence', () => {
  it('probes with none, then agent, key files, keyboard-interactive, password', async () => {
    const key = keyFile('plain');
    const sequence = new AuthSequence(
      options({ agentSocket: '/tmp/agent.sock', identityFiles: [key, join(dir, 'missing')], password: 'pw' }),
    );
    expect(await drain(sequence)).toEqual([
      'none',
      'agent',
      'publickey:ssh-ed25519',
      'keyboard-interactive',
      'password',
    ]);
  });

  it('skips what the server does not offer', async () => {
    const key = keyFile('plain2');
    const sequence = new AuthSequence(
      options({ agentSocket: '/tmp/agent.sock', identityFiles: [key], password: 'pw' }),
    );
    expect(await drain(sequence, ['password'])).toEqual(['none', 'password']);
  });

  it('reads PEM keys and asks for passphrases, skipping a key whose passphrase is refused', async () => {
    const pem = keyFile('pem', '', ['-m', 'PEM']);
    const locked = keyFile('locked', 'secret');
    const refused = new Recorder();
    expect(
      await drain(new AuthSequence(options({ identityFiles: [locked, pem], prompter: refused })), [
        'publickey',
      ]),
    ).toEqual(['none', 'publickey:ssh-ed25519']);
    expect(refused.asked).toMatchObject([{ kind: 'password', reason: expect.stringContaining(locked) }]);
    const given = new Recorder({ password: { password: 'secret', remember: false } });
    expect(
      await drain(new AuthSequence(options({ identityFiles: [locked], prompter: given })), ['publickey']),
    ).toEqual(['none', 'publickey:ssh-ed25519']);
  });

  it('skips a file that is not a key', async () => {
    const junk = join(dir, 'junk');
    writeFileSync(junk, 'not a key');
    expect(await drain(new AuthSequence(options({ identityFiles: [junk] })), ['publickey'])).toEqual([
      'none',
    ]);
  });

  it('asks for a password only when none was given, and skips password auth when refused', async () => {
    const asking = new Recorder({ password: { password: 'typed', remember: false } });
    expect(await drain(new AuthSequence(options({ prompter: asking })), ['password'])).toEqual([
      'none',
      'password',
    ]);
    expect(asking.asked).toMatchObject([{ kind: 'password', user: 'u' }]);
    expect(await drain(new AuthSequence(options({})), ['password'])).toEqual(['none']);
  });

  it('answers password-like keyboard-interactive prompts from the target and asks about the rest', async () => {
    const prompter = new Recorder({ 'keyboard-interactive': { answers: ['123456'] } });
    const sequence = new AuthSequence(options({ password: 'pw', prompter }));
    await sequence.next(null);
    const method = (await sequence.next(['keyboard-interactive'])) as KeyboardInteractiveAuthMethod;
    const answer = (prompts: { prompt: string; echo: boolean }[]): Promise<string[]> =>
      new Promise((resolve) => method.prompt('', '', '', prompts, resolve));
    expect(await answer([{ prompt: 'Password: ', echo: false }])).toEqual(['pw']);
    expect(await answer([])).toEqual([]);
    expect(await answer([{ prompt: 'Verification code: ', echo: true }])).toEqual(['123456']);
    expect(prompter.asked).toMatchObject([
      { kind: 'keyboard-interactive', questions: [{ prompt: 'Verification code: ', echo: true }] },
    ]);
  });
});
