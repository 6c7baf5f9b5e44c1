/** Servers that answer PASS with 332 want ACCT: the site's account is sent, and its absence explained. */
import { afterAll, describe, expect, it } from 'vitest';
import { connectToFake, FakeFtpServer } from './fake-ftp-server.js';

const fakes: FakeFtpServer[] = [];
afterAll(() => {
  for (const fake of fakes) fake.close();
});

async function accountServer(): Promise<FakeFtpServer> {
  const fake = await FakeFtpServer.start((verb, argument, session) => {
    if (verb === 'PASS') {
      session.reply('332 Need account for login.');
      return true;
    }
    if (verb === 'ACCT') {
      session.reply(argument === 'billing' ? '230 Logged in with account.' : '530 Unknown account.');
      return true;
    }
    return false;
  });
  fakes.push(fake);
  return fake;
}

describe('ACCT logins', () => {
  it('sends the account of the connection target', async () => {
    const fake = await accountServer();
    const fs = await connectToFake(fake, { account: 'billing' });
    expect(fake.commands).toContain('ACCT billing');
    await fs.close();
  });

  it('without an account, says the server wants one', async () => {
    const fake = await accountServer();
    await expect(connectToFake(fake)).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
      hint: expect.stringMatching(/account/),
    });
  });
});
