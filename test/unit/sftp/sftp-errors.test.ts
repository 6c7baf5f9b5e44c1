import { describe, expect, it } from 'vitest';
import { subsystemError } from '../../../src-main/sftp/sftp-errors.js';

describe('subsystemError', () => {
  it('a connection that closed while SFTP started is CONNECTION_LOST, retryable', () => {
    // ssh2's words when the connection ends under a pending channel request, and what a
    // server's channel failure says when the connection closed meanwhile anyway.
    for (const [message, closed] of [
      ['No response from server', false],
      ['Unable to start subsystem: sftp', true],
    ] as const) {
      expect(subsystemError(new Error(message), closed)).toMatchObject({
        code: 'CONNECTION_LOST',
        retryable: true,
      });
    }
  });

  it('a refusal on a live connection is permanent and says where to look', () => {
    const error = subsystemError(new Error('Unable to start subsystem: sftp'), false);
    expect(error).toMatchObject({ code: 'PROTOCOL', retryable: false });
    expect(error.hint).toMatch(/Subsystem/);
  });
});
