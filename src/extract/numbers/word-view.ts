import type { Doc } from "../../model/doc.ts";
import { holdShape } from "../../model/hold-shape.ts";
import type { Sentence, Token } from "../../model/layers.ts";
import { matchForm } from "../../normalize/match-form.ts";
import { F_TRIGGER, scanFlags, wordFlags } from "./figure-triggers.ts";

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
  /** Whitespace between the previous unit and this one. */
  space: boolean;
  /** Index of the sentence the unit lies in (-1 when outside every sentence or a gap marker). */
  sentence: number;
  /** Inside a quotation (“…”, «…», "…") within its paragraph. */
  quoted: boolean;
  /** Cache of `bareForms(norm)` (see `bareOf`). */
  bare: [string, number][] | undefined;
  /** Which lexicons know the word (see `wordFlags`); 0 for figures and punctuation. */
  flags: number;
  /** The token the unit is, when it is one whole token (see `conjunctionOf`); `null` for parts of tokens. */
  token: Token | null;
}

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

// Every unit is made here, with all fields, so that V8 sees one object shape.
function makeWord(
  start: number,
  end: number,
  text: string,
  norm: string,
  kind: Word["kind"],
  space: boolean,
  sentence: number,
  quoted: boolean,
  flags: number,
  token: Token | null,
): Word {
  return { start, end, text, norm, kind, space, sentence, quoted, bare: undefined, flags, token };
}

/**
 * Whether the token analysis split a conjunction (و، ف) off the unit (`Token.prefix`): `وأصيب`، `وعدد`, not
 * `وزراء`, `وحدة`. No counted noun starts with one (`قتل 5 وأصيب 10`: 5 counts nothing named). Asked of the few
 * units after a figure, so the view keeps the token rather than this answer for every unit (reading every
 * token's prefix while building the view cost a tenth of its time).
 */
export function conjunctionOf(w: Word): boolean {
  const t = w.token;
  if (t === null || t.kind !== "word" || t.prefix.length === 0) return false;
  const c = t.prefix.charCodeAt(0);
  return c === WAW || c === FA;
}

/*
 * The flags of each token (`wordFlags` of its matching form, `KNOWN` set), filled in by the trigger scan, which
 * looks every word up anyway: the words of the windows then need no second lookup. One array, grown as needed,
 * serves every document (the view of one is built before the next is started).
 */
const KNOWN = 1 << 30;
let tokenFlags = new Int32Array(4096);

/** The flags of a word token, from the scan or looked up now. */
function flagsOf(tokens: readonly Token[], i: number): number {
  const f = tokenFlags[i]!;
  if ((f & KNOWN) !== 0) return f & ~KNOWN;
  return wordFlags(tokens[i]!.norm);
}

/**
 * Quotation state along the tokens: a quotation (“…”, «…», "…") stays open across
 * sentences up to the end of its line. Quoted speech has its own "now": `اليوم` there
 * means "nowadays" more often than the day of the story.
 */
class QuoteState {
  depth = 0;
  straight = false;
  /** End of the last token stepped. */
  private lastEnd = 0;
  /** The first line break at or after some offset <= `lastEnd` (-1: none left). */
  private newline: number;
  constructor(private readonly text: string) {
    this.newline = text.indexOf("\n");
  }
  /**
   * Move to `t` (tokens in text order) and say whether it lies inside a quotation.
   * Tokens without marks (words, figures) may be left out while no quotation is open: they change
   * nothing, and a line break in the gaps they leave is still seen (no token holds a line break).
   */
  step(t: Token): boolean {
    if ((this.depth > 0 || this.straight) && this.newline >= 0) {
      if (this.newline < this.lastEnd) this.newline = this.text.indexOf("\n", this.lastEnd);
      if (this.newline >= 0 && this.newline < t.start) {
        this.depth = 0;
        this.straight = false;
      }
    }
    this.lastEnd = t.end;
    const kind = t.kind;
    if (kind !== "word" && kind !== "number" && kind !== "latin") {
      // Char codes, not one-letter strings: this runs on every punctuation token of every article.
      const s = t.text;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x201c || c === 0xab || c === 0x201e || c === 0x2039)
          this.depth++; // “ « „ ‹
        else if (c === 0x201d || c === 0xbb || c === 0x201f || c === 0x203a)
          this.depth = this.depth > 0 ? this.depth - 1 : 0; // ” » ‟ ›
        else if (c === 0x22) this.straight = !this.straight; // "
      }
    }
    return this.depth > 0 || this.straight;
  }
  /** Step over `t`, a token left out of the view: only its marks count. */
  skip(t: Token): void {
    const kind = t.kind;
    if (kind !== "word" && kind !== "number" && kind !== "latin") this.step(t);
    else if (this.depth > 0 || this.straight) this.step(t);
  }
}

