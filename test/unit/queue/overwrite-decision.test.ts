import { describe, expect, it } from 'vitest';
import type { OverwritePolicy } from '../../../src-shared/model.js';
import {
  decideOverwrite,
  numberedName,
  type OverwriteDecision,
} from '../../../src-main/queue/overwrite-decision.js';

const T0 = Date.UTC(2024, 0, 1);
const src = { size: 100, modified: T0 + 10_000 };

describe('decideOverwrite', () => {
  const rows: {
    title: string;
    policy: OverwritePolicy;
    target: { size: number | null; modified: number | null } | null;
    kind: OverwriteDecision['kind'];
    offset?: number;
  }[] = [
    { title: 'no target: write whatever the policy', policy: 'skip', target: null, kind: 'write', offset: 0 },
    { title: 'ask is left to the caller', policy: 'ask', target: { size: 1, modified: T0 }, kind: 'ask' },
    {
      title: 'overwrite writes from zero',
      policy: 'overwrite',
      target: { size: 100, modified: T0 },
      kind: 'write',
      offset: 0,
    },
    {
      title: 'newer: source newer → write',
      policy: 'newer',
      target: { size: 100, modified: T0 },
      kind: 'write',
      offset: 0,
    },
    {
      title: 'newer: same second → skip',
      policy: 'newer',
      target: { size: 100, modified: T0 + 10_400 },
      kind: 'skip',
    },
    {
      title: 'newer: target newer → skip',
      policy: 'newer',
      target: { size: 100, modified: T0 + 20_000 },
      kind: 'skip',
    },
    {
      title: 'newer: unknown time → write',
      policy: 'newer',
      target: { size: 100, modified: null },
      kind: 'write',
      offset: 0,
    },
    { title: 'size: same size → skip', policy: 'size', target: { size: 100, modified: T0 }, kind: 'skip' },
    {
      title: 'size: different → write',
      policy: 'size',
      target: { size: 99, modified: T0 },
      kind: 'write',
      offset: 0,
    },
    {
      title: 'resume: shorter target → continue from its size',
      policy: 'resume',
      target: { size: 40, modified: T0 },
      kind: 'write',
      offset: 40,
    },
    { title: 'resume: complete → skip', policy: 'resume', target: { size: 100, modified: T0 }, kind: 'skip' },
    {
      title: 'resume: longer target → start over',
      policy: 'resume',
      target: { size: 140, modified: T0 },
      kind: 'write',
      offset: 0,
    },
    {
      title: 'rename asks for a free name',
      policy: 'rename',
      target: { size: 100, modified: T0 },
      kind: 'rename',
    },
    { title: 'skip skips', policy: 'skip', target: { size: 100, modified: T0 }, kind: 'skip' },
  ];
  for (const row of rows) {
    it(row.title, () => {
      const decision = decideOverwrite(row.policy, src, row.target);
      expect(decision.kind).toBe(row.kind);
      if (decision.kind === 'write') expect(decision.offset).toBe(row.offset);
    });
  }
});

describe('numberedName', () => {
  const rows = [
    { input: 'report.pdf', expected: 'report (1).pdf' },
    { input: 'archive.tar.gz', expected: 'archive.tar (1).gz' },
    { input: 'README', expected: 'README (1)' },
    { input: '.bashrc', expected: '.bashrc (1)' },
  ];
  for (const row of rows) it(row.input, () => expect(numberedName(row.input, 1)).toBe(row.expected));
});
