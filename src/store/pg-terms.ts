import type { DocRecord } from "../model/record.ts";
import { bodyTerms, textTerms } from "../search/search-terms.ts";

// PostgreSQL keeps positions 1..16383 and at most 256 positions per lexeme.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_TERM = 256;
// Gap between the title's positions and the body's, so a phrase never spans the two.
const TITLE_GAP = 8;

/**
 * The `tsvector` of a record in its text form, from the same terms the SQLite
 * index holds (src/search/search-terms.ts: the analyzer's stems of the
 * record's own tokens, spelling variants folded): title terms weighted A,
 * body terms D, with positions so phrase queries (`<->`) work. PostgreSQL's
 * text parser never sees the text.
 *
 * @returns the literal to pass as a `$n::tsvector` parameter
 */
export function recordTsvector(record: DocRecord, title: string | null): string {
  return tsvectorLiteral(title ? textTerms(title) : [], bodyTerms(record).terms);
}

/**
 * A `tsvector` literal from title and body terms.
 *
 * @returns the text form (`'term':1A,5 'other':2`)
 */
export function tsvectorLiteral(titleTerms: readonly string[], bodyTerms: readonly string[]): string {
  const positions = new Map<string, string[]>();
  const add = (term: string, pos: number, weight: string): void => {
    if (pos > MAX_POSITION) return;
    let list = positions.get(term);
    if (!list) {
      list = [];
      positions.set(term, list);
    }
    if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${pos}${weight}`);
  };
  let pos = 1;
  for (const t of titleTerms) add(t, pos++, "A");
  pos += TITLE_GAP;
  for (const t of bodyTerms) add(t, pos++, "");
  const parts: string[] = [];
  for (const [term, list] of positions) parts.push(`${quoteLexeme(term)}:${list.join(",")}`);
  return parts.join(" ");
}

/** A lexeme quoted for a tsvector or tsquery literal. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}
