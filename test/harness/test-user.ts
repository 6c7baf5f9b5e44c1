import { execFileSync } from 'node:child_process';

/** The system account vsftpd, proftpd, pure-ftpd and sshd log in (made by scripts/install-test-deps.sh). */
export const TEST_USER = 'ferrytest';
export const TEST_PASSWORD = 'ferrytest-pass';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

let cached: SystemUser | undefined;

function lookup(): SystemUser | undefined {
  try {
    const line = execFileSync('getent', ['passwd', TEST_USER], { encoding: 'utf8' }).trim();
    const [name = '', , uid, gid, , home = ''] = line.split(':');
    return { name, uid: Number(uid), gid: Number(gid), home };
  } catch {
    return undefined;
  }
}

/**
 * The test user, created on the spot if the install script has not run (the harness runs as
 * root anyway). A shell from /etc/shells: Debian's vsftpd PAM stack ends with pam_shells.
 */
export function testUser(): SystemUser {
  if (cached) return cached;
  let user = lookup();
  if (!user) {
    execFileSync('useradd', ['--create-home', '--shell', '/bin/bash', TEST_USER]);
    execFileSync('chpasswd', { input: `${TEST_USER}:${TEST_PASSWORD}\n` });
    user = lookup();
    if (!user)
      throw new Error(
        `could not create the test user ${TEST_USER}; run scripts/install-test-deps.sh as root`,
      );
  }
  cached = user;
  return user;
}
