import {
  DAY_PARTS,
  DECADES,
  DEICTIC,
  DUAL_PERIODS,
  MONTHS,
  PERIOD_PARTS,
  PERIODS,
  type PhraseTable,
  PLURAL_PERIODS,
  SEASONS,
  SETS,
  WEEKDAYS,
  YEAR_PARTS,
  YEAR_WORDS,
} from "../dates/calendar-lexicon.ts";
import { NUMBER_WORDS, ORDINALS, QUALIFIERS, TEEN_TAIL, VAGUE_COUNTS } from "./number-lexicon.ts";
import { lookupUnitWord, unitForms } from "./unit-lexicon.ts";

/*
 * Which words make the figure readers look at the tokens around them.
 * Every date and quantity holds a figure or one of these words; the readers only see
 * windows of tokens around them (see `wordsOf`), so an article costs one lookup per
 * token plus the work on its few windows.
 *
 * Left out are the words that make a date or an amount only beside a trigger, which
 * then opens the window for them: prepositions and qualifiers (من، بين، قبل، منذ، نحو،
 * أكثر), year words (عام 2014), ordinals (الرابع من أبريل), parts of periods and days
 * (مطلع، صباح), `أحد` (only before عشر, or as a weekday after يوم or before الأسبوع, which
 * are triggers), `واحد` (alone an adjective, منزل واحد, not a count; in a number, مئة وواحد،
 * another number word stands beside it), time units in the plural (سنوات، أيام: a duration
 * only after a number, which is a trigger).
 *
 * A phrase of several words (ذي القعدة، بعد غد) is triggered by its last word, which is
 * written without clitics, unless that word is an ordinal (كانون الثاني، ربيع الأول، جمادى
 * الآخرة، الربع الأول): ordinals are frequent words of their own whose windows mostly find
 * nothing, so those phrases are triggered by their first word (كانون، ربيع، جمادى، الربع).
 * A window is widened back over a definite noun phrase (see `wordsOf`).
 */
const NOT_ALONE = new Set(["احد", "احدي", "واحد", "واحده", "واحدا"]);

/**
 * Time units that make a duration without a number before them (`قبل يوم`، `منذ عام`: one), see
 * `duration` in find-dates.ts. `ثانية` is left out: it is the ordinal "second" far more often.
 */
export const SINGULAR_TIME_UNITS: ReadonlySet<string> = new Set([
  "يوم",
  "اسبوع",
  "شهر",
  "عام",
  "سنه",
  "ساعه",
  "دقيقه",
  "عقد",
  "قرن",
]);

const WINDOW_TABLES: PhraseTable<unknown>[] = [
  MONTHS,
  WEEKDAYS,
  DECADES,
  SEASONS,
  DEICTIC,
  PERIODS,
  PLURAL_PERIODS,
  DUAL_PERIODS,
  SETS,
  YEAR_PARTS,
] as PhraseTable<unknown>[];

/** Words that rank like ordinals at the end of a month name (ربيع الآخر، جمادى الآخرة). */
const ORDINAL_LIKE = new Set(["اخر", "اخره"]);

const TRIGGERS = new Set<string>([
  ...[...NUMBER_WORDS.keys()].filter((k) => !NOT_ALONE.has(k)),
  ...TEEN_TAIL,
  ...VAGUE_COUNTS.keys(),
  ...unitForms("time").filter((f) => SINGULAR_TIME_UNITS.has(f) || lookupUnitWord(f)?.dual),
]);
for (const table of WINDOW_TABLES) for (const phrase of table.phrases()) TRIGGERS.add(phraseTrigger(phrase));
// The weekday أحد too (WEEKDAYS has it): alone it is "one (of)".
for (const w of NOT_ALONE) TRIGGERS.delete(w);

/**
 * The word that triggers a phrase of a calendar table (words in matching form, joined by one space):
 * its last word, or its first when the last is an ordinal (`كانون الثاني` → `كانون`).
 *
 * @param phrase the phrase
 * @returns one of its words
 */
export function phraseTrigger(phrase: string): string {
  const words = phrase.split(" ");
  const last = words[words.length - 1]!;
  if (words.length === 1) return last;
  return strippedForms(last).some((f) => ORDINALS.has(f) || ORDINAL_LIKE.has(f)) ? words[0]! : last;
}

// Dual units (لترين), with the accusative alif `lookupUnitWord` also accepts.
const DUAL_UNITS = ["currency", "measure"].flatMap((c) =>
  unitForms(c as "currency" | "measure").filter((f) => lookupUnitWord(f)?.dual),
);
for (const f of DUAL_UNITS) TRIGGERS.add(f).add(`${f}ا`);

