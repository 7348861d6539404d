/** A snippet with its highlighted stretches. */
export interface Snippet {
  snippet: string;
  /** `[start, end)` UTF-16 offsets into `snippet`. */
  highlights: [number, number][];
}

/** Words in a snippet window. */
const WINDOW = 28;
/** Words shown before the first match of the window. */
const LEAD = 6;
/** Characters of the lead shown when nothing matches (filter-only searches). */
const PLAIN = 220;

/**
 * A stretch of the display text around the densest cluster of matching
 * terms, with each matching word highlighted. Works on the index's terms
 * (one per word token, with its offsets in the text), so highlights land on
 * whole words as written (والعراق highlighted for a search for العراق).
 *
 * @param text the record's display text
 * @param terms body terms in text order
 * @param offsets `[start, end]` of each term's word in `text`, flattened
 * @param wanted the terms to highlight
 * @returns the snippet and highlight offsets inside it
 */
export function makeSnippet(
  text: string,
  terms: readonly string[],
  offsets: ArrayLike<number>,
  wanted: ReadonlySet<string>,
): Snippet {
  const hits: number[] = [];
  if (wanted.size > 0) for (let i = 0; i < terms.length; i++) if (wanted.has(terms[i]!)) hits.push(i);
  if (hits.length === 0) return { snippet: lead(text), highlights: [] };
  // The window (of WINDOW words) holding the most distinct wanted terms, then the most hits.
  let best = 0;
  let bestScore = -1;
  for (let h = 0; h < hits.length; h++) {
    const from = hits[h]!;
    const seen = new Set<string>();
    let n = 0;
    for (let k = h; k < hits.length && hits[k]! < from + WINDOW; k++) {
      seen.add(terms[hits[k]!]!);
      n++;
    }
    const score = seen.size * 1000 + n;
    if (score > bestScore) {
      bestScore = score;
      best = from;
    }
  }
  const first = Math.max(0, best - LEAD);
  const last = Math.min(terms.length - 1, first + WINDOW - 1);
  const start = offsets[first * 2]!;
  const end = offsets[last * 2 + 1]!;
  const prefix = first > 0 ? "… " : "";
  const suffix = last < terms.length - 1 ? " …" : "";
  const body = text.slice(start, end).replace(/\s+/g, " ");
  // Offsets are recomputed on the whitespace-collapsed body.
  const shift = collapseMap(text.slice(start, end));
  const highlights: [number, number][] = [];
  for (let i = first; i <= last; i++) {
    if (!wanted.has(terms[i]!)) continue;
    highlights.push([
      prefix.length + shift(offsets[i * 2]! - start),
      prefix.length + shift(offsets[i * 2 + 1]! - start),
    ]);
  }
  return { snippet: prefix + body + suffix, highlights };
}

/** The first sentence or so of a text, for results with nothing to highlight. */
export function lead(text: string): string {
  const flat = text
    .slice(0, PLAIN * 2)
    .replace(/\s+/g, " ")
    .trim();
  if (flat.length <= PLAIN) return flat;
  const cut = flat.lastIndexOf(" ", PLAIN);
  return `${flat.slice(0, cut > PLAIN / 2 ? cut : PLAIN)} …`;
}

// Maps an offset in `s` to its offset after runs of whitespace become one space.
function collapseMap(s: string): (offset: number) => number {
  const map = new Int32Array(s.length + 1);
  let out = 0;
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    map[i] = out;
    const space = /\s/.test(s[i]!);
    if (!space || !inSpace) out++;
    inSpace = space;
  }
  map[s.length] = out;
  return (o) => map[Math.max(0, Math.min(s.length, o))]!;
}
