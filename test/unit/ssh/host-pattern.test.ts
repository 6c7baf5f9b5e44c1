import { describe, expect, it } from 'vitest';
import { matchGlob, matchPatternList } from '../../../src-main/ssh/host-pattern.js';

describe('matchGlob', () => {
  it.each([
    { pattern: '*', text: 'anything', expected: true },
    { pattern: '*.example.com', text: 'a.example.com', expected: true },
    { pattern: '*.example.com', text: 'example.com', expected: false },
    { pattern: '192.168.0.?', text: '192.168.0.7', expected: true },
    { pattern: '192.168.0.?', text: '192.168.0.17', expected: false },
    { pattern: 'Web*', text: 'webserver', expected: true },
    { pattern: 'a*b*c', text: 'axxbyyc', expected: true },
    { pattern: 'a*b*c', text: 'axxbyy', expected: false },
    { pattern: '[host]:2222', text: '[host]:2222', expected: true },
    { pattern: '[*]:2222', text: '[host]:2222', expected: true },
    { pattern: '', text: '', expected: true },
  ])('$pattern vs $text → $expected', ({ pattern, text, expected }) => {
    expect(matchGlob(pattern, text)).toBe(expected);
  });
});

describe('matchPatternList', () => {
  it.each([
    { patterns: ['*.example.com', '!bad.example.com'], text: 'good.example.com', expected: true },
    { patterns: ['*.example.com', '!bad.example.com'], text: 'bad.example.com', expected: false },
    { patterns: ['!bad.example.com', '*'], text: 'bad.example.com', expected: false },
    { patterns: ['!bad.example.com'], text: 'other', expected: false },
    { patterns: ['one', 'two'], text: 'two', expected: true },
  ])('$patterns vs $text → $expected', ({ patterns, text, expected }) => {
    expect(matchPatternList(patterns, text)).toBe(expected);
  });
});
