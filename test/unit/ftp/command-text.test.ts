import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { assertSafeCommand, maskCommand } from '../../../src-main/ftp/command-text.js';

describe('maskCommand', () => {
  const rows = [
    { input: 'PASS hunter2', expected: 'PASS ****' },
    { input: 'pass hunter2', expected: 'pass ****' },
    { input: 'PASS', expected: 'PASS ****' },
    { input: 'ACCT secret', expected: 'ACCT ****' },
    { input: 'USER alice', expected: 'USER alice' },
    { input: 'RETR PASSWORDS.txt', expected: 'RETR PASSWORDS.txt' },
    { input: 'PASSIVE', expected: 'PASSIVE' },
  ];
  for (const row of rows) {
    it(row.input, () => {
      expect(maskCommand(row.input)).toBe(row.expected);
    });
  }
});

describe('assertSafeCommand', () => {
  for (const input of ['RETR a\r\nDELE b', 'RETR a\nDELE b', 'RETR a\rb', 'RETR a\0b']) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      expect(() => assertSafeCommand(input)).toThrow(FerryError);
    });
  }
  for (const input of ['RETR a b #1 %20 ü.txt', 'CWD /tmp', 'SITE CHMOD 755 x']) {
    it(`accepts ${input}`, () => {
      expect(() => assertSafeCommand(input)).not.toThrow();
    });
  }
});
