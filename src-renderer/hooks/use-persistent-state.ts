import { useCallback, useState } from 'react';

/** localStorage-backed state for layout (pane widths, columns, last folders). Bad JSON is ignored. */
export function readPersisted<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(`ferry.${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function writePersisted<T>(key: string, value: T): void {
  try {
    window.localStorage.setItem(`ferry.${key}`, JSON.stringify(value));
  } catch {
    // Storage full or disabled: layout simply is not remembered.
  }
}

export function usePersistentState<T>(key: string, fallback: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => readPersisted(key, fallback));
  const set = useCallback(
    (next: T) => {
      setValue(next);
      writePersisted(key, next);
    },
    [key],
  );
  return [value, set];
}
