import { createContext, useContext, type ReactNode } from 'react';

/** Opens a dialog rendered by `render(close)`; the dialog calls close when done. */
export type OpenDialog = (render: (close: () => void) => ReactNode) => void;

export const DialogContext = createContext<OpenDialog>(() => {});

export function useDialogs(): OpenDialog {
  return useContext(DialogContext);
}
