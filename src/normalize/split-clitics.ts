import { readFileSync } from "node:fs";

/**
 * Light clitic segmentation of one Arabic word in matching form: proclitics
 * (conjunction و ف, then preposition ب ك ل or future س, then the article ال)
 * and one enclitic pronoun (ه ها هم هما هن كم كما كن نا).
 *
 * Conservative by design, because a wrong split hurts every later lookup more
 * than a missed one: the base must stay long enough, the article and a
 * possessive pronoun never go together, a final ه that was a taa marbuta (ة) is
 * never a pronoun, and function words and names that only look split (الذي,
 * الله, لكن, كان, لبنان) stay whole (data/clitics.json). Cuts without the
 * article (وقال but not وزير) are the hard part: by default a rule decides
 * (a lone و, or و/ف + preposition); `bareCut` lets a caller decide from a word
 * list instead, which is what `analyzeWord` does (data/proclitic-cuts.json).
 */

interface CliticData {
  conjunctions: string[];
  bareConjunctions: string[];
  prepositions: string[];
  future: string;
  futureBefore: string[];
  article: string;
  enclitics: string[];
  keep: string[];
}

const data = JSON.parse(readFileSync(new URL("../../data/clitics.json", import.meta.url), "utf8")) as CliticData;
const CONJ = new Set(data.conjunctions);
const BARE_CONJ = new Set(data.bareConjunctions);
const PREP = new Set(data.prepositions);
const FUTURE = data.future;
const FUTURE_BEFORE = new Set(data.futureBefore);
const ARTICLE = data.article;
// Longest first, so هما is tried before ها and ه.
const ENCLITICS = [...data.enclitics].sort((a, b) => b.length - a.length);
const KEEP = new Set(data.keep);

/**
 * True for the function words and names that `splitClitics` leaves whole
 * (الذي, الله, لكن, كان, ...): they are not stemmed either.
 */
export function isWholeWord(norm: string): boolean {
  return KEEP.has(norm);
}

/** How much of a word to leave as base. */
export interface SplitOptions {
  /** Letters the base must keep after a proclitic without the article (default 3). */
  minBase?: number;
  /** Letters the base must keep after the article (default 2, as Lucene: الحج → حج). */
  minBaseAfterArticle?: number;
  /** Letters the base must keep after an enclitic is removed (default 3). */
  minBaseBeforeEnclitic?: number;
  /** Letters the base must keep after a lone و or ف (default 3). */
  minBaseAfterConjunction?: number;
  /** Split a preposition (ب ك ل) that no article follows and no conjunction precedes (default false: names and nouns begin with them far more often). */
  barePreposition?: boolean;
  /** Split the future س when no conjunction precedes it (default false: سيارة, سنوات, سيطرة). */
  bareFuture?: boolean;
  /** Let every conjunction (ف too) stand alone before a base without the article (default false: only و). */
  anyBareConjunction?: boolean;
  /**
   * Decides every cut without the article (و, ب, وب, وس, ...) instead of the rules above: called
   * with the word and the base that would remain (already long enough).
   */
  bareCut?: (word: string, base: string) => boolean;
}

/** A word cut into proclitics, base and enclitic (all in matching form). */
export interface CliticSplit {
  /** The proclitics as written (`وبال`, `لل`), `""` when none. */
  prefix: string;
  /** What is left: the word without its clitics (without the article too). */
  base: string;
  /** The enclitic pronoun, `""` when none. */
  suffix: string;
  /** True when the prefix holds the article (`ال`, or `لل` = ل + ال). */
  definite: boolean;
}

/**
 * Split `norm` (a word in matching form) into proclitics, base and enclitic.
 *
 * @param norm the word in matching form (`matchForm(text)`)
 * @param taMarbuta true when the written word ends in ة, so its final ه is not a pronoun
 * @param options minimum base lengths
 * @returns the split; `{prefix: "", base: norm, suffix: ""}` when nothing is split
 * @example splitClitics("وبالعراق", false) → {prefix: "وبال", base: "عراق", suffix: "", definite: true}
 * @example splitClitics("حكومته", false) → {prefix: "", base: "حكومت", suffix: "ه", definite: false}
 */
export function splitClitics(norm: string, taMarbuta: boolean, options: SplitOptions = {}): CliticSplit {
  const minBase = options.minBase ?? 3;
  const minArticle = options.minBaseAfterArticle ?? 2;
  const minEnclitic = options.minBaseBeforeEnclitic ?? 3;
  const minConj = options.minBaseAfterConjunction ?? 3;
  const barePrep = options.barePreposition ?? false;
  const anyConj = options.anyBareConjunction ?? false;
  const bareFuture = options.bareFuture ?? false;
  if (norm.length < 3 || KEEP.has(norm)) return { prefix: "", base: norm, suffix: "", definite: false };

  // Proclitics: conjunction? (preposition | future)? article?; the longest cut that is allowed wins.
  const n = norm.length;
  const at = CONJ.has(norm[0]!) ? 1 : 0;
  const p = norm[at];
  const prep = p !== undefined && PREP.has(p);
  const future = !prep && p === FUTURE && FUTURE_BEFORE.has(norm[at + 1] ?? "");
  const afterPrep = prep || future ? at + 1 : at;
  let articleCut = 0;
  if (prep && p === "ل") {
    if (norm[afterPrep] === "ل") articleCut = afterPrep + 1; // لل = ل + ال, the alef elided
  } else if (!future && norm.startsWith(ARTICLE, afterPrep)) articleCut = afterPrep + ARTICLE.length;

  // A cut without the article: the caller's list decides, or the lexicon-free rules.
  const bareCut = options.bareCut;
  let cut = 0;
  let definite = false;
  // No article cut when what follows the proclitics is a word of its own (والذي is و + الذي).
  if (articleCut > 0 && n - articleCut >= minArticle && !KEEP.has(norm.slice(afterPrep))) {
    cut = articleCut;
    definite = true;
  } else if (
    afterPrep > at &&
    n - afterPrep >= minBase &&
    !(at === 1 && KEEP.has(norm.slice(1))) && // وكذلك is و + كذلك, not و + ك + ذلك
    (bareCut ? bareCut(norm, norm.slice(afterPrep)) : at === 1 || (prep ? barePrep : bareFuture))
  ) {
    cut = afterPrep;
  } else if (
    at === 1 &&
    n - 1 >= minBase &&
    (bareCut ? bareCut(norm, norm.slice(1)) : n - 1 >= minConj && (anyConj || BARE_CONJ.has(norm[0]!)))
  ) {
    cut = 1;
  }
  let base = norm.slice(cut);

  // Enclitic: never after the article (الكتابه is not Arabic), never a taa marbuta.
  let suffix = "";
  if (!definite) {
    for (const e of ENCLITICS) {
      if (e === "ه" && taMarbuta) continue;
      if (base.length - e.length >= minEnclitic && base.endsWith(e)) {
        suffix = e;
        base = base.slice(0, base.length - e.length);
        break;
      }
    }
  }
  return { prefix: norm.slice(0, cut), base, suffix, definite };
}
