import type { Sentence, Token } from "../model/layers.ts";
import { type Abbreviations, abbreviations as defaultAbbreviations } from "./abbreviations.ts";

/** Options for `splitSentences`. */
export interface SentenceOptions {
  /** Whether the Arabic semicolon `؛` ends a sentence (default false: see `DEFAULT_SENTENCE_OPTIONS`). */
  semicolon?: boolean;
  /** Whether an ellipsis (`…`, `...`) ends a sentence when more text follows in the paragraph (default false). */
  ellipsis?: boolean;
  /**
   * Whether a quotation that closes later in the paragraph is kept whole (default false): `“A. B.” C.`
   * then gives `“A. B.”` and `C.`, as UD Arabic PUD annotates it. Off by default: in SaudiNewsNet it
   * merges 3% of sentences, often into 1,000+ character units (quoted statements run for paragraphs);
   * quotations are their own layer beside the sentences.
   */
  quotes?: boolean;
  /** Abbreviation lists (default: `data/abbreviations.json`). */
  abbreviations?: Abbreviations;
}

/**
 * Defaults chosen by measuring (scripts/eval-sentences.ts on UD Arabic PUD, and
 * samples of SaudiNewsNet): a mid-paragraph ellipsis joins clauses of one
 * sentence more often than it ends one (PUD: +1 boundary found, +3 false); `؛`
 * never occurs in PUD, and in 25 of 25 sampled news contexts it joins a clause
 * (؛ إذ، ؛ لأن، ؛ فقد، ؛ بهدف ...), like an English semicolon.
 */
export const DEFAULT_SENTENCE_OPTIONS = { semicolon: false, ellipsis: false, quotes: false } as const;

// What a punctuation token can do at a sentence end.
const NONE = 0;
const PERIOD = 1;
const STRONG = 2; // ? ! ؟ and the like
const ELLIPSIS = 3;
const SEMICOLON = 4;

function terminal(t: Token): number {
  if (t.kind !== "punct") return NONE;
  const s = t.text;
  if (s.length > 1) return s.charCodeAt(0) === 0x2e ? ELLIPSIS : NONE;
  switch (s.charCodeAt(0)) {
    case 0x2e: // .
    case 0x06d4: // ۔ Urdu full stop
    case 0x3002: // 。
      return PERIOD;
    case 0x3f: // ?
    case 0x061f: // ؟
    case 0x21: // !
    case 0x203c: // ‼
    case 0x2049: // ⁉
    case 0x2048: // ⁈
    case 0x2047: // ⁇
      return STRONG;
    case 0x2026: // …
      return ELLIPSIS;
    case 0x061b: // ؛
      return SEMICOLON;
    default:
      return NONE;
  }
}

// Closing quotes and brackets that travel with the sentence they close.
function isCloser(c: number): boolean {
  return (
    c === 0x201d ||
    c === 0xbb ||
    c === 0x29 ||
    c === 0x5d ||
    c === 0x7d ||
    c === 0x2019 ||
    c === 0x203a ||
    c === 0x300d ||
    c === 0x300f
  );
}

function isOpenBracket(t: Token): boolean {
  return t.kind === "punct" && (t.text === "(" || t.text === "[");
}

// Straight quotes: closing only when glued to what they close.
function isStraightQuote(c: number): boolean {
  return c === 0x22 || c === 0x27;
}

// Marks after which the sentence goes on (an abbreviation period followed by a comma, ...).
// A lowercase Latin word continues only Latin text (`etc. and`); in Arabic text
// it is a name that may open a sentence (`انتهى. iPhone الجديد`).
function isContinuation(t: Token, before: Token | undefined): boolean {
  if (t.kind === "punct") {
    const c = t.text.charCodeAt(0);
    return t.text.length === 1 && (c === 0x060c || c === 0x2c || c === 0x3b || c === 0x3a);
  }
  if (t.kind === "latin" && before?.kind === "latin") {
    const c = t.text.charCodeAt(0);
    return c >= 0x61 && c <= 0x7a;
  }
  return false;
}

function isWordy(t: Token): boolean {
  return t.kind === "word" || t.kind === "latin";
}

/**
 * Split the tokens `tokens[from, to)` of one paragraph into sentences and
 * append them to `out`. Breaks after `.` `?` `!` `؟` (and optionally `؛`,
 * `…`); closing quotes and brackets right after the mark stay with the
 * sentence. No break after an abbreviation or a single-letter initial (`د.`,
 * `أ.`, `J.`), after a list number opening the sentence (`1.`), or when a
 * comma or a lowercase Latin word follows. Decimals, dates, URLs and `...`
 * are single tokens already, so their dots never reach here.
 *
 * @param text the document text
 * @param tokens the document's tokens
 * @param from first token of the paragraph
 * @param to end (exclusive) of the paragraph's tokens
 * @param paragraph the paragraph's index
 * @param out the sentence list to extend
 * @param options which optional marks end a sentence; the abbreviation lists
 * @returns `out`
 */
