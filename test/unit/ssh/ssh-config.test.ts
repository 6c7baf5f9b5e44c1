import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSshConfig, resolveSshHost, splitConfigLine } from '../../../src-main/ssh/ssh-config.js';

const CONFIG = `
# global defaults come first in the file
IdentityFile ~/.ssh/global_key

Host work
  HostName files.example.com
  Port 2222
  User alice
  IdentityFile ~/.ssh/work_%h

Host *.internal !secret.internal
  User intern
  Port=2200

Match host work
  User matched-should-be-ignored

Host work *.internal
  User bob
  Port 22
  IdentityFile "/keys/with space"

Host *
  User fallback
`;

describe('splitConfigLine', () => {
  it.each([
    { line: 'Port 22', expected: ['Port', '22'] },
    { line: 'Port=22', expected: ['Port', '22'] },
    { line: 'Port = 22', expected: ['Port', '22'] },
    { line: '  IdentityFile "/a b/c"  ', expected: ['IdentityFile', '/a b/c'] },
    { line: 'Host a b  c', expected: ['Host', 'a', 'b', 'c'] },
    { line: 'HostName', expected: ['HostName'] },
  ])('$line', ({ line, expected }) => {
    expect(splitConfigLine(line)).toEqual(expected);
  });
});

describe('resolveSshHost', () => {
  const blocks = parseSshConfig(CONFIG);

  it('takes the first value of each keyword and accumulates IdentityFile', () => {
    expect(resolveSshHost(blocks, 'work')).toEqual({
      hostName: 'files.example.com',
      port: 2222,
      user: 'alice',
      identityFiles: [
        join(homedir(), '.ssh/global_key'),
        join(homedir(), '.ssh/work_files.example.com'),
        '/keys/with space',
      ],
    });
  });

  it('matches wildcards and honours negation', () => {
    expect(resolveSshHost(blocks, 'db.internal')).toMatchObject({ user: 'intern', port: 2200 });
    expect(resolveSshHost(blocks, 'secret.internal')).toMatchObject({ user: 'bob', port: 22 });
    expect(resolveSshHost(blocks, 'secret.internal').hostName).toBeUndefined();
  });

  it('skips Match blocks rather than guessing', () => {
    expect(resolveSshHost(blocks, 'work').user).toBe('alice');
  });

  it('falls through to Host * for unknown names', () => {
    expect(resolveSshHost(blocks, 'elsewhere')).toEqual({
      user: 'fallback',
      identityFiles: [join(homedir(), '.ssh/global_key')],
    });
  });

  it('is case-insensitive in keywords and host names', () => {
    const upper = parseSshConfig('HOST Work\n  HOSTNAME h.example\n  PORT 1234\n');
    expect(resolveSshHost(upper, 'WORK')).toMatchObject({ hostName: 'h.example', port: 1234 });
  });

  it('ignores a Port that is not a port', () => {
    expect(resolveSshHost(parseSshConfig('Port banana\nPort 70000\n'), 'x').port).toBeUndefined();
  });
});
