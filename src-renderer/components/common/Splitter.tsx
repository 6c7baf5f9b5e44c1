import { useRef } from 'react';

interface SplitterProps {
  orientation: 'vertical' | 'horizontal';
  label: string;
  testId: string;
  /** Called with the pointer's movement since the drag started, in CSS pixels. */
  onDrag: (deltaSinceStart: number, phase: 'start' | 'move') => void;
  onStep: (delta: number) => void;
}

/** A draggable divider; arrow keys move it too. */
export function Splitter({ orientation, label, testId, onDrag, onStep }: SplitterProps) {
  const start = useRef<number | null>(null);
  const vertical = orientation === 'vertical';
  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = vertical ? e.clientX : e.clientY;
        onDrag(0, 'start');
      }}
      onPointerMove={(e) => {
        if (start.current === null) return;
        onDrag((vertical ? e.clientX : e.clientY) - start.current, 'move');
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(e) => {
        const keys = vertical ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
        const index = keys.indexOf(e.key);
        if (index < 0) return;
        e.preventDefault();
        onStep(index === 0 ? -20 : 20);
      }}
    />
  );
}
