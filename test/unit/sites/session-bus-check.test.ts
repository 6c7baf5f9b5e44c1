import { describe, expect, it } from 'vitest';
import { checkSessionBus, unixSocketPath } from '../../../src-main/keychain/session-bus-check.js';

describe('D-Bus session bus address', () => {
  const rows: Array<{ title: string; address: string; expected: string | null }> = [
    { title: 'path', address: 'unix:path=/run/user/1000/bus', expected: '/run/user/1000/bus' },
    { title: 'path with guid', address: 'unix:path=/tmp/dbus-x,guid=0123abcd', expected: '/tmp/dbus-x' },
    { title: 'escaped path', address: 'unix:path=/tmp/my%20bus', expected: '/tmp/my bus' },
    { title: 'abstract socket', address: 'unix:abstract=/tmp/dbus-AbC,guid=1', expected: '\0/tmp/dbus-AbC' },
    { title: 'first usable of several', address: 'tcp:host=localhost,port=1;unix:path=/b', expected: '/b' },
    { title: 'tcp only', address: 'tcp:host=localhost,port=1', expected: null },
  ];
  for (const row of rows) {
    it(row.title, () => {
      expect(unixSocketPath(row.address)).toBe(row.expected);
    });
  }

  it('says clearly when there is no session bus address at all', async () => {
    await expect(checkSessionBus({}, 1_000)).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringMatching(/DBUS_SESSION_BUS_ADDRESS is not set/),
    });
  });
});
