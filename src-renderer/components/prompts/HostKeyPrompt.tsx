import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { Icon } from '../common/Icon.js';
import { Modal } from '../dialogs/Modal.js';
import { TrustButtons } from './TrustButtons.js';
import { HostKeyDetails } from '../status/HostKeyDetails.js';

interface Props {
  prompt: Extract<Prompt, { kind: 'host-key' }>;
  onAnswer: (answer: PromptAnswers['host-key']) => void;
}

export function HostKeyPrompt({ prompt, onAnswer }: Props) {
  const key = prompt.hostKey;
  return (
    <Modal
      title="Unknown host key"
      testId="prompt-host-key"
      escapeCloses={false}
      onClose={() => onAnswer({ trust: 'reject' })}
      icon={<Icon name="key" className="modal-icon warn" />}
      wide
      footer={<TrustButtons prefix="hostkey" onAnswer={onAnswer} />}
    >
      <p>
        Ferry has never connected to{' '}
        <strong>
          {key.host}:{key.port}
        </strong>{' '}
        before. Check the fingerprint with the server&apos;s administrator (<code>ssh-keygen -lf</code> on the
        server prints it).
      </p>
      <HostKeyDetails hostKey={key} />
    </Modal>
  );
}
