import { NUMBER_WORDS, ORDINAL_TEEN_HEADS, ORDINALS, TEEN_TAIL } from "./number-lexicon.ts";
import { bareForms, type Word } from "./word-view.ts";

/** An ordinal read from the units: its value and the units it took. */
export interface OrdinalMatch {
  from: number;
  to: number;
  value: number;
}

/**
 * Read the ordinal that starts at `words[i]`: `الأول`، `ثالث`، `الحادي عشر`،
 * `الثاني عشرة`، `الخامس والعشرون`، `الواحد و العشرين`، `التسعون`.
 *
 * @returns the match, or `undefined`
 */
export function readOrdinal(words: readonly Word[], i: number): OrdinalMatch | undefined {
  const w = words[i];
  if (w?.kind !== "word") return undefined;
  let unit: number | undefined;
  let definite = false;
  for (const [form] of bareForms(w.norm)) {
    unit = ORDINALS.get(form) ?? ORDINAL_TEEN_HEADS.get(form);
    if (unit !== undefined) {
      definite = form.startsWith("ال");
      break;
    }
    // Definite tens are ordinals by themselves: التسعون، العشرين
    if (form.startsWith("ال")) {
      const atom = NUMBER_WORDS.get(form.slice(2));
      if (atom && atom.kind === "ten") return { from: i, to: i + 1, value: atom.value };
    }
  }
  if (unit === undefined) return undefined;
  const next = words[i + 1];
  if (next && next.sentence === w.sentence && unit < 10) {
    if (TEEN_TAIL.has(next.norm)) return { from: i, to: i + 2, value: unit + 10 };
    // الخامس والعشرون، الواحد و العشرين
    let k = i + 1;
    if (next.norm === "و") k++;
    const t = words[k];
    if (t && t.kind === "word") {
      for (const [form, cut] of bareForms(t.norm)) {
        if (k === i + 1 && cut === 0) continue;
        const f = form.startsWith("ال") ? form.slice(2) : undefined;
        const atom = f !== undefined && definite ? NUMBER_WORDS.get(f) : undefined;
        if (atom && atom.kind === "ten") return { from: i, to: k + 1, value: unit + atom.value };
      }
    }
  }
  if (
    ORDINALS.get(bareForms(w.norm).at(-1)![0]) === undefined &&
    !ORDINALS.has(w.norm) &&
    ![...bareForms(w.norm)].some(([f]) => ORDINALS.has(f))
  )
    return undefined;
  return { from: i, to: i + 1, value: unit };
}
