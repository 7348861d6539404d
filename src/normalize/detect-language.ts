import { readFileSync } from "node:fs";
import type { Stage } from "../run/stage.ts";
import { fillWhere } from "./char-table.ts";

/**
 * Language identification from the letters of the text, without a model:
 * the script of most letters decides the family; inside the Arabic script,
 * letters that only Persian or Urdu use (پ چ ژ گ ی ک / ٹ ڈ ڑ ں ے ہ) and a few
 * function words tell ar, fa and ur apart; Latin-script text is told apart by
 * function words (en, fr, es, de, it, pt, tr, id). Other scripts that belong to
 * one language (Hebrew, Greek, Thai, Hangul, kana, Devanagari) give it directly.
 * Unsure means `und`. Data: data/language.json.
 */

interface LanguageData {
  letters: Record<"fa" | "ur" | "ar", string[]>;
  stopwords: Record<string, string[]>;
}
const data = JSON.parse(readFileSync(new URL("../../data/language.json", import.meta.url), "utf8")) as LanguageData;

// Script of each BMP code unit; 0 = not a letter.
const ARABIC = 1;
const LATIN = 2;
const OTHER = 3; // a letter of a script we do not name
const scriptOf = new Uint8Array(0x10000);
const NAMED: [string, RegExp][] = [
  ["he", /\p{Script=Hebrew}/u],
  ["el", /\p{Script=Greek}/u],
  ["th", /\p{Script=Thai}/u],
  ["ko", /\p{Script=Hangul}/u],
  ["ja", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["hi", /\p{Script=Devanagari}/u],
  ["zh", /\p{Script=Han}/u],
];
const NAMED_BASE = 4; // scriptOf value of NAMED[i] is NAMED_BASE + i
fillWhere(scriptOf, /\p{L}/u, OTHER);
fillWhere(scriptOf, /\p{Script=Latin}/u, LATIN, (v) => v !== 0);
for (const [i, [, re]] of NAMED.entries()) fillWhere(scriptOf, re, NAMED_BASE + i, (v) => v !== 0);
fillWhere(scriptOf, /\p{Script=Arabic}/u, ARABIC, (v) => v !== 0);
// Letter marks of one Arabic-script language, per code unit: 1 fa, 2 ur, 3 ar.
const letterMark = new Uint8Array(0x10000);
for (const ch of data.letters.fa) letterMark[ch.charCodeAt(0)] = 1;
for (const ch of data.letters.ur) letterMark[ch.charCodeAt(0)] = 2;
for (const ch of data.letters.ar) letterMark[ch.charCodeAt(0)] = 3;
const STOP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(data.stopwords)) {
  for (const w of words) STOP.set(w, [...(STOP.get(w) ?? []), lang]);
}
const LATIN_LANGS = ["en", "fr", "es", "de", "it", "pt", "tr", "id"];

/** Options for `detectLanguage`. */
export interface LanguageOptions {
  /** Letters to look at from the start of the text (default 2,000). */
  sample?: number;
}

/** What `identifyLanguage` found. */
export interface LanguageGuess {
  /** BCP-47 code (`ar`, `fa`, `ur`, `en`, ...) or `und`. */
  lang: string;
  /** Letters looked at. */
  letters: number;
  /** Share of them in the Arabic script. */
  arabicShare: number;
  /** Why, in a few words (for the diagnostic). */
  reason: string;
}

/**
 * Identify the language of `text` from its first `sample` letters.
 *
 * @param text any text
 * @param sample letters to look at (default 2,000)
 * @returns the guess; `und` when there are no letters or no clear winner
 * @example identifyLanguage("قال وزير الخارجية إن المحادثات ستستمر").lang === "ar"
 */
