import { scratchColumn, type TokenView } from "./token-view.ts";

/**
 * A passage between quotation marks. `open`/`close` are token indices of the
 * marks (`close` is -1 when the passage never closes and runs to the end of
 * its last paragraph); `words` counts the word tokens inside.
 */
export interface QuoteRegion {
  open: number;
  close: number;
  /** Index of the last token inside. */
  last: number;
  words: number;
}

const OPEN_CLOSE: ReadonlyMap<string, string> = new Map([
  ["«", "»"],
  ["“", "”"],
  ["„", "”"],
  ["‹", "›"],
]);
const STRAIGHT = new Set(['"', "＂"]);
/** How many paragraphs a direct quote may run over before it is taken as unclosed. */
const MAX_PARAGRAPHS = 3;

/**
 * Pair the quotation marks of a document: « » and “ ” nest (a name in «» inside
 * a «» quote), straight quotes " pair in order. A quote left open at the end of a
 * paragraph continues into the next paragraphs (the convention that reopens each
 * paragraph of a long quote with a new opening mark is followed) until it closes,
 * for at most three paragraphs.
 *
 * @returns the regions, by opening mark, and for every token the innermost region it lies in (-1 outside)
 */
export function findQuoteRegions(view: TokenView): { regions: QuoteRegion[]; inside: Int32Array } {
  const { n, doc } = view;
  const text = (i: number): string => doc.tokens[i]!.text;
  const regions: QuoteRegion[] = [];
  const inside = scratchColumn(view, 0);
  let i = 0;
  while (i < n) {
    if (!view.punct[i]) {
      i++;
      continue;
    }
    const mark = text(i);
    const closer = OPEN_CLOSE.get(mark) ?? (STRAIGHT.has(mark) ? mark : undefined);
    if (closer === undefined) {
      i++;
      continue;
    }
    const close = findClose(view, i, mark, closer);
    const last = close >= 0 ? close - 1 : lastOfParagraphs(view, i);
    if (last <= i) {
      i++;
      continue;
    }
    let words = 0;
    for (let k = i + 1; k <= last; k++) if (view.word[k]) words++;
    const region: QuoteRegion = { open: i, close, last, words };
    const index = regions.push(region) - 1;
    // Nested marks (a «name» inside a «quote») are regions of their own: mark the outer one first.
    for (let k = i + 1; k <= last; k++) inside[k] = index;
    if (STRAIGHT.has(mark)) i = close >= 0 ? close + 1 : last + 1;
    else i++;
  }
  // Inner regions were assigned after outer ones: innermost wins for tokens inside both.
  return { regions, inside };
}

function findClose(view: TokenView, open: number, mark: string, closer: string): number {
  const { n, doc } = view;
  const startPara = view.para[open]!;
  let depth = 0;
  let lastPara = startPara;
  for (let k = open + 1; k < n; k++) {
    const p = view.para[k]!;
    if (p !== lastPara) {
      if (p - startPara >= MAX_PARAGRAPHS) return -1;
      lastPara = p;
      // A new paragraph that reopens with the same mark continues the quote.
      if (view.punct[k] && doc.tokens[k]!.text === mark && firstInParagraph(view, k)) continue;
    }
    if (!view.punct[k]) continue;
    const t = doc.tokens[k]!.text;
    if (t === closer && (depth === 0 || STRAIGHT.has(mark))) return k;
    if (t === closer) depth--;
    else if (t === mark && !STRAIGHT.has(mark)) depth++;
  }
  return -1;
}

function firstInParagraph(view: TokenView, k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    if (view.para[j] !== view.para[k]) return true;
    if (view.word[j] || view.punct[j]) return false;
  }
  return true;
}

function lastOfParagraphs(view: TokenView, open: number): number {
  const p = view.para[open]!;
  let k = open;
  while (k + 1 < view.n && view.para[k + 1] === p) k++;
  return k;
}
