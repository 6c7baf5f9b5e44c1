/**
 * Server-side file hashes through `sha256sum`-style commands on an exec channel of the same
 * SSH connection. Many SFTP-only servers refuse exec or force internal-sftp on it, so each
 * command is probed once against /dev/null's known digest, with a timeout, before it is trusted.
 */
import type { Client, ClientChannel } from 'ssh2';
import type { HashAlgorithm } from '../fs/remote-file-system.js';

const COMMANDS: Partial<Record<HashAlgorithm, { command: string; emptyDigest: string }>> = {
  sha256: {
    command: 'sha256sum',
    emptyDigest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  sha1: { command: 'sha1sum', emptyDigest: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  md5: { command: 'md5sum', emptyDigest: 'd41d8cd98f00b204e9800998ecf8427e' },
};

const PROBE_TIMEOUT_MS = 5_000;

/** POSIX shell single quoting: the only character needing care inside '…' is ' itself. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The hex digest from `sha256sum` output; GNU prefixes a `\` when the name had to be escaped. */
export function parseDigestOutput(output: string, hexLength: number): string | null {
  const match = new RegExp(`^\\\\?([0-9a-fA-F]{${hexLength}})\\s`).exec(output);
  return match?.[1]?.toLowerCase() ?? null;
}

/** Runs one command; resolves with stdout and the exit code, or null when exec is refused or hangs. */
function execCapture(
  client: Client,
  command: string,
  timeoutMs: number,
): Promise<{ stdout: string; code: number | null } | null> {
  return new Promise((resolve) => {
    let settled = false;
    let channel: ClientChannel | null = null;
    const done = (value: { stdout: string; code: number | null } | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    // A forced internal-sftp waits for an SFTP INIT forever: the timer closes its channel.
    const timer = setTimeout(() => {
      channel?.close();
      done(null);
    }, timeoutMs);
    try {
      client.exec(command, (error, opened) => {
        if (error) {
          done(null);
          return;
        }
        channel = opened;
        const chunks: Buffer[] = [];
        let code: number | null = null;
        opened.on('data', (chunk: Buffer) => chunks.push(chunk));
        opened.stderr.resume();
        opened.on('exit', (exitCode: number | null) => {
          code = exitCode;
        });
        opened.on('close', () => done({ stdout: Buffer.concat(chunks).toString('utf8'), code }));
      });
    } catch {
      done(null);
    }
  });
}

export class RemoteHasher {
  private readonly client: Client;
  private available: Promise<HashAlgorithm[]> | null = null;

  constructor(client: Client) {
    this.client = client;
  }

  algorithms(): Promise<HashAlgorithm[]> {
    this.available ??= this.probe();
    return this.available;
  }

  async hash(path: string, algorithm: HashAlgorithm): Promise<string | null> {
    const spec = COMMANDS[algorithm];
    if (!spec || !(await this.algorithms()).includes(algorithm)) return null;
    // `--` keeps a path starting with '-' from being read as an option.
    const result = await execCapture(this.client, `${spec.command} -- ${shellQuote(path)}`, 10 * 60_000);
    if (!result || result.code !== 0) return null;
    return parseDigestOutput(result.stdout, spec.emptyDigest.length);
  }

  /** All commands at once: a server that hangs on exec costs one timeout, not three. */
  private async probe(): Promise<HashAlgorithm[]> {
    const specs = Object.entries(COMMANDS) as [HashAlgorithm, { command: string; emptyDigest: string }][];
    const results = await Promise.all(
      specs.map(async ([algorithm, spec]) => {
        const result = await execCapture(this.client, `${spec.command} /dev/null`, PROBE_TIMEOUT_MS);
        const works =
          result?.code === 0 &&
          parseDigestOutput(result.stdout, spec.emptyDigest.length) === spec.emptyDigest;
        return works ? algorithm : null;
      }),
    );
    return results.filter((algorithm): algorithm is HashAlgorithm => algorithm !== null);
  }
}
