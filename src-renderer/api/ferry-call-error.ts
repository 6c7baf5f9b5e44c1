import type { FerryErrorData } from '../../src-shared/errors.js';

/** What a failed call throws in the renderer: the engine's error data, untouched. */
export class FerryCallError extends Error {
  readonly data: FerryErrorData;

  constructor(data: FerryErrorData) {
    super(data.message);
    this.name = 'FerryCallError';
    this.data = data;
  }
}

/** Any thrown value as FerryErrorData, so the UI has one way to show failures. */
export function errorDataOf(error: unknown): FerryErrorData {
  if (error instanceof FerryCallError) return error.data;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, retryable: false };
}
