/** SFTP v3 status codes (draft-ietf-secsh-filexfer-02 §7), the ones ssh2 reports as `error.code`. */
export const SFTP_STATUS = {
  OK: 0,
  EOF: 1,
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  BAD_MESSAGE: 5,
  NO_CONNECTION: 6,
  CONNECTION_LOST: 7,
  OP_UNSUPPORTED: 8,
} as const;

export type SftpStatus = (typeof SFTP_STATUS)[keyof typeof SFTP_STATUS];
