/**
 * The CLI's answers to the engine's questions: asked at a terminal as `ssh` asks, refused
 * without one so that a script never trusts a certificate or host key silently. The refusal
 * errors carry the fingerprint, which the CLI prints so the user can pin it.
 */
import { createInterface } from 'node:readline/promises';
import { REFUSAL, type Prompt, type PromptAnswers } from '../../src-shared/prompts.js';
import type { Prompter } from '../core/prompter.js';

export class TerminalPrompter implements Prompter {
  constructor(readonly interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY)) {}

  async ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    if (!this.interactive) return REFUSAL[prompt.kind] as PromptAnswers[P['kind']];
    return (await this.askAtTerminal(prompt)) as PromptAnswers[P['kind']];
  }

  private async askAtTerminal(prompt: Prompt): Promise<PromptAnswers[Prompt['kind']]> {
    switch (prompt.kind) {
      case 'certificate': {
        const c = prompt.certificate;
        const answer = await this.question(
          `The certificate of ${c.host}:${c.port} is not trusted (${prompt.reason}).\n` +
            `  subject: ${c.subject}\n  issuer:  ${c.issuer}\n  valid:   ${c.validFrom} – ${c.validTo}\n` +
            `  SHA-256: ${c.fingerprint256}\nTrust it? [y]es once / [a]lways / [N]o: `,
        );
        return { trust: answer === 'a' ? 'always' : answer === 'y' ? 'once' : 'reject' };
      }
      case 'host-key': {
        const k = prompt.hostKey;
        const answer = await this.question(
          `The authenticity of host '${k.host}:${k.port}' can't be established.\n` +
            `${k.algorithm} key fingerprint is ${k.fingerprint}.\n` +
            `Are you sure you want to continue connecting (yes/no/once)? `,
        );
        return { trust: answer === 'yes' ? 'always' : answer === 'once' ? 'once' : 'reject' };
      }
      case 'password': {
        const password = await this.question(`Password for ${prompt.user}@${prompt.label}: `, true);
        return { password: password || null, remember: false };
      }
      case 'keyboard-interactive': {
        if (prompt.instructions) process.stderr.write(`${prompt.instructions}\n`);
        const answers: string[] = [];
        for (const q of prompt.questions) answers.push(await this.question(q.prompt, !q.echo));
        return { answers };
      }
      case 'overwrite': {
        const answer = await this.question(
          `${prompt.targetPath} exists. [o]verwrite / [r]esume / re[n]ame / [s]kip (capital letter: apply to all): `,
        );
        const all = answer !== answer.toLowerCase();
        const actions = { o: 'overwrite', r: 'resume', n: 'rename', s: 'skip' } as const;
        const action = actions[answer.toLowerCase() as keyof typeof actions] ?? 'skip';
        return { action, applyToAll: all };
      }
    }
  }

  private async question(text: string, secret = false): Promise<string> {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (secret) {
      // Echo nothing typed after the question, as ssh does for passwords.
      const output = rl as unknown as { _writeToOutput?: (s: string) => void };
      let asked = false;
      output._writeToOutput = (s: string) => {
        if (!asked) {
          process.stderr.write(s);
          asked = true;
        }
      };
    }
    try {
      const answer = await rl.question(text);
      if (secret) process.stderr.write('\n');
      return answer.trim();
    } finally {
      rl.close();
    }
  }
}
