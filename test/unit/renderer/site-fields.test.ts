import { describe, expect, it } from 'vitest';
import {
  formatFolder,
  parseFolder,
  parseMaxConnections,
  parsePort,
} from '../../../src-renderer/logic/site-fields.js';

describe('site form fields', () => {
  it('reads a nested folder, spaces inside names kept, empty parts dropped', () => {
    expect(parseFolder('My Clients / Acme')).toEqual(['My Clients', 'Acme']);
    expect(parseFolder('My Clients / ')).toEqual(['My Clients']);
    expect(parseFolder('')).toEqual([]);
    expect(formatFolder(['My Clients', 'Acme'])).toBe('My Clients / Acme');
  });
  it('an empty or out-of-range port is no port (not 1)', () => {
    expect(parsePort('2121')).toBe(2121);
    expect(parsePort(' 22 ')).toBe(22);
    expect(parsePort('')).toBeNull();
    expect(parsePort('0')).toBeNull();
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('21a')).toBeNull();
    expect(parsePort('2.5')).toBeNull();
  });
  it('Max connections is a whole number from 1 to 10', () => {
    expect(parseMaxConnections('4')).toBe(4);
    expect(parseMaxConnections('')).toBeNull();
    expect(parseMaxConnections('11')).toBeNull();
  });
});
