/**
 * A sieve in front of the quote stage's word lists: one byte per hashed
 * (first, second, last letter, length) of a matching form, one bit per list. A
 * word whose bit is clear is in none of that list's entries, and the scanners
 * rule it out with three character reads and one read of a 16 KB table, before
 * hashing the word or slicing a clitic off it. This matters more than the count
 * of instructions: the quote stage runs right after the entities stage, whose
 * model pushes the lexicons' hash tables out of the CPU caches, so each set
 * lookup there costs several cache misses, while the sieve is small enough to
 * stay cached through a document. A shared key is a false "maybe", never a
 * false "no".
 */
export class WordSieve {
  private readonly bits = new Uint8Array(1 << 14);

  /** Register `word` (a matching form) under list `bit` (0..7). */
  add(word: string, bit: number): void {
    if (word.length === 0) return;
    this.bits[sieveKey(word)]! |= 1 << bit;
  }

  /** Register every word of `words` under `bit`. */
  addAll(words: Iterable<string>, bit: number): void {
    for (const w of words) this.add(w, bit);
  }

  /**
   * Whether `word` may be in list `bit`.
   *
   * @returns false only when no registered word of that list shares its key
   */
  may(word: string, bit: number): boolean {
    return word.length > 0 && (this.bits[sieveKey(word)]! & (1 << bit)) !== 0;
  }

  /**
   * All the list bits `word` may have, as one byte (bit `b` set when `may(word, b)`): the token view
   * reads it once per token, and the scanners test bits of it instead of hashing the word again.
   */
  byteOf(word: string): number {
    return word.length > 0 ? this.bits[sieveKey(word)]! : 0;
  }
}

/**
 * A smaller first sieve for the one question asked of every word of a text
 * (can a cue start here?): one bit per (first letter, last letter, length 2..9)
 * of Arabic words, 1.9 KB, so that it stays cached better than the 16 KB sieve;
 * it lets about a fifth of the words through to `WordSieve`.
 */
export class LetterSieve {
  private readonly bits = new Uint32Array(LETTERS * LETTERS * LENGTHS);

  /** Register `word` (a matching form). */
  add(word: string): void {
    const k = letterKey(word);
    if (k >= 0) this.bits[k >>> 5]! |= 1 << (k & 31);
  }

  /** Whether `word` may be registered: words outside the Arabic letters or lengths 2..9 always may. */
  may(word: string): boolean {
    const k = letterKey(word);
    return k < 0 || (this.bits[k >>> 5]! & (1 << (k & 31))) !== 0;
  }
}

/**
 * A sieve keyed on every letter of a word, for a short list asked about every word: a hash of the whole
 * matching form picks one of 64 Ki bits (8 KB). Where `WordSieve` and `LetterSieve` only see three letters and
 * the length, so that many common words share a key with a listed one (`منطقه` with `مطالبه`), this one lets
 * through little more than the listed words themselves. A shared hash is a false "maybe", never a false "no".
 */
export class HashSieve {
  private readonly bits = new Uint32Array(1 << 11);

  /** Register `word` (a matching form). */
  add(word: string): void {
    const k = wordHash(word);
    this.bits[k >>> 5]! |= 1 << (k & 31);
  }

  /** Whether `word` may be registered. */
  may(word: string): boolean {
    const k = wordHash(word);
    return (this.bits[k >>> 5]! & (1 << (k & 31))) !== 0;
  }
}

/** FNV-1a over the UTF-16 code units of `w`, folded to 16 bits. */
function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 16;
}

const LETTERS = 0x64b - 0x621;
const LENGTHS = 8;

/** Bit index of (first letter, last letter, length), or -1 when the word is not an Arabic word of 2..9 letters. */
function letterKey(w: string): number {
  const n = w.length;
  if (n < 2 || n > 9) return -1;
  const a = w.charCodeAt(0) - 0x621;
  const b = w.charCodeAt(n - 1) - 0x621;
  if (a < 0 || a >= LETTERS || b < 0 || b >= LETTERS) return -1;
  return (a * LETTERS + b) * LENGTHS + (n - 2);
}

function sieveKey(w: string): number {
  const h =
    (w.charCodeAt(0) & 0x3f) |
    ((w.charCodeAt(1) & 0x3f) << 6) |
    ((w.charCodeAt(w.length - 1) & 0x3f) << 12) |
    ((w.length & 15) << 18);
  return Math.imul(h, 0x9e3779b1) >>> 18;
}

/** The sieve shared by the quote stage's lexicons (each module registers its lists at load). */
export const SIEVE = new WordSieve();

/**
 * The words a cue can start with, also with و/ف (registered by `cues.ts`): the letter sieve is checked after the
 * trigger bit, and the hash sieve, which reads every letter, only for the words both let through.
 */
export const TRIGGER_SHAPES = new LetterSieve();
/** The hash sieve of the words a cue can start with (see `TRIGGER_SHAPES`). */
export const TRIGGER_WORDS = new HashSieve();

/** Which list a sieve bit stands for. */
export const Lists = {
  /** إن/أن and their forms, also with ب/و/ف written on them. */
  complementizer: 0,
  /** Outlets and audiences written with ل (`لرويترز`, `للصحفيين`, `لصحيفة`). */
  outlet: 1,
  /** First words of time phrases. */
  time: 2,
  /** Setting words (`أمام`, `في`). */
  frame: 3,
  /** Words that end a speaker phrase, and first words of adverbs. */
  stop: 4,
  /** Prepositions, bare, with و/ف, or with a pronoun written on them. */
  prep: 5,
  /** Titles and honorifics, also with و/ف. */
  title: 6,
  /** Words a cue can start with (reporting verbs, source phrases), also with و/ف. */
  trigger: 7,
} as const;

/** The bit of each list in a sieve byte (`TokenView.sieve`): `(view.sieve[k] & Bits.title) !== 0`. */
export const Bits = {
  complementizer: 1 << Lists.complementizer,
  outlet: 1 << Lists.outlet,
  time: 1 << Lists.time,
  frame: 1 << Lists.frame,
  stop: 1 << Lists.stop,
  prep: 1 << Lists.prep,
  title: 1 << Lists.title,
  trigger: 1 << Lists.trigger,
} as const;
