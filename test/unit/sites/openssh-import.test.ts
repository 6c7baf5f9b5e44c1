import { describe, expect, it } from 'vitest';
import { parseOpenSshConfig } from '../../../src-main/sites/openssh-import.js';

const config = `
# global options apply to every host
User everyone

Host web web-alias
  HostName web.example.com
  Port 2222
  IdentityFile ~/.ssh/id_web

Host db
    hostname=db.internal
    user   dbadmin
    IdentityFile "/keys/my key"
    IdentityFile /keys/second

Host *.example.com !bastion.example.com
  Port 2200

Host bastion.example.com
  User jump

Host git-?
  User git

Match host foo exec "true"
  User matched

Host *
  Port 9999
  IdentityFile ~/.ssh/id_default
Include ~/.ssh/config.d/*
`;

describe('OpenSSH config import', () => {
  const parsed = parseOpenSshConfig(config, { home: '/home/alice' });
  const byName = (name: string) => parsed.sites.find((s) => s.site.name === name)?.site;

  it('makes one SFTP site per concrete alias and skips patterns', () => {
    expect(parsed.sites.map((s) => s.site.name)).toEqual(['web', 'web-alias', 'db', 'bastion.example.com']);
    for (const { site } of parsed.sites) expect(site.protocol).toBe('sftp');
  });

  it('takes HostName, Port, User and the first IdentityFile, first value winning', () => {
    expect(byName('web')).toMatchObject({
      host: 'web.example.com',
      port: 2222,
      user: 'everyone',
      keyFile: '/home/alice/.ssh/id_web',
      logonType: 'key',
    });
    expect(byName('web-alias')).toMatchObject({ host: 'web.example.com', port: 2222 });
    expect(byName('db')).toMatchObject({
      host: 'db.internal',
      user: 'everyone',
      keyFile: '/keys/my key',
      port: 9999,
    });
  });

  it('lets negated patterns exclude a host, and Host * fill in the rest', () => {
    expect(byName('bastion.example.com')).toMatchObject({
      host: 'bastion.example.com',
      port: 9999,
      user: 'everyone',
      keyFile: '/home/alice/.ssh/id_default',
    });
  });

  it('reports Match and Include it does not follow', () => {
    expect(parsed.warnings.some((w) => w.startsWith('"Match host foo'))).toBe(true);
    expect(parsed.warnings.some((w) => w.startsWith('"Include'))).toBe(true);
  });

  it('uses keyboard-interactive when no key file is configured, and the folder asked for', () => {
    const plain = parseOpenSshConfig('Host box\n  HostName 10.0.0.5\n', { folder: ['SSH'] });
    expect(plain.sites[0]?.site).toMatchObject({
      name: 'box',
      host: '10.0.0.5',
      port: 22,
      user: '',
      logonType: 'interactive',
      folder: ['SSH'],
    });
  });
});
