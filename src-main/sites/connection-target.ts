import type { ConnectionTarget, Site } from '../../src-shared/model.js';
import { AUTO_CHARSET } from './site-defaults.js';

/** What FileZilla sends for anonymous logins; some servers want something address-shaped. */
const ANONYMOUS_PASSWORD = 'anonymous@example.com';

/**
 * What a session needs to connect to a saved site. The secret is the password, except for key
 * logons, where it is the key's passphrase and must never be sent to the server as a password.
 */
export function toConnectionTarget(site: Site, secret: string | null): ConnectionTarget {
  const target: ConnectionTarget = {
    protocol: site.protocol,
    host: site.host,
    port: site.port,
    transferMode: site.transferMode,
    siteId: site.id,
  };
  if (site.charset !== '' && site.charset !== AUTO_CHARSET) target.charset = site.charset;
  if (site.asciiExtensions.length > 0) target.asciiExtensions = [...site.asciiExtensions];
  if (site.remoteDir !== '') target.remoteDir = site.remoteDir;
  switch (site.logonType) {
    case 'anonymous':
      target.user = 'anonymous';
      target.password = ANONYMOUS_PASSWORD;
      break;
    case 'key':
      target.user = site.user;
      if (site.keyFile !== '') target.identityFile = site.keyFile;
      if (secret !== null) target.passphrase = secret;
      break;
    case 'ask':
    case 'interactive':
      // Asked at each connection (by the session, or by SSH itself): a secret left in the
      // keychain from before the site was switched to asking is not used.
      target.user = site.user;
      break;
    default:
      target.user = site.user;
      if (secret !== null) target.password = secret;
  }
  return target;
}