export function splitSentences(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  paragraph: number,
  out: Sentence[] = [],
  options: SentenceOptions = {},
): Sentence[] {
  const semicolon = options.semicolon ?? DEFAULT_SENTENCE_OPTIONS.semicolon;
  const ellipsis = options.ellipsis ?? DEFAULT_SENTENCE_OPTIONS.ellipsis;
  const abbr = options.abbreviations ?? defaultAbbreviations;
  const inside = (options.quotes ?? DEFAULT_SENTENCE_OPTIONS.quotes) ? insideQuotes(tokens, from, to) : undefined;
  let s = from;
  for (let i = from; i < to; i++) {
    const term = terminal(tokens[i]!);
    if (term === NONE) continue;
    if (term === SEMICOLON && !semicolon) continue;
    if (term === ELLIPSIS && !ellipsis) continue;
    if (term === PERIOD && !periodEnds(tokens, s, i, abbr)) continue;
    // A mark in brackets comments on the text, it ends nothing: الرقم (؟) غير صحيح، (!)
    if (i > s && tokens[i - 1]!.end === tokens[i]!.start && isOpenBracket(tokens[i - 1]!)) continue;
    // Take along further marks (`؟!`, `!!`) and the quotes and brackets that close.
    let j = i + 1;
    while (j < to) {
      const u = tokens[j]!;
      if (u.kind !== "punct") break;
      const c = u.text.charCodeAt(0);
      if (terminal(u) === STRONG || terminal(u) === PERIOD || terminal(u) === ELLIPSIS || isCloser(c)) j++;
      else if (isStraightQuote(c) && u.start === tokens[j - 1]!.end) j++;
      else break;
    }
    if (
      (j < to && isContinuation(tokens[j]!, i > s ? tokens[i - 1] : undefined)) ||
      (inside !== undefined && inside[j - 1 - from] === 1)
    ) {
      i = j - 1;
      continue;
    }
    out.push(sentence(text, tokens, s, j, paragraph));
    s = j;
    i = j - 1;
  }
  if (s < to) out.push(sentence(text, tokens, s, to, paragraph));
  return out;
}

/**
 * Which tokens of `tokens[from, to)` lie strictly inside a quotation that
 * opens and closes in this range (« », “ ”, or a pair of straight "); an
 * unclosed quote marks nothing. `undefined` when there is no quotation.
 */
function insideQuotes(tokens: readonly Token[], from: number, to: number): Uint8Array | undefined {
  let marks: Uint8Array | undefined;
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind !== "punct" || t.text.length !== 1) continue;
    const c = t.text.charCodeAt(0);
    let closes = -1;
    if (c === 0xab || c === 0x201c) open.push(i);
    else if (c === 0xbb || c === 0x201d) closes = c === 0xbb ? 0xab : 0x201c;
    else if (c === 0x22) {
      if (open.length > 0 && tokens[open[open.length - 1]!]!.text.charCodeAt(0) === 0x22) closes = 0x22;
      else open.push(i);
    }
    if (closes < 0) continue;
    // Close the innermost matching opener; openers left above it were never closed.
    for (let k = open.length - 1; k >= 0; k--) {
      const o = open[k]!;
      if (tokens[o]!.text.charCodeAt(0) !== closes) continue;
      marks ??= new Uint8Array(to - from);
      for (let m = o + 1; m < i; m++) marks[m - from] = 1;
      open.length = k;
      break;
    }
  }
  return marks;
}

function sentence(text: string, tokens: readonly Token[], from: number, to: number, paragraph: number): Sentence {
  const start = tokens[from]!.start;
  const end = tokens[to - 1]!.end;
  return { start, end, text: text.slice(start, end), paragraph, tokens: [from, to] };
}

// Does the period at token `i` end the sentence that began at token `s`?
function periodEnds(tokens: readonly Token[], s: number, i: number, abbr: Abbreviations): boolean {
  if (i === s) return true;
  const dot = tokens[i]!;
  const prev = tokens[i - 1]!;
  if (prev.end !== dot.start) return true;
  // `1.` opening a sentence numbers a list item.
  if (prev.kind === "number") return i - 1 !== s;
  if (!isWordy(prev)) return true;
  // A letter glued after a number or a hyphen is a unit or a model name (4K. 200E. Type-C.), not an initial.
  const glued = i - 2 >= s && tokens[i - 2]!.end === prev.start ? tokens[i - 2]! : undefined;
  const letter =
    glued !== undefined && (glued.kind === "number" || glued.text === "-") ? undefined : initial(prev, abbr);
  // Inside a dotted chain (the first period of ق.م): a letter follows without a space.
  const next = tokens[i + 1];
  if (letter !== undefined && next !== undefined && next.start === dot.end && isWordy(next) && next.norm.length === 1)
    return false;
  // Walk back over a dotted chain of single letters: ق.م  أ.د  د.ك  U.S
  let k = i - 1;
  let chain = letter ?? prev.norm;
  while (k - 2 >= s) {
    const d = tokens[k - 1]!;
    const w = tokens[k - 2]!;
    const l = isWordy(w) ? initial(w, abbr) : undefined;
    if (l === undefined || d.text !== "." || d.end !== tokens[k]!.start || w.end !== d.start) break;
    chain = `${l}.${chain}`;
    k -= 2;
  }
  const before = k - 1 >= s ? tokens[k - 1]! : undefined;
  // After a number: an era, time or currency marker (2024م. 300 ق.م.), which may end the sentence.
  if (before?.kind === "number" && abbr.afterNumber.has(chain)) return true;
  return !(letter !== undefined || abbr.noBreak.has(chain) || abbr.noBreak.has(prev.norm));
}

// The letter of an initial: a single-letter word (د  J), or و glued to an
// abbreviation letter (وأ. سارة, ود. محمد); in matching form.
function initial(t: Token, abbr: Abbreviations): string | undefined {
  const n = t.norm;
  if (n.length === 1) return n;
  if (n.length === 2 && n.charCodeAt(0) === 0x0648 && abbr.letters.has(letterOf(t.text))) return n.slice(1);
  return undefined;
}

// The second letter of a و-prefixed token as written (hamza kept), marks and tatweel skipped.
function letterOf(text: string): string {
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640)) return text[i]!;
  }
  return "";
}
