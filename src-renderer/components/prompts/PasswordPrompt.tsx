import { useState } from 'react';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { Icon } from '../common/Icon.js';
import { Modal } from '../dialogs/Modal.js';

interface Props {
  prompt: Extract<Prompt, { kind: 'password' }>;
  onAnswer: (answer: PromptAnswers['password']) => void;
}

export function PasswordPrompt({ prompt, onAnswer }: Props) {
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (): void => onAnswer({ password, remember });
  return (
    <Modal
      title="Password required"
      testId="prompt-password"
      escapeCloses={false}
      onClose={() => onAnswer({ password: null, remember: false })}
      icon={<Icon name="lock" className="modal-icon" />}
      footer={
        <>
          <button
            type="button"
            className="btn"
            aria-label="Cancel"
            data-testid="password-cancel"
            onClick={() => onAnswer({ password: null, remember: false })}
          >
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            aria-label="Connect"
            data-testid="password-ok"
            onClick={submit}
          >
            Connect
          </button>
        </>
      }
    >
      <p>
        {prompt.reason || 'Enter the password'} for <strong>{prompt.user}</strong> on{' '}
        <strong>{prompt.label}</strong>.
      </p>
      <label className="field">
        <span>Password</span>
        <input
          type="password"
          data-autofocus
          aria-label="Password"
          data-testid="password-input"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && submit()}
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          aria-label="Remember in the keychain"
          data-testid="password-remember"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
        />
        <span>Remember in the system keychain</span>
      </label>
    </Modal>
  );
}
