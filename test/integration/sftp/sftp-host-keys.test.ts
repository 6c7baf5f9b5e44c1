/** Host key trust against a real sshd: unknown keys are asked about, changed keys refused outright. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-shared/errors.js';
import { connectSftp } from '../../../src-main/sftp/index.js';
import { startServer, type RunningServer } from '../../harness/index.js';
import { ScriptedPrompter, isolatedDeps, scratchDir, targetFor } from './sftp-test-kit.js';

let server: RunningServer;
let scratch: { dir: string; remove: () => void };
let fileCounter = 0;
const freshFile = (): string => join(scratch.dir, `known_hosts_${(fileCounter += 1)}`);

beforeAll(async () => {
  server = await startServer('sshd');
  scratch = scratchDir();
});
afterAll(async () => {
  await server?.dispose();
  scratch?.remove();
});

const target = (): ReturnType<typeof targetFor> => targetFor(server, { password: server.password });

describe('SFTP host keys', () => {
  it('asks about an unknown key with the algorithm and ssh-keygen fingerprint; "once" saves nothing', async () => {
    const file = freshFile();
    const prompter = new ScriptedPrompter({ 'host-key': () => ({ trust: 'once' }) });
    const fs = await connectSftp(target(), isolatedDeps(file, { prompter }));
    expect(prompter.asked).toEqual([
      {
        kind: 'host-key',
        hostKey: {
          host: server.host,
          port: server.port,
          algorithm: 'ssh-ed25519',
          fingerprint: server.hostKeyFingerprint,
        },
      },
    ]);
    const printed = execFileSync('ssh-keygen', ['-lf', '-'], {
      input: `${server.hostKeyLine}\n`,
      encoding: 'utf8',
    });
    expect(printed.split(' ')[1]).toBe(server.hostKeyFingerprint);
    await fs.close();
    expect(() => readFileSync(file)).toThrow();
  });

  it('"always" stores the key, and the next connection asks nothing', async () => {
    const file = freshFile();
    const first = new ScriptedPrompter({ 'host-key': () => ({ trust: 'always' }) });
    await (await connectSftp(target(), isolatedDeps(file, { prompter: first }))).close();
    expect(readFileSync(file, 'utf8')).toBe(`[${server.host}]:${server.port} ${server.hostKeyLine}\n`);
    const second = new ScriptedPrompter();
    await (await connectSftp(target(), isolatedDeps(file, { prompter: second }))).close();
    expect(second.asked).toEqual([]);
  });

  it('refuses an unknown key when rejected, naming the fingerprint', async () => {
    const error = await connectSftp(target(), isolatedDeps(freshFile())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({ code: 'HOST_KEY_UNKNOWN', retryable: false, hint: expect.any(String) });
    expect((error as FerryError).message).toContain(server.hostKeyFingerprint ?? 'missing');
  });

  it('refuses a changed key without asking, naming the old and new fingerprints', async () => {
    const file = freshFile();
    const otherKey = join(scratch.dir, 'other_host_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const otherLine = readFileSync(`${otherKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(file, `[${server.host}]:${server.port} ${otherLine}\n`);
    const oldFingerprint =
      execFileSync('ssh-keygen', ['-lf', `${otherKey}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
    const prompter = new ScriptedPrompter({ 'host-key': () => ({ trust: 'always' }) });
    const error = await connectSftp(target(), isolatedDeps(file, { prompter })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HOST_KEY_CHANGED', retryable: false });
    expect((error as FerryError).message).toContain(oldFingerprint);
    expect((error as FerryError).message).toContain(server.hostKeyFingerprint ?? 'missing');
    expect(prompter.asked).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(`[${server.host}]:${server.port} ${otherLine}\n`);
  });

  it("trusts a hashed entry in the user's known_hosts without writing to it", async () => {
    const userFile = join(scratch.dir, 'user_known_hosts');
    writeFileSync(userFile, `[${server.host}]:${server.port} ${server.hostKeyLine}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', userFile], { stdio: 'ignore' });
    const before = readFileSync(userFile, 'utf8');
    expect(before.startsWith('|1|')).toBe(true);
    const prompter = new ScriptedPrompter();
    const ferryFile = freshFile();
    await (
      await connectSftp(target(), isolatedDeps(ferryFile, { prompter, userKnownHostsFile: userFile }))
    ).close();
    expect(prompter.asked).toEqual([]);
    expect(readFileSync(userFile, 'utf8')).toBe(before);
  });

  it('refuses a key marked @revoked', async () => {
    const file = freshFile();
    writeFileSync(
      file,
      `[${server.host}]:${server.port} ${server.hostKeyLine}\n@revoked * ${server.hostKeyLine}\n`,
    );
    const error = await connectSftp(target(), isolatedDeps(file)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HOST_KEY_CHANGED' });
  });
});
