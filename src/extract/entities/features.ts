import { bareForm } from "./clitics.ts";

/**
 * The features of one word in its sentence, for the tagger.
 *
 * Words are matching forms. The word and its bare form (proclitics and article
 * off) let `والولايات`, `بالولايات` and `الولايات` share evidence; affixes and
 * shape catch unseen names; ±2 neighbours catch titles (`الرئيس`, `وزير`)
 * and cues (`في`, `قال`); the gazetteer tag says whether the knowledge base
 * has a name here.
 *
 * @param words the sentence's words (matching form)
 * @param bare their bare forms (`bareForm`), computed once per sentence
 * @param gaz gazetteer tags per word (`B-GPE`, `I-ORG`, `""`)
 * @param cls word classes per word (`WordClasses.of`: `N+PER`, `GPE`, `""`)
 * @param i the word
 * @param out array the feature strings are pushed onto (cleared first)
 * @returns `out`
 */
export function wordFeatures(
  words: readonly string[],
  bare: readonly string[],
  gaz: readonly string[],
  cls: readonly string[],
  i: number,
  out: string[],
): string[] {
  out.length = 0;
  const w = words[i]!;
  const b = bare[i]!;
  const p1 = i > 0 ? words[i - 1]! : "<s>";
  const p2 = i > 1 ? words[i - 2]! : "<s>";
  const n1 = i + 1 < words.length ? words[i + 1]! : "</s>";
  const n2 = i + 2 < words.length ? words[i + 2]! : "</s>";
  const bp1 = i > 0 ? bare[i - 1]! : "<s>";
  const bn1 = i + 1 < words.length ? bare[i + 1]! : "</s>";
  const g = gaz[i]!;
  out.push(
    "bias",
    `w=${w}`,
    `b=${b}`,
    `p1=${b.slice(0, 1)}`,
    `p2=${b.slice(0, 2)}`,
    `p3=${b.slice(0, 3)}`,
    `s1=${w.slice(-1)}`,
    `s2=${w.slice(-2)}`,
    `s3=${w.slice(-3)}`,
    `sh=${shape(w)}`,
    `cl=${w.slice(0, w.length - b.length)}`,
    `w-1=${p1}`,
    `w-2=${p2}`,
    `w+1=${n1}`,
    `w+2=${n2}`,
    `b-1=${bp1}`,
    `b+1=${bn1}`,
    `bb=${bp1}|${b}`,
    `bn=${b}|${bn1}`,
    `g=${g}`,
    `g-1=${i > 0 ? gaz[i - 1]! : "<s>"}`,
    `g+1=${i + 1 < words.length ? gaz[i + 1]! : "</s>"}`,
    `gb=${g}|${b}`,
    `wc=${cls[i]!}`,
    `wc-1=${i > 0 ? cls[i - 1]! : "<s>"}`,
    `wc+1=${i + 1 < words.length ? cls[i + 1]! : "</s>"}`,
  );
  return out;
}

/**
 * Bare forms of a sentence's words (see `bareForm`).
 */
export function bareForms(words: readonly string[]): string[] {
  return words.map(bareForm);
}

/**
 * A word's shape: `A` Arabic, `L` Latin, `D` digits, `P` punctuation, `X` mixed,
 * with `s` appended for short words (≤ 2 characters).
 */
export function shape(w: string): string {
  let kind = "";
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const k =
      c >= 0x0600 && c <= 0x06ff
        ? "A"
        : (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
          ? "L"
          : c >= 0x30 && c <= 0x39
            ? "D"
            : "P";
    if (kind === "") kind = k;
    else if (kind !== k) {
      kind = "X";
      break;
    }
  }
  return w.length <= 2 ? `${kind}s` : kind;
}