/**
 * The figure readers' view of a whole document (every sentence).
 *
 * @param text the document's cleaned text
 * @param tokens `doc.tokens`
 * @param sentences `doc.sentences` (to tag each unit with its sentence)
 * @returns units in text order
 */
export function buildWords(text: string, tokens: readonly Token[], sentences: readonly Sentence[] = []): Word[] {
  return build(text, tokens, sentences, false);
}

function build(text: string, tokens: readonly Token[], sentences: readonly Sentence[], filter: boolean): Word[] {
  const words: Word[] = [];
  if (tokenFlags.length < tokens.length) tokenFlags = new Int32Array(tokens.length * 2);
  tokenFlags.fill(0, 0, tokens.length);
  const quotes = new QuoteState(text);
  holdShape("QuoteState", quotes);
  if (sentences.length === 0) {
    appendWords(text, tokens, 0, tokens.length, 0, -1, words, quotes);
    return words;
  }
  // Tokens before `done` are in `words` or left out. A chunk of touching tokens is never cut, even by a
  // sentence boundary (`عام .2003`): it belongs to the sentence it starts in.
  let done = 0;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    const start = s.tokens[0];
    const from = Math.max(start, done);
    const to = Math.min(s.tokens[1], tokens.length);
    if (!filter) {
      if (from < to) done = appendWords(text, tokens, from, to, start, si, words, quotes);
      continue;
    }
    // Windows around the triggers, merged; each widened to whole chunks of touching tokens.
    let trigger = nextTrigger(tokens, from, to);
    while (trigger >= 0) {
      let a = Math.max(from, trigger - BEFORE);
      let b = Math.min(to, trigger + 1 + AFTER);
      // Merge the windows of the triggers that follow within reach; `n` is the first one out of reach.
      let n = nextTrigger(tokens, trigger + 1, to);
      for (; n >= 0 && n - BEFORE <= b; n = nextTrigger(tokens, n + 1, to)) b = Math.min(to, n + 1 + AFTER);
      while (a > done && tokens[a]!.start === tokens[a - 1]!.end) a--;
      // A definite noun phrase before the window (الدور الثاني للدول الـ27) is read back to its head.
      while (a > from && a > done && definiteWord(tokens[a - 1]!)) a--;
      while (a > done && tokens[a]!.start === tokens[a - 1]!.end) a--;
      if (a > done && words.length > 0) {
        // Tokens left out before this window: a marker that matches nothing keeps readers from joining across them.
        const at = words[words.length - 1]!.end;
        words.push(makeWord(at, at, "", "", "punct", false, -1, false, 0, null));
      }
      for (; done < a; done++) quotes.skip(tokens[done]!);
      done = appendWords(text, tokens, a, b, start, si, words, quotes);
      // The tokens between the last trigger and `n` hold none; the last chunk may have run on past `n`.
      trigger = n < 0 || n >= done ? n : nextTrigger(tokens, done, to);
    }
  }
  return words;
}

