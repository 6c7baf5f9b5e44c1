import type { FerryApi, MethodArgs, MethodName, MethodResult } from '../../src-shared/contract.js';
import type { FerryEvent } from '../../src-shared/events.js';
import { FerryCallError } from './ferry-call-error.js';
import type { LinkState, Transport } from './transport.js';

export interface FerryClient {
  /** Typed calls: `client.api['fs.list']('local', '/home')`. */
  readonly api: FerryApi;
  call<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>>;
  onEvent(listener: (event: FerryEvent) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
  linkState(): LinkState;
}

export function createClientOn(transport: Transport): FerryClient {
  async function call<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
    const reply = await transport.call(method, args);
    if (!reply.ok) throw new FerryCallError(reply.error);
    // Main validated the arguments and produced this value from the same contract entry.
    return reply.value as MethodResult<M>;
  }

  // One function per method name, made on first use: the contract table itself (and zod)
  // stays out of the renderer bundle, and every call is still typed through FerryApi.
  const cache = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const api = new Proxy({} as FerryApi, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      let fn = cache.get(name);
      if (!fn) {
        fn = (...args: unknown[]) =>
          transport.call(name as MethodName, args).then((reply) => {
            if (!reply.ok) throw new FerryCallError(reply.error);
            return reply.value;
          });
        cache.set(name, fn);
      }
      return fn;
    },
  });

  return {
    api,
    call,
    onEvent: (listener) => transport.onEvent(listener),
    onLinkState: (listener) => transport.onLinkState(listener),
    linkState: () => transport.linkState(),
  };
}
