import { describe, expect, it } from 'vitest';
import type { FerryEvent } from '../../src-shared/events.js';
import type { Prompt } from '../../src-shared/prompts.js';
import { EventBus } from '../../src-main/service/event-bus.js';
import { PromptBroker } from '../../src-main/service/prompt-broker.js';

const certificatePrompt: Prompt = {
  kind: 'certificate',
  reason: 'self-signed certificate',
  certificate: {
    host: '127.0.0.1',
    port: 990,
    subject: 'CN=localhost',
    issuer: 'CN=localhost',
    validFrom: 'now',
    validTo: 'later',
    fingerprint256: 'AA:BB',
    selfSigned: true,
  },
};

describe('PromptBroker', () => {
  it('refuses at once when no view is listening', async () => {
    const broker = new PromptBroker(new EventBus());
    await expect(broker.ask(certificatePrompt)).resolves.toEqual({ trust: 'reject' });
  });

  it('routes a prompt to a view and its answer back', async () => {
    const bus = new EventBus();
    const broker = new PromptBroker(bus);
    const events: FerryEvent[] = [];
    bus.subscribe((event) => {
      events.push(event);
      if (event.type === 'prompt') broker.answer(event.promptId, { trust: 'always' });
    });
    await expect(broker.ask(certificatePrompt)).resolves.toEqual({ trust: 'always' });
    expect(events.map((e) => e.type)).toEqual(['prompt', 'prompt-closed']);
  });

  it('rejects an answer of the wrong shape and unknown prompt ids', () => {
    const bus = new EventBus();
    const broker = new PromptBroker(bus);
    let promptId = '';
    bus.subscribe((event) => {
      if (event.type === 'prompt') promptId = event.promptId;
    });
    void broker.ask(certificatePrompt);
    expect(() => broker.answer(promptId, { answers: ['x'] })).toThrow(/does not fit/);
    expect(() => broker.answer('nope', { trust: 'once' })).toThrow(/already answered or has expired/);
    broker.refuseAll();
  });

  it('lists the questions still open, oldest first, until they are answered', () => {
    const bus = new EventBus();
    const ids: string[] = [];
    bus.subscribe((event) => {
      if (event.type === 'prompt') ids.push(event.promptId);
    });
    const broker = new PromptBroker(bus);
    const hostKeyPrompt: Prompt = {
      kind: 'host-key',
      hostKey: { host: 'h', port: 22, algorithm: 'ssh-ed25519', fingerprint: 'SHA256:x' },
    };
    void broker.ask(certificatePrompt);
    void broker.ask(hostKeyPrompt);
    expect(broker.list()).toEqual([
      { promptId: ids[0], prompt: certificatePrompt },
      { promptId: ids[1], prompt: hostKeyPrompt },
    ]);
    broker.answer(ids[0] ?? '', { trust: 'once' });
    expect(broker.list()).toEqual([{ promptId: ids[1], prompt: hostKeyPrompt }]);
    broker.refuseAll();
    expect(broker.list()).toEqual([]);
  });

  it('refuses when nobody answers in time', async () => {
    const bus = new EventBus();
    bus.subscribe(() => undefined);
    const broker = new PromptBroker(bus, 5);
    await expect(broker.ask(certificatePrompt)).resolves.toEqual({ trust: 'reject' });
  });
});
