/**
 * The part of ssh_config(5) Ferry honours: `Host` blocks supplying HostName, Port, User and
 * IdentityFile. For each keyword the first value obtained wins (IdentityFile accumulates);
 * `Match` blocks are skipped rather than guessed at, `Include` is not followed.
 */
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { matchPatternList } from './host-pattern.js';

export interface SshConfigBlock {
  /** null for the lines before the first Host/Match (they apply to every host). */
  patterns: string[] | null;
  /** Match blocks are kept so their options are not mistaken for a Host block's. */
  isMatch: boolean;
  options: { keyword: string; args: string[] }[];
}

export interface SshHostSettings {
  hostName?: string;
  port?: number;
  user?: string;
  identityFiles: string[];
}

/** Split one line into words: `Keyword value`, `Keyword=value` or `Keyword = value`; double quotes group. */
export function splitConfigLine(line: string): string[] {
  const head = /^([^\s=]+)\s*(?:=\s*|\s+|$)(.*)$/.exec(line.trim());
  if (!head) return [];
  const words = [head[1] ?? ''];
  let current = '';
  let quoted = false;
  let inWord = false;
  for (const char of head[2] ?? '') {
    if (char === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && (char === ' ' || char === '\t')) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

export function parseSshConfig(text: string): SshConfigBlock[] {
  const blocks: SshConfigBlock[] = [{ patterns: null, isMatch: false, options: [] }];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [first, ...args] = splitConfigLine(line);
    if (first === undefined) continue;
    const keyword = first.toLowerCase();
    if (keyword === 'host') blocks.push({ patterns: args, isMatch: false, options: [] });
    else if (keyword === 'match') blocks.push({ patterns: null, isMatch: true, options: [] });
    else blocks.at(-1)?.options.push({ keyword, args });
  }
  return blocks;
}

export interface ExpandContext {
  /** The host name after HostName substitution (%h). */
  host: string;
  /** The remote user (%r). */
  user: string;
}

/** `~` and the few %-tokens that make sense for IdentityFile and HostName (ssh_config(5) TOKENS). */
export function expandTokens(value: string, context: ExpandContext): string {
  const home = homedir();
  const withHome = value.startsWith('~/') || value === '~' ? join(home, value.slice(1)) : value;
  return withHome.replace(/%([%dhru])/g, (_match, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'd':
        return home;
      case 'h':
        return context.host;
      case 'r':
        return context.user;
      default:
        return userInfo().username;
    }
  });
}

/** Settings for the name a person typed, first value winning as ssh(1) applies them. */
export function resolveSshHost(blocks: readonly SshConfigBlock[], alias: string): SshHostSettings {
  const settings: SshHostSettings = { identityFiles: [] };
  const rawIdentityFiles: string[] = [];
  for (const block of blocks) {
    if (block.isMatch) continue;
    if (block.patterns !== null && !matchPatternList(block.patterns, alias)) continue;
    for (const { keyword, args } of block.options) {
      const value = args[0];
      if (value === undefined) continue;
      if (keyword === 'hostname') settings.hostName ??= value;
      else if (keyword === 'user') settings.user ??= value;
      else if (keyword === 'port' && settings.port === undefined) {
        const port = Number(value);
        if (Number.isInteger(port) && port > 0 && port < 65536) settings.port = port;
      } else if (keyword === 'identityfile') rawIdentityFiles.push(value);
    }
  }
  const host = settings.hostName ? expandTokens(settings.hostName, { host: alias, user: '' }) : alias;
  if (settings.hostName !== undefined) settings.hostName = host;
  const context = { host, user: settings.user ?? userInfo().username };
  settings.identityFiles = rawIdentityFiles.map((file) => expandTokens(file, context));
  return settings;
}