/*
 * A sieve before the memo: a word can only be a trigger with its clitics if it ends like one.
 * Hashing a token's fresh string for a Map lookup costs far more than reading two or three of
 * its last characters, and most words fail here.
 */
class EndingSieve {
  // For each hash of a form's last three (two) letters, the word lengths it can have: the form's own
  // length plus up to four letters of clitics (و، ب، ال). The tables are small (16 KB, 64 KB) because
  // every word of every article reads them right after the other stages have filled the caches.
  private readonly ends3 = new Uint32Array(1 << 14);
  private readonly ends2 = new Uint32Array(1 << 12);
  private readonly short = new Set<string>();
  constructor(forms: Iterable<string>) {
    for (const t of forms) {
      const lengths = (((1 << 5) - 1) << t.length) >>> 0;
      if (t.length >= 3) this.ends3[end3(t, t.length)]! |= lengths;
      else if (t.length === 2) this.ends2[end2(t, 2)]! |= lengths;
      else this.short.add(t);
    }
  }
  /** False when no form (with clitics before it) can be `norm`. */
  mayHold(norm: string): boolean {
    const n = norm.length;
    if (n < 2) return this.short.has(norm);
    if (n > 31) return false;
    const bit = 1 << n;
    return (this.ends2[end2(norm, n)]! & bit) !== 0 || (n >= 3 && (this.ends3[end3(norm, n)]! & bit) !== 0);
  }
}
function end3(s: string, n: number): number {
  return ((s.charCodeAt(n - 1) * 31 + s.charCodeAt(n - 2)) * 31 + s.charCodeAt(n - 3)) & 0x3fff;
}
// Six low bits of each letter: one slot per pair of Arabic letters (U+0621–U+064A differ in them).
function end2(s: string, n: number): number {
  return ((s.charCodeAt(n - 1) & 0x3f) << 6) | (s.charCodeAt(n - 2) & 0x3f);
}
const TRIGGER_SIEVE = new EndingSieve(TRIGGERS);

/**
 * Whether a word (matching form) calls for a look at the tokens around it: a number word,
 * month, weekday, period, day word, vague count, time unit or dual unit (`دولارين`), with or
 * without its clitics (و ف ب ل ك ال). The `F_TRIGGER` bit of `wordFlags`.
 *
 * @param norm the word's matching form (`Token.norm`)
 * @returns true when the word may start or carry a figure
 */
export function isFigureTrigger(norm: string): boolean {
  return TRIGGER_SIEVE.mayHold(norm) && (wordFlags(norm) & F_TRIGGER) !== 0;
}

/**
 * What the trigger scan needs of a word, cheaply: -1 when no trigger can end like it (most words; the
 * flags are then not looked up), else its `wordFlags` (with `F_TRIGGER` when it is one).
 *
 * @param norm the word's matching form
 * @returns -1 or the flags
 */
export function scanFlags(norm: string): number {
  // The flags' sieve holds every form the triggers' one does: no second sieve.
  return TRIGGER_SIEVE.mayHold(norm) ? cachedFlags(norm) : -1;
}

/*
 * A direct-mapped cache in front of the memo: the frequent words stay in it (2^16 slots kept ~85% of the
 * words that pass the sieve on SaudiNewsNet, 2^12 slots ~55%; 2^17 slots, 4 MB, took a third off the memo
 * lookups left in a line profile), and comparing a word with one slot is much cheaper than a lookup in a Map
 * of many thousand words (a token's norm is a fresh string, so the Map would hash it first). The words are
 * kept in the slots themselves, as char codes beside their flags: a slot is one cache line to read, where an
 * array of strings cost two or three misses (the array, then the string somewhere in the heap) on every word
 * that passes the sieve; the line profile's count on that comparison halved. Words longer than `INLINE`
 * (rare among the words that pass the sieve) go to the memo.
 */
const SLOTS = 1 << 17;
/** Char codes per slot: the length, the flags (two halves), then the word. */
const STRIDE = 16;
const INLINE = STRIDE - 3;
const SLOT_CACHE = new Uint16Array(SLOTS * STRIDE);

function lookupTrigger(norm: string): boolean {
  for (const form of strippedForms(norm)) {
    if (TRIGGERS.has(form)) return true;
  }
  return false;
}

