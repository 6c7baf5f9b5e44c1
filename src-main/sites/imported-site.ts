import type { Site } from '../../src-shared/model.js';

/** One site read from another program's file, before it is stored. */
export interface ImportedSite {
  site: Site;
  /** A password recovered in clear (FileZilla base64 or plain): goes straight to the keychain. */
  password?: string;
  /** The source held a secret Ferry cannot read (FileZilla master-password encryption). */
  needsPassword?: boolean;
}

export interface ParsedImport {
  sites: ImportedSite[];
  /** Things the user should know: fields Ferry has no place for, entries skipped and why. */
  warnings: string[];
}
