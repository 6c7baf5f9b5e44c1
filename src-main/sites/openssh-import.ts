import { homedir } from 'node:os';
import { siteSchema } from '../../src-shared/schemas.js';
import type { ParsedImport } from './imported-site.js';
import { createSite } from './site-defaults.js';

export interface OpenSshImportOptions {
  /** Folder the imported hosts go into; top level by default so `site:alias/path` stays short. */
  folder?: string[];
  /** For expanding `~/` in IdentityFile. */
  home?: string;
}

interface Block {
  patterns: string[];
  options: Map<string, string>;
}

const WANTED = new Set(['hostname', 'port', 'user', 'identityfile']);

/**
 * Reads ~/.ssh/config: every concrete `Host` alias (no `*`, `?` or `!`) becomes an SFTP site.
 * Values follow ssh's rule that the first value obtained wins, so a later `Host *` block fills in
 * what the alias's own block left unset and top-level lines apply to every host.
 */
export function parseOpenSshConfig(text: string, options: OpenSshImportOptions = {}): ParsedImport {
  const home = options.home ?? homedir();
  const result: ParsedImport = { sites: [], warnings: [] };
  const blocks = readBlocks(text, result.warnings);
  const seen = new Set<string>();
  for (const block of blocks) {
    for (const alias of block.patterns) {
      if (/[*?!]/.test(alias) || seen.has(alias)) continue;
      seen.add(alias);
      const values = resolveFor(alias, blocks);
      const port = Number(values.get('port') ?? '22');
      const identityFile = expandHome(values.get('identityfile') ?? '', home);
      const site = createSite({
        name: alias,
        folder: options.folder ?? [],
        protocol: 'sftp',
        host: values.get('hostname')?.replace(/%h/g, alias) ?? alias,
        port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 22,
        user: values.get('user') ?? '',
        // Without a key file ssh tries the agent and then asks; keyboard-interactive covers both.
        logonType: identityFile === '' ? 'interactive' : 'key',
        keyFile: identityFile,
      });
      const checked = siteSchema.safeParse(site);
      if (checked.success) result.sites.push({ site });
      else
        result.warnings.push(
          `Host ${alias}: skipped, ${checked.error.issues.map((i) => i.message).join('; ')}`,
        );
    }
  }
  return result;
}

function readBlocks(text: string, warnings: string[]): Block[] {
  // Lines before the first Host apply to every host: a block matching everything.
  const blocks: Block[] = [{ patterns: ['*'], options: new Map() }];
  let current: Block | null = blocks[0] ?? null;
  for (const line of text.split(/\r?\n/)) {
    const parsed = splitLine(line);
    if (parsed === null) continue;
    const [keyword, args] = parsed;
    if (keyword === 'host') {
      current = { patterns: args, options: new Map() };
      blocks.push(current);
    } else if (keyword === 'match') {
      // Match conditions (exec, user, ...) cannot be judged here; their options are not applied.
      current = null;
      warnings.push(`"Match ${args.join(' ')}" block ignored`);
    } else if (keyword === 'include') {
      warnings.push(`"Include ${args.join(' ')}" not followed: import those files separately`);
    } else if (
      current !== null &&
      WANTED.has(keyword) &&
      !current.options.has(keyword) &&
      args[0] !== undefined
    ) {
      current.options.set(keyword, args[0]);
    }
  }
  return blocks;
}

/** `Keyword value`, `Keyword=value`, `Keyword "quoted value"`; null for blanks and comments. */
function splitLine(line: string): [string, string[]] | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(trimmed);
  if (match === null) return null;
  const args: string[] = [];
  const argPattern = /"([^"]*)"|(\S+)/g;
  for (let m = argPattern.exec(match[2] ?? ''); m !== null; m = argPattern.exec(match[2] ?? '')) {
    args.push(m[1] ?? m[2] ?? '');
  }
  return [(match[1] ?? '').toLowerCase(), args];
}

function resolveFor(alias: string, blocks: Block[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const block of blocks) {
    if (!blockMatches(alias, block.patterns)) continue;
    for (const [key, value] of block.options) if (!values.has(key)) values.set(key, value);
  }
  return values;
}

/** ssh's rule: any positive pattern matches and no negated (`!`) pattern does. */
function blockMatches(alias: string, patterns: string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), alias)) return false;
    } else if (globMatches(pattern, alias)) {
      matched = true;
    }
  }
  return matched;
}

function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(value);
}

function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  return path.startsWith('~/') ? `${home}/${path.slice(2)}` : path;
}
