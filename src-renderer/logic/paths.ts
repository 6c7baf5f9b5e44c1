/**
 * Path arithmetic for both panes. Remote paths are always '/'-separated; local paths may be
 * Windows paths (`C:\Users\me`), recognised by their drive letter or a backslash root, and
 * network shares (`\\server\share\folder`), whose root is the share.
 */

export type PathStyle = 'posix' | 'windows';

export function pathStyleOf(path: string): PathStyle {
  return /^[A-Za-z]:[\\/]?/.test(path) || path.startsWith('\\\\') ? 'windows' : 'posix';
}

/** `\\server\share` for a path on a network share (UNC), else null. */
function shareRoot(path: string): string | null {
  const match = /^\\{2}([^\\/]+)[\\/]+([^\\/]+)/.exec(path);
  return match ? `\\\\${match[1]}\\${match[2]}` : null;
}

function separator(style: PathStyle): string {
  return style === 'windows' ? '\\' : '/';
}

export function joinPath(dir: string, name: string): string {
  const sep = separator(pathStyleOf(dir));
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** The folder above; the root is its own parent. */
export function parentPath(path: string): string {
  const style = pathStyleOf(path);
  if (style === 'windows') {
    const trimmed = path.replace(/[\\/]+$/, '');
    const share = shareRoot(trimmed);
    // The share is the root: above it is a server, not a folder that can be listed.
    if (share && trimmed.length <= share.length) return share;
    const cut = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
    if (/^[A-Za-z]:$/.test(trimmed)) return `${trimmed}\\`;
    if (cut <= 2) return `${trimmed.slice(0, 2)}\\`;
    return trimmed.slice(0, cut);
  }
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}

/** Whether `path` is `folder` itself or somewhere inside it. */
export function isWithin(path: string, folder: string): boolean {
  const separators = pathStyleOf(folder) === 'windows' ? /[\\/]/ : /\//;
  const trimmed = (p: string): string => {
    let end = p.length;
    while (end > 1 && separators.test(p.charAt(end - 1))) end--;
    return p.slice(0, end);
  };
  const inner = trimmed(path);
  const outer = trimmed(folder);
  if (inner === outer) return true;
  if (!inner.startsWith(outer)) return false;
  // The root "/" keeps its separator; inside any other folder, the next character is one.
  return separators.test(outer.charAt(outer.length - 1)) || separators.test(inner.charAt(outer.length));
}

export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(
    trimmed.lastIndexOf('/'),
    pathStyleOf(path) === 'windows' ? trimmed.lastIndexOf('\\') : -1,
  );
  return trimmed.slice(cut + 1);
}

export interface Crumb {
  label: string;
  path: string;
}

/** Breadcrumb segments from the root down, each with the full path it leads to. */
export function breadcrumbs(path: string): Crumb[] {
  const style = pathStyleOf(path);
  const share = shareRoot(path);
  if (share) {
    const crumbs: Crumb[] = [{ label: share, path: share }];
    let acc = share;
    for (const part of path
      .slice(share.length)
      .split(/[\\/]+/)
      .filter(Boolean)) {
      acc += `\\${part}`;
      crumbs.push({ label: part, path: acc });
    }
    return crumbs;
  }
  if (style === 'windows') {
    const parts = path.split(/[\\/]+/).filter(Boolean);
    const crumbs: Crumb[] = [];
    let acc = '';
    for (const part of parts) {
      acc = acc ? `${acc}\\${part}` : `${part}\\`;
      crumbs.push({ label: part, path: acc });
      if (acc.endsWith(':\\')) acc = acc.slice(0, -1);
    }
    return crumbs;
  }
  const crumbs: Crumb[] = [{ label: '/', path: '/' }];
  let acc = '';
  for (const part of path.split('/').filter(Boolean)) {
    acc += `/${part}`;
    crumbs.push({ label: part, path: acc });
  }
  return crumbs;
}
