import type { PromptAnswers } from '../../../src-shared/prompts.js';

interface Props {
  /** Test-id prefix: `cert` or `hostkey`. */
  prefix: string;
  onAnswer: (answer: PromptAnswers['certificate']) => void;
}

/**
 * The three answers to "do you trust this server's identity?". Focus starts on Cancel, so a
 * reflexive Enter never trusts anything; trusting takes a deliberate click or Tab.
 */
export function TrustButtons({ prefix, onAnswer }: Props) {
  return (
    <>
      <button
        type="button"
        className="btn"
        aria-label="Cancel"
        data-testid={`${prefix}-reject`}
        data-autofocus
        onClick={() => onAnswer({ trust: 'reject' })}
      >
        Cancel
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Trust once"
        data-testid={`${prefix}-once`}
        onClick={() => onAnswer({ trust: 'once' })}
      >
        Trust once
      </button>
      <button
        type="button"
        className="btn btn-primary"
        aria-label="Always trust"
        data-testid={`${prefix}-always`}
        onClick={() => onAnswer({ trust: 'always' })}
      >
        Always trust
      </button>
    </>
  );
}
