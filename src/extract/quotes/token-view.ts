import type { Doc } from "../../model/doc.ts";
import { matchForm } from "../../normalize/match-form.ts";

/**
 * A read-only view of `doc.tokens` for the quote stage: the matching form of
 * every token, whether it is a word, and the sentence and paragraph it is in.
 * Built once per document in O(tokens); nothing is re-tokenized.
 */
export interface TokenView {
  doc: Doc;
  /** Number of tokens. */
  n: number;
  /** Matching form per token (`token.norm`). */
  norm: string[];
  /**
   * Matching form without a leading و/ف (the same string when it has none), filled on demand by
   * `bareAt`: most tokens are never looked up, and slicing every و-word would allocate a string per word.
   */
  bare: (string | undefined)[];
  /** 1 for word, number and Latin tokens. */
  word: Uint8Array;
  /** 1 for punctuation and symbols. */
  punct: Uint8Array;
  /** Sentence index per token (-1 when no sentence holds it). */
  sent: Int32Array;
  /** Paragraph index per token (-1 when unknown). */
  para: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * Typed arrays reused from one document to the next. A typed array keeps its
 * bytes outside the JavaScript heap, so allocating eight of them per document
 * (and the two of the quote marks) cost more than filling them; the views
 * handed out are `subarray`s of these buffers, valid until the next
 * `tokenView` call. The quote stage finishes a document before it starts
 * the next, so no two views are alive at once.
 */
let pool = new Int32Array(0);
let flags = new Uint8Array(0);
/** Int32 columns per token in `pool`: sent, para, start, end, inside, opens. */
const INT_COLUMNS = 6;

/** The pooled buffers, grown to hold `n` tokens. */
function buffers(n: number): { ints: Int32Array; bytes: Uint8Array; cap: number } {
  let cap = pool.length / INT_COLUMNS;
  if (cap < n) {
    cap = Math.max(n, cap * 2, 1024);
    pool = new Int32Array(cap * INT_COLUMNS);
    flags = new Uint8Array(cap * 2);
  }
  return { ints: pool, bytes: flags, cap };
}

/**
 * Build the view of `doc`'s tokens.
 *
 * The returned typed arrays share reused buffers: a view is valid until the next
 * call (see `pool`).
 *
 * @param doc a segmented document
 * @returns the view; tokens that are only white space count as neither word nor punctuation
 */
export function tokenView(doc: Doc): TokenView {
  const tokens = doc.tokens;
  const n = tokens.length;
  const { ints, bytes, cap } = buffers(n);
  const norm: string[] = new Array(n);
  const bare: (string | undefined)[] = new Array(n);
  const word = bytes.subarray(0, n).fill(0);
  const punct = bytes.subarray(cap, cap + n).fill(0);
  const sent = ints.subarray(0, n).fill(-1);
  const para = ints.subarray(cap, cap + n).fill(-1);
  const start = ints.subarray(2 * cap, 2 * cap + n);
  const end = ints.subarray(3 * cap, 3 * cap + n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const text = t.text;
    norm[i] = t.norm || matchForm(text);
    start[i] = t.start;
    end[i] = t.end;
    const c = text.charCodeAt(0);
    if (text.length === 0 || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0) continue;
    const kind = t.kind;
    if (kind === "punct" || kind === "symbol") punct[i] = 1;
    else word[i] = 1;
  }
  const sentences = doc.sentences;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k]!;
    const to = Math.min(s.tokens[1], n);
    sent.fill(k, s.tokens[0], to);
    para.fill(s.paragraph, s.tokens[0], to);
  }
  return { doc, n, norm, bare, word, punct, sent, para, start, end };
}

/**
 * A per-token Int32 column from the same reused buffers as the view (`column` 0
 * or 1: the quote-mark regions' `inside` and `opens`), filled with -1.
 *
 * @returns a zero-copy column of `view.n` entries, valid until the next `tokenView` call
 */
export function scratchColumn(view: TokenView, column: 0 | 1): Int32Array {
  const cap = pool.length / INT_COLUMNS;
  const at = (4 + column) * cap;
  return pool.subarray(at, at + view.n).fill(-1);
}

/**
 * The matching form of token `k` without a leading و/ف (the form itself when it
 * has none), computed on first use and kept in `view.bare`.
 */
export function bareAt(view: TokenView, k: number): string {
  const cached = view.bare[k];
  if (cached !== undefined) return cached;
  const nf = view.norm[k]!;
  const b = withoutConj(nf) ?? nf;
  view.bare[k] = b;
  return b;
}

/**
 * The matching form without a leading conjunction و/ف, or `undefined` when the
 * word has none (or would be too short without it).
 */
export function withoutConj(norm: string): string | undefined {
  if (norm.length <= 2) return undefined;
  const c = norm.charCodeAt(0);
  return c === WAW || c === FAA ? norm.slice(1) : undefined;
}

const WAW = 0x0648;
const FAA = 0x0641;

/**
 * Look `norm` up in `map` as it is, then without a leading و/ف.
 *
 * @returns the entry and whether a conjunction was split off, or `undefined`
 */
export function lookupConj<T>(map: ReadonlyMap<string, T>, norm: string): { value: T; conj: boolean } | undefined {
  const direct = map.get(norm);
  if (direct !== undefined) return { value: direct, conj: false };
  const bare = withoutConj(norm);
  if (bare === undefined) return undefined;
  const value = map.get(bare);
  return value === undefined ? undefined : { value, conj: true };
}

/** The token's matching form without a leading و/ف (itself when it has none). */
export function bareForm(norm: string): string {
  return withoutConj(norm) ?? norm;
}

/** Read a JSON data file from the repository's data/ folder. */
export function dataUrl(name: string): URL {
  return new URL(`../../../data/${name}`, import.meta.url);
}
