/** SFTP behind RemoteFileSystem: the one entry point the service and the CLI use. */
export { connectSftp, defaultSshPaths, type SftpDeps } from './connect-sftp.js';
export { SftpFileSystem } from './sftp-file-system.js';