export function identifyLanguage(text: string, sample = 2000): LanguageGuess {
  const scripts = new Int32Array(NAMED_BASE + NAMED.length);
  const marks = [0, 0, 0, 0];
  let letters = 0;
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const s = scriptOf[c]!;
    if (s === 0) continue;
    scripts[s]!++;
    if (s === ARABIC) marks[letterMark[c]!]!++;
    if (++letters >= sample) {
      end = i + 1;
      break;
    }
  }
  const arabic = scripts[ARABIC]!;
  const guess = (lang: string, reason: string): LanguageGuess => ({
    lang,
    letters,
    arabicShare: letters ? arabic / letters : 0,
    reason,
  });
  if (letters === 0) return guess("und", "no letters");
  let top = 1;
  for (let s = 2; s < scripts.length; s++) if (scripts[s]! > scripts[top]!) top = s;
  // Arabic articles list film titles, names and quotes in Latin script: a third
  // of the letters in Arabic script is enough to call the text Arabic-script.
  if (arabic * 3 >= letters) top = ARABIC;
  else if (scripts[top]! * 2 < letters) return guess("und", "no script has most of the letters");

  if (top === ARABIC) {
    const [fa, ur, ar] = [marks[1]!, marks[2]!, marks[3]!];
    // The common case, decided by letters alone: Arabic letters and no Persian or Urdu ones.
    if (fa + ur === 0) return guess("ar", "Arabic script");
    const votes = stopwordVotes(text.slice(0, end), ["ar", "fa", "ur"]);
    // Urdu letters are decisive (Persian and Arabic have none of them);
    // between Persian and Arabic, letters and function words vote together.
    if (ur >= Math.max(3, arabic * 0.01) && (votes.get("ur") ?? 0) >= (votes.get("fa") ?? 0)) {
      return guess("ur", `Arabic script with Urdu letters (${ur} of ٹ ڈ ڑ ں ے ہ ھ)`);
    }
    const faScore = fa + 5 * (votes.get("fa") ?? 0);
    const arScore = ar + 5 * (votes.get("ar") ?? 0);
    if (faScore > arScore) return guess("fa", `Arabic script with Persian letters (${fa} of پ چ ژ گ ی ک) and words`);
    return guess("ar", "Arabic script");
  }
  if (top === LATIN) {
    const votes = stopwordVotes(text.slice(0, end), LATIN_LANGS);
    let best = "und";
    let bestVotes = 0;
    let second = 0;
    for (const lang of LATIN_LANGS) {
      const v = votes.get(lang) ?? 0;
      if (v > bestVotes) {
        second = bestVotes;
        bestVotes = v;
        best = lang;
      } else if (v > second) second = v;
    }
    // Need a few function words, a fair share of the words (code and markup
    // debris has single letters that look like pt/it articles) and a clear margin.
    const words = votes.get("") ?? 0;
    if (bestVotes >= 3 && bestVotes >= words * 0.1 && bestVotes >= second * 1.5) {
      return guess(best, "Latin script, function words");
    }
    return guess("und", "Latin script, no clear language");
  }
  if (top === OTHER) return guess("und", "a script we do not identify");
  const kana = scripts[NAMED_BASE + NAMED.findIndex(([l]) => l === "ja")]!;
  if (NAMED[top - NAMED_BASE]![0] === "zh" && kana * 10 >= letters) return guess("ja", "Han with kana");
  return guess(NAMED[top - NAMED_BASE]![0], "script");
}

// Count function-word hits per language among the words of `text`; key "" counts all words.
function stopwordVotes(text: string, langs: readonly string[]): Map<string, number> {
  const votes = new Map<string, number>();
  const allowed = new Set(langs);
  let start = -1; // start of the current word, -1 between words
  let marked = false; // the current word holds diacritics or tatweel
  const flush = (end: number) => {
    let word = text.slice(start, end);
    if (marked) word = word.replace(/[\u064b-\u065f\u0670\u0640]/gu, "");
    word = word.toLowerCase();
    votes.set("", (votes.get("") ?? 0) + 1); // words seen
    const hit = STOP.get(word);
    if (hit) for (const l of hit) if (allowed.has(l)) votes.set(l, (votes.get(l) ?? 0) + 1);
    start = -1;
    marked = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) {
      if (start >= 0) marked = true;
    } else if (scriptOf[c] !== 0) {
      if (start < 0) start = i;
    } else if (start >= 0) flush(i);
  }
  if (start >= 0) flush(text.length);
  return votes;
}

/**
 * The language stage (after analysis): sets `doc.lang` and, when the text is
 * not Arabic, adds a `non_arabic` warning. The document is still processed.
 *
 * @param options how many letters to sample
 * @returns the stage
 */
export function detectLanguage(options: LanguageOptions = {}): Stage {
  const sample = options.sample ?? 2000;
  return (doc) => {
    const g = identifyLanguage(doc.text, sample);
    doc.lang = g.lang;
    if (g.lang !== "ar" && g.letters > 0) {
      doc.warn("non_arabic", `text is not Arabic: looks like ${g.lang} (${g.reason}; ${g.letters} letters sampled)`, {
        severity: "warning",
      });
    }
  };
}
