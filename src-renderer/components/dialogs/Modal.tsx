import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** Extra class on the dialog box, for a dialog that needs its own size. */
  className?: string;
  /** Modal prompts from the engine may not be dismissed by Escape: the user must choose. */
  escapeCloses?: boolean;
  /**
   * What Enter does anywhere in the dialog but on a button (buttons keep their own Enter:
   * Cancel must not confirm). Held keys repeat nothing: one press answers one question.
   */
  onEnter?: () => void;
  icon?: ReactNode;
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** A centred dialog: keeps focus inside, returns it where it was on close. */
export function Modal({
  title,
  testId,
  onClose,
  children,
  footer,
  wide,
  className,
  escapeCloses = true,
  onEnter,
  icon,
}: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const root = ref.current;
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    event.stopPropagation();
    if (event.key === 'Escape' && escapeCloses) {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key === 'Enter' && onEnter && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      if (!event.repeat) onEnter();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !el.hasAttribute('disabled'),
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={['modal', wide ? 'modal-wide' : '', className ?? ''].filter(Boolean).join(' ')}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <header className="modal-header">
          {icon}
          <h2>{title}</h2>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </div>
    </div>
  );
}
