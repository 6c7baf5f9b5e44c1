/**
 * Routes the engines' questions to whichever view is open, and the answers back.
 * With no view to ask, or no answer in time, the question is refused: nothing is
 * ever trusted, overwritten or sent silently.
 */
import { randomUUID } from 'node:crypto';
import { FerryError } from '../../src-shared/errors.js';
import {
  REFUSAL,
  type PendingPrompt,
  type Prompt,
  type PromptAnswer,
  type PromptAnswers,
} from '../../src-shared/prompts.js';
import type { Prompter } from '../core/prompter.js';
import type { EventBus } from './event-bus.js';

interface Pending {
  /** Kept so a view that opens (or reloads) after the event can still ask it. */
  prompt: Prompt;
  resolve: (answer: PromptAnswer) => void;
  timer: NodeJS.Timeout;
}

export class PromptBroker implements Prompter {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly bus: EventBus,
    private readonly timeoutMs = 10 * 60_000,
  ) {}

  ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    const refusal = REFUSAL[prompt.kind] as PromptAnswers[P['kind']];
    if (!this.bus.hasListeners) return Promise.resolve(refusal);
    const promptId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(promptId, refusal), this.timeoutMs);
      timer.unref();
      this.pending.set(promptId, {
        prompt,
        resolve: resolve as (answer: PromptAnswer) => void,
        timer,
      });
      this.bus.emit({ type: 'prompt', promptId, prompt });
    });
  }

  /** The questions still open, oldest first (a Map keeps insertion order). */
  list(): PendingPrompt[] {
    return [...this.pending].map(([promptId, { prompt }]) => ({ promptId, prompt }));
  }

  answer(promptId: string, answer: PromptAnswer): void {
    const pending = this.pending.get(promptId);
    if (!pending)
      throw new FerryError('INVALID_ARGUMENT', 'That question was already answered or has expired.');
    if (!answerFits(pending.prompt.kind, answer)) {
      throw new FerryError('INVALID_ARGUMENT', `The answer does not fit a ${pending.prompt.kind} question.`);
    }
    this.settle(promptId, answer);
  }

  /** Refuse everything still open, e.g. when the last window closes. */
  refuseAll(): void {
    for (const [id, pending] of this.pending) this.settle(id, REFUSAL[pending.prompt.kind]);
  }

  private settle(promptId: string, answer: PromptAnswer): void {
    const pending = this.pending.get(promptId);
    if (!pending) return;
    this.pending.delete(promptId);
    clearTimeout(pending.timer);
    this.bus.emit({ type: 'prompt-closed', promptId });
    pending.resolve(answer);
  }
}

function answerFits(kind: Prompt['kind'], answer: PromptAnswer): boolean {
  switch (kind) {
    case 'certificate':
    case 'host-key':
      return 'trust' in answer;
    case 'overwrite':
      return 'action' in answer;
    case 'password':
      return 'password' in answer;
    case 'keyboard-interactive':
      return 'answers' in answer;
  }
}
