/**
 * The CLI's answers to the engine's questions: asked at a terminal as `ssh` asks, refused
 * without one so that a script never trusts a certificate or host key silently. The refusal
 * errors carry the fingerprint, which the CLI prints so the user can pin it.
 */
import { createInterface } from 'node:readline/promises';
import { FerryError } from '../../src-shared/errors.js';
import { REFUSAL, type Prompt, type PromptAnswers } from '../../src-shared/prompts.js';
import type { Prompter } from '../core/prompter.js';
import { printableLine, printableText } from './printable.js';

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
            `  subject: ${printableLine(c.subject)}\n  issuer:  ${printableLine(c.issuer)}\n  valid:   ${c.validFrom} – ${c.validTo}\n` +
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
        if (prompt.instructions) process.stderr.write(`${printableText(prompt.instructions)}\n`);
        const answers: string[] = [];
        for (const q of prompt.questions) answers.push(await this.question(printableText(q.prompt), !q.echo));
        return { answers };
      }
      case 'overwrite': {
        const answer = await this.question(
          `${printableLine(prompt.targetPath)} exists. [o]verwrite / [r]esume / re[n]ame / [s]kip (capital letter: apply to all): `,
        );
        const all = answer !== answer.toLowerCase();
        const actions = { o: 'overwrite', r: 'resume', n: 'rename', s: 'skip' } as const;
        const action = actions[answer.toLowerCase() as keyof typeof actions] ?? 'skip';
        return { action, applyToAll: all };
      }
    }
  }

  private async question(text: string, secret = false): Promise<string> {
    if (secret) return readSecret(text);
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    try {
      return (await rl.question(text)).trim();
    } finally {
      rl.close();
    }
  }
}

/**
 * Reads a line with nothing echoed, as ssh does for passwords. Not through readline: its
 * promises Interface echoes through an internal symbol, so the old `_writeToOutput` override
 * (still seen in examples) silently showed the password on screen.
 */
async function readSecret(text: string): Promise<string> {
  const stdin = process.stdin;
  const wasRaw = stdin.isRaw;
  // Raw (no echo) before the question shows, so that nothing typed ahead is echoed either.
  stdin.setRawMode(true);
  process.stderr.write(text);
  stdin.setEncoding('utf8');
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const finish = (outcome: () => void): void => {
        stdin.off('data', onData);
        outcome();
      };
      const onData = (chunk: string): void => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(typed));
          if (ch === '\u0003')
            return finish(() => reject(new FerryError('CANCELLED', 'Cancelled at the password prompt.')));
          if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
          else if (ch === '\u0015') typed = '';
          else typed += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(wasRaw);
    stdin.pause();
    process.stderr.write('\n');
  }
}
