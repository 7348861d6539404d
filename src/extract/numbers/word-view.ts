import type { Doc } from "../../model/doc.ts";
import type { Sentence, Token } from "../../model/layers.ts";
import { matchForm } from "../../normalize/match-form.ts";

/**
 * One unit of text as the figure readers see it: a word, a figure, or a
 * punctuation mark. Built from `doc.tokens`: tokens that touch are joined and
 * split again at script changes, so `741.500` (three tokens) is one figure and
 * `و900` or `1436هـ` (one token) are two units.
 */
export interface Word {
  start: number;
  end: number;
  text: string;
  /** Matching form (see `matchForm`). */
  norm: string;
  kind: "num" | "word" | "punct";
  /** For `num`: the digits and separators in matching form (`741.500`). */
  digits?: string;
  /** Whitespace between the previous unit and this one. */
  space: boolean;
  /** Index of the sentence the unit lies in (-1 when outside every sentence). */
  sentence: number;
  /** Cache of `bareForms(norm)` (see `bareOf`). */
  bare?: [string, number][];
}

const HAS_DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

enum C {
  Digit,
  Sep,
  Letter,
  Space,
  Other,
}

function classify(c: number): C {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9)) return C.Digit;
  if (c === 0x2e || c === 0x2c || c === 0x66b || c === 0x66c) return C.Sep;
  if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || (c >= 0x2000 && c <= 0x200a))
    return C.Space;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return C.Letter;
  if (c >= 0x600 && c <= 0x6ff) {
    // Arabic punctuation and signs that are not letters.
    if (c === 0x60c || c === 0x61b || c === 0x61f || c === 0x66a || c === 0x6d4 || c === 0x60d) return C.Other;
    return C.Letter;
  }
  if (c >= 0x750 && c <= 0x77f) return C.Letter;
  if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe)) return C.Letter;
  if (c >= 0x200b && c <= 0x200f) return C.Letter; // zero-width marks stay inside their word
  return C.Other;
}

/**
 * The figure readers' view of a document.
 *
 * @param text the document's cleaned text
 * @param tokens `doc.tokens`
 * @param sentences `doc.sentences` (to tag each unit with its sentence)
 * @returns units in text order
 */
export function buildWords(text: string, tokens: readonly Token[], sentences: readonly Sentence[] = []): Word[] {
  const words: Word[] = [];
  const sentenceOfToken = new Int32Array(tokens.length).fill(-1);
  sentences.forEach((s, si) => {
    for (let t = s.tokens[0]; t < s.tokens[1] && t < tokens.length; t++) sentenceOfToken[t] = si;
  });
  let i = 0;
  while (i < tokens.length) {
    // A chunk: tokens that touch.
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.start === tokens[j - 1]!.end) j++;
    const t = tokens[i]!;
    if (j === i + 1 && (t.kind === "word" || t.kind === "latin") && !HAS_DIGIT.test(t.text)) {
      // The common case: one word on its own, already folded by the segmenter.
      words.push({
        start: t.start,
        end: t.end,
        text: t.text,
        norm: t.norm || matchForm(t.text),
        kind: "word",
        space: t.start > 0 && classify(text.charCodeAt(t.start - 1)) === C.Space,
        sentence: sentenceOfToken[i]!,
      });
    } else scanChunk(text, t.start, tokens[j - 1]!.end, sentenceOfToken[i]!, words, tokens, i, j);
    i = j;
  }
  return words;
}

function scanChunk(
  text: string,
  from: number,
  to: number,
  sentence: number,
  out: Word[],
  tokens: readonly Token[],
  t0: number,
  t1: number,
): void {
  let p = from;
  let first = true;
  const before = (at: number): boolean => at > 0 && classify(text.charCodeAt(at - 1)) === C.Space;
  while (p < to) {
    const c = classify(text.charCodeAt(p));
    let q = p + 1;
    let kind: Word["kind"];
    if (
      c === C.Digit ||
      (c === C.Sep &&
        p + 1 < to &&
        classify(text.charCodeAt(p + 1)) === C.Digit &&
        (p === from || classify(text.charCodeAt(p - 1)) !== C.Letter))
    ) {
      // A figure: digits with separators between digits (a leading separator: `.77`).
      while (q < to) {
        const d = classify(text.charCodeAt(q));
        if (d === C.Digit) q++;
        else if (d === C.Sep && q + 1 < to && classify(text.charCodeAt(q + 1)) === C.Digit) q += 2;
        else break;
      }
      kind = "num";
    } else if (c === C.Letter) {
      while (q < to && classify(text.charCodeAt(q)) === C.Letter && !tokenBoundaryInsideWord(tokens, t0, t1, q)) q++;
      kind = "word";
    } else if (c === C.Space) {
      p = q;
      continue;
    } else {
      kind = "punct";
    }
    const s = text.slice(p, q);
    const norm = matchForm(s);
    const w: Word = { start: p, end: q, text: s, norm, kind, space: first ? before(p) : before(p), sentence };
    if (kind === "num") w.digits = norm;
    out.push(w);
    first = false;
    p = q;
  }
}

