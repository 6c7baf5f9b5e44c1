import { useState } from 'react';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { Icon } from '../common/Icon.js';
import { Modal } from '../dialogs/Modal.js';

interface Props {
  prompt: Extract<Prompt, { kind: 'keyboard-interactive' }>;
  onAnswer: (answer: PromptAnswers['keyboard-interactive']) => void;
}

export function KeyboardInteractivePrompt({ prompt, onAnswer }: Props) {
  const [answers, setAnswers] = useState<string[]>(() => prompt.questions.map(() => ''));
  const submit = (): void => onAnswer({ answers });
  return (
    <Modal
      title={`${prompt.label} asks`}
      testId="prompt-keyboard-interactive"
      escapeCloses={false}
      onClose={() => onAnswer({ answers: null })}
      icon={<Icon name="key" className="modal-icon" />}
      footer={
        <>
          <button
            type="button"
            className="btn"
            aria-label="Cancel"
            onClick={() => onAnswer({ answers: null })}
          >
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            aria-label="Send answers"
            data-testid="kbi-ok"
            onClick={submit}
          >
            Continue
          </button>
        </>
      }
    >
      {prompt.instructions && <p className="pre-wrap">{prompt.instructions}</p>}
      {prompt.questions.map((q, i) => (
        <label key={i} className="field">
          <span>{q.prompt}</span>
          <input
            type={q.echo ? 'text' : 'password'}
            aria-label={q.prompt}
            data-autofocus={i === 0 ? true : undefined}
            data-testid={`kbi-answer-${i}`}
            value={answers[i] ?? ''}
            onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
            onKeyDown={(e) => e.key === 'Enter' && i === prompt.questions.length - 1 && submit()}
          />
        </label>
      ))}
    </Modal>
  );
}
