import type { Token, TokenKind } from "../model/layers.ts";
import { matchForm } from "../normalize/match-form.ts";
import * as cc from "./char-class.ts";

// Local copies: imported bindings can compile to getters (tsx, bundlers), too slow in the per-character loop.
const C_ARABIC = cc.C_ARABIC;
const C_DIGIT = cc.C_DIGIT;
const C_EMOJI = cc.C_EMOJI;
const C_HIGH = cc.C_HIGH;
const C_INVISIBLE = cc.C_INVISIBLE;
const C_LATIN = cc.C_LATIN;
const C_LETTER = cc.C_LETTER;
const C_LINE = cc.C_LINE;
const C_MARK = cc.C_MARK;
const C_PUNCT = cc.C_PUNCT;
const C_SPACE = cc.C_SPACE;
const C_SYMBOL = cc.C_SYMBOL;
const charClass = cc.charClass;
const isAstralEmoji = cc.isAstralEmoji;
const isEmojiCodePoint = cc.isEmojiCodePoint;

/*
 * Token kinds:
 *   word    a run of Arabic-script letters with their harakat and tatweel (and ZWNJ/ZWJ inside);
 *           a tatweel alone is punct (it serves as a dash: بغداد ـ رويترز)
 *   latin   a Latin-script word, letters then optional digits (`G7`, `H1N1`), `'`/`’` between letters (`don't`)
 *   number  digits of any script, with `.` `,` `٫` `٬` `/` `:` kept inside when a digit follows (2.5, 1,000, ٢٫٥, 2024/1/5, 10:30)
 *   punct   one punctuation mark; a run of dots (`...`) is one token
 *   symbol  one symbol ($ € % ٪ ° & + = ...)
 *   emoji   one emoji grapheme: ZWJ sequences, skin tones, variation selectors, flags, keycaps
 *   other   URLs, e-mail addresses, bare domains, hashtags, @mentions; words of other scripts; stray marks
 * Digits glued to letters split (`2024م` → `2024` `م`), so dates and units see the number.
 */

const DOT = 0x2e;
const HASH = 0x23;
const AT = 0x40;
const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const SOFT_HYPHEN = 0x00ad;
const VS15 = 0xfe0e;
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;

/** Make a token of `text[start, end)`, its `norm` and `stem` the matching form. */
export function makeToken(text: string, start: number, end: number, kind: TokenKind): Token {
  const t = text.slice(start, end);
  const norm = matchForm(t);
  return { start, end, text: t, kind, norm, stem: norm, prefix: "", suffix: "" };
}

/**
 * Tokenize `text[start, end)` and append the tokens to `out`, in order. Gaps
 * (whitespace, line breaks, stray invisible characters) belong to no token;
 * every other character belongs to exactly one, and no surrogate pair is split.
 *
 * @param text the document text
 * @param start first offset of the range (inclusive)
 * @param end last offset of the range (exclusive)
 * @param out the token list to extend
 * @returns `out`
 */
export function tokenize(text: string, start: number, end: number, out: Token[] = []): Token[] {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const k = charClass[c]!;
    let j: number;
    let kind: TokenKind;
    switch (k) {
      case C_SPACE:
      case C_LINE:
      case C_INVISIBLE:
        i++;
        continue;
      case C_ARABIC:
        j = scanArabic(text, i + 1, end);
        kind = "word";
        break;
      case C_LATIN: {
        j = scanLatin(text, i + 1, end);
        const special = scanLatinSpecial(text, i, j, end);
        if (special > 0) {
          j = special;
          kind = "other";
        } else kind = "latin";
        break;
      }
      case C_DIGIT:
        j = scanNumber(text, i + 1, end);
        if (
          j < end &&
          (text.charCodeAt(j) === KEYCAP ||
            (text.charCodeAt(j) === VS16 && j + 1 < end && text.charCodeAt(j + 1) === KEYCAP)) &&
          j === i + 1
        ) {
          j = text.charCodeAt(j) === KEYCAP ? j + 1 : j + 2;
          kind = "emoji";
        } else kind = "number";
        break;
      case C_LETTER:
        j = scanLetters(text, i + 1, end);
        kind = "other";
        break;
      case C_MARK:
        j = scanMarks(text, i + 1, end);
        kind = "other";
        break;
      case C_PUNCT:
        if (c === DOT) {
          j = i + 1;
          while (j < end && text.charCodeAt(j) === DOT) j++;
        } else j = i + 1;
        kind = "punct";
        break;
      case C_SYMBOL: {
        const tag = c === HASH ? scanHashtag(text, i + 1, end) : c === AT ? scanMention(text, i + 1, end) : 0;
        if (tag > 0) {
          j = tag;
          kind = "other";
        } else if (i + 1 < end && text.charCodeAt(i + 1) === VS16) {
          j = scanEmoji(text, i, end);
          kind = "emoji";
        } else {
          j = i + 1;
          kind = "symbol";
        }
        break;
      }
      case C_EMOJI:
        j = scanEmoji(text, i, end);
        kind = "emoji";
        break;
      case C_HIGH: {
        const cp = codePointAt(text, i, end);
        if (cp > 0xffff && isAstralEmoji(cp)) {
          j = scanEmoji(text, i, end);
          kind = "emoji";
        } else {
          j = cp > 0xffff ? i + 2 : i + 1;
          kind = "other";
        }
        break;
      }
      default:
        j = i + 1;
        kind = "other";
    }
    const token = makeToken(text, i, j, kind);
    // No letter in it: a tatweel standing alone is a dash (بغداد ـ رويترز), stray harakat are other.
    if (kind === "word" && token.norm === "") token.kind = isAllTatweel(text, i, j) ? "punct" : "other";
    out.push(token);
    i = j;
  }
  return out;
}