// The segmenter may split a word from a touching word (no space) for a reason of its own; keep its boundary.
function tokenBoundaryInsideWord(tokens: readonly Token[], t0: number, t1: number, at: number): boolean {
  for (let t = t0 + 1; t < t1; t++) if (tokens[t]!.start === at) return true;
  return false;
}

/** `bareForms` of a unit's matching form, computed once per unit. */
export function bareOf(w: Word): [string, number][] {
  w.bare ??= bareForms(w.norm);
  return w.bare;
}

/**
 * Whether `set` holds the matching form or one of its `bareForms`, without building the list
 * (the common negative case of a hot loop).
 */
export function bareIn(set: ReadonlySet<string>, norm: string): boolean {
  if (set.has(norm)) return true;
  let s = norm;
  if (s.length > 2 && (s[0] === "و" || s[0] === "ف")) {
    s = s.slice(1);
    if (set.has(s)) return true;
  }
  if (s.length > 3 && s[0] === "ل" && s[1] === "ل") return set.has(`ا${s.slice(1)}`) || set.has(s.slice(2));
  if (s.length > 2 && (s[0] === "ب" || s[0] === "ل" || s[0] === "ك")) {
    s = s.slice(1);
    if (set.has(s)) return true;
  }
  return s.length > 3 && s[0] === "ا" && s[1] === "ل" && set.has(s.slice(2));
}

const PROCLITIC_1 = ["و", "ف"];
const PROCLITIC_2 = ["ب", "ل", "ك"];

/**
 * Candidate lexicon keys of a word in matching form: itself, then without
 * the conjunction (و ف), a preposition (ب ل ك) and the article (ال، لل).
 * Each comes with the number of letters stripped, to trim spans.
 *
 * @example bareForms("وبالعشرين") → [["وبالعشرين",0],["بالعشرين",1],["العشرين",2],["عشرين",4]]
 */
export function bareForms(norm: string): [string, number][] {
  const out: [string, number][] = [[norm, 0]];
  let s = norm;
  let cut = 0;
  if (s.length > 2 && PROCLITIC_1.includes(s[0]!)) {
    s = s.slice(1);
    cut++;
    out.push([s, cut]);
  }
  if (s.length > 3 && s.startsWith("لل")) {
    // ل + ال written with one lam: the span keeps the preposition (no letter is the article's alone).
    out.push([`ال${s.slice(2)}`, cut]);
    out.push([s.slice(2), cut + 2]);
    return out;
  }
  if (s.length > 2 && PROCLITIC_2.includes(s[0]!)) {
    s = s.slice(1);
    cut++;
    out.push([s, cut]);
  }
  if (s.length > 3 && s.startsWith("ال")) out.push([s.slice(2), cut + 2]);
  return out;
}

/**
 * Offset in `text` after `letters` letters of the word starting at `start`
 * (diacritics and tatweel count with the letter before them), to cut a clitic off a span.
 */
export function offsetAfterLetters(text: string, start: number, letters: number): number {
  let p = start;
  let n = 0;
  while (n < letters && p < text.length) {
    p++;
    n++;
    while (p < text.length && isMark(text.charCodeAt(p))) p++;
  }
  return p;
}

function isMark(c: number): boolean {
  return (
    (c >= 0x64b && c <= 0x65f) || c === 0x670 || c === 0x640 || (c >= 0x6d6 && c <= 0x6ed) || (c >= 0x610 && c <= 0x61a)
  );
}

const cache = new WeakMap<Doc, Word[]>();

/**
 * The figure readers' view of `doc`, built once and shared by the dates and quantities stages.
 */
export function wordsOf(doc: Doc): Word[] {
  let words = cache.get(doc);
  if (!words) {
    words = buildWords(doc.text, doc.tokens, doc.sentences);
    cache.set(doc, words);
  }
  return words;
}

const OPENERS = new Set(["“", "«", "„", "‹"]);
const CLOSERS = new Set(["”", "»", "‟", "›"]);

/**
 * Which units lie inside a quotation (“…”, «…», "…") within their paragraph.
 * Quoted speech has its own "now": `اليوم` there means "nowadays" more often than the day of the story.
 *
 * @returns one flag per unit
 */
export function insideQuotes(words: readonly Word[], text: string): Uint8Array {
  const flags = new Uint8Array(words.length);
  let depth = 0;
  let straight = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i > 0 && text.slice(words[i - 1]!.end, w.start).includes("\n")) {
      depth = 0;
      straight = false;
    }
    if (w.kind === "punct") {
      for (const ch of w.text) {
        if (OPENERS.has(ch)) depth++;
        else if (CLOSERS.has(ch)) depth = Math.max(0, depth - 1);
        else if (ch === '"') straight = !straight;
      }
    }
    flags[i] = depth > 0 || straight ? 1 : 0;
  }
  return flags;
}