/**
 * A word with the article (`الدور`، `للدول`، `والثاني`): a window is widened back over these, because
 * the quantities reader walks back over a definite noun phrase to find what a figure counts.
 */
function definiteWord(t: Token): boolean {
  if (t.kind !== "word") return false;
  // The forms of `bareForms`, walked without making them: does one longer than three letters start with ال?
  const s = t.norm;
  let at = 0;
  if (articleAt(s, at)) return true;
  if (s.length > 2 && (s.charCodeAt(0) === WAW || s.charCodeAt(0) === FA)) {
    at = 1;
    if (articleAt(s, at)) return true;
  }
  if (s.length - at > 3 && s.charCodeAt(at) === LAM && s.charCodeAt(at + 1) === LAM) {
    // ال + the rest (always a definite form of more than three letters), then the rest alone.
    return true;
  }
  if (s.length - at > 2) {
    const c = s.charCodeAt(at);
    if (c === BA || c === LAM || c === KAF) {
      at++;
      if (articleAt(s, at)) return true;
    }
  }
  return false;
}

/** `norm.slice(at)` is longer than three letters and starts with ال. */
function articleAt(norm: string, at: number): boolean {
  return norm.length - at > 3 && norm.charCodeAt(at) === ALIF && norm.charCodeAt(at + 1) === LAM;
}

/** Tokens a window keeps before a trigger: qualifiers (ما لا يقل عن), parts of periods, ordinals, year words. */
const BEFORE = 4;
/**
 * Tokens a window keeps after a trigger: units of several words, a country, cents, على الأقل, a year (`5 دولارات
 * أمريكية على الأقل` needs four; a longer phrase has a trigger inside: `أكتوبر (تشرين الأول) الماضي`). Six until
 * session 6: four finds the same on 3,030 articles with 10% fewer units in the view.
 */
const AFTER = 4;

/** Index of the first token in `[from, to)` with a figure or a trigger word, or -1. */
function nextTrigger(tokens: readonly Token[], from: number, to: number): number {
  for (let t = from; t < to; t++) {
    const tok = tokens[t]!;
    const kind = tok.kind;
    if (kind === "word") {
      const f = scanFlags(tok.norm);
      if (f >= 0) {
        tokenFlags[t] = f | KNOWN;
        if ((f & F_TRIGGER) !== 0) return t;
      }
    } else if (kind === "number") return t;
    else if (kind === "latin" && hasDigit(tok.text)) return t;
  }
  return -1;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (classify(s.charCodeAt(i)) === C.Digit) return true;
  return false;
}

/**
 * Append the units of tokens `[from, to)` (the last chunk may run on past `to`) and return the
 * index after the last token taken. Chunks that start before `sentenceStart` belong to the sentence before.
 */
