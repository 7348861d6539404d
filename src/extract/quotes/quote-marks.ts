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

/**
 * The closing mark of an opening mark, as UTF-16 code units (« », “ ”, „ ”, ‹ ›), or -1: a switch, since
 * it is asked of every one-character punctuation token.
 */
function closerOf(open: number): number {
  switch (open) {
    case 0xab: // «
      return 0xbb; // »
    case 0x201c: // “
    case 0x201e: // „
      return 0x201d; // ”
    case 0x2039: // ‹
      return 0x203a; // ›
    default:
      return -1;
  }
}
const QUOTE = 0x22;
const FULLWIDTH_QUOTE = 0xff02;
/** Whether a mark is a straight quote (`"`, `＂`), which pairs in order and does not nest. */
const isStraight = (mark: number): boolean => mark === QUOTE || mark === FULLWIDTH_QUOTE;
/** How many paragraphs a direct quote may run over before it is taken as unclosed. */
const MAX_PARAGRAPHS = 3;

/**
 * Pair the quotation marks of a document: « » and “ ” nest (a name in «» inside
 * a «» quote), straight quotes " pair in order. A quote left open at the end of a
 * paragraph continues into the next paragraphs (the convention that reopens each
 * paragraph of a long quote with a new opening mark is followed) until it closes,
 * for at most three paragraphs. Only the one-character punctuation the token view
 * listed (`view.marks`) is read as a possible opening mark.
 *
 * @returns the regions, by opening mark, and for every token the innermost region it lies in (-1 outside)
 */
export function findQuoteRegions(view: TokenView): { regions: QuoteRegion[]; inside: Int32Array } {
  const regions: QuoteRegion[] = [];
  const inside = scratchColumn(view, 0);
  // The first token not yet passed over: a straight-quoted passage is skipped whole.
  let from = 0;
  for (let m = 0; m < view.markCount; m++) {
    const i = view.marks[m]!;
    if (i < from) continue;
    const mark = view.mark[i]!;
    const straight = isStraight(mark);
    const closer = straight ? mark : closerOf(mark);
    if (closer < 0) continue;
    const close = findClose(view, i, mark, closer, straight);
    const last = close >= 0 ? close - 1 : lastOfParagraphs(view, i);
    if (last <= i) continue;
    let words = 0;
    for (let k = i + 1; k <= last; k++) if (view.word[k]) words++;
    const region: QuoteRegion = { open: i, close, last, words };
    const index = regions.push(region) - 1;
    // Nested marks (a «name» inside a «quote») are regions of their own: mark the outer one first.
    for (let k = i + 1; k <= last; k++) inside[k] = index;
    if (straight) from = close >= 0 ? close + 1 : last + 1;
  }
  // Inner regions were assigned after outer ones: innermost wins for tokens inside both.
  return { regions, inside };
}

function findClose(view: TokenView, open: number, mark: number, closer: number, straight: boolean): number {
  const n = view.n;
  const startPara = view.para[open]!;
  let depth = 0;
  let lastPara = startPara;
  for (let k = open + 1; k < n; k++) {
    const p = view.para[k]!;
    if (p !== lastPara) {
      if (p - startPara >= MAX_PARAGRAPHS) return -1;
      lastPara = p;
      // A new paragraph that reopens with the same mark continues the quote.
      if (view.punct[k] && view.mark[k] === mark && firstInParagraph(view, k)) continue;
    }
    if (!view.punct[k]) continue;
    const t = view.mark[k];
    if (t === closer && (depth === 0 || straight)) return k;
    if (t === closer) depth--;
    else if (t === mark && !straight) depth++;
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
