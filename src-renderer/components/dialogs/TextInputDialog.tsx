import { useState } from 'react';
import { Modal } from './Modal.js';

interface TextInputDialogProps {
  title: string;
  label: string;
  initial: string;
  confirmLabel: string;
  testId: string;
  validate?: (value: string) => string | null;
  onSubmit: (value: string) => void;
  onClose: () => void;
}

export function TextInputDialog(props: TextInputDialogProps) {
  const { title, label, initial, confirmLabel, testId, validate, onSubmit, onClose } = props;
  const [value, setValue] = useState(initial);
  const problem = validate ? validate(value) : value.trim() ? null : 'Enter a name.';
  const submit = (): void => {
    if (problem) return;
    onClose();
    onSubmit(value.trim());
  };
  return (
    <Modal
      title={title}
      testId={testId}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} aria-label="Cancel">
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={problem !== null}
            onClick={submit}
            aria-label={confirmLabel}
            data-testid={`${testId}-ok`}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <label className="field">
        <span>{label}</span>
        <input
          data-autofocus
          aria-label={label}
          data-testid={`${testId}-input`}
          value={value}
          // The suggested text ("New folder") is selected, so typing replaces it.
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
        />
      </label>
      {problem && value && <p className="field-error">{problem}</p>}
    </Modal>
  );
}
