/**
 * Proclitics on Arabic words, in matching form: the conjunctions و ف, the
 * prepositions ب ل ك, and the article ال (`لل` is ل + ال with the alef elided).
 * Names often begin with these letters (بغداد، لبنان، واشنطن), so callers
 * decide with a lexicon whether a split is real; these helpers only list the
 * possible splits.
 */

// By code unit: `w[i]` would make a one-letter string for an Arabic letter on every test.
const WAW = 0x0648;
const FA = 0x0641;
const BA = 0x0628;
const LAM = 0x0644;
const KAF = 0x0643;
const isConj = (c: number) => c === WAW || c === FA;
const isPrep = (c: number) => c === BA || c === LAM || c === KAF;

/** One way to read a word as proclitics + base. */
export interface CliticSplit {
  /** Number of leading characters (of the matching form) that are proclitics. */
  cut: number;
  /** The base, with the article restored after `لل` (`للامم` → `الامم`). */
  base: string;
}

/**
 * Every split of `w` (matching form) into conjunction/preposition proclitics
 * and a base of at least two letters, shortest cut first; the unsplit word is first.
 *
 * @example cliticSplits("وبالعراق") → [{0,"وبالعراق"}, {1,"بالعراق"}, {2,"العراق"}]
 */
export function cliticSplits(w: string): CliticSplit[] {
  const whole = { cut: 0, base: w };
  let at = 0;
  let conj: CliticSplit | undefined;
  if (w.length > 2 && isConj(w.charCodeAt(0))) {
    at = 1;
    conj = { cut: 1, base: w.slice(1) };
  }
  let prep: CliticSplit | undefined;
  const c = w.charCodeAt(at);
  if (w.length - at > 2 && isPrep(c)) {
    if (c === LAM && w.charCodeAt(at + 1) === LAM && w.length - at > 3) {
      prep = { cut: at + 1, base: `ا${w.slice(at + 1)}` };
    } else {
      prep = { cut: at + 1, base: w.slice(at + 1) };
    }
  }
  // Array literals of the exact length: a list grown by push from one element would reserve room for 17.
  if (conj === undefined) return prep === undefined ? [whole] : [whole, prep];
  return prep === undefined ? [whole, conj] : [whole, conj, prep];
}

/**
 * Where each `cliticSplits` base begins in `w` once `withoutArticle` has taken its article: every such
 * base is a suffix of `w` (after `لل` the restored article goes again), so it is `w.slice(cut)`.
 * Fills `out` in the order of `cliticSplits`, without building a string.
 *
 * @example nameKeyStarts("وبالعراق", out) === 3, out = [0, 1, 4]: `وبالعراق`, `بالعراق`, `عراق`
 * @returns how many splits `cliticSplits(w)` has (1 to 3)
 */
export function nameKeyStarts(w: string, out: Int32Array): number {
  out[0] = articleEnd(w, 0);
  let n = 1;
  let at = 0;
  if (w.length > 2 && isConj(w.charCodeAt(0))) {
    at = 1;
    out[n++] = articleEnd(w, 1);
  }
  const c = w.charCodeAt(at);
  if (w.length - at > 2 && isPrep(c)) {
    // `لل` + rest: the base `ال` + rest loses its article again (it is longer than 3 letters).
    out[n++] = c === LAM && w.charCodeAt(at + 1) === LAM && w.length - at > 3 ? at + 2 : articleEnd(w, at + 1);
  }
  return n;
}

// Where `withoutArticle(w.slice(from))` begins in `w`.
function articleEnd(w: string, from: number): number {
  return w.length - from > 3 && w.startsWith("ال", from) ? from + 2 : from;
}

/**
 * The word with every proclitic and the article removed, for features that
 * should not care whether a name came with `وال`, `ب` or nothing.
 *
 * @example bareForm("والولايات") === "ولايات"
 */
export function bareForm(w: string): string {
  // The last of `cliticSplits(w)`, without building the list: every new word the tagger meets comes here.
  let at = 0;
  if (w.length > 2 && isConj(w.charCodeAt(0))) at = 1;
  const c = w.charCodeAt(at);
  let base = w;
  if (w.length - at > 2 && isPrep(c)) {
    base = c === LAM && w.charCodeAt(at + 1) === LAM && w.length - at > 3 ? `ا${w.slice(at + 1)}` : w.slice(at + 1);
  } else if (at === 1) base = w.slice(1);
  if (base.length > 3 && base.startsWith("ال")) base = base.slice(2);
  return base;
}

/**
 * The word without a leading article (`العراق` → `عراق`), for keys that let
 * `عراق` and `العراق` agree.
 */
export function withoutArticle(w: string): string {
  return w.length > 3 && w.startsWith("ال") ? w.slice(2) : w;
}

/**
 * `cliticSplits` for hot loops that only read the result. (A per-word Map
 * cache was measured slower than building the two or three small objects:
 * young-generation allocation is cheaper than hashing the word again.)
 *
 * @param w matching form
 * @returns the splits; do not mutate
 */
export function splitsOf(w: string): readonly CliticSplit[] {
  return cliticSplits(w);
}