function appendWords(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  sentenceStart: number,
  si: number,
  words: Word[],
  quotes: QuoteState,
): number {
  let i = from;
  while (i < to) {
    // A chunk: tokens that touch.
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.start === tokens[j - 1]!.end) j++;
    const t = tokens[i]!;
    const sentence = i < sentenceStart ? si - 1 : si;
    if (j === i + 1 && (t.kind === "word" || (t.kind === "latin" && !hasDigit(t.text)))) {
      // The common case: one word on its own, already folded by the segmenter.
      words.push(
        makeWord(
          t.start,
          t.end,
          t.text,
          t.norm,
          "word",
          t.start > 0 && classify(text.charCodeAt(t.start - 1)) === C.Space,
          sentence,
          quotes.step(t),
          t.kind === "word" ? flagsOf(tokens, i) : wordFlags(t.norm),
          t,
        ),
      );
    } else scanChunk(text, t.start, tokens[j - 1]!.end, sentence, words, tokens, i, j, quotes);
    i = j;
  }
  return i;
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
  quotes: QuoteState,
): void {
  let p = from;
  let stepped = t0; // tokens whose quotation marks are counted
  let quoted = false;
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
      let seps = 0;
      while (q < to) {
        const d = classify(text.charCodeAt(q));
        if (d === C.Digit) q++;
        else if (d === C.Sep && q + 1 < to && classify(text.charCodeAt(q + 1)) === C.Digit) {
          q += 2;
          seps++;
        } else break;
      }
      if (c === C.Digit && seps === 0) q = raFigureEnd(text, q, to);
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
    // A unit's quotation state counts its own marks (`اليوم»` is still inside).
    while (stepped < t1 && tokens[stepped]!.start < q) quoted = quotes.step(tokens[stepped++]!);
    // A chunk of one whole token (a figure on its own) keeps the token's text and matching form.
    const whole = t1 === t0 + 1 && p === from && q === to;
    const s = whole ? tokens[t0]!.text : text.slice(p, q);
    const norm = whole ? tokens[t0]!.norm : matchForm(s);
    const flags = kind !== "word" ? 0 : whole && tokens[t0]!.kind === "word" ? flagsOf(tokens, t0) : wordFlags(norm);
    out.push(makeWord(p, q, s, norm, kind, spaceBefore(text, p), sentence, quoted, flags, whole ? tokens[t0]! : null));
    p = q;
  }
  while (stepped < t1) quotes.step(tokens[stepped++]!);
}

/** ر, the separator of `5ر32` and `540ر999ر45` (see `raFigureEnd`). */
const RA = 0x631;

/**
 * The end of a figure with ر between its digit groups, or `q` when there is none at `q`. Wire copy from KUNA, dpa,
 * SPA and Egyptian papers writes the groups in reading order right to left, so the logical order starts with the
 * last group: `5ر32` is 32.5, `540ر999ر45` is 45,999,540 (~530 such figures in SaudiNewsNet: `5ر32 مليون جنيه
 * استرليني`، `8ر1 بالمئة`، `(000ر22) مسلم`; `parseFigure` reads them). Digits only between the ر (the figure
 * before has no other separator), and no letter right after the last group: `5ر32` but not `5رجال`.
 *
 * @param q the end of the digits read so far
 */
function raFigureEnd(text: string, q: number, to: number): number {
  let end = q;
  while (end + 1 < to && text.charCodeAt(end) === RA && classify(text.charCodeAt(end + 1)) === C.Digit) {
    let e = end + 1;
    while (e < to && classify(text.charCodeAt(e)) === C.Digit) e++;
    const next = e < to ? text.charCodeAt(e) : 0x20;
    const more = next === RA && e + 1 < to && classify(text.charCodeAt(e + 1)) === C.Digit;
    if (!more && classify(next) === C.Letter) break;
    end = e;
  }
  return end;
}

