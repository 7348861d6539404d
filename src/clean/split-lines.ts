/** One line of a text, in offsets of that text. */
export interface Line {
  /** First character of the line. */
  start: number;
  /** End of the line, before its line break. */
  end: number;
  /** After its line break (`end + 1`), or `end` on a last line without one. */
  next: number;
  /** First character that is not blank. `contentStart === contentEnd` on a blank line. */
  contentStart: number;
  /** After the last character that is not blank. */
  contentEnd: number;
}

/**
 * True for characters a line may start or end with that carry no text: spaces,
 * tabs, carriage returns, no-break and other Unicode spaces, zero-width and
 * directional marks, the BOM.
 */
export function isBlankChar(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0d ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x061c ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/**
 * Split `text` into lines at `\n`, with the bounds of each line's non-blank content.
 *
 * @returns the lines in order; a text that ends with `\n` has no empty line after it
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    let cs = start;
    while (cs < end && isBlankChar(text.charCodeAt(cs))) cs++;
    let ce = end;
    while (ce > cs && isBlankChar(text.charCodeAt(ce - 1))) ce--;
    lines.push({ start, end, next, contentStart: cs, contentEnd: ce });
    start = next;
  }
  return lines;
}
