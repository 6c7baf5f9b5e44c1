import type { FerryErrorData } from '../../src-shared/errors.js';
import { createStore, type Store } from './create-store.js';

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  title: string;
  detail?: string;
  error?: FerryErrorData;
}

export interface Toasts {
  store: Store<Toast[]>;
  show(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

const MAX_TOASTS = 5;
const AUTO_DISMISS_MS = { info: 4000, success: 4000, error: 12000 } as const;

export function createToasts(): Toasts {
  const store = createStore<Toast[]>([]);
  let nextId = 1;
  const dismiss = (id: number): void => store.set((list) => list.filter((t) => t.id !== id));
  return {
    store,
    dismiss,
    show(toast) {
      const id = nextId++;
      store.set((list) => [...list.slice(-(MAX_TOASTS - 1)), { ...toast, id }]);
      window.setTimeout(() => dismiss(id), AUTO_DISMISS_MS[toast.kind]);
    },
  };
}