// The forms `bareForms` in word-view.ts tries (kept in step with it), without the cut lengths.
function strippedForms(norm: string): string[] {
  const out = [norm];
  let s = norm;
  if (s.length > 2 && (s[0] === "و" || s[0] === "ف")) {
    s = s.slice(1);
    out.push(s);
  }
  if (s.length > 3 && s.startsWith("لل")) {
    out.push(`ال${s.slice(2)}`, s.slice(2));
    return out;
  }
  if (s.length > 2 && (s[0] === "ب" || s[0] === "ل" || s[0] === "ك")) {
    s = s.slice(1);
    out.push(s);
  }
  if (s.length > 3 && s.startsWith("ال")) out.push(s.slice(2));
  return out;
}

/*
 * Per-word flags, read by the figure readers instead of looking words up in several sets
 * (each lookup with its clitics stripped) again and again.
 */

/** The word can open a date (see `couldStart` in find-dates.ts). */
export const F_DATE = 1;
/** A number word, ordinal or time unit: what a weak opener (من، نحو) needs after it to open a date. */
export const F_NUMERIC = 2;
/** A number word (`readNumber` may start or go on here). */
export const F_NUMBER = 4;
/** A vague count (عشرات، آلاف). */
export const F_VAGUE = 8;
/** A unit of the lexicon (people, currency, measure, time). */
export const F_UNIT = 16;

const QUALIFIER_FIRSTS = QUALIFIERS.map((q) => q.words[0]!);
// Words that can open a temporal expression besides figures and the phrase tables' first words.
const STARTERS = [
  "بين",
  "من",
  "ما",
  "هذا",
  "هذه",
  "فصل",
  "شهر",
  "يوم",
  "قبل",
  "بعد",
  "منذ",
  "خلال",
  "لمده",
  "طوال",
  "مده",
  "اول",
  "اليوم",
];
// Every table a date can start in: the trigger tables and the parts of periods and days (مطلع، صباح).
const DATE_TABLES: PhraseTable<unknown>[] = [...WINDOW_TABLES, PERIOD_PARTS, DAY_PARTS] as PhraseTable<unknown>[];
const TIME_UNITS = unitForms("time");
const DATE_STARTS = new Set<string>([
  ...STARTERS,
  ...YEAR_WORDS,
  ...ORDINALS.keys(),
  ...NUMBER_WORDS.keys(),
  ...QUALIFIER_FIRSTS,
  ...TIME_UNITS,
]);
for (const t of DATE_TABLES) for (const f of t.firstWords()) DATE_STARTS.add(f);

/** Frequent words that open a date only before a figure, a number word or a time unit (من 13 الى 15، نحو عامين). */
export const WEAK_STARTS: ReadonlySet<string> = new Set<string>(["من", "ما", "بين", ...QUALIFIER_FIRSTS]);
/** Weak words that are also the first word of a table phrase in their own right (ما: no; بعد غد: yes). */
export const STRONG_STARTS: ReadonlySet<string> = new Set<string>(
  DATE_TABLES.flatMap((t) => [...t.firstWords()]).filter((f) => WEAK_STARTS.has(f)),
);
const NUMERIC = new Set<string>([
  ...ORDINALS.keys(),
  ...NUMBER_WORDS.keys(),
  ...TIME_UNITS,
  "اول",
  "عام",
  "عامين",
  "شهر",
]);
const NUMBERS = new Set<string>(NUMBER_WORDS.keys());
const VAGUE = new Set<string>(VAGUE_COUNTS.keys());
const UNITS = new Set<string>([
  ...unitForms("people"),
  ...unitForms("currency"),
  ...unitForms("measure"),
  ...TIME_UNITS,
]);
/** First words of the phrase tables, one flag each: a matcher whose table no form of the word starts gives up at once. */
export const F_MONTHS = 1 << 5;
export const F_WEEKDAYS = 1 << 6;
export const F_DECADES = 1 << 7;
export const F_PERIOD_PARTS = 1 << 8;
export const F_SEASONS = 1 << 9;
export const F_DAY_PARTS = 1 << 10;
export const F_DEICTIC = 1 << 11;
export const F_PERIODS = 1 << 12;
export const F_PLURAL_PERIODS = 1 << 13;
export const F_DUAL_PERIODS = 1 << 14;
export const F_SETS = 1 << 15;
export const F_YEAR_PARTS = 1 << 16;
/** A year word (`عام`، `للعام`). */
export const F_YEAR_WORD = 1 << 17;
/** What a day of the month can start with besides a figure: an ordinal, `اليوم`, `أول`, `بين`, `من`, `ما`. */
export const F_DAY_START = 1 << 18;
/** What a duration can start with besides a figure: a preposition, a qualifier, a number word, a time unit. */
export const F_DURATION_START = 1 << 19;
/** `شهر` (before a month: شهر رمضان، شهر 3). */
export const F_SHAHR = 1 << 20;
/** `يوم` (before a weekday or a day word). */
export const F_YOM = 1 << 21;
/** `هذا`، `هذه` (before a period: هذا العام). */
export const F_THIS = 1 << 22;
/** `فصل` (before a season). */
export const F_FASL = 1 << 23;
/** The first word of a qualifier (`نحو`، `أكثر` of أكثر من). */
export const F_QUALIFIER = 1 << 24;
/** The word itself (not a form without clitics) is one of `WEAK_STARTS` and not of `STRONG_STARTS`. */
export const F_WEAK_ONLY = 1 << 25;
/** A trigger word (see `isFigureTrigger`): the figure readers' windows open around it. */
export const F_TRIGGER = 1 << 26;
/** The word itself is a one-word time unit (`lookupUnitWord` finds a unit of time: `أيام`، `يوما`). */
export const F_TIME_UNIT = 1 << 27;