/** White space right before `at` (a function, not a closure made on every chunk). */
function spaceBefore(text: string, at: number): boolean {
  return at > 0 && classify(text.charCodeAt(at - 1)) === C.Space;
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
 * The letters cut off `w` to reach the first of its `bareForms` that equals `form`, or -1 when none does (a loop,
 * not `forms.find(([f]) => …)`: a closure and an iterator per call on hot paths).
 *
 * @example formCut(wordOf("وشهر"), "شهر") === 1
 */
export function formCut(w: Word | undefined, form: string): number {
  if (w === undefined) return -1;
  const forms = bareOf(w);
  for (let k = 0; k < forms.length; k++) if (forms[k]![0] === form) return forms[k]![1];
  return -1;
}

/**
 * The letters cut off `w` to reach the first of its `bareForms` that `set` holds, or -1 when none is in it.
 */
export function formCutIn(w: Word | undefined, set: { has(key: string): boolean }): number {
  if (w === undefined) return -1;
  const forms = bareOf(w);
  for (let k = 0; k < forms.length; k++) if (set.has(forms[k]![0])) return forms[k]![1];
  return -1;
}

/**
 * Whether `set` holds the matching form or one of its `bareForms`, without building the list
 * (the common negative case of a hot loop).
 */
export function bareIn(set: ReadonlySet<string>, norm: string): boolean {
  // Letters compared by code: `s[0]` would make a one-letter string for every Arabic word.
  if (set.has(norm)) return true;
  let s = norm;
  if (s.length > 2 && (s.charCodeAt(0) === WAW || s.charCodeAt(0) === FA)) {
    s = s.slice(1);
    if (set.has(s)) return true;
  }
  if (s.length > 3 && s.charCodeAt(0) === LAM && s.charCodeAt(1) === LAM)
    return set.has(`ا${s.slice(1)}`) || set.has(s.slice(2));
  const c = s.charCodeAt(0);
  if (s.length > 2 && (c === BA || c === LAM || c === KAF)) {
    s = s.slice(1);
    if (set.has(s)) return true;
  }
  return s.length > 3 && s.charCodeAt(0) === ALIF && s.charCodeAt(1) === LAM && set.has(s.slice(2));
}

const WAW = 0x648; // و
const FA = 0x641; // ف
const BA = 0x628; // ب
const LAM = 0x644; // ل
const KAF = 0x643; // ك
const ALIF = 0x627; // ا

/**
 * Candidate lexicon keys of a word in matching form: itself, then without
 * the conjunction (و ف), a preposition (ب ل ك) and the article (ال، لل).
 * Each comes with the number of letters stripped, to trim spans.
 *
 * @example bareForms("وبالعشرين") → [["وبالعشرين",0],["بالعشرين",1],["العشرين",2],["عشرين",4]]
 */
export function bareForms(norm: string): [string, number][] {
  // Letters compared by code: `s[0]` would make a one-letter string for every Arabic word.
  const out: [string, number][] = [[norm, 0]];
  let s = norm;
  let cut = 0;
  if (s.length > 2 && (s.charCodeAt(0) === WAW || s.charCodeAt(0) === FA)) {
    s = s.slice(1);
    cut++;
    out.push([s, cut]);
  }
  if (s.length > 3 && s.charCodeAt(0) === LAM && s.charCodeAt(1) === LAM) {
    // ل + ال written with one lam: the span keeps the preposition (no letter is the article's alone).
    out.push([`ال${s.slice(2)}`, cut]);
    out.push([s.slice(2), cut + 2]);
    return out;
  }
  const c = s.charCodeAt(0);
  if (s.length > 2 && (c === BA || c === LAM || c === KAF)) {
    s = s.slice(1);
    cut++;
    out.push([s, cut]);
  }
  if (s.length > 3 && s.charCodeAt(0) === ALIF && s.charCodeAt(1) === LAM) out.push([s.slice(2), cut + 2]);
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

/* The view lives on the document (`doc.derived`): the dates and quantities stages share it, and it dies with it. */
const VIEW_KEY = "figure-words";
let windowed = true;

/**
 * Switch the trigger windows of `wordsOf` off (every sentence whole) or back on. For tests and
 * benchmarks that check the windows change no result; the stages always run with them on.
 *
 * @param on true (the default) to read only the windows around figures and trigger words
 */
export function setFigureWindows(on: boolean): void {
  windowed = on;
}

/**
 * The figure readers' view of `doc`, built once and shared by the dates and quantities stages.
 * Only windows of tokens around figures and trigger words (see `isFigureTrigger`) are in it;
 * a marker unit (`sentence` -1, empty text) stands where tokens were left out inside a sentence.
 */
export function wordsOf(doc: Doc): Word[] {
  const cached = doc.derived?.get(VIEW_KEY) as { windowed: boolean; words: Word[] } | undefined;
  if (cached && cached.windowed === windowed) return cached.words;
  const words = build(doc.text, doc.tokens, doc.sentences, windowed);
  (doc.derived ??= new Map()).set(VIEW_KEY, { windowed, words });
  return words;
}
