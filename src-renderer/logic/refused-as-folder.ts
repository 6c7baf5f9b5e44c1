import type { ErrorCode, FerryErrorData } from '../../src-shared/errors.js';

/**
 * How listing a path fails when it is not a folder: FTP's 550 to CWD (NOT_FOUND), SFTP's bare
 * FAILURE to OPENDIR (PERMANENT), the local disk's ENOTDIR (LOCAL_IO). Lost connections,
 * timeouts and refused permissions say nothing about what the path is.
 */
const NOT_A_FOLDER: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NOT_FOUND', 'PERMANENT', 'LOCAL_IO']);

/** For a symbolic link, such a refusal means it most likely leads to a file. */
export function refusedAsFolder(error: FerryErrorData): boolean {
  return NOT_A_FOLDER.has(error.code);
}
