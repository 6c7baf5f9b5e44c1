/**
 * Private key files for public-key authentication: OpenSSH and PEM formats through ssh2's
 * parser; an encrypted key asks for its passphrase (three tries, as ssh(1) allows).
 */
import { readFile } from 'node:fs/promises';
// ssh2 is CommonJS: Node's ESM loader cannot see `utils` as a named export.
import ssh2, { type ParsedKey } from 'ssh2';
import type { ProtocolLogger } from '../core/protocol-log.js';
import type { Prompter } from '../core/prompter.js';

const { utils } = ssh2;
const PASSPHRASE_TRIES = 3;

export interface KeyLoadContext {
  prompter: Prompter;
  logger: ProtocolLogger;
  user: string;
  /** A saved passphrase (from the keychain), tried before anyone is asked. */
  passphrase?: string;
}

function isEncryptedKeyError(error: Error): boolean {
  return /passphrase/i.test(error.message);
}

/** null when the file is missing, unreadable, not a key, or its passphrase was not given. */
export async function loadPrivateKey(file: string, context: KeyLoadContext): Promise<ParsedKey | null> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') context.logger.log('error', `Cannot read key ${file}: ${code ?? String(error)}`);
    return null;
  }
  const plain = utils.parseKey(data);
  if (!(plain instanceof Error)) return plain;
  if (!isEncryptedKeyError(plain)) {
    context.logger.log('error', `Not a usable private key: ${file} (${plain.message})`);
    return null;
  }
  if (context.passphrase !== undefined) {
    const saved = utils.parseKey(data, context.passphrase);
    if (!(saved instanceof Error)) return saved;
    context.logger.log('error', `Key ${file}: the saved passphrase does not open it.`);
  }
  for (let attempt = 1; attempt <= PASSPHRASE_TRIES; attempt += 1) {
    const answer = await context.prompter.ask({
      kind: 'password',
      label: file,
      user: context.user,
      reason: attempt === 1 ? `Passphrase for key ${file}` : `Wrong passphrase; passphrase for key ${file}`,
    });
    if (answer.password === null) return null;
    const parsed = utils.parseKey(data, answer.password);
    if (!(parsed instanceof Error)) return parsed;
    context.logger.log('error', `Key ${file}: ${parsed.message}`);
  }
  return null;
}
