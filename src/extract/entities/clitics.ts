/**
 * Proclitics on Arabic words, in matching form: the conjunctions و ف, the
 * prepositions ب ل ك, and the article ال (`لل` is ل + ال with the alef elided).
 * Names often begin with these letters (بغداد، لبنان، واشنطن), so callers
 * decide with a lexicon whether a split is real; these helpers only list the
 * possible splits.
 */

const CONJ = new Set(["و", "ف"]);
const PREP = new Set(["ب", "ل", "ك"]);

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
  const out: CliticSplit[] = [{ cut: 0, base: w }];
  let at = 0;
  if (w.length > 2 && CONJ.has(w[0]!)) {
    at = 1;
    out.push({ cut: 1, base: w.slice(1) });
  }
  const c = w[at];
  if (c !== undefined && w.length - at > 2 && PREP.has(c)) {
    if (c === "ل" && w[at + 1] === "ل" && w.length - at > 3) {
      out.push({ cut: at + 1, base: `ا${w.slice(at + 1)}` });
    } else {
      out.push({ cut: at + 1, base: w.slice(at + 1) });
    }
  }
  return out;
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
  if (w.length > 2 && CONJ.has(w[0]!)) at = 1;
  const c = w[at];
  let base = w;
  if (c !== undefined && w.length - at > 2 && PREP.has(c)) {
    base = c === "ل" && w[at + 1] === "ل" && w.length - at > 3 ? `ا${w.slice(at + 1)}` : w.slice(at + 1);
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
