/** Shared helpers for SFTP integration tests: trusted connections to the harness sshd, scripted prompts. */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ConnectionTarget } from '../../../src-shared/model.js';
import type { Prompt, PromptAnswers } from '../../../src-shared/prompts.js';
import { REFUSAL } from '../../../src-shared/prompts.js';
import type { Prompter } from '../../../src-main/core/prompter.js';
import type { LogDirection, ProtocolLogger } from '../../../src-main/core/protocol-log.js';
import { connectSftp, type SftpDeps, type SftpFileSystem } from '../../../src-main/sftp/index.js';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../harness/index.js';

export class RecordingLogger implements ProtocolLogger {
  readonly lines: { direction: LogDirection; text: string }[] = [];
  log(direction: LogDirection, text: string): void {
    this.lines.push({ direction, text });
    if (process.env.FERRY_SFTP_DEBUG) process.stderr.write(`${direction}: ${text}\n`);
  }
  text(): string {
    return this.lines.map((line) => `${line.direction}: ${line.text}`).join('\n');
  }
}

type Answerer = { [K in Prompt['kind']]?: (prompt: Extract<Prompt, { kind: K }>) => PromptAnswers[K] };

/** Answers prompts from a script and records every question; anything unscripted is refused. */
export class ScriptedPrompter implements Prompter {
  readonly asked: Prompt[] = [];
  private readonly answers: Answerer;

  constructor(answers: Answerer = {}) {
    this.answers = answers;
  }

  ask<P extends Prompt>(prompt: P): Promise<PromptAnswers[P['kind']]> {
    this.asked.push(prompt);
    const answer = this.answers[prompt.kind] as ((prompt: P) => PromptAnswers[P['kind']]) | undefined;
    return Promise.resolve(answer ? answer(prompt) : (REFUSAL[prompt.kind] as PromptAnswers[P['kind']]));
  }
}

/** A scratch folder for known_hosts files, keys and ssh configs of one test file. */
export function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-sftp-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A known_hosts file that already trusts the harness server's key. */
export function trustingKnownHosts(server: RunningServer, dir: string, name = 'known_hosts'): string {
  const file = join(dir, name);
  writeFileSync(file, `[${server.host}]:${server.port} ${server.hostKeyLine}\n`);
  return file;
}

export function targetFor(
  server: RunningServer,
  overrides: Partial<ConnectionTarget> = {},
): ConnectionTarget {
  return { protocol: 'sftp', host: server.host, port: server.port, user: server.user, ...overrides };
}

/** Deps with nothing from the machine running the tests: no ~/.ssh keys, no agent, no user files. */
export function isolatedDeps(knownHostsFile: string, overrides: Partial<SftpDeps> = {}): SftpDeps {
  return {
    logger: new RecordingLogger(),
    prompter: new ScriptedPrompter(),
    knownHostsFile,
    defaultIdentityFiles: [],
    agentSocket: '',
    ...overrides,
  };
}

export function connectWithPassword(
  server: RunningServer,
  knownHostsFile: string,
  logger = new RecordingLogger(),
): Promise<SftpFileSystem> {
  return connectSftp(
    targetFor(server, { password: server.password }),
    isolatedDeps(knownHostsFile, { logger }),
  );
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * An sshd of its own and one logged-in session for a test file: started before its tests,
 * disposed after them. `prepare` runs between the start and the login (e.g. to limit the server).
 */
export function useSshdSession(prepare?: (server: RunningServer) => void): {
  readonly server: RunningServer;
  readonly fs: SftpFileSystem;
  readonly scratch: string;
} {
  let server: RunningServer | undefined;
  let fs: SftpFileSystem | undefined;
  let scratch: { dir: string; remove: () => void } | undefined;
  beforeAll(async () => {
    server = await startServer('sshd');
    scratch = scratchDir();
    prepare?.(server);
    fs = await connectWithPassword(server, trustingKnownHosts(server, scratch.dir));
  });
  afterAll(async () => {
    await fs?.close();
    await server?.dispose();
    scratch?.remove();
  });
  return {
    get server() {
      return server!;
    },
    get fs() {
      return fs!;
    },
    get scratch() {
      return scratch!.dir;
    },
  };
}
