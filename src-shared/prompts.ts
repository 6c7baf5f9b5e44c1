/**
 * Questions the engine asks a person, and the answers it accepts. Main sends a prompt
 * event; the renderer (or the CLI at a terminal) answers through `prompt.answer`.
 * A prompt nobody answers is a refusal: nothing is ever trusted silently.
 */
import type { CertificateInfo, FileEntry, HostKeyInfo } from './model.js';

export type Prompt =
  | {
      kind: 'certificate';
      certificate: CertificateInfo;
      /** Why Node did not trust it, e.g. "self-signed certificate". */
      reason: string;
    }
  | { kind: 'host-key'; hostKey: HostKeyInfo }
  | {
      kind: 'overwrite';
      itemId: string;
      targetPath: string;
      source: Pick<FileEntry, 'size' | 'modified'>;
      target: Pick<FileEntry, 'size' | 'modified'>;
    }
  | { kind: 'password'; label: string; user: string; reason: string }
  | {
      kind: 'keyboard-interactive';
      label: string;
      instructions: string;
      questions: { prompt: string; echo: boolean }[];
    };

export type PromptKind = Prompt['kind'];

/** A question main still waits on, with the id its answer must carry. */
export interface PendingPrompt {
  promptId: string;
  prompt: Prompt;
}

export interface PromptAnswers {
  certificate: { trust: 'once' | 'always' | 'reject' };
  'host-key': { trust: 'once' | 'always' | 'reject' };
  overwrite: {
    action: 'overwrite' | 'newer' | 'size' | 'resume' | 'rename' | 'skip' | 'cancel';
    applyToAll: boolean;
  };
  password: { password: string | null; remember: boolean };
  'keyboard-interactive': { answers: string[] | null };
}

export type PromptAnswer = PromptAnswers[PromptKind];

/** What happens when a prompt cannot be asked (no window, no terminal) or times out. */
export const REFUSAL: { [K in PromptKind]: PromptAnswers[K] } = {
  certificate: { trust: 'reject' },
  'host-key': { trust: 'reject' },
  overwrite: { action: 'skip', applyToAll: false },
  password: { password: null, remember: false },
  'keyboard-interactive': { answers: null },
};
