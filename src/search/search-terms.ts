import { readFileSync } from "node:fs";
import type { DocRecord, TokenRow } from "../model/record.ts";
import { analyzeWord, endsInTaMarbuta } from "../normalize/analyze-word.ts";
import { matchForm } from "../normalize/match-form.ts";

// Loanwords written two ways (أميركي / أمريكي) get two stems from the analyzer: fold the rarer one.
const VARIANTS = new Map<string, string>(
  Object.entries(
    (
      JSON.parse(readFileSync(new URL("../../data/search-variants.json", import.meta.url), "utf8")) as {
        variants: Record<string, string>;
      }
    ).variants,
  ),
);

/**
 * The search term of a stem: the stem with known spelling variants folded.
 * Index and query terms both go through here, so they always agree.
 *
 * @param stem a stem or matching form from the analyzer
 * @returns the term stored in and looked up from the full-text index
 */
export function searchTerm(stem: string): string {
  return VARIANTS.get(stem) ?? stem;
}

/**
 * The search term of one record token, or null for tokens search skips
 * (punctuation, symbols, emoji).
 *
 * @param row the token's compact form (`[start, end, kind, norm, stem, prefix, suffix]`)
 */
export function tokenTerm(row: TokenRow): string | null {
  const kind = row[2];
  if (kind === "word") return searchTerm(row[4] || row[3]);
  if (kind === "number" || kind === "latin") return row[3];
  return null;
}

/** A word found by `splitWords`: its text and UTF-16 offsets. */
export interface FoundWord {
  text: string;
  start: number;
  end: number;
}

// Letters, marks (diacritics, tatweel is a letter) and digits make words; the decimal point inside a number too.
const WORD = /[\p{L}\p{M}\p{N}]+(?:[.,٫][\p{N}]+)*/gu;

/**
 * Split a short text (a title, a query, a name) into words. Record bodies are
 * not split here: their tokens come from the pipeline's segmenter.
 *
 * @returns the words in order
 */
export function splitWords(text: string): FoundWord[] {
  const out: FoundWord[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text))
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3]/;

/**
 * The search term of one word as written (a title word, a query word, a name):
 * the pipeline's analyzer (`analyzeWord`) for Arabic, the matching form for
 * anything else.
 */
export function wordTerm(word: string): string {
  const norm = matchForm(word);
  if (!ARABIC_LETTER.test(norm)) return norm;
  return searchTerm(analyzeWord(word, norm).stem);
}

/**
 * The terms a query word may stand for, most likely first. A word typed with
 * a final ه may mean ة (السعوديه for السعودية), which the analyzer stems
 * differently: both readings are searched.
 *
 * @returns one or two distinct terms (empty when the word has none)
 */
export function queryWordTerms(word: string): string[] {
  const first = wordTerm(word);
  if (first === "") return [];
  const terms = [first];
  if (word.endsWith("ه") && !endsInTaMarbuta(word)) {
    const other = wordTerm(`${word.slice(0, -1)}ة`);
    if (other !== first && other !== "") terms.push(other);
  }
  return terms;
}

/**
 * Terms of a short text, space-joined (for titles and names).
 */
export function textTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of splitWords(text)) {
    const t = wordTerm(w.text);
    if (t !== "") out.push(t);
  }
  return out;
}

/** What the index keeps of a record's body for search and snippets. */
export interface BodyTerms {
  /** Terms in text order (one per word, number or Latin token). */
  terms: string[];
  /** `[start, end]` of each term's token in the record's text, flattened. */
  offsets: Uint32Array;
}

/**
 * The body terms of a record, from the tokens the pipeline wrote (no
 * re-tokenizing, no re-analysis).
 */
export function bodyTerms(record: DocRecord): BodyTerms {
  const terms: string[] = [];
  const offsets: number[] = [];
  for (const row of record.tokens ?? []) {
    const t = tokenTerm(row);
    if (t === null || t === "") continue;
    terms.push(t);
    offsets.push(row[0], row[1]);
  }
  return { terms, offsets: Uint32Array.from(offsets) };
}
