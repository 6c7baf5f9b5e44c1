/** The Site Manager's typed fields: their text to values (null when not one) and back. */

export const FOLDER_SEPARATOR = ' / ';

/** "Clients / Acme" → ["Clients", "Acme"]: empty parts (a trailing slash while typing) vanish. */
export function parseFolder(text: string): string[] {
  return text
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function formatFolder(folder: readonly string[]): string {
  return folder.join(FOLDER_SEPARATOR);
}

function parseWhole(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

export const PORT_RANGE = { min: 1, max: 65535 } as const;
export const MAX_CONNECTIONS_RANGE = { min: 1, max: 10 } as const;

export function parsePort(text: string): number | null {
  return parseWhole(text, PORT_RANGE.min, PORT_RANGE.max);
}

export function parseMaxConnections(text: string): number | null {
  return parseWhole(text, MAX_CONNECTIONS_RANGE.min, MAX_CONNECTIONS_RANGE.max);
}
