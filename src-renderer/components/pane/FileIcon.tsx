import type { FileEntry } from '../../../src-shared/model.js';
import { extensionOf } from '../../logic/format.js';
import { Icon } from '../common/Icon.js';

const KIND_BY_EXTENSION: Record<string, string> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  svg: 'image',
  webp: 'image',
  bmp: 'image',
  ico: 'image',
  zip: 'archive',
  gz: 'archive',
  tgz: 'archive',
  bz2: 'archive',
  xz: 'archive',
  '7z': 'archive',
  rar: 'archive',
  tar: 'archive',
  js: 'code',
  ts: 'code',
  tsx: 'code',
  jsx: 'code',
  json: 'code',
  html: 'code',
  css: 'code',
  php: 'code',
  py: 'code',
  rb: 'code',
  go: 'code',
  rs: 'code',
  c: 'code',
  h: 'code',
  cpp: 'code',
  java: 'code',
  sh: 'code',
  yml: 'code',
  yaml: 'code',
  xml: 'code',
  txt: 'text',
  md: 'text',
  log: 'text',
  csv: 'text',
  conf: 'text',
  ini: 'text',
  pdf: 'doc',
  doc: 'doc',
  docx: 'doc',
  xls: 'doc',
  xlsx: 'doc',
  odt: 'doc',
  mp3: 'media',
  wav: 'media',
  flac: 'media',
  mp4: 'media',
  mkv: 'media',
  mov: 'media',
  avi: 'media',
};

/** The coloured glyph in front of a name; the colour says the kind at a glance. */
export function FileIcon({ entry }: { entry: Pick<FileEntry, 'name' | 'type'> }) {
  if (entry.type === 'dir') return <Icon name="folder" className="file-icon kind-folder" />;
  if (entry.type === 'symlink') return <Icon name="link" className="file-icon kind-link" />;
  const kind = KIND_BY_EXTENSION[extensionOf(entry.name)] ?? 'file';
  return <Icon name="file" className={`file-icon kind-${kind}`} />;
}
