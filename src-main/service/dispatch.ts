/**
 * The single entry point of both transports: validates the method name and its arguments
 * against the contract's schemas, calls the service, and turns every outcome into data.
 */
import { CONTRACT, isMethodName, type FerryApi } from '../../src-shared/contract.js';
import { FerryError, toErrorData } from '../../src-shared/errors.js';
import type { ReplyMessage } from '../../src-shared/wire.js';

export async function dispatchCall(
  api: FerryApi,
  id: number,
  method: unknown,
  args: unknown,
): Promise<ReplyMessage> {
  try {
    if (!isMethodName(method)) {
      throw new FerryError(
        'INVALID_ARGUMENT',
        `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.`,
      );
    }
    const parsed = CONTRACT[method].args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (argument ${issue.path.join('.')})` : '';
      throw new FerryError(
        'INVALID_ARGUMENT',
        `Invalid arguments for ${method}${where}: ${issue?.message ?? 'rejected'}.`,
      );
    }
    // The schema table and FerryApi are derived from the same CONTRACT, so the parsed tuple
    // is exactly the parameter list of api[method]; TypeScript cannot correlate the two generically.
    const fn = api[method] as (...callArgs: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, parsed.data as unknown[]);
    return { t: 'reply', id, ok: true, value: value ?? null };
  } catch (error) {
    return { t: 'reply', id, ok: false, error: toErrorData(error) };
  }
}
