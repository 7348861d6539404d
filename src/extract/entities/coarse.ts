import { readFileSync } from "node:fs";

/**
 * NewsFANE's fine-grained classes → khabar's five types. It follows the
 * corpus's suggested mapping (../shared/corpus/ner-newsfane/coarse-types.json,
 * copied to data/ner/coarse-types.json) with three changes: facilities (FAC)
 * fold into LOC; continents are LOC (no government; a continent is a
 * place, not a polity), as in khabar's gold annotations; and `Group`
 * (peoples and communities: العرب، المسلمين، الاميركيين) is not an entity,
 * since khabar reports nisba words as demonyms, not as organizations.
 */
export const OUTPUT_TYPES = ["PER", "ORG", "GPE", "LOC", "MISC"] as const;

interface CoarseFile {
  coarse: Record<string, string[]>;
}

/**
 * The fine → coarse mapping, read from data/ner/coarse-types.json.
 *
 * @returns a function from a fine class to PER/ORG/GPE/LOC/MISC, or undefined for an unknown class
 */
export function coarseMapper(
  url: URL = new URL("../../../data/ner/coarse-types.json", import.meta.url),
): (fine: string) => string | undefined {
  const file = JSON.parse(readFileSync(url, "utf8")) as CoarseFile;
  const map = new Map<string, string>();
  for (const [type, fines] of Object.entries(file.coarse)) {
    for (const f of fines) map.set(f, type === "FAC" ? "LOC" : type);
  }
  map.set("Continent", "LOC");
  map.delete("Group");
  return (fine) => map.get(fine);
}

/** The tag set: `O`, then `B-X`, `I-X` for each output type. */
export const TAGS: readonly string[] = ["O", ...OUTPUT_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
