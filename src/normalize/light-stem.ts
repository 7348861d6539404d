/**
 * khabar's light stemmer: removes the inflectional suffixes of a clitic-free
 * base (in matching form) so that the forms of one word share a key:
 * sound plurals and duals (ات ون ين ان), then the feminine ending (ة, ه in
 * matching form), then the nisba ي. Like Lucene's ArabicStemmer (Larkey's
 * light10) it never touches the middle of a word, so it never conflates two
 * roots the way root extractors (ISRI) do; unlike light10 it strips the
 * plural endings before the feminine/nisba ones, so أمريكيين, أمريكية and
 * أمريكي all give امريك. Measured against Snowball and ISRI in scripts/stem-eval.ts.
 */

// Each step strips at most one ending; the base must keep `MIN` letters.
const MIN = 3;
// Plural and dual endings; ان last, and only on long bases, since so many names end in it (لبنان, ايران, عمان).
const PLURAL = ["ات", "ون", "ين"];

/**
 * The stem of `base` (matching form, clitics already split off).
 *
 * @param base the word's base in matching form (see `splitClitics`)
 * @param taMarbuta true when the written word ended in ة (its ه is the feminine ending)
 * @param enclitic true when an enclitic pronoun was split off (a ت before it was ة: حكومته → حكوم)
 * @returns the stem; `base` itself when nothing applies
 * @example lightStem("امريكيين", false) === "امريك"
 */
export function lightStem(base: string, taMarbuta: boolean, enclitic = false): string {
  let s = base;
  let stripped = false;
  for (const e of PLURAL) {
    if (s.length - e.length >= MIN && s.endsWith(e)) {
      s = s.slice(0, s.length - e.length);
      stripped = true;
      break;
    }
  }
  if (!stripped && s.length >= 6 && s.endsWith("ان")) {
    s = s.slice(0, -2);
    stripped = true;
  }
  if (!stripped && s.length - 1 >= MIN && ((taMarbuta && s.endsWith("ه")) || (enclitic && s.endsWith("ت")))) {
    s = s.slice(0, -1);
  }
  if (s.length - 1 >= MIN && s.endsWith("ي")) s = s.slice(0, -1);
  return s;
}
