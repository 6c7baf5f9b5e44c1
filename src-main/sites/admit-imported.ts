import { FerryError } from '../../src-shared/errors.js';
import type { ImportReport, Site } from '../../src-shared/model.js';
import type { SecretStore } from '../keychain/secret-store.js';
import type { ParsedImport } from './imported-site.js';
import { siteSecretAccount } from './secret-accounts.js';
import { siteDisplayPath, siteDuplicateKey } from './site-defaults.js';

export interface AdmittedImport {
  /** New sites to store; those whose password reached the keychain have hasSecret set. */
  added: Site[];
  report: ImportReport;
}

/**
 * Decides what an import adds: entries already saved (same account, same place in the tree) are
 * counted as duplicates and skipped, so an import can be run again at any time. Recovered
 * passwords go into the secret store here, before any site is written that claims one; with no
 * store (`null`: nowhere lasting to keep them) they are dropped. A site whose password was not
 * kept asks for it at each connection instead of logging in without one.
 */
export async function admitImported(
  parsed: ParsedImport,
  existing: readonly Site[],
  secrets: SecretStore | null,
): Promise<AdmittedImport> {
  const report: ImportReport = {
    imported: 0,
    duplicates: 0,
    secretsMoved: 0,
    needsPassword: [],
    warnings: [...parsed.warnings],
  };
  const known = new Set(existing.map(siteDuplicateKey));
  const added: Site[] = [];
  let keychainError: FerryError | null = null;
  for (const { site, password, needsPassword } of parsed.sites) {
    const key = siteDuplicateKey(site);
    if (known.has(key)) {
      report.duplicates++;
      continue;
    }
    known.add(key);
    if (password !== undefined && secrets !== null && keychainError === null) {
      try {
        await secrets.set(siteSecretAccount(site.id), password);
        site.hasSecret = true;
        report.secretsMoved++;
      } catch (error) {
        // One failure is enough to know: waiting out a timeout per site would stall the import.
        keychainError = error instanceof FerryError ? error : new FerryError('INTERNAL', String(error));
      }
    }
    if (needsPassword === true || (password !== undefined && !site.hasSecret)) {
      report.needsPassword.push(siteDisplayPath(site));
      if (site.logonType === 'normal') site.logonType = 'ask';
    }
    added.push(site);
  }
  if (keychainError !== null) {
    const hint = keychainError.hint === undefined ? '' : ` ${keychainError.hint}`;
    report.warnings.push(`Passwords could not be saved: ${keychainError.message}.${hint}`);
  }
  report.imported = added.length;
  return { added, report };
}

/** What the user must hear after a FileZilla import: where the passwords still are, and which to re-enter. */
export function fileZillaNotices(report: ImportReport, kept: SecretStore['kind']): string[] {
  const notices: string[] = [];
  if (report.secretsMoved > 0) {
    const where =
      kept === 'keychain'
        ? 'were moved into the keychain'
        : 'are held in memory until Ferry quits (no keychain is reachable)';
    notices.push(
      `${report.secretsMoved} password(s) ${where}, but FileZilla's sitemanager.xml still ` +
        'holds them in clear (base64 is not encryption). Set a master password in FileZilla ' +
        '(Settings > Interface > Passwords) or delete that file.',
    );
  }
  if (report.needsPassword.length > 0) {
    notices.push(
      `${report.needsPassword.length} site(s) need their password entered in Ferry: ${report.needsPassword.join(', ')}`,
    );
  }
  return notices;
}
