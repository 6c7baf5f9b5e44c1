/**
 * Incremental FTP reply parser (RFC 959 §4.2). Bytes go in as the socket delivers them,
 * complete replies come out. A multi-line reply starts with `123-` and ends with a line
 * beginning `123 ` (same code); lines in between may say anything. Anything else on a
 * first line is a protocol error, as is a line longer than MAX_LINE_BYTES: a broken or
 * hostile server must produce a clear error, never an unbounded buffer or a hang.
 */
import { FerryError, type ServerReply } from '../../src-shared/errors.js';

export const MAX_LINE_BYTES = 64 * 1024;
/** A whole multi-line reply (STAT of a big folder can be long) is capped too. */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

const LF = 0x0a;
const FIRST_LINE = /^([1-5]\d\d)(?:([ -])(.*))?$/s;

export type FtpReply = ServerReply;

export class ReplyParser {
  private partial: Buffer | null = null;
  private multiCode: string | null = null;
  private lines: string[] = [];
  private replyBytes = 0;

  constructor(private readonly charset: BufferEncoding = 'utf8') {}

  /** True while bytes of an unfinished line or reply are held. */
  get holdsPartial(): boolean {
    return this.partial !== null || this.multiCode !== null;
  }

  /** Feed bytes; returns every reply completed by them (often none, usually one). */
  push(chunk: Buffer): FtpReply[] {
    const replies: FtpReply[] = [];
    let data = this.partial ? Buffer.concat([this.partial, chunk]) : chunk;
    this.partial = null;
    let start = 0;
    for (;;) {
      const lf = data.indexOf(LF, start);
      if (lf === -1) break;
      if (lf - start > MAX_LINE_BYTES) throw tooLong();
      const end = lf > start && data[lf - 1] === 0x0d ? lf - 1 : lf;
      const reply = this.line(data.toString(this.charset, start, end));
      if (reply) replies.push(reply);
      start = lf + 1;
    }
    if (start < data.length) {
      if (data.length - start > MAX_LINE_BYTES) throw tooLong();
      data = data.subarray(start);
      this.partial = Buffer.from(data);
    }
    return replies;
  }

  private line(text: string): FtpReply | null {
    if (this.multiCode !== null) {
      this.replyBytes += text.length + 1;
      if (this.replyBytes > MAX_REPLY_BYTES) {
        throw new FerryError('PROTOCOL', 'The server sent a reply of more than 8 MiB.', {
          hint: 'The server is misbehaving; try again or contact its administrator.',
        });
      }
      if (text.startsWith(this.multiCode) && (text.length === 3 || text[3] === ' ')) {
        this.lines.push(text.slice(4));
        const reply = { code: Number(this.multiCode), text: this.lines.join('\n') };
        this.multiCode = null;
        this.lines = [];
        return reply;
      }
      this.lines.push(text);
      return null;
    }
    const match = FIRST_LINE.exec(text);
    if (!match) {
      throw new FerryError('PROTOCOL', `The server sent a malformed reply: "${preview(text)}".`, {
        hint: 'This does not look like an FTP server. Check the host, port and protocol (FTP, FTPS, SFTP).',
      });
    }
    const code = match[1] as string;
    if (match[2] === '-') {
      this.multiCode = code;
      this.lines = [match[3] ?? ''];
      this.replyBytes = text.length;
      return null;
    }
    return { code: Number(code), text: match[3] ?? '' };
  }
}

function tooLong(): FerryError {
  return new FerryError(
    'PROTOCOL',
    `The server sent a reply line longer than ${MAX_LINE_BYTES / 1024} KiB.`,
    {
      hint: 'This does not look like an FTP server. Check the host, port and protocol.',
    },
  );
}

function preview(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return shown.replace(/[^\x20-\x7e]/g, '?');
}

/** The first line of a reply's text, for messages. */
export function firstLine(reply: FtpReply): string {
  const nl = reply.text.indexOf('\n');
  return nl === -1 ? reply.text : reply.text.slice(0, nl);
}
