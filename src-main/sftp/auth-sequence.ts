/**
 * Drives ssh2's authHandler in OpenSSH's order (ssh_config(5) PreferredAuthentications:
 * publickey — agent keys, then key files — then keyboard-interactive, then password).
 * A `none` probe comes first, as OpenSSH sends it, to learn which methods the server takes.
 */
import type {
  AnyAuthMethod,
  AuthenticationType,
  AuthHandlerMiddleware,
  KeyboardInteractiveCallback,
  NextAuthHandler,
  Prompt as SshPrompt,
} from 'ssh2';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { Prompter } from '../core/prompter.js';
import { loadPrivateKey } from './private-key-loader.js';

export interface AuthSequenceOptions {
  user: string;
  /** Label shown in prompts ("alice@example.com"). */
  label: string;
  password?: string;
  /** Passphrase for the key files, saved with the site; prompts are the fallback. */
  passphrase?: string | undefined;
  agentSocket?: string;
  /** Key files in the order to try; missing ones are skipped. */
  identityFiles: string[];
  prompter: Prompter;
  logger: ProtocolLogger;
}

type Stage = (allowed: ReadonlySet<string>) => Promise<AnyAuthMethod | null>;

/** Prompts that ask for the password itself (PAM says "Password:", some servers "Passcode"). */
const PASSWORD_PROMPT = /pass(word|code|phrase)?\s*:?\s*$/i;

export class AuthSequence {
  private readonly options: AuthSequenceOptions;
  private readonly stages: Stage[];
  private sentNone = false;

  constructor(options: AuthSequenceOptions) {
    this.options = options;
    const keyStages = options.identityFiles.map(
      (file) => (allowed: ReadonlySet<string>) => this.keyFile(file, allowed),
    );
    this.stages = [
      (allowed) => this.agent(allowed),
      ...keyStages,
      (allowed) => this.keyboardInteractive(allowed),
      (allowed) => this.password(allowed),
    ];
  }

  /** The ssh2 authHandler: asynchronous, answers through `next`. */
  readonly handler: AuthHandlerMiddleware = (
    methodsLeft: AuthenticationType[] | null,
    _partial,
    next: NextAuthHandler,
  ) => {
    // ssh2 takes `false` for "no more methods" (client.js doNextAuth); @types/ssh2 omits it.
    const answer = next as (method: AnyAuthMethod | false) => void;
    void this.next(methodsLeft).then(answer, (error: unknown) => {
      this.options.logger.log(
        'error',
        `Authentication: ${error instanceof Error ? error.message : String(error)}`,
      );
      answer(false);
    });
  };

  async next(methodsLeft: readonly string[] | null): Promise<AnyAuthMethod | false> {
    const { user, logger } = this.options;
    if (!this.sentNone) {
      this.sentNone = true;
      return { type: 'none', username: user };
    }
    const allowed = new Set(methodsLeft ?? []);
    logger.log('info', `Server accepts: ${[...allowed].join(', ') || '(nothing more)'}`);
    for (let stage = this.stages.shift(); stage !== undefined; stage = this.stages.shift()) {
      const method = await stage(allowed);
      if (method) return method;
    }
    return false;
  }

  private agent(allowed: ReadonlySet<string>): Promise<AnyAuthMethod | null> {
    const socket = this.options.agentSocket;
    if (!allowed.has('publickey') || !socket) return Promise.resolve(null);
    this.options.logger.log('info', `Trying keys from the SSH agent at ${socket}`);
    return Promise.resolve({ type: 'agent', username: this.options.user, agent: socket });
  }

  private async keyFile(file: string, allowed: ReadonlySet<string>): Promise<AnyAuthMethod | null> {
    if (!allowed.has('publickey')) return null;
    const { prompter, logger, user, passphrase } = this.options;
    const key = await loadPrivateKey(file, {
      prompter,
      logger,
      user,
      ...(passphrase === undefined ? {} : { passphrase }),
    });
    if (!key) return null;
    logger.log('info', `Trying key ${file} (${key.type})`);
    return { type: 'publickey', username: user, key };
  }

  private keyboardInteractive(allowed: ReadonlySet<string>): Promise<AnyAuthMethod | null> {
    if (!allowed.has('keyboard-interactive')) return Promise.resolve(null);
    this.options.logger.log('info', 'Trying keyboard-interactive');
    return Promise.resolve({
      type: 'keyboard-interactive',
      username: this.options.user,
      prompt: (
        name: string,
        instructions: string,
        _lang: string,
        prompts: SshPrompt[],
        finish: KeyboardInteractiveCallback,
      ) => {
        // Exactly one answer per question (RFC 4256): OpenSSH drops the connection on any other
        // count, and a declined question is answered empty, as ssh(1) does, so the server refuses
        // this method cleanly and the next one (password) is tried.
        const fit = (answers: string[]) => prompts.map((_prompt, i) => answers[i] ?? '');
        void this.answerPrompts(name, instructions, prompts).then(
          (answers) => finish(fit(answers)),
          () => finish(fit([])),
        );
      },
    });
  }

  private async answerPrompts(name: string, instructions: string, prompts: SshPrompt[]): Promise<string[]> {
    const { password, prompter, label } = this.options;
    // An info request with no questions only carries text: it still needs an (empty) answer.
    if (prompts.length === 0) return [];
    if (
      password !== undefined &&
      prompts.every((prompt) => !prompt.echo && PASSWORD_PROMPT.test(prompt.prompt))
    ) {
      return prompts.map(() => password);
    }
    const answer = await prompter.ask({
      kind: 'keyboard-interactive',
      label,
      instructions: [name, instructions].filter((text) => text !== '').join('\n'),
      questions: prompts.map((prompt) => ({ prompt: prompt.prompt, echo: prompt.echo === true })),
    });
    return answer.answers ?? [];
  }

  private async password(allowed: ReadonlySet<string>): Promise<AnyAuthMethod | null> {
    if (!allowed.has('password')) return null;
    const { user, prompter, label, logger } = this.options;
    let password = this.options.password;
    if (password === undefined) {
      const answer = await prompter.ask({ kind: 'password', label, user, reason: `Password for ${label}` });
      if (answer.password === null) return null;
      password = answer.password;
    }
    logger.log('info', 'Trying password');
    return { type: 'password', username: user, password };
  }
}
