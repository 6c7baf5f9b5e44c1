import type { PromptAnswer } from '../../../src-shared/prompts.js';
import { useApp } from '../../hooks/app-context.js';
import { useStore } from '../../hooks/use-store.js';
import { CertificatePrompt } from './CertificatePrompt.js';
import { HostKeyPrompt } from './HostKeyPrompt.js';
import { KeyboardInteractivePrompt } from './KeyboardInteractivePrompt.js';
import { OverwritePrompt } from './OverwritePrompt.js';
import { PasswordPrompt } from './PasswordPrompt.js';

/** Shows the engine's questions one at a time, oldest first. */
export function PromptHost() {
  const app = useApp();
  const prompts = useStore(app.prompts);
  const current = prompts[0];
  if (!current) return null;

  const answer = (value: PromptAnswer): void => {
    app.prompts.set((list) => list.filter((p) => p.promptId !== current.promptId));
    void app.run('Could not send the answer', () => app.client.api['prompt.answer'](current.promptId, value));
  };

  const { prompt } = current;
  const more = prompts.length - 1;
  switch (prompt.kind) {
    case 'certificate':
      return <CertificatePrompt key={current.promptId} prompt={prompt} onAnswer={answer} />;
    case 'host-key':
      return <HostKeyPrompt key={current.promptId} prompt={prompt} onAnswer={answer} />;
    case 'overwrite':
      return <OverwritePrompt key={current.promptId} prompt={prompt} more={more} onAnswer={answer} />;
    case 'password':
      return <PasswordPrompt key={current.promptId} prompt={prompt} onAnswer={answer} />;
    case 'keyboard-interactive':
      return <KeyboardInteractivePrompt key={current.promptId} prompt={prompt} onAnswer={answer} />;
  }
}
