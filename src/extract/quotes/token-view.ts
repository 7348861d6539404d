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
  /** Matching form without a leading و/ف (the same string when it has none): computed once, read by every lookup. */
  bare: string[];
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
 * Build the view of `doc`'s tokens.
 *
 * @param doc a segmented document
 * @returns the view; tokens that are only white space count as neither word nor punctuation
 */
export function tokenView(doc: Doc): TokenView {
  const tokens = doc.tokens;
  const n = tokens.length;
  const norm: string[] = new Array(n);
  const bare: string[] = new Array(n);
  const word = new Uint8Array(n);
  const punct = new Uint8Array(n);
  const sent = new Int32Array(n).fill(-1);
  const para = new Int32Array(n).fill(-1);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const nf = t.norm || matchForm(t.text);
    norm[i] = nf;
    bare[i] = withoutConj(nf) ?? nf;
    start[i] = t.start;
    end[i] = t.end;
    const c = t.text.charCodeAt(0);
    if (t.text.length === 0 || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0) continue;
    if (t.kind === "word" || t.kind === "number" || t.kind === "latin") word[i] = 1;
    else if (t.kind === "punct" || t.kind === "symbol") punct[i] = 1;
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
