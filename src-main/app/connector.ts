/**
 * Opens a remote file system for a connection target, whatever its protocol. The one
 * place that knows which engine serves which protocol; the service, the queue and the
 * CLI only see RemoteFileSystem.
 */
import path from 'node:path';
import { RunTrust } from '../core/run-trust.js';
import { JsonCertificateTrustStore, type CertificateTrustStore } from '../core/trust-store.js';
import { connectFtp, type FtpSessionOptions } from '../ftp/index.js';
import type { Connector } from '../service/ports.js';

export interface ConnectorOptions {
  configDir: string;
  /** Overrides for the CLI's --known-hosts; tests point these at temporary files. */
  knownHostsFile?: string;
  userKnownHostsFile?: string;
  sshConfigFile?: string;
  trustStore?: CertificateTrustStore;
  ftp?: FtpSessionOptions;
}

export function createConnector(options: ConnectorOptions): Connector {
  const trustStore =
    options.trustStore ??
    new JsonCertificateTrustStore(path.join(options.configDir, 'trusted-certificates.json'));
  const runTrust = new RunTrust();
  return async (target, { logger, prompter }) => {
    if (target.protocol === 'sftp') {
      // ssh2 is the heaviest module Ferry loads; an FTP-only run (most CLI calls) never needs it.
      const { connectSftp, defaultSshPaths } = await import('../sftp/index.js');
      const ssh = defaultSshPaths();
      return connectSftp(target, {
        logger,
        prompter,
        knownHostsFile: options.knownHostsFile ?? path.join(options.configDir, 'known_hosts'),
        userKnownHostsFile: options.userKnownHostsFile ?? ssh.userKnownHostsFile,
        sshConfigFile: options.sshConfigFile ?? ssh.sshConfigFile,
        defaultIdentityFiles: ssh.defaultIdentityFiles,
        runTrust,
      });
    }
    return connectFtp(target, { logger, prompter, trustStore, runTrust }, options.ftp);
  };
}
