/**
 * "Messages quote the URL as typed, but never its password" (src-main/core/url.ts).
 * A password with an unencoded "/" ends the authority early for the masking, so the error
 * message prints the whole password. Nothing here connects anywhere: parsing fails first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ferry, tempDir, type CliOptions } from './cli-kit.js';

const PASSWORD = 'hunter2/OpenSesame';

describe('a password is never printed in a message', () => {
  let cli: CliOptions;
  beforeAll(async () => {
    buildCli();
    cli = { configDir: await tempDir('review-password') };
  });

  it.each([
    ['ls', `ftp://alice:${PASSWORD}@127.0.0.1/pub`],
    ['get', `sftp://alice:${PASSWORD}@127.0.0.1/file.txt`, '-'],
  ])('ferry %s with a "/" in the URL password', async (...args) => {
    const result = await ferry(args, cli);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
    expect(result.stderr).not.toContain('OpenSesame');
  });

  it('ferry sites add with a "/" in the URL password', async () => {
    const result = await ferry(['sites', 'add', 'Mine', `ftpes://alice:${PASSWORD}@127.0.0.1/`], cli);
    expect(result.stderr + result.stdout).not.toContain('OpenSesame');
  });
});
