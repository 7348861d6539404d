import type { TokenRow } from "../model/record.ts";
import { tokenTerm } from "../search/search-terms.ts";

/** Characters of display text a snippet shows. */
export const SNIPPET_CHARS = 220;

/**
 * A stretch of the display text around the densest run of matched terms, with
 * the matched tokens' offsets inside it. Matching is on the stems the
 * analysis gave (the same terms the index holds), so a highlight always
 * covers a whole word of the display text.
 *
 * @param text the record's cleaned text
 * @param tokens the record's compact tokens
 * @param stems the query's terms
 * @returns the snippet and its highlights (offsets into the snippet)
 */
export function makeSnippet(
  text: string,
  tokens: readonly TokenRow[],
  stems: ReadonlySet<string>,
): { snippet: string; highlights: [number, number][] } {
  const hits: [number, number][] = [];
  if (stems.size > 0)
    for (const t of tokens) {
      const term = tokenTerm(t);
      if (term !== null && stems.has(term)) hits.push([t[0], t[1]]);
    }
  let from = 0;
  if (hits.length > 0) {
    // The window start (at a hit) that covers the most hits.
    let best = 0;
    let bestCount = 0;
    let j = 0;
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j]![1] <= hits[i]![0] + SNIPPET_CHARS) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = i;
      }
    }
    from = Math.max(0, hits[best]![0] - 40);
    const space = text.lastIndexOf(" ", from);
    if (from > 0 && space >= 0 && from - space < 20) from = space + 1;
  }
  let to = Math.min(text.length, from + SNIPPET_CHARS);
  const space = text.indexOf(" ", to);
  if (to < text.length && space >= 0 && space - to < 20) to = space;
  const snippet = text.slice(from, to);
  const highlights: [number, number][] = [];
  for (const [s, e] of hits) if (s >= from && e <= to) highlights.push([s - from, e - from]);
  return { snippet, highlights };
}
