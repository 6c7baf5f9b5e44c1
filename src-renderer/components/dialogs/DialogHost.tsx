import { useCallback, useState, type ReactNode } from 'react';
import { DialogContext, type OpenDialog } from './dialog-context.js';

interface OpenEntry {
  id: number;
  node: ReactNode;
}

let nextId = 1;

/** Owns the stack of open dialogs; the newest is on top. */
export function DialogHost({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<OpenEntry[]>([]);
  const openDialog = useCallback<OpenDialog>((render) => {
    const id = nextId++;
    const close = (): void => setOpen((list) => list.filter((entry) => entry.id !== id));
    setOpen((list) => [...list, { id, node: render(close) }]);
  }, []);
  return (
    <DialogContext.Provider value={openDialog}>
      {children}
      {open.map((entry) => (
        <div key={entry.id}>{entry.node}</div>
      ))}
    </DialogContext.Provider>
  );
}
