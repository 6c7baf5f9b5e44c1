import { useState } from 'react';

export interface ParsedText<T> {
  text: string;
  /** The text stands for a value (an emptied port does not). */
  valid: boolean;
  /** Keeps `text` as typed; returns its value, or null while it has none (the value then stays). */
  change(text: string): T | null;
  /** Writes the text the way the value formats (on blur). */
  tidy(): void;
}

/**
 * A field whose value is parsed from its text, keeping the text as the user types it: a key
 * never rewrites the field (a space before the next word, an emptied port). The text follows
 * the value again when the value changes from elsewhere.
 */
export function useParsedText<T>(
  value: T,
  format: (value: T) => string,
  parse: (text: string) => T | null,
): ParsedText<T> {
  const formatted = format(value);
  const [state, setState] = useState({ text: formatted, of: formatted });
  let current = state;
  if (state.of !== formatted) {
    // Set elsewhere (another protocol's default port): show it. React allows this during render.
    current = { text: formatted, of: formatted };
    setState(current);
  }
  const parsed = parse(current.text);
  return {
    text: current.text,
    valid: parsed !== null,
    change(text) {
      const next = parse(text);
      setState({ text, of: next === null ? current.of : format(next) });
      return next;
    },
    tidy() {
      if (parsed !== null) setState({ text: format(parsed), of: format(parsed) });
    },
  };
}
