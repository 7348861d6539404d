import type { Doc } from "../../model/doc.ts";
import { matchForm } from "../../normalize/match-form.ts";
import type { EntityIndex } from "./entity-index.ts";
import { Bits, SIEVE, TRIGGER_SHAPES, TRIGGER_WORDS } from "./word-sieve.ts";

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
  /** 1 for word, number and Latin tokens. */
  word: Uint8Array;
  /** 1 for punctuation and symbols. */
  punct: Uint8Array;
  /**
   * The character of a one-character token (its UTF-16 code unit), else 0: the scanners compare
   * punctuation (`«`, `:`, `،`) without reading the token object and its text again.
   */
  mark: Uint16Array;
  /** The `SIEVE` byte of each token's matching form: which lists it may be in (see `word-sieve.ts`). */
  sieve: Uint8Array;
  /** Sentence index per token (-1 when no sentence holds it). */
  sent: Int32Array;
  /** Paragraph index per token (-1 when unknown). */
  para: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Indices of the words that may start a cue (trigger bit of the sieves set), in order; `cueCount` of them. */
  cueCandidates: Int32Array;
  cueCount: number;
  /** Indices of the one-character punctuation tokens, in order; `markCount` of them. */
  marks: Int32Array;
  markCount: number;
  /** Which document the `bare` cache belongs to (see `bareAt`). */
  generation: number;
  /** The document's entities layer, once a scanner asked for it (see `entitiesOf`). */
  entities: EntityIndex | undefined;
}

/**
 * Typed arrays reused from one document to the next. A typed array keeps its
 * bytes outside the JavaScript heap, so allocating a dozen of them per document
 * cost more than filling them; the views handed out are `subarray`s of these
 * buffers, valid until the next `tokenView` call. The quote stage finishes a
 * document before it starts the next, so no two views are alive at once.
 */
let pool = new Int32Array(0);
let flags = new Uint8Array(0);
let chars = new Uint16Array(0);
/** The `bare` forms cached by `bareAt`, by token; an entry is valid when `bareStamp` holds the view's generation. */
let bare: (string | undefined)[] = [];
/**
 * The matching forms of the current view, by token: one array for every document (entries past `n` are left
 * from earlier documents and never read), where a fresh array per document was garbage the size of its tokens.
 */
const normPool: string[] = [];
let bareStamp = new Int32Array(0);
let generation = 0;
/** Int32 columns per token in `pool`: sent, para, start, end, inside, opens, cue candidates, marks. */
const INT_COLUMNS = 8;
/** Byte columns per token in `flags`: word, punct, sieve. */
const BYTE_COLUMNS = 3;

/** The pooled buffers, grown to hold `n` tokens; returns their capacity in tokens. */
function buffers(n: number): number {
  let cap = pool.length / INT_COLUMNS;
  if (cap < n) {
    cap = Math.max(n, cap * 2, 1024);
    pool = new Int32Array(cap * INT_COLUMNS);
    flags = new Uint8Array(cap * BYTE_COLUMNS);
    chars = new Uint16Array(cap);
    bareStamp = new Int32Array(cap);
    bare = new Array(cap);
  }
  return cap;
}

/**
 * Build the view of `doc`'s tokens.
 *
 * The same pass notes what the scanners would otherwise look for token by
 * token: each token's sieve byte, the words that may start a cue, and the
 * one-character punctuation (where quotation marks are). The returned typed
 * arrays share reused buffers: a view is valid until the next call (see `pool`).
 *
 * @param doc a segmented document
 * @returns the view; tokens that are only white space count as neither word nor punctuation
 */
export function tokenView(doc: Doc): TokenView {
  const tokens = doc.tokens;
  const n = tokens.length;
  const cap = buffers(n);
  generation = (generation + 1) | 0;
  if (generation === 0) {
    // The stamps wrapped around: old stamps could match again.
    bareStamp.fill(0);
    generation = 1;
  }
  const norm = normPool;
  const word = flags.subarray(0, n).fill(0);
  const punct = flags.subarray(cap, cap + n).fill(0);
  const sieve = flags.subarray(2 * cap, 2 * cap + n);
  const mark = chars.subarray(0, n);
  const sent = pool.subarray(0, n);
  const para = pool.subarray(cap, cap + n);
  const start = pool.subarray(2 * cap, 2 * cap + n);
  const end = pool.subarray(3 * cap, 3 * cap + n);
  const cueCandidates = pool.subarray(6 * cap, 6 * cap + n);
  const marks = pool.subarray(7 * cap, 7 * cap + n);
  let cueCount = 0;
  let markCount = 0;
  // A token's text is `doc.text` between its offsets (the span invariant): its length and first character are
  // read from the document's one flat string, which the scan walks in order, rather than from each token's own
  // text string, a separate object per token.
  const docText = doc.text;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const s = t.start;
    const e = t.end;
    const nf = t.norm || matchForm(t.text);
    norm[i] = nf;
    start[i] = s;
    end[i] = e;
    const bits = SIEVE.byteOf(nf);
    sieve[i] = bits;
    const length = e - s;
    const c = length > 0 ? docText.charCodeAt(s) : 0;
    mark[i] = length === 1 ? c : 0;
    if (length === 0 || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0) continue;
    const kind = t.kind;
    if (kind === "punct" || kind === "symbol") {
      punct[i] = 1;
      if (length === 1) marks[markCount++] = i;
    } else {
      word[i] = 1;
      // The trigger bit, then the letter sieve, then the hash sieve, which reads every letter.
      if ((bits & Bits.trigger) !== 0 && TRIGGER_SHAPES.may(nf) && TRIGGER_WORDS.may(nf)) cueCandidates[cueCount++] = i;
    }
  }
  // Sentence and paragraph columns, -1 where no sentence holds a token. Plain loops: a sentence is a few dozen
  // tokens, where a typed-array `fill` call per sentence costs more than the stores.
  const sentences = doc.sentences;
  let at = 0;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k]!;
    const from = s.tokens[0];
    const to = Math.min(s.tokens[1], n);
    const p = s.paragraph;
    for (; at < from; at++) {
      sent[at] = -1;
      para[at] = -1;
    }
    for (let i = from; i < to; i++) {
      sent[i] = k;
      para[i] = p;
    }
    if (to > at) at = to;
  }
  for (; at < n; at++) {
    sent[at] = -1;
    para[at] = -1;
  }
  return {
    doc,
    n,
    norm,
    word,
    punct,
    mark,
    sieve,
    sent,
    para,
    start,
    end,
    cueCandidates,
    cueCount,
    marks,
    markCount,
    generation,
    entities: undefined,
  };
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
 * has none), computed on first use and kept until the next `tokenView` call: most tokens are
 * never looked up, and slicing every و-word would allocate a string per word.
 */
export function bareAt(view: TokenView, k: number): string {
  if (bareStamp[k] === view.generation) return bare[k]!;
  const nf = view.norm[k]!;
  const b = withoutConj(nf) ?? nf;
  bare[k] = b;
  bareStamp[k] = view.generation;
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
