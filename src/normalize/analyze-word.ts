import { readFileSync } from "node:fs";
import { lightStem } from "./light-stem.ts";
import { matchForm } from "./match-form.ts";
import { isWholeWord, type SplitOptions, splitClitics } from "./split-clitics.ts";

/** What the analysis gives one word. */
export interface WordAnalysis {
  /** Matching form of the whole word. */
  norm: string;
  /** Proclitics (matching form), `""` when none. */
  prefix: string;
  /** Enclitic pronoun (matching form), `""` when none. */
  suffix: string;
  /** Stem of the base (the word without its clitics): the key that the forms of one word share. */
  stem: string;
}

// Which words split off a proclitic that no article follows (وقال, بقوة; not
// وزير, بيان): a list built from corpus word counts by scripts/build-proclitic-cuts.ts.
const CUTS = new Map<string, number>();
{
  const data = JSON.parse(readFileSync(new URL("../../data/proclitic-cuts.json", import.meta.url), "utf8")) as Record<
    string,
    string
  >;
  for (const [key, words] of Object.entries(data)) {
    if (!key.startsWith("cut")) continue;
    const len = Number(key.slice(3));
    for (const w of words.split(" ")) CUTS.set(w, len);
  }
}
const SPLIT: SplitOptions = { bareCut: (word, base) => CUTS.get(word) === word.length - base.length };

// No cache: measured on SaudiNewsNet (10,000 articles, 2.8M words), a two-generation Map cache of
// 100,000 words made the stage 2.2x slower than recomputing (string hashing and cache misses on a large
// table cost more than the splitting and stemming they save).

/**
 * Analyze one Arabic word as written (diacritics allowed): matching form,
 * clitics, stem. Deterministic: the same text always gives the same result.
 *
 * @param text the word as it stands in the text
 * @param known its matching form, when the caller has it already (must equal `matchForm(text)`)
 * @returns its analysis
 * @example analyzeWord("والأمريكيين") → {norm: "والامريكيين", prefix: "وال", suffix: "", stem: "امريك"}
 */
export function analyzeWord(text: string, known?: string): WordAnalysis {
  const norm = known ?? matchForm(text);
  const taMarbuta = endsInTaMarbuta(text);
  const split = splitClitics(norm, taMarbuta, SPLIT);
  const stem = isWholeWord(split.base)
    ? split.base
    : lightStem(split.base, split.suffix === "" && taMarbuta, split.suffix !== "");
  return { norm, prefix: split.prefix, suffix: split.suffix, stem };
}

/**
 * True when the last letter of `s` (diacritics and tatweel aside) is ة, whose
 * matching form ه must not be read as the pronoun ه.
 */
export function endsInTaMarbuta(s: string): boolean {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640 || (c >= 0x06d6 && c <= 0x06ed)) continue;
    return c === 0x0629 || c === 0xfe93 || c === 0xfe94;
  }
  return false;
}
