import { FerryError } from '../../src-shared/errors.js';
import {
  LOGON_TYPES_WITHOUT_SECRET,
  type Bookmark,
  type LogonType,
  type Protocol,
  type TransferMode,
} from '../../src-shared/model.js';
import { siteSchema } from '../../src-shared/schemas.js';
import { decodeFileZillaDir } from './filezilla-path.js';
import type { ImportedSite, ParsedImport } from './imported-site.js';
import { AUTO_CHARSET, DEFAULT_MAX_CONNECTIONS, createSite, defaultPort } from './site-defaults.js';
import { childElement, childText, parseXml, type XmlElement } from './xml-tree.js';

/** FileZilla's ServerProtocol enum; the ones Ferry speaks. HTTP (2), HTTPS (5), S3 (7)... are skipped. */
const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  '0': 'ftp',
  '1': 'sftp',
  '3': 'ftps',
  '4': 'ftpes',
  '6': 'ftp-insecure',
};

/** FileZilla's LogonType enum. "Account" (4) is a normal login plus an ACCT command Ferry does not send. */
const LOGON_TYPES: Readonly<Record<string, LogonType>> = {
  '0': 'anonymous',
  '1': 'normal',
  '2': 'ask',
  '3': 'interactive',
  '4': 'normal',
  '5': 'key',
};

const TRANSFER_MODES: Readonly<Record<string, TransferMode>> = {
  MODE_DEFAULT: 'auto',
  MODE_ACTIVE: 'active',
  MODE_PASSIVE: 'passive',
};

/** Site colours by FileZilla's index; the names are valid CSS colours. */
const COLOURS = ['', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange'] as const;

const MAX_CONNECTIONS = 10;

/** Reads FileZilla 3's sitemanager.xml into sites; passwords come back separately, never in the site. */
export function parseFileZillaSiteManager(xmlText: string): ParsedImport {
  let roots: XmlElement[];
  try {
    roots = parseXml(xmlText);
  } catch (error) {
    throw new FerryError('INVALID_ARGUMENT', `This is not readable XML: ${(error as Error).message}`, {
      hint: "Choose the sitemanager.xml file from FileZilla's settings folder.",
      cause: error,
    });
  }
  const root = roots.find((element) => element.name === 'FileZilla3');
  const servers = root === undefined ? undefined : childElement(root, 'Servers');
  if (servers === undefined) {
    throw new FerryError(
      'INVALID_ARGUMENT',
      'This XML file is not a FileZilla site manager file (no <FileZilla3><Servers>)',
      {
        hint: 'FileZilla keeps it as sitemanager.xml in %APPDATA%\\FileZilla or ~/.config/filezilla.',
      },
    );
  }
  const result: ParsedImport = { sites: [], warnings: [] };
  walk(servers, [], result);
  return result;
}

function walk(parent: XmlElement, folder: string[], result: ParsedImport): void {
  for (const child of parent.children) {
    if (child.name === 'Folder') {
      walk(child, [...folder, child.text || 'Unnamed folder'], result);
    } else if (child.name === 'Server') {
      const imported = readServer(child, folder, result.warnings);
      if (imported !== null) result.sites.push(imported);
    }
  }
}

function readServer(server: XmlElement, folder: string[], warnings: string[]): ImportedSite | null {
  const name = server.text || childText(server, 'Name') || childText(server, 'Host') || 'Unnamed site';
  const where = [...folder, name].join('/');
  const host = childText(server, 'Host');
  if (host === '') {
    warnings.push(`${where}: skipped, it has no host`);
    return null;
  }
  const protocolCode = childText(server, 'Protocol') || '0';
  const protocol = PROTOCOLS[protocolCode];
  if (protocol === undefined) {
    warnings.push(`${where}: skipped, FileZilla protocol ${protocolCode} is not FTP, FTPS or SFTP`);
    return null;
  }
  const user = childText(server, 'User');
  const logonCode = childText(server, 'Logontype') || (user === '' ? '0' : '1');
  const logonType = LOGON_TYPES[logonCode] ?? 'normal';
  if (logonCode === '4') warnings.push(`${where}: the FTP account (ACCT) is not supported and was left out`);
  else if (LOGON_TYPES[logonCode] === undefined)
    warnings.push(`${where}: unknown logon type ${logonCode}, imported as normal`);

  const site = createSite({
    name,
    folder,
    protocol,
    host,
    port: readPort(childText(server, 'Port'), protocol),
    logonType,
    user: logonType === 'anonymous' ? '' : user,
    keyFile: childText(server, 'Keyfile'),
    transferMode: TRANSFER_MODES[childText(server, 'PasvMode')] ?? 'auto',
    charset: readCharset(server),
    maxConnections: readMaxConnections(childText(server, 'MaximumMultipleConnections'), where, warnings),
    localDir: decodeFileZillaDir(childText(server, 'LocalDir')),
    remoteDir: decodeFileZillaDir(childText(server, 'RemoteDir')),
    comments: childText(server, 'Comments'),
    colour: COLOURS[Number(childText(server, 'Colour') || '0')] ?? '',
    bookmarks: server.children.filter((c) => c.name === 'Bookmark').map(readBookmark),
  });
  const checked = siteSchema.safeParse(site);
  if (!checked.success) {
    warnings.push(
      `${where}: skipped, ${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
    return null;
  }
  const imported: ImportedSite = { site };
  // Anonymous, "ask" and interactive logons keep no password by design, whatever an old file
  // may hold: stored, it would be counted as moved to the keychain and never used.
  if (LOGON_TYPES_WITHOUT_SECRET.has(logonType)) return imported;
  const pass = childElement(server, 'Pass');
  if (pass === undefined || pass.rawText === '') return imported;
  const encoding = pass.attributes['encoding'] ?? '';
  if (encoding === 'crypt') {
    imported.needsPassword = true;
  } else if (encoding === 'base64') {
    imported.password = Buffer.from(pass.text, 'base64').toString('utf8');
  } else if (encoding === '') {
    imported.password = pass.rawText;
  } else {
    warnings.push(`${where}: password in unknown encoding "${encoding}" not imported`);
    imported.needsPassword = true;
  }
  return imported;
}

function readPort(text: string, protocol: Protocol): number {
  const port = Number(text);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : defaultPort(protocol);
}

function readCharset(server: XmlElement): string {
  switch (childText(server, 'EncodingType')) {
    case 'UTF-8':
      return 'utf-8';
    case 'Custom':
      return childText(server, 'CustomEncoding') || AUTO_CHARSET;
    default:
      return AUTO_CHARSET;
  }
}

function readMaxConnections(text: string, where: string, warnings: string[]): number {
  const value = Number(text);
  // 0 means "use the global setting" in FileZilla.
  if (text === '' || !Number.isInteger(value) || value <= 0) return DEFAULT_MAX_CONNECTIONS;
  if (value > MAX_CONNECTIONS) {
    warnings.push(`${where}: ${value} simultaneous connections lowered to ${MAX_CONNECTIONS}`);
    return MAX_CONNECTIONS;
  }
  return value;
}

function readBookmark(bookmark: XmlElement): Bookmark {
  return {
    name: childText(bookmark, 'Name') || bookmark.text,
    localDir: decodeFileZillaDir(childText(bookmark, 'LocalDir')),
    remoteDir: decodeFileZillaDir(childText(bookmark, 'RemoteDir')),
  };
}
