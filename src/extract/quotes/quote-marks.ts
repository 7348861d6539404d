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
 * listed (`view.marks`) is read as a possible opening mark. Linear in the marks
 * and tokens, however many are left unclosed.
 *
 * @returns the regions, by opening mark, and for every token the innermost region it lies in (-1 outside)
 */
export function findQuoteRegions(view: TokenView): { regions: QuoteRegion[]; inside: Int32Array } {
  const regions: QuoteRegion[] = [];
  const inside = scratchColumn(view, 0);
  const closes = pairMarks(view);
  // The first token not yet passed over: a straight-quoted passage is skipped whole.
  let from = 0;
  let endPara = -1;
  let paraEnd = -1;
  for (let m = 0; m < view.markCount; m++) {
    const i = view.marks[m]!;
    if (i < from) continue;
    const mark = view.mark[i]!;
    const straight = isStraight(mark);
    if (!straight && closerOf(mark) < 0) continue;
    let close = straight ? findClose(view, i, mark, mark, true) : closes[m]!;
    if (close >= 0 && view.para[close]! - view.para[i]! >= MAX_PARAGRAPHS) close = -1;
    // The end of the opening mark's paragraph, found once per paragraph (marks come in order).
    if (close < 0 && view.para[i] !== endPara) {
      endPara = view.para[i]!;
      paraEnd = lastOfParagraphs(view, i);
    }
    const last = close >= 0 ? close - 1 : paraEnd;
    if (last <= i) continue;
    regions.push({ open: i, close, last, words: 0 });
    if (straight) from = close >= 0 ? close + 1 : last + 1;
  }
  if (regions.length > 0) fillRegions(view, regions, inside);
  return { regions, inside };
}

/** Opening marks that nest (« “ „ ‹). */
const OPENERS = [0xab, 0x201c, 0x201e, 0x2039];

/** The bit of `mark`'s index in `OPENERS`, or 0 when it is not one of them. */
function openerBit(mark: number): number {
  switch (mark) {
    case 0xab:
      return 1;
    case 0x201c:
      return 2;
    case 0x201e:
      return 4;
    case 0x2039:
      return 8;
    default:
      return 0;
  }
}
let pairScratch = new Int32Array(256);

// Whether token `k` is not the first of its paragraph: an opening mark that begins a paragraph continues the quote
// open before it, and does not count as a new one.
const midParagraph = (view: TokenView, k: number): boolean => k > 0 && view.para[k] === view.para[k - 1];

/*
 * The closing mark of every nesting opening mark (by index in `view.marks`; -1: none), all of them in one pass per
 * kind of mark. (Scanning on from each opening mark took time quadratic in the unclosed ones: a page of 48,000
 * `“` took a minute.) An opening mark closes at the first closing mark where the closing marks after it outnumber
 * the same opening marks after it (paragraph-initial ones not counted): with P the running count, +1 at an opening
 * mark and -1 at a closing one, the first closing mark after it where P is its own P - 1. Read from right to left,
 * `next[P]` is that mark. The paragraph bound is the caller's.
 */
function pairMarks(view: TokenView): Int32Array {
  const count = view.markCount;
  const size = 4 * count + 1;
  if (pairScratch.length < size) pairScratch = new Int32Array(2 * size);
  const closes = pairScratch.subarray(0, count).fill(-1);
  const level = pairScratch.subarray(count, 2 * count);
  // P lies in [-count, count]: `next[P + count]`.
  const next = pairScratch.subarray(2 * count, size);
  // Most documents hold one kind of nesting mark, or none: one pass finds which, and only those are paired.
  let present = 0;
  for (let m = 0; m < count; m++) {
    present |= openerBit(view.mark[view.marks[m]!]!);
  }
  for (let o = 0; o < OPENERS.length; o++) {
    if ((present & (1 << o)) === 0) continue; // `seen` below would stay false
    const open = OPENERS[o]!;
    const closer = closerOf(open);
    let p = 0;
    let seen = false;
    for (let m = 0; m < count; m++) {
      const k = view.marks[m]!;
      const mark = view.mark[k]!;
      if (mark === open) {
        seen = true;
        if (midParagraph(view, k)) p++;
      } else if (mark === closer) p--;
      level[m] = p;
    }
    if (!seen) continue;
    next.fill(-1);
    for (let m = count - 1; m >= 0; m--) {
      const mark = view.mark[view.marks[m]!]!;
      if (mark === open) {
        const target = level[m]! - 1 + count;
        if (target >= 0) closes[m] = next[target]!;
      } else if (mark === closer) next[level[m]! + count] = view.marks[m]!;
    }
  }
  return closes;
}

let fillScratch = new Int32Array(256);

/*
 * Each region's word count, and for every token the innermost region it lies in: the last one opened around it.
 * Regions are painted from the last opened to the first, each over the tokens no later one took, skipping painted
 * runs (`after[k]`: the first token at or after k not painted yet), so nested regions cost their length once.
 */
function fillRegions(view: TokenView, regions: QuoteRegion[], inside: Int32Array): void {
  // Only tokens from the first opening mark to the last region's end are counted and painted: both columns
  // are indexed from `lo` (regions come in order of their opening marks).
  const lo = regions[0]!.open;
  let hi = lo;
  for (const r of regions) if (r.last > hi) hi = r.last;
  const size = hi - lo + 1;
  if (fillScratch.length < 2 * size + 3) fillScratch = new Int32Array(2 * (2 * size + 3));
  // One scratch array holds both columns: words[k - lo], the words in tokens lo..k-1; then, from `after`,
  // words[after + k - lo], the first token at or after k not painted yet.
  const words = fillScratch;
  const after = size + 1;
  words[0] = 0;
  for (let k = lo; k <= hi; k++) words[k - lo + 1] = words[k - lo]! + (view.word[k] ? 1 : 0);
  for (let k = 0; k <= size + 1; k++) words[after + k] = k + lo;
  const unpainted = (k: number): number => {
    let at = k;
    while (words[after + at - lo] !== at) {
      words[after + at - lo] = words[after + words[after + at - lo]! - lo]!;
      at = words[after + at - lo]!;
    }
    return at;
  };
  for (let r = regions.length - 1; r >= 0; r--) {
    const region = regions[r]!;
    region.words = words[region.last + 1 - lo]! - words[region.open + 1 - lo]!;
    for (let k = unpainted(region.open + 1); k <= region.last; k = unpainted(k + 1)) {
      inside[k] = r;
      words[after + k - lo] = k + 1;
    }
  }
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
