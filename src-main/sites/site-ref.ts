import { FerryError } from '../../src-shared/errors.js';
import type { Site } from '../../src-shared/model.js';

export const SITE_REF_PREFIX = 'site:';

export interface ResolvedSiteRef {
  site: Site;
  /** The remote path after the site's name, `/`-rooted; null when the reference names only the site. */
  path: string | null;
}

export function isSiteRef(text: string): boolean {
  return text.toLowerCase().startsWith(SITE_REF_PREFIX);
}

/**
 * Resolves `site:Folder/Sub/Name/remote/path`. Folders, the site name and the path are all
 * separated by `/`; the longest run of leading segments that spells a site's folders and name
 * wins, and the rest is the remote path. A `/` inside a folder or site name is written `%2F`
 * (each segment is percent-decoded, so `%20` works for spaces too). Exact matches are preferred;
 * otherwise a case-insensitive match is taken if it is the only one.
 */
export function resolveSiteRef(ref: string, sites: readonly Site[]): ResolvedSiteRef {
  if (!isSiteRef(ref)) {
    throw new FerryError('INVALID_ARGUMENT', `"${ref}" is not a site reference`, {
      hint: 'Write it as site:Folder/Name/path.',
    });
  }
  const segments = ref.slice(SITE_REF_PREFIX.length).replace(/^\/+/, '').split('/').map(decodeSegment);
  if (segments[0] === '') {
    throw new FerryError('INVALID_ARGUMENT', `"${ref}" names no site`, {
      hint: 'Write it as site:Folder/Name/path.',
    });
  }
  for (const fold of [exact, caseless]) {
    for (let count = segments.length; count >= 1; count--) {
      const wanted = segments.slice(0, count).map(fold);
      const matches = sites.filter((site) => sameSegments([...site.folder, site.name].map(fold), wanted));
      if (matches.length > 1) {
        throw new FerryError(
          'INVALID_ARGUMENT',
          `"${segments.slice(0, count).join('/')}" names ${matches.length} sites`,
          {
            hint: 'Rename one of them in the site manager so each name is unique within its folder.',
          },
        );
      }
      const site = matches[0];
      if (site !== undefined) {
        const rest = segments.slice(count);
        return { site, path: rest.length === 0 ? null : `/${rest.join('/')}` };
      }
    }
  }
  throw new FerryError('NOT_FOUND', `No saved site matches "${ref}"`, {
    hint: 'List saved sites with `ferry sites ls`; folders and the name are separated by /.',
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// Normalised so a name typed on macOS (NFD) matches one saved elsewhere (NFC).
function exact(segment: string): string {
  return segment.normalize('NFC');
}

function caseless(segment: string): string {
  return segment.normalize('NFC').toLocaleLowerCase();
}

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
