import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { FerryError, type FerryErrorData } from '../../src-shared/errors.js';
import type { Site } from '../../src-shared/model.js';
import { siteSchema } from '../../src-shared/schemas.js';
import { recentConnectionSchema, type RecentConnection } from './recent-connection.js';

export const SITES_FORMAT_VERSION = 1;

/** What sites.json holds. conf writes it as tab-indented JSON, exactly as electron-store does. */
export type SitesDocument = {
  version: number;
  sites: Site[];
  recent: RecentConnection[];
};

export interface SitesFileRead {
  document: SitesDocument;
  /** There is no file (yet): the document is empty. */
  missing: boolean;
  /** The file could not be used at all and was moved aside: the caller starts from what it has. */
  unusable: boolean;
  /** Entries were dropped (kept in the backup): the caller should write the cleaned document. */
  cleaned: boolean;
  problems: FerryErrorData[];
}

export function emptySitesDocument(): SitesDocument {
  return { version: SITES_FORMAT_VERSION, sites: [], recent: [] };
}

/**
 * Reads and checks sites.json. A file that is not JSON (corrupt, truncated, empty) is renamed to
 * `sites.json.corrupt-<timestamp>` and reported; a file with some invalid entries is copied there,
 * the valid entries are kept, and the dropped ones are named in the report. Nothing is lost silently.
 */
export function readSitesFile(path: string, now: Date = new Date()): SitesFileRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { document: emptySitesDocument(), missing: true, unusable: false, cleaned: false, problems: [] };
    }
    throw new FerryError('SITE_STORE', `Cannot read the sites file ${path}: ${(error as Error).message}`, {
      hint: 'Check that the file and its folder belong to you and are readable.',
      cause: error,
    });
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return unusable(path, now, `is not valid JSON (${(error as Error).message}); it may have been cut short`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return unusable(path, now, 'does not hold a sites document');
  }
  const record = raw as Record<string, unknown>;
  const version = record['version'] ?? SITES_FORMAT_VERSION;
  if (typeof version !== 'number') return unusable(path, now, 'has no readable format version');
  if (version > SITES_FORMAT_VERSION) {
    // Never rewrite what a newer Ferry wrote: refusing keeps its data intact.
    throw new FerryError(
      'SITE_STORE',
      `The sites file ${path} was written by a newer Ferry (format ${version})`,
      {
        hint: 'Update Ferry, or move the file away to start with an empty site list.',
      },
    );
  }
  const sites = record['sites'] ?? [];
  const recent = record['recent'] ?? [];
  if (!Array.isArray(sites) || !Array.isArray(recent)) return unusable(path, now, 'has no list of sites');

  const dropped: string[] = [];
  const document: SitesDocument = { version: SITES_FORMAT_VERSION, sites: [], recent: [] };
  sites.forEach((entry: unknown, index) => {
    const parsed = siteSchema.safeParse(entry);
    if (parsed.success) document.sites.push(parsed.data);
    else dropped.push(`site #${index + 1}${describe(entry)}: ${issues(parsed.error.issues)}`);
  });
  recent.forEach((entry: unknown, index) => {
    const parsed = recentConnectionSchema.safeParse(entry);
    if (parsed.success) document.recent.push(parsed.data);
    else dropped.push(`recent connection #${index + 1}: ${issues(parsed.error.issues)}`);
  });
  if (dropped.length === 0)
    return { document, missing: false, unusable: false, cleaned: false, problems: [] };

  const backup = backupPath(path, now);
  copyFileSync(path, backup);
  const problem = new FerryError(
    'SITE_STORE',
    `${dropped.length} entries in the sites file were invalid and left out: ${dropped.join('; ')}`,
    {
      hint: `The file as it was is saved as ${backup}.`,
    },
  );
  return { document, missing: false, unusable: false, cleaned: true, problems: [problem.toData()] };
}

function unusable(path: string, now: Date, why: string): SitesFileRead {
  const backup = backupPath(path, now);
  renameSync(path, backup);
  const problem = new FerryError('SITE_STORE', `The sites file ${path} ${why}, so it was set aside.`, {
    hint: `The damaged file is kept as ${backup}; its sites can be recovered from there by hand.`,
  });
  return {
    document: emptySitesDocument(),
    missing: false,
    unusable: true,
    cleaned: false,
    problems: [problem.toData()],
  };
}

/** `sites.json.corrupt-2026-11-22T17-30-00-000Z`: colons are not allowed in Windows file names. */
export function backupPath(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let candidate = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${path}.corrupt-${stamp}-${n}`;
  return candidate;
}

function describe(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return '';
  const name = (entry as Record<string, unknown>)['name'];
  return typeof name === 'string' ? ` ("${name.slice(0, 60)}")` : '';
}

function issues(list: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return list
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'entry'} ${issue.message}`)
    .join(', ');
}
