/**
 * Whitespace tokenizer for one listing row. It records where each field starts and ends
 * instead of allocating substrings, so a parser can read a field by char codes, slice only
 * the fields it keeps, and take the file name as "the rest of the line" with its spaces intact.
 * One instance is reused for every row: parsers are synchronous, so nothing else can run in between.
 */
const MAX_TOKENS = 24;

export class LineTokens {
  /** The whole listing text: fields are offsets into it, so no per-row string is made unless needed. */
  line = '';
  /** The row is `line[lineStart, lineEnd)` (line end excluded). */
  lineStart = 0;
  lineEnd = 0;
  count = 0;
  readonly starts = new Int32Array(MAX_TOKENS);
  readonly ends = new Int32Array(MAX_TOKENS);

  /** Splits `text[start, end)` on spaces and tabs; stops after MAX_TOKENS fields (names come last and are sliced). */
  split(text: string, start = 0, end = text.length): this {
    const line = text;
    this.line = text;
    this.lineStart = start;
    this.lineEnd = end;
    let count = 0;
    let i = start;
    const length = end;
    while (i < length && count < MAX_TOKENS) {
      let c = line.charCodeAt(i);
      while (c === 32 || c === 9) {
        i++;
        if (i >= length) break;
        c = line.charCodeAt(i);
      }
      if (i >= length) break;
      this.starts[count] = i;
      while (i < length) {
        c = line.charCodeAt(i);
        if (c === 32 || c === 9) break;
        i++;
      }
      this.ends[count] = i;
      count++;
    }
    this.count = count;
    return this;
  }

  /** Drops the reference to the listing text, so a shared instance does not keep it alive after a parse. */
  release(): void {
    this.line = '';
    this.lineStart = this.lineEnd = this.count = 0;
  }

  /** The row as a string (for unknown rows). */
  rowText(): string {
    return this.line.slice(this.lineStart, this.lineEnd);
  }

  text(index: number): string {
    return this.line.slice(this.starts[index], this.ends[index]);
  }

  length(index: number): number {
    return (this.ends[index] ?? 0) - (this.starts[index] ?? 0);
  }

  start(index: number): number {
    return this.starts[index] ?? 0;
  }

  end(index: number): number {
    return this.ends[index] ?? 0;
  }

  /** Char code at `offset` inside field `index`; NaN past its end. */
  code(index: number, offset: number): number {
    const at = (this.starts[index] ?? 0) + offset;
    return at < (this.ends[index] ?? 0) ? this.line.charCodeAt(at) : NaN;
  }

  /** Field `index` holds only ASCII digits. */
  isDigits(index: number): boolean {
    const start = this.starts[index] ?? 0;
    const end = this.ends[index] ?? 0;
    if (end <= start) return false;
    for (let i = start; i < end; i++) {
      const c = this.line.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }

  /** Decimal value of an all-digit field, or -1. Fields longer than 15 digits are refused (not exact as a double). */
  integer(index: number): number {
    const start = this.starts[index] ?? 0;
    const end = this.ends[index] ?? 0;
    if (end <= start || end - start > 15) return -1;
    let value = 0;
    for (let i = start; i < end; i++) {
      const c = this.line.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      value = value * 10 + (c - 48);
    }
    return value;
  }

  /** The rest of the line from the first non-blank character after field `index`; '' at the end. */
  restAfter(index: number): string {
    let i = this.ends[index] ?? this.lineEnd;
    const length = this.lineEnd;
    while (i < length) {
      const c = this.line.charCodeAt(i);
      if (c !== 32 && c !== 9) break;
      i++;
    }
    return this.line.slice(i, length);
  }
}
