/** The protocol log seam: engines write here; the service fans lines out to views and the CLI to stderr. */
import type { LogLine } from '../../src-shared/model.js';

export type LogDirection = LogLine['direction'];

export interface ProtocolLogger {
  log(direction: LogDirection, text: string): void;
}

export const silentLogger: ProtocolLogger = { log() {} };
