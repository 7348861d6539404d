import { matchForm } from "../../normalize/match-form.ts";
import { loadData } from "./load-data.ts";

/** What a number word contributes to the number it is part of. */
export type NumberAtom =
  | { kind: "unit"; value: number } // 0..10
  | { kind: "teen"; value: number } // a spoken one-word teen (حداشر)
  | { kind: "ten"; value: number } // 20..90
  | { kind: "hundred"; value: number } // 100..900 in one word (خمسمئة, مئتان)
  | { kind: "hundred_word" } // مئة / مائة after a unit word (خمس مئة) or alone
  | { kind: "scale"; value: number; form: "singular" | "dual" | "plural" }
  | { kind: "fraction"; value: number }
  | { kind: "point" }; // فاصلة: decimal point spelled out

interface NumberWordsData {
  units: Record<string, string[]>;
  teen_tail: string[];
  teens_spoken: Record<string, string[]>;
  tens: Record<string, string[]>;
  hundred: string[];
  hundred_dual: string[];
  hundred_prefixes: Record<string, string[]>;
  scales: Record<string, { singular: string[]; dual: string[]; plural: string[] }>;
  vague: Record<string, unknown>;
  fractions: Record<string, string[]>;
  decimal_point: string[];
  percent: string[];
  ordinals: Record<string, string[]>;
  ordinal_eleven: string[];
  ordinal_twelve: string[];
  qualifiers: Record<string, unknown>;
}

const data = loadData<NumberWordsData>("number-words.json");

/** Number words by matching form (single words only). */
export const NUMBER_WORDS = new Map<string, NumberAtom>();
/** Matching forms of عشر/عشرة, the second word of a teen. */
export const TEEN_TAIL = new Set(data.teen_tail.map(matchForm));
/** Vague plural counts by matching form: `[min, max]`. */
export const VAGUE_COUNTS = new Map<string, [number, number]>();
/** Percent expressions as token sequences (matching forms). */
export const PERCENT_FORMS: string[][] = data.percent.map((p) => matchForm(p).split(" "));
/** Ordinals by matching form (1..10, with and without the article). */
export const ORDINALS = new Map<string, number>();
/** Matching forms that open an ordinal 11 (الحادي عشر) or 12 (الثاني عشر) besides the plain ordinals. */
export const ORDINAL_TEEN_HEADS = new Map<string, number>();
/** Qualifiers (approximation and bounds) as token sequences, longest first. */
export const QUALIFIERS: { words: string[]; kind: string }[] = [];

function put(form: string, atom: NumberAtom): void {
  const key = matchForm(form);
  if (!NUMBER_WORDS.has(key)) NUMBER_WORDS.set(key, atom);
}

for (const [v, forms] of Object.entries(data.units)) for (const f of forms) put(f, { kind: "unit", value: Number(v) });
for (const [v, forms] of Object.entries(data.teens_spoken))
  for (const f of forms) put(f, { kind: "teen", value: Number(v) });
for (const [v, forms] of Object.entries(data.tens)) for (const f of forms) put(f, { kind: "ten", value: Number(v) });
for (const f of data.hundred) put(f, { kind: "hundred_word" });
for (const f of data.hundred_dual) put(f, { kind: "hundred", value: 200 });
// Hundreds are written as one word (خمسمئة، خمسمائة، خمسمية): unit stem + hundred.
for (const [v, stems] of Object.entries(data.hundred_prefixes)) {
  for (const s of stems) for (const h of data.hundred) put(s + h, { kind: "hundred", value: Number(v) * 100 });
}
for (const [v, forms] of Object.entries(data.scales)) {
  for (const f of forms.singular) put(f, { kind: "scale", value: Number(v), form: "singular" });
  for (const f of forms.dual) put(f, { kind: "scale", value: Number(v), form: "dual" });
  for (const f of forms.plural) put(f, { kind: "scale", value: Number(v), form: "plural" });
}
for (const [v, forms] of Object.entries(data.fractions)) {
  for (const f of forms) if (!f.includes(" ")) put(f, { kind: "fraction", value: Number(v) });
}
for (const f of data.decimal_point) put(f, { kind: "point" });
for (const [k, v] of Object.entries(data.vague))
  if (Array.isArray(v)) VAGUE_COUNTS.set(matchForm(k), [v[0] as number, v[1] as number]);
for (const [v, forms] of Object.entries(data.ordinals)) for (const f of forms) ORDINALS.set(matchForm(f), Number(v));
for (const f of data.ordinal_eleven) ORDINAL_TEEN_HEADS.set(matchForm(f), 1);
for (const f of data.ordinal_twelve) ORDINAL_TEEN_HEADS.set(matchForm(f), 2);
for (const [kind, forms] of Object.entries(data.qualifiers)) {
  if (!Array.isArray(forms)) continue;
  for (const f of forms as string[]) QUALIFIERS.push({ words: matchForm(f).split(" "), kind });
}
QUALIFIERS.sort((a, b) => b.words.length - a.words.length);
