/** `257 "/some ""quoted"" dir" is current directory` (RFC 959 Appendix II: quotes doubled inside). */
import type { ServerReply } from '../../src-shared/errors.js';

export function parsePwdReply(reply: ServerReply): string | null {
  const text = reply.text;
  const open = text.indexOf('"');
  if (open === -1) {
    const word = text.trim().split(/\s+/)[0];
    return word && word.startsWith('/') ? word : null;
  }
  let path = '';
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      if (text[i + 1] === '"') {
        path += '"';
        i++;
        continue;
      }
      return path;
    }
    path += char;
  }
  return null;
}