const FLAG_SETS: [Set<string>, number][] = [
  [DATE_STARTS, F_DATE],
  [NUMERIC, F_NUMERIC],
  [NUMBERS, F_NUMBER],
  [VAGUE, F_VAGUE],
  [UNITS, F_UNIT],
  [new Set(MONTHS.firstWords()), F_MONTHS],
  [new Set(WEEKDAYS.firstWords()), F_WEEKDAYS],
  [new Set(DECADES.firstWords()), F_DECADES],
  [new Set(PERIOD_PARTS.firstWords()), F_PERIOD_PARTS],
  [new Set(SEASONS.firstWords()), F_SEASONS],
  [new Set(DAY_PARTS.firstWords()), F_DAY_PARTS],
  [new Set(DEICTIC.firstWords()), F_DEICTIC],
  [new Set(PERIODS.firstWords()), F_PERIODS],
  [new Set(PLURAL_PERIODS.firstWords()), F_PLURAL_PERIODS],
  [new Set(DUAL_PERIODS.firstWords()), F_DUAL_PERIODS],
  [new Set(SETS.firstWords()), F_SETS],
  [new Set(YEAR_PARTS.firstWords()), F_YEAR_PARTS],
  [new Set(YEAR_WORDS), F_YEAR_WORD],
  [new Set([...ORDINALS.keys(), "اليوم", "اول", "بين", "من", "ما"]), F_DAY_START],
  [
    new Set([
      ...["قبل", "بعد", "منذ", "خلال", "لمده", "طوال", "مده"],
      ...QUALIFIER_FIRSTS,
      ...NUMBER_WORDS.keys(),
      ...TIME_UNITS,
    ]),
    F_DURATION_START,
  ],
  [new Set(["شهر"]), F_SHAHR],
  [new Set(["يوم"]), F_YOM],
  [new Set(["هذا", "هذه"]), F_THIS],
  [new Set(["فصل"]), F_FASL],
  [new Set(QUALIFIER_FIRSTS), F_QUALIFIER],
];

// One sieve, slot cache and memo for the flags and the trigger bit: the trigger scan looks a word up once (see
// `scanFlags`) and the word view reuses the flags of the words in its windows. The sieve holds the triggers too
// (so every word the triggers' sieve lets through passes it), and the time units with the accusative alif
// (`يوما`), which `lookupUnitWord` accepts (for `F_TIME_UNIT`).
const FLAG_SIEVE = new EndingSieve([
  ...FLAG_SETS.flatMap(([set]) => [...set]),
  ...TRIGGERS,
  ...TIME_UNITS.map((f) => `${f}ا`),
]);
// Memo of `wordFlags` by matching form: news vocabulary is Zipfian, so nearly every lookup is one Map hit.
const flagMemo = new Map<string, number>();
const MEMO_MAX = 100_000;

/*
 * A Bloom filter of every word that can have flags, in front of the slot cache: of the words the ending sieve lets
 * through, three in four have none (إيران، فيما، الدكتور), and each of them cost a read of a random slot in a 4 MB
 * table, out of the CPU's caches by the time the stage runs (the foundation stages fill them). The filter (128 KB)
 * answers most of them from the word's hash alone. It holds each form of the sets with every clitic `strippedForms`
 * takes off (و ف, ب ل ك, ال, لل): a word with flags has one of its forms in a set, so it is always in the filter.
 */
