/**
 * What a single-file `ferry get` or `ferry put` does when its target exists: `--overwrite`'s
 * policy (decided as the queue decides), `--resume` alone meaning "resume", and otherwise
 * overwrite, as curl and scp do. "ask" asks at a terminal; with none, the answer is "skip".
 */
import type { FileEntry, OverwritePolicy } from '../../src-shared/model.js';
import type { Prompter } from '../core/prompter.js';
import { decideOverwrite, type OverwriteDecision } from '../queue/overwrite-decision.js';

type Facts = Pick<FileEntry, 'size' | 'modified'>;

export interface OverwriteFlags {
  overwrite?: OverwritePolicy;
  resume?: boolean;
}

export type OverwriteChoice = Exclude<OverwriteDecision, { kind: 'ask' }>;

export async function chooseOverwrite(
  prompter: Prompter,
  flags: OverwriteFlags,
  targetPath: string,
  source: Facts,
  target: Facts | null,
): Promise<OverwriteChoice> {
  const policy = flags.overwrite ?? (flags.resume ? 'resume' : 'overwrite');
  const decision = decideOverwrite(policy, source, target);
  if (decision.kind !== 'ask' || !target)
    return decision.kind === 'ask' ? { kind: 'write', offset: 0 } : decision;
  const answer = await prompter.ask({ kind: 'overwrite', itemId: targetPath, targetPath, source, target });
  if (answer.action === 'cancel') return { kind: 'skip', reason: 'Cancelled.' };
  const answered = decideOverwrite(answer.action, source, target);
  return answered.kind === 'ask' ? { kind: 'skip', reason: 'Nobody answered the question.' } : answered;
}
