import { formatDate, formatSize } from './format.js';

type Side = { size: number | null; modified: number | null };

export interface FileFacts {
  size: string;
  date: string;
  larger: boolean;
  newer: boolean;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function withSeconds(epochMs: number): string {
  return `${formatDate(epochMs)}:${pad2(new Date(epochMs).getSeconds())}`;
}

/**
 * How the overwrite dialog describes two files: rounded sizes and minute dates, unless
 * rounding would make different files look the same ("2.0 MB" and "2.0 MB" for files a few
 * bytes apart): then exact bytes, and dates to the second.
 */
export function compareFiles(source: Side, target: Side): { source: FileFacts; target: FileFacts } {
  const roundedSame =
    source.size !== null &&
    target.size !== null &&
    source.size !== target.size &&
    formatSize(source.size) === formatSize(target.size);
  const dateSame =
    source.modified !== null &&
    target.modified !== null &&
    source.modified !== target.modified &&
    formatDate(source.modified) === formatDate(target.modified);
  const describe = (side: Side, other: Side): FileFacts => ({
    size:
      side.size === null
        ? 'Unknown size'
        : roundedSame
          ? `${side.size.toLocaleString('en-US')} bytes`
          : formatSize(side.size),
    date:
      side.modified === null
        ? 'Unknown date'
        : dateSame
          ? withSeconds(side.modified)
          : formatDate(side.modified),
    larger: side.size !== null && other.size !== null && side.size > other.size,
    newer: side.modified !== null && other.modified !== null && side.modified > other.modified,
  });
  return { source: describe(source, target), target: describe(target, source) };
}
