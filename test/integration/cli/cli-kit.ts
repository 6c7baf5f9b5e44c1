/**
 * Runs bin/ferry's bundle (dist/cli.js) as a child process the way a script would: no stdin
 * (CI has no terminal), its own config folder, and no session bus, so no test ever reads or
 * writes a developer's real keychain. Also: URLs for harness servers and file hashing.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { trackDir } from '../../harness/exit-cleanup.js';
import type { RunningServer } from '../../harness/index.js';

const REPO = resolve(import.meta.dirname, '../../..');
export const CLI = join(REPO, 'dist', 'cli.js');

let built = false;

/** Bundles src-main/cli once per test process, so the tests run the code under test. */
export function buildCli(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: REPO, stdio: 'ignore' });
  built = true;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  configDir: string;
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

function childEnv(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FERRY_CONFIG_DIR: options.configDir };
  // No keychain unless a test brings its private one: a test must never touch a real keyring.
  delete env.DBUS_SESSION_BUS_ADDRESS;
  // No agent either: key tests pass -i explicitly.
  delete env.SSH_AUTH_SOCK;
  return { ...env, ...options.env };
}

/** Runs `ferry ARGS` to completion with stdin closed. */
export function ferry(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolveResult, reject) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd ?? options.configDir,
        env: childEnv(options),
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number' && !error.signal) {
          reject(error);
          return;
        }
        resolveResult({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/** Starts `ferry ARGS` and returns the child, for tests that kill it midway. */
export function spawnFerry(args: string[], options: CliOptions): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? options.configDir,
    env: childEnv(options),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** A fresh temporary folder, deleted when the test process ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `ferry-cli-${prefix}-`));
  trackDir(dir);
  return dir;
}

/** Percent-encodes each path segment, as a user must for spaces, `#`, `%` and unicode. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** `scheme://user:password@127.0.0.1:port` + the encoded remote path of `relativePath`. */
export function serverUrl(
  server: RunningServer,
  relativePath = '',
  options: { scheme?: string; password?: string | null } = {},
): string {
  const scheme = options.scheme ?? 'ftp';
  const password = options.password === undefined ? server.password : options.password;
  const auth = `${encodeURIComponent(server.user)}${password === null ? '' : `:${encodeURIComponent(password)}`}`;
  const path =
    relativePath === '' ? `${server.remoteRoot.replace(/\/$/, '')}/` : server.remotePath(relativePath);
  return `${scheme}://${auth}@${server.host}:${server.port}${encodePath(path)}`;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Deterministic bytes (not compressible, not all zero) of a given size. */
export function patternBytes(size: number, seed = 7): Buffer {
  const data = Buffer.alloc(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    data[i] = state >>> 16;
  }
  return data;
}

/** relative path → sha256 of every file below `root` (names that end in .part included, so leftovers show). */
export async function treeHashes(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.set(relative(root, full), sha256(await readFile(full)));
    }
  }
  await walk(root);
  return out;
}

export interface TerminalExchange {
  /** What the CLI prints before it waits for this answer. */
  waitFor: RegExp;
  send: string;
}

/**
 * Runs `ferry ARGS` on a pseudo-terminal (util-linux `script`), answering its questions as a
 * person would: each answer is typed once its prompt has appeared. The CLI reads the pty the
 * test holds, never the test runner's own stdin.
 */
export function ferryAtTerminal(
  args: string[],
  exchanges: TerminalExchange[],
  options: CliOptions,
): Promise<{ code: number | null; output: string }> {
  const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: options.cwd ?? options.configDir,
    env: childEnv(options),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let next = 0;
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    output += text;
    const exchange = exchanges[next];
    if (exchange && exchange.waitFor.test(output)) {
      next++;
      child.stdin.write(exchange.send);
    }
  });
  return new Promise((resolveResult) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      resolveResult({ code, output });
    });
  });
}
