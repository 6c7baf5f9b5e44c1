import { describe, expect, it } from 'vitest';
import { printableLine, printableText } from '../../../src-main/cli/printable.js';

describe('printable', () => {
  it('leaves ordinary names alone, unicode and spaces included', () => {
    expect(printableLine('ünïcødé 日本語 🚢.bin')).toBe('ünïcødé 日本語 🚢.bin');
    expect(printableText('a\tb\nc')).toBe('a\tb\nc');
  });

  it('escapes terminal escapes, bells, carriage returns and C1 controls', () => {
    expect(printableLine('\u001b]52;c;aGk=\u0007x')).toBe('\\x1b]52;c;aGk=\\x07x');
    expect(printableLine('ok\rforged')).toBe('ok\\x0dforged');
    expect(printableLine('\u009b31m')).toBe('\\x9b31m');
    expect(printableLine('nul\u0000del\u007f')).toBe('nul\\x00del\\x7f');
  });

  it('escapes newlines in a line, keeps them in text', () => {
    expect(printableLine('a\n-rw-r--r-- forged')).toBe('a\\x0a-rw-r--r-- forged');
    expect(printableText('line one\n\u001b[2Jline two')).toBe('line one\n\\x1b[2Jline two');
  });
});
