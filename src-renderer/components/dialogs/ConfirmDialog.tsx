import { Modal } from './Modal.js';
import { Icon } from '../common/Icon.js';

interface ConfirmDialogProps {
  title: string;
  message: string;
  details?: string[];
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({
  title,
  message,
  details,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  return (
    <Modal
      title={title}
      testId="dialog-confirm"
      onClose={onClose}
      icon={danger ? <Icon name="warning" className="modal-icon danger" /> : undefined}
      footer={
        <>
          <button
            type="button"
            className="btn"
            onClick={onClose}
            aria-label="Cancel"
            data-testid="dialog-cancel"
          >
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'btn btn-danger' : 'btn btn-primary'}
            data-autofocus
            data-testid="dialog-confirm-button"
            aria-label={confirmLabel}
            onClick={() => {
              onClose();
              onConfirm();
            }}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
      {details && details.length > 0 && (
        <ul className="confirm-list">
          {details.slice(0, 8).map((d) => (
            <li key={d}>{d}</li>
          ))}
          {details.length > 8 && <li className="muted">…and {details.length - 8} more</li>}
        </ul>
      )}
    </Modal>
  );
}