function isAllTatweel(text: string, i: number, j: number): boolean {
  for (; i < j; i++) if (text.charCodeAt(i) !== 0x0640) return false;
  return true;
}

// The code point at `i`, or the lone surrogate's code unit when the pair is broken or cut by `end`.
function codePointAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

// Joiners and soft hyphens stay inside a word only when a letter of the same word follows.
function isWordJoiner(c: number): boolean {
  return c === ZWNJ || c === ZWJ || c === SOFT_HYPHEN;
}

function scanArabic(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    const k = charClass[c]!;
    if (k === C_ARABIC || k === C_MARK) i++;
    else if (isWordJoiner(c) && i + 1 < end && charClass[text.charCodeAt(i + 1)] === C_ARABIC) i++;
    else break;
  }
  return i;
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019;
}

function scanLatin(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    const k = charClass[c]!;
    if (k === C_LATIN || k === C_MARK) i++;
    else if (k === C_DIGIT && (c < 0x80 || c > 0xffff)) i++;
    else if ((isApostrophe(c) || isWordJoiner(c)) && i + 1 < end && charClass[text.charCodeAt(i + 1)] === C_LATIN) i++;
    else break;
  }
  return i;
}

function scanLetters(text: string, i: number, end: number): number {
  while (i < end) {
    const k = charClass[text.charCodeAt(i)]!;
    if (k === C_LETTER || k === C_MARK || k === C_DIGIT) i++;
    else break;
  }
  return i;
}

function scanMarks(text: string, i: number, end: number): number {
  while (i < end && charClass[text.charCodeAt(i)] === C_MARK) i++;
  return i;
}

// Separators that stay inside a number when a digit follows: . , ٫ ٬ / :
function isNumberSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x066b || c === 0x066c || c === 0x2f || c === 0x3a;
}

function scanNumber(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (charClass[c] === C_DIGIT) i++;
    else if (isNumberSeparator(c) && i + 1 < end && charClass[text.charCodeAt(i + 1)] === C_DIGIT) i += 2;
    else break;
  }
  return i;
}

function scanEmoji(text: string, i: number, end: number): number {
  let cp = codePointAt(text, i, end);
  let j = i + (cp > 0xffff ? 2 : 1);
  // Flags: two regional indicators.
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
    const next = j < end ? codePointAt(text, j, end) : 0;
    return next >= 0x1f1e6 && next <= 0x1f1ff ? j + 2 : j;
  }
  for (;;) {
    // Modifiers: variation selectors, keycap, skin tones, tag characters (subdivision flags).
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === VS15 || c === VS16 || c === KEYCAP) {
        j++;
        continue;
      }
      cp = codePointAt(text, j, end);
      if ((cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f)) j += 2;
      else break;
    }
    if (j + 1 < end && text.charCodeAt(j) === ZWJ) {
      cp = codePointAt(text, j + 1, end);
      if (isEmojiCodePoint(cp)) {
        j += 1 + (cp > 0xffff ? 2 : 1);
        continue;
      }
    }
    return j;
  }
}

function isTagChar(c: number): boolean {
  const k = charClass[c]!;
  return k === C_ARABIC || k === C_LATIN || k === C_LETTER || k === C_DIGIT || k === C_MARK || c === 0x5f;
}

// `#` followed by a word: a hashtag (Arabic hashtags join words with `_`).
function scanHashtag(text: string, i: number, end: number): number {
  let j = i;
  // ZWNJ/ZWJ stay inside only between tag characters, so a tag never ends on an invisible one.
  while (j < end) {
    const c = text.charCodeAt(j);
    if (isTagChar(c)) j++;
    else if ((c === ZWNJ || c === ZWJ) && j > i && j + 1 < end && isTagChar(text.charCodeAt(j + 1))) j++;
    else break;
  }
  return j > i && hasLetter(text, i, j) ? j : 0;
}

function hasLetter(text: string, i: number, j: number): boolean {
  for (; i < j; i++) {
    const k = charClass[text.charCodeAt(i)]!;
    if (k === C_ARABIC || k === C_LATIN || k === C_LETTER) return true;
  }
  return false;
}

function isAsciiWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

// `@handle` (ASCII, as on X/Twitter and Instagram).
function scanMention(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && isAsciiWord(text.charCodeAt(j))) j++;
  return j > i ? j : 0;
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

function startsWithLower(text: string, i: number, end: number, prefix: string): boolean {
  if (i + prefix.length > end) return false;
  for (let k = 0; k < prefix.length; k++) if (lower(text.charCodeAt(i + k)) !== prefix.charCodeAt(k)) return false;
  return true;
}

/**
 * A URL, e-mail address or bare domain starting at `i` whose first Latin run
 * ends at `j`; returns its end, or 0 when there is none. Called only when the
 * run is followed by a character that can continue one, so plain words pay
 * nothing.
 */
function scanLatinSpecial(text: string, i: number, j: number, end: number): number {
  if (j >= end) return 0;
  const next = text.charCodeAt(j);
  if (next === 0x3a && (startsWithLower(text, i, end, "http://") || startsWithLower(text, i, end, "https://")))
    return scanUrl(text, j, end);
  if (next === DOT && j - i === 3 && startsWithLower(text, i, end, "www.")) return scanUrl(text, j, end);
  if (next === AT || next === DOT || next === 0x5f || next === 0x2d || next === 0x2b || next === 0x25) {
    const mail = scanEmail(text, i, end);
    if (mail > 0) return mail;
    if (next === DOT) {
      const dom = scanDomain(text, i, end);
      if (dom > 0) return dom < end && text.charCodeAt(dom) === 0x2f ? scanUrl(text, dom, end) : dom;
    }
  }
  return 0;
}

// Characters that end a URL: whitespace and the quotes and marks that wrap one in running text.
function isUrlChar(c: number): boolean {
  const k = charClass[c]!;
  if (k === C_SPACE || k === C_LINE || k === C_INVISIBLE) return false;
  return (
    c !== 0x22 &&
    c !== 0x3c &&
    c !== 0x3e &&
    c !== 0xab &&
    c !== 0xbb &&
    c !== 0x201c &&
    c !== 0x201d &&
    c !== 0x060c &&
    c !== 0x061b &&
    c !== 0x061f
  );
}

// Marks a sentence puts after a URL; dropped from its end.
function isUrlTrailer(c: number): boolean {
  return (
    c === DOT ||
    c === 0x2c ||
    c === 0x3b ||
    c === 0x3a ||
    c === 0x21 ||
    c === 0x3f ||
    c === 0x27 ||
    c === 0x5d ||
    c === 0x7d ||
    c === 0x2019
  );
}

function scanUrl(text: string, i: number, end: number): number {
  let j = i;
  let open = 0;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (!isUrlChar(c)) break;
    if (c === 0x28) open++;
    else if (c === 0x29) open--;
    j++;
  }
  // A closing parenthesis stays when the URL opened one (Wikipedia links); otherwise it closes the text around it.
  while (j > i) {
    const c = text.charCodeAt(j - 1);
    if (c === 0x29) {
      if (open >= 0) break;
      open++;
    } else if (!isUrlTrailer(c)) break;
    j--;
  }
  return j;
}

function isEmailLocal(c: number): boolean {
  return isAsciiWord(c) || c === DOT || c === 0x2d || c === 0x2b || c === 0x25;
}

function scanEmail(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && isEmailLocal(text.charCodeAt(j))) j++;
  if (j >= end || text.charCodeAt(j) !== AT || j === i) return 0;
  const dom = scanDomain(text, j + 1, end);
  return dom;
}

function isLowerAscii(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

// `label(.label)+` whose last label is 2+ ASCII letters and every label after
// the first starts lowercase (so `Mr.Smith` and `end.The` are not domains).
function scanDomain(text: string, i: number, end: number): number {
  let j = i;
  let labels = 0;
  let lastStart = i;
  let best = 0;
  for (;;) {
    const labelStart = j;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (isAsciiWord(c) || c === 0x2d) j++;
      else break;
    }
    if (j === labelStart) break;
    if (
      labels > 0 &&
      !isLowerAscii(text.charCodeAt(labelStart)) &&
      !(text.charCodeAt(labelStart) >= 0x30 && text.charCodeAt(labelStart) <= 0x39)
    )
      break;
    labels++;
    lastStart = labelStart;
    if (labels >= 2 && isTld(text, lastStart, j)) best = j;
    if (j + 1 < end && text.charCodeAt(j) === DOT && isAsciiWord(text.charCodeAt(j + 1))) j++;
    else break;
  }
  return best;
}

function isTld(text: string, i: number, j: number): boolean {
  if (j - i < 2 || j - i > 12) return false;
  for (let k = i; k < j; k++) {
    const c = lower(text.charCodeAt(k));
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}
