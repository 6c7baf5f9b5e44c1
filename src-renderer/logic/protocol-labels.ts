import type { Protocol } from '../../src-shared/model.js';

/** What a protocol is called where there is room: the site form, tooltips. */
export const PROTOCOL_LABELS: Record<Protocol, string> = {
  ftp: 'FTP – TLS if available',
  ftpes: 'FTPES – explicit TLS',
  ftps: 'FTPS – implicit TLS',
  'ftp-insecure': 'FTP – not encrypted',
  sftp: 'SFTP – SSH',
};

/** The compact name, for narrow places: the quick-connect select, the site tree. */
export const PROTOCOL_SHORT: Record<Protocol, string> = {
  ftp: 'FTP',
  ftpes: 'FTPES',
  ftps: 'FTPS',
  'ftp-insecure': 'Plain FTP',
  sftp: 'SFTP',
};

/** One sentence on what the choice means, for tooltips. */
export const PROTOCOL_HINTS: Record<Protocol, string> = {
  ftp: 'FTP, using TLS if the server offers it',
  ftpes: 'FTP over explicit TLS (required)',
  ftps: 'FTP over implicit TLS (port 990)',
  'ftp-insecure': 'Plain FTP: password and files are not encrypted',
  sftp: 'SFTP over SSH',
};
