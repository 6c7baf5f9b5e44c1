import { describeOperations } from './operations-suite.js';

// Every operation in passive mode against each server; active mode where the servers allow it.
describeOperations({ kind: 'vsftpd', mode: 'passive' });
describeOperations({ kind: 'vsftpd', mode: 'active' });
describeOperations({ kind: 'pyftpdlib', mode: 'passive' });
describeOperations({ kind: 'pyftpdlib', mode: 'active' });
describeOperations({ kind: 'proftpd', mode: 'passive' });
describeOperations({ kind: 'pure-ftpd', mode: 'passive' });
