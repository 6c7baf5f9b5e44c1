import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { Icon } from '../common/Icon.js';
import { CertificateDetails } from '../status/CertificateDetails.js';
import { Modal } from '../dialogs/Modal.js';
import { TrustButtons } from './TrustButtons.js';

interface Props {
  prompt: Extract<Prompt, { kind: 'certificate' }>;
  onAnswer: (answer: PromptAnswers['certificate']) => void;
}

/** Main's reason in plain words, as a sentence: "self-signed certificate" → "Self-signed certificate." */
function asSentence(reason: string): string {
  const text = reason.trim();
  if (!text) return 'The certificate could not be verified.';
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

export function CertificatePrompt({ prompt, onAnswer }: Props) {
  const cert = prompt.certificate;
  return (
    <Modal
      title="Unknown certificate"
      testId="prompt-certificate"
      escapeCloses={false}
      onClose={() => onAnswer({ trust: 'reject' })}
      icon={<Icon name="shield" className="modal-icon warn" />}
      wide
      footer={<TrustButtons prefix="cert" onAnswer={onAnswer} />}
    >
      <p>
        The server{' '}
        <strong>
          {cert.host}:{cert.port}
        </strong>{' '}
        presented a certificate Ferry cannot verify.
      </p>
      <p className="prompt-reason" data-testid="certificate-reason">
        <Icon name="warning" />
        {/^[A-Z0-9_]+$/.test(prompt.reason) ? (
          <code>{prompt.reason}</code>
        ) : (
          <span>{asSentence(prompt.reason)}</span>
        )}
      </p>
      <p className="muted">
        Compare the fingerprint with the one your provider gives you before trusting it.
      </p>
      <CertificateDetails certificate={cert} />
    </Modal>
  );
}
