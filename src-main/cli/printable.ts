/**
 * Text a server chose, on the user's terminal: control characters are shown as escapes, never
 * sent raw. A hostile server could otherwise name a file "\x1b]52;c;…\x07" and write to the
 * user's clipboard, retitle the window, or forge rows of `ferry ls` with a newline in a name.
 * `ferry ls --json` gives names exactly (JSON escapes them itself).
 */
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE_AND_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function hexEscape(character: string): string {
  return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** One line (a name, a path, a reply line): every control character escaped, newlines too. */
export function printableLine(text: string): string {
  return text.replace(ANY_CONTROL, hexEscape);
}

/** Text that may span lines (a multi-line reply, a server's instructions): newlines and tabs stay. */
export function printableText(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE_AND_TAB, hexEscape);
}
