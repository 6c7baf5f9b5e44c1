import { useState } from 'react';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { compareFiles } from '../../logic/compare-files.js';
import { Icon } from '../common/Icon.js';
import { Modal } from '../dialogs/Modal.js';

type Action = PromptAnswers['overwrite']['action'];

interface Props {
  prompt: Extract<Prompt, { kind: 'overwrite' }>;
  more: number;
  onAnswer: (answer: PromptAnswers['overwrite']) => void;
}

const ACTIONS: { action: Exclude<Action, 'cancel'>; label: string; detail: string }[] = [
  { action: 'overwrite', label: 'Overwrite', detail: 'Replace the existing file' },
  { action: 'newer', label: 'Overwrite if newer', detail: 'Only when the source is more recent' },
  { action: 'size', label: 'Overwrite if size differs', detail: 'Only when the sizes are not equal' },
  { action: 'resume', label: 'Resume', detail: 'Continue from the end of the existing file' },
  { action: 'rename', label: 'Rename', detail: 'Keep both; the new file gets a new name' },
  { action: 'skip', label: 'Skip', detail: 'Leave the existing file alone' },
];

export function OverwritePrompt({ prompt, more, onAnswer }: Props) {
  const [action, setAction] = useState<Exclude<Action, 'cancel'>>('overwrite');
  const [applyToAll, setApplyToAll] = useState(false);
  const facts = compareFiles(prompt.source, prompt.target);
  const answer = (): void => onAnswer({ action, applyToAll });
  return (
    <Modal
      title="The target file already exists"
      testId="prompt-overwrite"
      escapeCloses={false}
      onClose={() => onAnswer({ action: 'cancel', applyToAll: false })}
      // Enter on the choices confirms the chosen action, as OK does.
      onEnter={answer}
      icon={<Icon name="warning" className="modal-icon warn" />}
      wide
      footer={
        <>
          <button
            type="button"
            className="btn"
            aria-label="Cancel transfer"
            data-testid="overwrite-cancel"
            onClick={() => onAnswer({ action: 'cancel', applyToAll: false })}
          >
            Cancel transfer
          </button>
          <button
            type="button"
            className="btn btn-primary"
            aria-label="OK"
            data-testid="overwrite-ok"
            onClick={answer}
          >
            OK
          </button>
        </>
      }
    >
      <p className="mono break">{prompt.targetPath}</p>
      <div className="compare-cards">
        {(['source', 'target'] as const).map((side) => (
          <div key={side} className="compare-card" data-testid={`overwrite-${side}-facts`}>
            <h3>{side === 'source' ? 'Source' : 'Target'}</h3>
            <div className="compare-size">
              {facts[side].size}
              {facts[side].larger && <span className="pill">Larger</span>}
            </div>
            <div className="muted">
              {facts[side].date}
              {facts[side].newer && <span className="pill pill-accent">Newer</span>}
            </div>
          </div>
        ))}
      </div>
      <fieldset className="choice-list">
        <legend>What should Ferry do?</legend>
        {ACTIONS.map((a) => (
          <label key={a.action} className="choice">
            <input
              type="radio"
              name="overwrite-action"
              value={a.action}
              aria-label={a.label}
              data-testid={`overwrite-${a.action}`}
              checked={action === a.action}
              data-autofocus={a.action === 'overwrite' ? true : undefined}
              onChange={() => setAction(a.action)}
            />
            <span>
              <strong>{a.label}</strong>
              <small className="muted">{a.detail}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          aria-label="Apply to all"
          data-testid="overwrite-apply-all"
          checked={applyToAll}
          onChange={(e) => setApplyToAll(e.target.checked)}
        />
        <span>Apply to all{more > 0 ? ` (${more} more waiting)` : ''}</span>
      </label>
    </Modal>
  );
}
