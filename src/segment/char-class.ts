/**
 * Character classes for the segmenter: one byte per UTF-16 code unit, built
 * once at module load from Unicode properties, so the hot scanning loops do a
 * table lookup per character instead of a regex test.
 */

/** Not classified below: control characters, unassigned code points. */
export const C_OTHER = 0;
/** Horizontal whitespace (space, tab, no-break space, ...). */
export const C_SPACE = 1;
/** A line break: `\n`, `\r`, U+0085, U+2028, U+2029. Paragraphs end here. */
export const C_LINE = 2;
/** A letter of the Arabic script, or a mark (harakat) or tatweel that belongs to one. */
export const C_ARABIC = 3;
/** A letter of the Latin script. */
export const C_LATIN = 4;
/** A letter of any other script (Greek, Cyrillic, Hebrew, CJK, ...). */
export const C_LETTER = 5;
/** A combining mark outside the Arabic script. */
export const C_MARK = 6;
/** A decimal digit of any script (0-9, ٠-٩, ۰-۹, ...). */
export const C_DIGIT = 7;
/** Punctuation (Unicode P*), except the marks moved to symbols. */
export const C_PUNCT = 8;
/** A symbol: currency, math, %, ٪, °, &, #, @ ... */
export const C_SYMBOL = 9;
/** A BMP character that is an emoji (Extended_Pictographic). */
export const C_EMOJI = 10;
/** A high surrogate: the first half of an astral code point. */
export const C_HIGH = 11;
/** A low surrogate (alone it is a broken pair). */
export const C_LOW = 12;
/**
 * An invisible format character (zero-width space/joiners, bidi marks, BOM,
 * soft hyphen). Inside a word it belongs to the word; between tokens it counts
 * as whitespace, so no token is made of invisible characters alone.
 */
export const C_INVISIBLE = 13;

/** The class of every UTF-16 code unit. */
export const charClass = new Uint8Array(0x10000);

// Marks that Unicode calls punctuation but a reader calls a symbol.
const SYMBOL_PUNCT = "%٪‰‱&#@*";

function build(): void {
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  // Script_Extensions, not Script: harakat (U+064B..) are Inherited and tatweel is Common.
  const arabic = /\p{scx=Arabic}/u;
  const latin = /\p{Script=Latin}/u;
  const digit = /\p{Nd}/u;
  const punct = /\p{P}/u;
  const symbol = /\p{S}/u;
  const space = /\s/u;
  const format = /\p{Cf}/u;
  const pictographic = /\p{Extended_Pictographic}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      charClass[c] = c <= 0xdbff ? C_HIGH : C_LOW;
      continue;
    }
    const ch = String.fromCharCode(c);
    let k = C_OTHER;
    if (space.test(ch)) k = C_SPACE;
    else if (format.test(ch)) k = C_INVISIBLE;
    else if (digit.test(ch)) k = C_DIGIT;
    else if (letter.test(ch) || mark.test(ch)) {
      if (arabic.test(ch)) k = C_ARABIC;
      else if (mark.test(ch)) k = C_MARK;
      else if (latin.test(ch)) k = C_LATIN;
      else k = C_LETTER;
    } else if (pictographic.test(ch) && !punct.test(ch) && c >= 0x2000) k = C_EMOJI;
    else if (punct.test(ch)) k = C_PUNCT;
    else if (symbol.test(ch)) k = C_SYMBOL;
    charClass[c] = k;
  }
  for (const ch of SYMBOL_PUNCT) charClass[ch.charCodeAt(0)] = C_SYMBOL;
  // © ® ™ are pictographic but read as symbols in running text.
  for (const c of [0x00a9, 0x00ae, 0x2122, 0x2139]) charClass[c] = C_SYMBOL;
  for (const c of [0x0a, 0x0d, 0x85, 0x2028, 0x2029]) charClass[c] = C_LINE;
  // Visible Arabic format signs (number sign, end of ayah, ...) are marks to keep, not gaps.
  for (const c of [0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06dd, 0x0890, 0x0891, 0x08e2])
    charClass[c] = C_SYMBOL;
}
build();

/** Space, line break or invisible character: what may sit between spans. */
export function isGap(c: number): boolean {
  const k = charClass[c]!;
  return k === C_SPACE || k === C_LINE || k === C_INVISIBLE;
}

/** True for astral code points that are emoji (pictographs, regional indicators, modifiers). */
export function isAstralEmoji(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x1fc00 && cp <= 0x1fffd);
}

/** True for a code point that can continue an emoji ZWJ sequence. */
export function isEmojiCodePoint(cp: number): boolean {
  return cp < 0x10000 ? charClass[cp] === C_EMOJI : isAstralEmoji(cp);
}