const BLOOM_BITS = 1 << 20;
const BLOOM = new Int32Array(BLOOM_BITS >>> 5);

/** The slot cache's hash of a word (`cachedFlags`). */
function wordHash(norm: string): number {
  const n = norm.length;
  let h = n;
  for (let i = 0; i < n; i++) h = (h * 31 + norm.charCodeAt(i)) | 0;
  return h;
}
function bloomAdd(h: number): void {
  const a = h & (BLOOM_BITS - 1);
  const b = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 12;
  BLOOM[a >>> 5]! |= 1 << (a & 31);
  BLOOM[b >>> 5]! |= 1 << (b & 31);
}
function bloomHas(h: number): boolean {
  const a = h & (BLOOM_BITS - 1);
  if ((BLOOM[a >>> 5]! & (1 << (a & 31))) === 0) return false;
  const b = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 12;
  return (BLOOM[b >>> 5]! & (1 << (b & 31))) !== 0;
}

/**
 * Every word whose `strippedForms` include `form`: the form with the clitics `strippedForms` takes off before it.
 *
 * @param form a form of one of the sets
 * @returns the words (a superset: length conditions aside)
 */
export function cliticVariants(form: string): string[] {
  const out: string[] = [];
  for (const c1 of ["", "و", "ف"]) {
    for (const c2 of ["", "ب", "ل", "ك"]) for (const c3 of ["", "ال"]) out.push(c1 + c2 + c3 + form);
    out.push(`${c1}لل${form}`);
    if (form.startsWith("ال")) out.push(`${c1}لل${form.slice(2)}`);
  }
  return out;
}
{
  const forms = new Set<string>([
    ...FLAG_SETS.flatMap(([set]) => [...set]),
    ...TRIGGERS,
    ...WEAK_STARTS,
    ...TIME_UNITS,
    ...TIME_UNITS.map((f) => `${f}ا`),
  ]);
  for (const f of forms) for (const w of cliticVariants(f)) bloomAdd(wordHash(w));
}

/**
 * The flags (`F_DATE`, `F_NUMERIC`, `F_NUMBER`, `F_VAGUE`, `F_UNIT`, ...) of a word: which sets hold
 * it or one of its forms without clitics (و ف ب ل ك ال, as `bareIn` in word-view.ts strips them),
 * whether it is a trigger (`F_TRIGGER`) and a unit of time (`F_TIME_UNIT`).
 *
 * @param norm the word's matching form
 * @returns the flags, 0 for most words
 */
export function wordFlags(norm: string): number {
  return FLAG_SIEVE.mayHold(norm) ? cachedFlags(norm) : 0;
}

/** `wordFlags` of a word that passed the sieve: from its cache slot, the memo, or the sets. */
function cachedFlags(norm: string): number {
  const n = norm.length;
  const h = wordHash(norm);
  if (!bloomHas(h)) return 0;
  const at = ((h ^ (h >>> 15)) & (SLOTS - 1)) * STRIDE;
  const cache = SLOT_CACHE;
  if (cache[at] === n) {
    let k = 0;
    while (k < n && cache[at + 3 + k] === norm.charCodeAt(k)) k++;
    if (k === n) return cache[at + 1]! | (cache[at + 2]! << 16);
  }
  let flags = flagMemo.get(norm);
  if (flags === undefined) {
    flags = lexiconFlags(norm);
    if (flagMemo.size >= MEMO_MAX) flagMemo.clear();
    flagMemo.set(norm, flags);
  }
  if (n <= INLINE) {
    cache[at] = n;
    cache[at + 1] = flags & 0xffff;
    cache[at + 2] = flags >>> 16;
    for (let k = 0; k < n; k++) cache[at + 3 + k] = norm.charCodeAt(k);
  }
  return flags;
}

/**
 * `wordFlags` computed from the sets, with no sieve, filter or cache in front (what the fast path must agree with).
 *
 * @param norm the word's matching form
 * @returns the flags
 */
export function lexiconFlags(norm: string): number {
  let flags = 0;
  const forms = strippedForms(norm);
  for (const [set, flag] of FLAG_SETS) for (const f of forms) if (set.has(f)) flags |= flag;
  if (WEAK_STARTS.has(norm) && !STRONG_STARTS.has(norm)) flags |= F_WEAK_ONLY;
  if (lookupTrigger(norm)) flags |= F_TRIGGER;
  if (lookupUnitWord(norm)?.category === "time") flags |= F_TIME_UNIT;
  return flags;
}
