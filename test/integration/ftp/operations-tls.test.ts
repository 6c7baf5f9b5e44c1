import { describeOperations } from './operations-suite.js';

// FTPS: vsftpd with require_ssl_reuse=YES (explicit and implicit), proftpd mod_tls (explicit).
describeOperations({ kind: 'vsftpd-ftps-explicit', mode: 'passive', protocol: 'ftpes' });
describeOperations({ kind: 'vsftpd-ftps-implicit', mode: 'passive', protocol: 'ftps' });
describeOperations({ kind: 'proftpd', mode: 'passive', protocol: 'ftpes' });
describeOperations({ kind: 'vsftpd-ftps-explicit', mode: 'active', protocol: 'ftpes' });
