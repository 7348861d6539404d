import { readFileSync } from "node:fs";
import { matchForm } from "../../normalize/match-form.ts";
import { endOf, entitiesOf, firstFrom, mentionAt, PER, startsFrom } from "./entity-index.ts";
import { bareAt, bareForm, dataUrl, type TokenView } from "./token-view.ts";
import { LetterSieve } from "./word-sieve.ts";

interface AnonData {
  heads: string[];
  vague: string[];
  identity: string[];
  withhold: string[];
  naming: string[];
}

const data = JSON.parse(readFileSync(dataUrl("anonymous-sources.json"), "utf8")) as AnonData;
const HEADS = new Set(data.heads.map(matchForm));
const VAGUE = new Set(data.vague.map(matchForm));
const IDENTITY = new Set(data.identity.map(matchForm));
const WITHHOLD = new Set(data.withhold.map(matchForm));
/** Words that introduce a name (`مهندس يدعى جيانغ`). */
export const NAMING: ReadonlySet<string> = new Set(data.naming.map(matchForm));

/**
 * Letter sieves in front of the lists (see `LetterSieve`): most words of a
 * speaker or of the gap before the content are in none of them, and are ruled
 * out without hashing them or slicing off their و/ف.
 */
const CLAUSE_SHAPES = new LetterSieve();
for (const w of [...WITHHOLD, ...IDENTITY]) for (const p of ["", "و", "ف"]) CLAUSE_SHAPES.add(p + w);
/** First words of vague speakers (`هناك من`: هناك), and last words (من). */
const VAGUE_FIRST = new LetterSieve();
const VAGUE_LAST = new LetterSieve();
for (const v of VAGUE) {
  const words = v.split(" ");
  VAGUE_FIRST.add(words[0]!);
  VAGUE_LAST.add(words[words.length - 1]!);
}

/**
 * Whether tokens `from..to` (inclusive) hold an anonymity clause:
 * `شريطة عدم الكشف عن هويته`, `طلب عدم ذكر اسمه`, `دون الكشف عن اسمه`.
 */
export function hasAnonymityClause(view: TokenView, from: number, to: number): boolean {
  let withheldAt = -10;
  for (let k = Math.max(0, from); k <= to && k < view.n; k++) {
    if (!view.word[k] || !CLAUSE_SHAPES.may(view.norm[k]!)) continue;
    const w = bareAt(view, k);
    if (WITHHOLD.has(w) || WITHHOLD.has(view.norm[k]!)) withheldAt = k;
    else if (IDENTITY.has(view.norm[k]!) && k - withheldAt <= 4) return true;
  }
  return false;
}

/**
 * Whether a speaker mention (tokens `from..to`) is anonymous: a vague speaker
 * (`هناك من`, `البعض`), or a source noun without the article and without a
 * naming word (`مسؤول حكومي كبير`, `مصادر مطلعة`, `معلم نيكول`). A mention
 * with a unique office (`وزير المعادن`) or a name (`مهندس يدعى جيانغ`) is not.
 */
export function isAnonymousSpeaker(view: TokenView, from: number, to: number): boolean {
  let w0 = from;
  while (w0 <= to && !view.word[w0]) w0++;
  if (w0 > to) return false;
  let w1 = w0 + 1;
  while (w1 <= to && !view.word[w1]) w1++;
  const first = view.norm[w0]!;
  if (VAGUE_FIRST.may(first)) {
    const two = w1 <= to ? `${first} ${view.norm[w1]}` : first;
    if (VAGUE.has(two) || (w1 > to && VAGUE.has(first))) return true;
  }
  const head = bareForm(first);
  if (!HEADS.has(first) && !HEADS.has(head)) return false;
  for (let k = w0; k <= to; k++)
    if (view.word[k] && (NAMING.has(view.norm[k]!) || NAME_LINKS.has(view.norm[k]!))) return false;
  // A person the entities layer found in the mention names the source (`عضو مجلس الشورى السابق ... حمد القاضي`).
  const mentions = entitiesOf(view);
  const s0 = view.start[from]!;
  const e0 = view.end[to]!;
  for (let x = firstFrom(mentions, s0); x < mentions.count && !startsFrom(mentions, x, e0); x++)
    if (mentionAt(mentions, x, PER) && endOf(mentions, x) <= e0) return false;
  return true;
}

/** The words that join the parts of a person's name (`حمد بن عبدالله`): a mention with one names someone. */
const NAME_LINKS: ReadonlySet<string> = new Set(["بن", "بنت", "ابن"].map(matchForm));

/**
 * A vague speaker of one or two words right before token `verbAt` (`هناك من قال`).
 *
 * @returns the index of its first token, or -1
 */
export function vagueBefore(view: TokenView, verbAt: number): number {
  const words: number[] = [];
  for (let k = verbAt - 1; k >= 0 && words.length < 2 && view.sent[k] === view.sent[verbAt]; k--) {
    if (view.punct[k]) break;
    if (view.word[k]) {
      // Every phrase tried below ends with the word right before the verb.
      if (words.length === 0 && !VAGUE_LAST.may(view.norm[k]!)) return -1;
      words.unshift(k);
    }
  }
  for (let x = 0; x < words.length; x++) {
    const phrase = words
      .slice(x)
      .map((k) => view.norm[k])
      .join(" ");
    if (VAGUE.has(phrase)) return words[x]!;
  }
  return -1;
}
