/**
 * The engines ask people questions (trust this certificate? this host key?) through this seam.
 * The service routes them to the renderer, the CLI to the terminal or to a refusal without one.
 */
import { REFUSAL, type Prompt, type PromptAnswers } from '../../src-shared/prompts.js';

export interface Prompter {
  ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]>;
}

/** For contexts with nobody to ask: every question is refused. */
export const refusingPrompter: Prompter = {
  ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    return Promise.resolve(REFUSAL[prompt.kind] as PromptAnswers[P['kind']]);
  },
};
