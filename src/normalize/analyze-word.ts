import { readFileSync } from "node:fs";
import { lightStem } from "./light-stem.ts";
import { matchForm } from "./match-form.ts";
import { type SplitOptions, splitClitics } from "./split-clitics.ts";

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

// Word forms repeat heavily (Zipf), so a cache pays; it is bounded so a long
// batch cannot grow it without limit: when full it is dropped and refilled,
// which keeps the hot words in after a moment and costs nothing to manage.
const CACHE_LIMIT = 50_000;
let cache = new Map<string, WordAnalysis>();

/**
 * Analyze one Arabic word as written (diacritics allowed): matching form,
 * clitics, stem. Deterministic: the same text always gives the same result.
 *
 * @param text the word as it stands in the text
 * @param known its matching form, when the caller has it already (must equal `matchForm(text)`)
 * @returns its analysis (a shared object: do not mutate)
 * @example analyzeWord("والأمريكيين") → {norm: "والامريكيين", prefix: "وال", suffix: "", stem: "امريك"}
 */
export function analyzeWord(text: string, known?: string): WordAnalysis {
  const hit = cache.get(text);
  if (hit) return hit;
  const norm = known ?? matchForm(text);
  const taMarbuta = endsInTaMarbuta(text);
  const split = splitClitics(norm, taMarbuta, SPLIT);
  const stem = lightStem(split.base, split.suffix === "" && taMarbuta, split.suffix !== "");
  const result: WordAnalysis = { norm, prefix: split.prefix, suffix: split.suffix, stem };
  if (cache.size >= CACHE_LIMIT) cache = new Map();
  cache.set(text, result);
  return result;
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
