import { ORDINALS, QUALIFIERS } from "../numbers/number-lexicon.ts";
import { readNumber } from "../numbers/read-number.ts";
import { lookupUnitWord } from "../numbers/unit-lexicon.ts";
import {
  F_DATE,
  F_DAY_PARTS,
  F_DAY_START,
  F_DECADES,
  F_DEICTIC,
  F_DUAL_PERIODS,
  F_DURATION_START,
  F_FASL,
  F_MONTHS,
  F_NUMERIC,
  F_PERIOD_PARTS,
  F_PERIODS,
  F_PLURAL_PERIODS,
  F_QUALIFIER,
  F_SEASONS,
  F_SETS,
  F_SHAHR,
  F_THIS,
  F_TIME_UNIT,
  F_NUMBER,
  F_WEEKDAYS,
  F_YEAR_PARTS,
  F_YEAR_WORD,
  F_YOM,
  F_WEAK_ONLY,
  SINGULAR_TIME_UNITS,
} from "../numbers/figure-triggers.ts";
import { bareIn, bareOf, formCut, formCutIn, type Word } from "../numbers/word-view.ts";
import { holdShape } from "../../model/hold-shape.ts";
import { gregorianToHijri, hijriToGregorian } from "../hijri.ts";
import {
  DAY_PARTS,
  DECADES,
  DEICTIC,
  DEICTIC_NOT_AFTER,
  DUAL_PERIODS,
  FUTURE,
  GREGORIAN_MARKERS,
  HIJRI_MARKERS,
  MONTHS,
  type MonthName,
  PAST,
  PERIOD_PARTS,
  PERIODS,
  PLURAL_PERIODS,
  PRESENT,
  type PhraseTable,
  SEASONS,
  SETS,
  WEEKDAY_NOT_BEFORE,
  WEEKDAYS,
  YEAR_PARTS,
  YEAR_PREPOSITIONS,
  YEAR_WORDS,
} from "./calendar-lexicon.ts";

/** A temporal expression found in the units, before resolution. */
export interface FoundDate {
  /** First and one-past-last unit. */
  from: number;
  to: number;
  /** Letters of a clitic to cut off the first unit (`وأمس`). */
  cut: number;
  /** TIMEX3-like value (see ../shared/gold/README.md). */
  value: string;
  calendar: "gregorian" | "hijri";
  /** The Hijri original of a converted date (`1436-09-04H`). */
  hijri?: string;
  /** Part of the period: START, MID, END. */
  mod?: string;
  /** Part of the day: MO, AF, EV, NI. */
  part?: string;
  /** Relative direction of a named month or weekday (`أكتوبر المقبل`). */
  direction?: "past" | "future";
  /** ISO weekday written next to a day of the month (`الخميس 15 أغسطس`): picks the year. */
  weekday?: number;
  /** Week a weekday lies in, relative to the publication week (`الأحد من الأسبوع الماضي` = -1). */
  weekOffset?: number;
  /** A point in time counted back or forward (`قبل أسبوع`), not a calendar period. */
  point?: true;
  /** Month of a day relative to the publication month (`24 من الشهر الماضي` = -1). */
  monthOffset?: number;
  /** Year of a part of a year relative to the publication year (`الربع الأول من العام الماضي` = -1). */
  yearOffset?: number;
}

/** What the finder needs besides the units (whether a unit is quoted is on the unit: `Word.quoted`). */
export interface FindContext {
  text: string;
  /**
   * The publication date (ISO), when it is known. A year written after عام or سنة with no calendar marker, from
   * 1300 to one past the publication's Hijri year, is read as Hijri: Saudi papers write `العام 1436` and `منذ عام
   * 1396` without هـ, and no Hijri year after the publication is news. Without it (or above it: `ولد في عام 1473`)
   * the year is Gregorian.
   */
  published?: string | undefined;
}

// Function words that start like a definite noun: إلى، إلا، الذي، التي، الذين، اللذين، اللتين.
const FUNCTION_AL = new Set(["الي", "الا", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي", "الان"]);
const SEPARATORS = new Set(["/", "-", "–", "—", "\\", "."]);
const RANGE_WORDS = new Set(["الي", "حتي", "و", "-", "–", "—", "لغايه"]);
const TIME_UNIT_ISO: Record<string, [string, number]> = {
  D: ["D", 1],
  W: ["W", 1],
  M: ["M", 1],
  Y: ["Y", 1],
  "10Y": ["Y", 10],
  "100Y": ["Y", 100],
};
// A Map, not an object literal: nearly every duration's unit (day, month, year) is missing from it, and a missing
// key was a slow lookup on a hot line of `duration`.
const TIME_UNIT_CANON = new Map<string, string>([
  ["s", "TS"],
  ["min", "TM"],
  ["h", "TH"],
]);

const NO_FORMS: [string, number][] = [["", 0]];
/** Demonstratives before a period (`هذا العام`). */
const DEMONSTRATIVES = new Set(["هذا", "هذه"]);
/** Prepositions before a duration (`قبل ثلاثة أيام`). */
const DURATION_PREPS = new Set(["قبل", "بعد", "منذ", "خلال", "لمده", "طوال", "مده"]);
/** Particles after a year-like figure that do not make it a count (`2014 و`). */
const YEAR_NOUN_PARTICLES = new Set(["و", "في", "من", "الي", "حتي", "عن", "او"]);

/** The first of `forms` (see `bareForms`) that `set` holds. */
function formIn(forms: readonly [string, number][], set: ReadonlySet<string>): [string, number] | undefined {
  for (let k = 0; k < forms.length; k++) if (set.has(forms[k]![0])) return forms[k];
  return undefined;
}

/**
 * Whether `bareForms(norm)` is the word alone (`[[norm, 0]]`): it strips a clitic only from a word of three
 * letters or more that starts with و ف ب ل ك, or of four or more that starts with ال. Most words the matchers
 * look at are bare (في، على، أمس، نحو): their answer is read off the word, and no list of forms is made for
 * them (of the words whose forms the dates reader made, two in three were made for it alone: the quantities
 * reader never asks for them).
 *
 * @param norm a word's matching form
 * @returns true when `bareForms(norm)` has one form (false may still mean one)
 */
export function oneForm(norm: string): boolean {
  const n = norm.length;
  if (n <= 2) return true;
  const c = norm.charCodeAt(0);
  if (c === 0x648 || c === 0x641 || c === 0x628 || c === 0x644 || c === 0x643) return false; // و ف ب ل ك
  return !(n > 3 && c === 0x627 && norm.charCodeAt(1) === 0x644); // ال
}

/** `formCut(w, form)` answered from the word itself when it is `form` or has no other form. */
function cutOf(w: Word | undefined, form: string): number {
  if (w === undefined) return -1;
  if (w.norm === form) return 0; // the first form is the word
  return oneForm(w.norm) ? -1 : formCut(w, form);
}

/** `formCutIn(w, set)` answered from the word itself when the set holds it or it has no other form. */
function cutIn(w: Word | undefined, set: ReadonlySet<string>): number {
  if (w === undefined) return -1;
  if (set.has(w.norm)) return 0; // the first form is the word
  return oneForm(w.norm) ? -1 : formCutIn(w, set);
}

/** `Finder.may` mask bit: a figure may start it. */
const NUM = 1 << 30;

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function intOf(w: Word | undefined): number | undefined {
  if (w?.kind !== "num") return undefined;
  // `/^\d+$/` by char codes: this runs several times on every figure.
  const s = w.norm;
  if (s.length === 0) return undefined;
  // The value is summed on the way (exact up to 15 digits); `Number(s)` was a hot line.
  let v = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return undefined;
    v = v * 10 + (c - 0x30);
  }
  return s.length <= 15 ? v : Number(s);
}

/*
 * The flag of each phrase table's first words (see figure-triggers.ts): a unit without it starts no phrase of
 * the table, with or without its clitics, so `matchAt` gives up before making the unit's forms (most calls
 * look at the unit after a figure or a day: `5 ملايين`، `15 من`).
 */
const TABLE_FLAGS = new Map<PhraseTable<unknown>, number>([
  [MONTHS, F_MONTHS],
  [WEEKDAYS, F_WEEKDAYS],
  [DECADES, F_DECADES],
  [PERIOD_PARTS, F_PERIOD_PARTS],
  [SEASONS, F_SEASONS],
  [DAY_PARTS, F_DAY_PARTS],
  [DEICTIC, F_DEICTIC],
  [PERIODS, F_PERIODS],
  [PLURAL_PERIODS, F_PLURAL_PERIODS],
  [DUAL_PERIODS, F_DUAL_PERIODS],
  [SETS, F_SETS],
  [YEAR_PARTS, F_YEAR_PARTS],
] as [PhraseTable<unknown>, number][]);

/** Match a phrase table at `i`, the first word allowed to carry a clitic. */
function matchAt<V>(
  table: PhraseTable<V>,
  words: readonly Word[],
  i: number,
  clitic = true,
  article = true,
): { value: V; words: number; cut: number } | undefined {
  const w = words[i];
  if (w?.kind !== "word") return undefined;
  const flag = TABLE_FLAGS.get(table as PhraseTable<unknown>);
  if (flag !== undefined && (w.flags & flag) === 0) return undefined;
  const to = Math.min(words.length, i + 4);
  if (!clitic) {
    const m = table.matchWords(w.norm, words, i + 1, to, w.sentence);
    return m ? { value: m.value, words: m.words, cut: 0 } : undefined;
  }
  // The first form is the word itself, cut 0 (the article test below never skips it): most matches
  // (اليوم، أمس، الاثنين) need no other, and a word with no other form needs no list of them.
  const norm = w.norm;
  if (table.starts(norm)) {
    const m = table.matchWords(norm, words, i + 1, to, w.sentence);
    if (m) return { value: m.value, words: m.words, cut: 0 };
  }
  if (oneForm(norm)) return undefined;
  const forms = bareOf(w);
  for (let f = 1; f < forms.length; f++) {
    const [form, cut] = forms[f]!;
    if (!table.starts(form)) continue;
    if (!article && cut >= 2 && w.norm.charCodeAt(cut - 2) === 0x627 && w.norm.charCodeAt(cut - 1) === 0x644) continue;
    const m = table.matchWords(form, words, i + 1, to, w.sentence);
    if (m) return { value: m.value, words: m.words, cut };
  }
  return undefined;
}

/**
 * Find temporal expressions in a run of units.
 *
 * @returns dates in text order, not overlapping
 */
export function findDates(words: readonly Word[], ctx: FindContext): FoundDate[] {
  const out: FoundDate[] = [];
  const f = new Finder(words, ctx);
  holdShape("Finder", f);
  let i = 0;
  while (i < words.length) {
    if (!couldStart(words, i)) {
      i++;
      continue;
    }
    const d = f.at(i);
    if (d) {
      out.push(d);
      i = d.to;
      // بين عامي 2004 و2012 واستخدمت: a year-like figure joined by و to a year just read is a year as well,
      // though a word follows it that would make a lone figure a count (2012 زاد).
      for (let y = f.coordinatedYear(out[out.length - 1]!); y; y = f.coordinatedYear(y)) {
        out.push(y);
        i = y.to;
      }
    } else i++;
  }
  // الخميس 15 أغسطس: the weekday tells which year the day is in. The distance first, then the values by
  // char codes: two regexes on every pair of neighbouring dates were a hot spot of the stage.
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k]!;
    const b = out[k + 1]!;
    if (b.from - a.to > 3) continue;
    const wd = weekdayOf(a.value);
    if (wd > 0 && isDayOfMonth(b.value)) b.weekday = wd;
  }
  return out;
}

/** Whether a value is a year and nothing more (`2014`). */
function isYearValue(value: string): boolean {
  return (
    value.length === 4 &&
    isDigit(value.charCodeAt(0)) &&
    isDigit(value.charCodeAt(1)) &&
    isDigit(value.charCodeAt(2)) &&
    isDigit(value.charCodeAt(3))
  );
}

/** The ISO weekday of a value `XXXX-WXX-d` (d from 1 to 7: `/^XXXX-WXX-([1-7])$/`), or 0. */
function weekdayOf(value: string): number {
  if (value.length !== 10 || !value.startsWith("XXXX-WXX-")) return 0;
  const d = value.charCodeAt(9) - 0x30;
  return d >= 1 && d <= 7 ? d : 0;
}

/** Whether a value is a day of a month of no year: `/^XXXX-\d\d-\d\d$/`. */
function isDayOfMonth(value: string): boolean {
  return (
    value.length === 10 &&
    value.startsWith("XXXX-") &&
    isDigit(value.charCodeAt(5)) &&
    isDigit(value.charCodeAt(6)) &&
    value.charCodeAt(7) === 0x2d &&
    isDigit(value.charCodeAt(8)) &&
    isDigit(value.charCodeAt(9))
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/*
 * The last unit of time of each sentence (at the sentence's index + 1: -1 is the sentence of markers), for
 * `Finder.timeUnitFrom`: one pair of arrays for every document, an entry valid only under the stamp of the finder
 * that wrote it (finders run one after the other). A Map per document, then a typed array per document, were hot
 * lines of `duration` (the Map's `get`, the array's allocation).
 */
let TIME_UNIT_LAST = new Int32Array(256);
let TIME_UNIT_STAMP = new Int32Array(256);
let timeUnitStamp = 0;

/** A stamp no entry of `TIME_UNIT_STAMP` holds yet. */
function nextTimeUnitStamp(): number {
  if (timeUnitStamp >= 0x3fffffff) {
    timeUnitStamp = 0;
    TIME_UNIT_STAMP.fill(0);
  }
  return ++timeUnitStamp;
}

/** Record `unit` as the last unit of time of the sentence at `at` (units come in order). */
function noteTimeUnit(at: number, unit: number, stamp: number): void {
  if (at >= TIME_UNIT_STAMP.length) {
    const size = Math.max(at + 1, TIME_UNIT_STAMP.length * 2);
    const last = new Int32Array(size);
    last.set(TIME_UNIT_LAST);
    const stamps = new Int32Array(size);
    stamps.set(TIME_UNIT_STAMP);
    TIME_UNIT_LAST = last;
    TIME_UNIT_STAMP = stamps;
  }
  TIME_UNIT_LAST[at] = unit;
  TIME_UNIT_STAMP[at] = stamp;
}

class Finder {
  /** This finder's stamp in `TIME_UNIT_STAMP` (0: the units of time are not listed yet; see `timeUnitFrom`). */
  private timeUnits = 0;
  /** The publication's Hijri year, worked out on first use (-1: not yet; 0: no publication date). */
  private hijriNow = -1;

  constructor(
    private readonly w: readonly Word[],
    private readonly ctx: FindContext,
  ) {}

  /** The Hijri year of `ctx.published`, or 0 when there is none (then no unmarked year is Hijri). */
  private publishedHijriYear(): number {
    if (this.hijriNow < 0) {
      const iso = this.ctx.published;
      this.hijriNow = iso
        ? gregorianToHijri(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))).year
        : 0;
    }
    return this.hijriNow;
  }

  /**
   * Whether a word with `F_TIME_UNIT` lies at `k` or after it in the sentence of the unit at `i`. A duration
   * ends in such a word, after `k` and in that sentence, whatever the number before it is: without one there is no
   * duration to read, and `duration` skips the preposition's forms, the qualifier and `readNumber` (it read the
   * number at every figure for nothing: no unit of time follows most figures).
   */
  private timeUnitFrom(i: number, k: number): boolean {
    if (this.timeUnits === 0) {
      // One pass over the units, a flag test each (few are units of time).
      this.timeUnits = nextTimeUnitStamp();
      const w = this.w;
      for (let j = 0; j < w.length; j++) {
        const x = w[j]!;
        if (x.kind === "word" && (x.flags & F_TIME_UNIT) !== 0) noteTimeUnit(x.sentence + 1, j, this.timeUnits);
      }
    }
    const at = this.w[i]!.sentence + 1;
    return at < TIME_UNIT_STAMP.length && TIME_UNIT_STAMP[at] === this.timeUnits && TIME_UNIT_LAST[at]! >= k;
  }

  private same(i: number, j: number): boolean {
    const a = this.w[i];
    const b = this.w[j];
    return !!a && !!b && a.sentence === b.sentence;
  }

  /** Whether the unit at `i` is a figure (when `mask` has `NUM`) or a word with one of the flags in `mask`. */
  private may(i: number, mask: number): boolean {
    const w = this.w[i];
    if (!w) return false;
    if (w.kind === "num") return (mask & NUM) !== 0;
    return (w.flags & mask) !== 0;
  }

  /**
   * Whether the unit at `i` has `flag` (a word, then: figures and marks have none). A flag of one word
   * (`F_SHAHR`, `F_YOM`, `F_THIS`, `F_FASL`) says whether one of its forms is that word, without making the forms.
   */
  private has(i: number, flag: number): boolean {
    const w = this.w[i];
    return w !== undefined && (w.flags & flag) !== 0;
  }

  /** `bareForms` of the unit at `i` (cached on the unit). */
  private forms(i: number): [string, number][] {
    const w = this.w[i];
    return w ? bareOf(w) : NO_FORMS;
  }

  private norm(i: number): string {
    return this.w[i]?.norm ?? "";
  }

  at(i: number): FoundDate | undefined {
    // A figure passes the `may` test of four matchers only (they take `NUM`): the others are not called for
    // one (57,630 calls per 3,000 articles, 23% on figures; a figure is no word for `numericDate`).
    if (this.w[i]?.kind === "num") return this.numericDate(i) ?? this.dayMonth(i) ?? this.year(i) ?? this.duration(i);
    return (
      this.numericDate(i) ??
      this.withPart(i) ??
      this.dayMonth(i) ??
      this.month(i) ??
      this.weekday(i) ??
      this.deictic(i) ??
      this.yearPart(i) ??
      this.year(i) ??
      this.decade(i) ??
      this.relativePeriod(i) ??
      this.duration(i) ??
      this.set(i) ??
      this.season(i)
    );
  }

  /** `مطلع آذار`، `منتصف رمضان 1445 هـ`، `أواخر التسعينات`، `بداية العام الحالي`. */
  private withPart(i: number): FoundDate | undefined {
    if (!this.may(i, F_PERIOD_PARTS)) return undefined;
    const p = matchAt(PERIOD_PARTS, this.w, i, true, false);
    if (!p) return undefined;
    let j = i + p.words;
    if (this.norm(j) === "من" || this.norm(j) === "شهر") j++;
    if (!this.same(i, j)) return undefined;
    const inner =
      this.dayMonth(j) ??
      this.month(j, true) ??
      this.yearPart(j) ??
      this.year(j, true) ??
      this.decade(j) ??
      this.relativePeriod(j);
    if (!inner || inner.cut > 0) return undefined;
    // `inner` is a result made for this call alone: completed in place rather than copied by a spread
    // (same fields in the same order: `from` and `cut` stay where they are, `mod` comes last).
    inner.from = i;
    inner.cut = p.cut;
    inner.mod = p.value;
    return inner;
  }

  /** `15/1/2024`، `2024-01-15`، `4 – 9 - 1436هـ`، `2/2013`، `2015/2016`. */
  private numericDate(i: number): FoundDate | undefined {
    const a = this.w[i];
    if (a?.kind !== "num") return undefined;
    // d.m.yyyy has 8 to 10 characters: most figures need no regex.
    const dotted = a.norm.length >= 8 ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(a.norm) : null;
    if (dotted) return this.dmy(i, i + 1, Number(dotted[1]), Number(dotted[2]), Number(dotted[3]));
    const n1 = intOf(a);
    if (n1 === undefined) return undefined;
    // Most figures stand alone: no separator after them, no list of parts to make.
    const sep1 = this.w[i + 1];
    if (sep1?.kind !== "punct" || !SEPARATORS.has(sep1.text)) return undefined;
    const parts = [n1];
    let j = i + 1;
    while (parts.length < 3) {
      const sep = this.w[j];
      const next = this.w[j + 1];
      if (sep?.kind !== "punct" || !SEPARATORS.has(sep.text) || !this.same(i, j + 1)) break;
      const v = intOf(next);
      if (v === undefined) break;
      parts.push(v);
      j += 2;
    }
    if (parts.length === 3) {
      const [x, y, z] = parts as [number, number, number];
      if (x >= 1000) return this.ymd(i, j, x, y, z);
      return this.dmy(i, j, x, y, z);
    }
    if (parts.length === 2) {
      const [x, y] = parts as [number, number];
      const sep = this.w[i + 1]!.text;
      if (sep !== "/" && sep !== "-") return undefined;
      // 2015/2016 (a season), 2016-2030 (a plan's span)
      if (x >= 1900 && x <= 2100 && y > x && y <= 2100 && this.w[j - 1]!.norm.length === 4) {
        const to = GREGORIAN_MARKERS.has(this.norm(j)) ? j + 1 : j;
        return { from: i, to, cut: 0, value: `${x}/${y}`, calendar: "gregorian" };
      }
      if (sep === "/" && x >= 1 && x <= 12 && y >= 1900 && y <= 2100 && this.w[i]!.norm.length <= 2) {
        return { from: i, to: j, cut: 0, value: `${y}-${pad(x)}`, calendar: "gregorian" };
      }
    }
    return undefined;
  }

  private ymd(i: number, j: number, y: number, m: number, d: number): FoundDate | undefined {
    if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
    return this.finishDate(i, j, y, m, d);
  }

  private dmy(i: number, j: number, d: number, m: number, y: number): FoundDate | undefined {
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 2200) return undefined;
    return this.finishDate(i, j, y, m, d);
  }

  private finishDate(i: number, j: number, y: number, m: number, d: number): FoundDate {
    const marker = this.norm(j);
    const hijri = HIJRI_MARKERS.has(marker) || (!GREGORIAN_MARKERS.has(marker) && y >= 1300 && y <= 1500);
    const to = HIJRI_MARKERS.has(marker) || GREGORIAN_MARKERS.has(marker) ? j + 1 : j;
    if (!hijri) return { from: i, to, cut: 0, value: `${y}-${pad(m)}-${pad(d)}`, calendar: "gregorian" };
    return this.hijriDay(i, to, y, m, d);
  }

  private hijriDay(i: number, to: number, y: number, m: number, d: number, cut = 0): FoundDate {
    const original = `${y}-${pad(m)}-${pad(d)}H`;
    const g = hijriToGregorian(y, m, d);
    if (!g) return { from: i, to, cut, value: original, calendar: "hijri" };
    return { from: i, to, cut, value: `${g.year}-${pad(g.month)}-${pad(g.day)}`, calendar: "hijri", hijri: original };
  }

  /** A day of the month as a figure (1–31) or an ordinal (`الرابع`): its value and the next unit. */
  private day(i: number): { day: number; to: number; cut: number } | undefined {
    const w = this.w[i];
    if (!w) return undefined;
    const n = intOf(w);
    if (n !== undefined) return n >= 1 && n <= 31 && w.norm.length <= 2 ? { day: n, to: i + 1, cut: 0 } : undefined;
    if (w.kind !== "word") return undefined;
    // Every way on needs a form of the word to be اليوم، أول or an ordinal, all in the set of `F_DAY_START`:
    // without the flag none is (most calls look at the word after من or a range word).
    if ((w.flags & F_DAY_START) === 0) return undefined;
    // اليوم الثالث من أكتوبر
    if (cutOf(w, "اليوم") >= 0 && this.w[i + 1]?.kind === "word") {
      const inner = this.day(i + 1);
      if (
        inner &&
        inner.cut === 0 &&
        this.w[i + 1]!.kind === "word" &&
        (this.norm(inner.to) === "من" || matchAt(MONTHS, this.w, inner.to))
      )
        return { ...inner, cut: 0 };
    }
    // أول شباط: the first of the month
    const awwal = cutOf(w, "اول");
    if (awwal >= 0 && matchAt(MONTHS, this.w, i + 1)) return { day: 1, to: i + 1, cut: awwal };
    // The first form that is a definite ordinal (الرابع): the word itself when it has no other form.
    const forms = oneForm(w.norm) ? undefined : bareOf(w);
    const count = forms ? forms.length : 1;
    for (let f = 0; f < count; f++) {
      const form = forms ? forms[f]![0] : w.norm;
      const cut = forms ? forms[f]![1] : 0;
      const o = ORDINALS.get(form);
      if (o === undefined || !form.startsWith("ال")) continue;
      // الثالث عشر، الحادي والعشرين
      let day = o;
      let to = i + 1;
      const nx = this.norm(i + 1);
      if (nx === "عشر" || nx === "عشره") {
        day += 10;
        to++;
      } else if (nx === "والعشرين" || nx === "والعشرون") {
        day += 20;
        to++;
      } else if (nx === "والثلاثين" || nx === "والثلاثون") {
        day += 30;
        to++;
      }
      if (day > 31) return undefined;
      return { day, to, cut };
    }
    return undefined;
  }

  /** A month name at `i`, with an alternative name of the same month after `/`, `-` or in brackets. */
  private monthName(
    i: number,
    clitic = true,
  ): { m: MonthName; to: number; cut: number; combined: boolean } | undefined {
    const found = matchAt(MONTHS, this.w, i, clitic);
    if (!found) return undefined;
    let to = i + found.words;
    let combined = false;
    // كانون الثاني/يناير، آذار - مارس، يناير (كانون الثاني)
    const sep = this.w[to];
    if (sep && sep.kind === "punct" && ["/", "-", "–", "—", "(", "،"].includes(sep.text) && this.same(i, to + 1)) {
      const alt = matchAt(MONTHS, this.w, to + 1, false);
      if (alt && alt.value.month === found.value.month && alt.value.calendar === found.value.calendar) {
        to = to + 1 + alt.words;
        combined = true;
        if (sep.text === "(" && this.w[to]?.text === ")") to++;
      }
    }
    return { m: found.value, to, cut: found.cut, combined };
  }

  /** A year after a month or day: a figure (with `م` or `هـ`), and what calendar it says. */
  private yearAfter(j: number, i: number): { year: number; to: number; hijriMarker: boolean } | undefined {
    let k = j;
    if (this.w[k]?.text === "،" || this.w[k]?.text === ",") k++;
    const y = intOf(this.w[k]);
    if (y === undefined || this.w[k]!.norm.length !== 4 || !this.same(i, k)) return undefined;
    const marker = this.norm(k + 1);
    const hijriMarker = HIJRI_MARKERS.has(marker);
    const to = hijriMarker || GREGORIAN_MARKERS.has(marker) ? k + 2 : k + 1;
    if (!hijriMarker && lookupUnitWord(marker)) return undefined; // 2014 جنديا: a count, not a year
    return { year: y, to, hijriMarker };
  }

  private direction(j: number): { to: number; dir?: "past" | "future" } {
    const n = this.norm(j);
    if (FUTURE.has(n)) return { to: j + 1, dir: "future" };
    if (PAST.has(n)) return { to: j + 1, dir: "past" };
    return { to: j };
  }

  /** `15 يناير 2024`، `الرابع من أبريل`، `بين 18 و22 أكتوبر المقبل`، `من 13 الى 15 تموز`. */
  private dayMonth(i: number): FoundDate | undefined {
    if (!this.may(i, NUM | F_DAY_START)) return undefined;
    let k = i;
    let between = false;
    if (this.norm(i) === "بين" || this.norm(i) === "من" || this.norm(i) === "ما") {
      k = this.norm(i) === "ما" && this.norm(i + 1) === "بين" ? i + 2 : i + 1;
      between = true;
    }
    const d1 = this.day(k);
    if (!d1) return undefined;
    let j = d1.to;
    let d2: { day: number; to: number; cut: number } | undefined;
    // A range of days: 18 و22، 13 الى 15، 13-15
    const sepNorm = this.norm(j);
    if (RANGE_WORDS.has(sepNorm) || this.w[j]?.text === "-") {
      d2 = this.day(j + 1);
      if (d2) j = d2.to;
    } else if (this.w[j]?.kind === "word" && this.norm(j).startsWith("و") && intOf(this.w[j + 1]) === undefined) {
      // و22 is split by the word view into و + 22
    }
    if (!d2 && this.norm(j) === "و" && this.day(j + 1)) {
      d2 = this.day(j + 1);
      j = d2!.to;
    }
    if (this.norm(j) === "من") j++;
    // 24 من الشهر الماضي: a day of a month named by its distance
    if (!d2 && !between) {
      const rel = this.relativePeriod(j);
      if (rel && /^(PAST|PRESENT|FUTURE)_REF:P1M$/.test(rel.value) && this.same(i, j)) {
        const offset = rel.value.startsWith("PAST") ? -1 : rel.value.startsWith("FUTURE") ? 1 : 0;
        return {
          from: k,
          to: rel.to,
          cut: d1.cut,
          value: `XXXX-XX-${pad(d1.day)}`,
          calendar: "gregorian",
          monthOffset: offset,
        };
      }
    }
    const mn = this.monthName(j);
    if (!mn || !this.same(i, j)) {
      if (!between || d2) return undefined;
      // من 13 تموز الى 15 تموز
      return undefined;
    }
    if (mn.cut > 0 && mn.cut !== 1) return undefined;
    j = mn.to;
    const yr = this.yearAfter(j, i);
    if (yr) j = yr.to;
    const dir = this.direction(j);
    j = dir.to;
    const start = between && d2 ? i : d1 === undefined ? i : k;
    const hijri = mn.m.calendar === "hijri" || yr?.hijriMarker === true;
    const one = (d: number): FoundDate => {
      if (hijri) {
        if (yr) return this.hijriDay(start, j, yr.year, mn.m.month, d);
        return { from: start, to: j, cut: 0, value: `XXXX-${pad(mn.m.month)}-${pad(d)}H`, calendar: "hijri" };
      }
      return {
        from: start,
        to: j,
        cut: 0,
        value: `${yr ? yr.year : "XXXX"}-${pad(mn.m.month)}-${pad(d)}`,
        calendar: "gregorian",
      };
    };
    // من 13 تموز الى 15 تموز
    const first = one(d1.day);
    if (d2) {
      const second = one(d2.day);
      return { ...first, value: `${first.value}/${second.value}`, ...(dir.dir ? { direction: dir.dir } : {}) };
    }
    if (RANGE_WORDS.has(this.norm(j)) && this.day(j + 1)) {
      const e = this.day(j + 1)!;
      const mn2 = this.monthName(e.to);
      if (mn2) {
        let end = mn2.to;
        const yr2 = this.yearAfter(end, i);
        if (yr2) end = yr2.to;
        const v2 = `${yr2 ? yr2.year : yr ? yr.year : "XXXX"}-${pad(mn2.m.month)}-${pad(e.day)}`;
        return { ...first, to: end, value: `${first.value}/${v2}` };
      }
    }
    if (between && this.norm(i) !== "من") return undefined;
    // `first` was made for this return alone (`one`): completed in place, not copied by spreads.
    if (between) first.from = k;
    if (dir.dir) first.direction = dir.dir;
    return first;
  }

  /** `نوفمبر`، `كانون الثاني/يناير`، `تموز - يوليو 2014`، `رمضان 1445 هـ`، `يوليو 13-15`. */
  private month(i: number, licensed = false): FoundDate | undefined {
    if (!this.may(i, F_MONTHS | F_SHAHR)) return undefined;
    let k = i;
    let cut = 0;
    const first = this.w[i];
    const shahr = this.has(i, F_SHAHR) ? cutOf(first, "شهر") : -1;
    if (shahr >= 0) {
      k = i + 1;
      cut = shahr;
      licensed = true;
    }
    if (licensed && k === i + 1) {
      // شهر 3، شهر ثلاثة: months by number (Levant, Gulf)
      const n = readNumber(this.w, this.ctx.text, k);
      if (
        n &&
        n.value >= 1 &&
        n.value <= 12 &&
        Number.isInteger(n.value) &&
        n.clitic === 0 &&
        !(n.spelled && n.value < 3)
      ) {
        let j = n.to;
        const yr = this.yearAfter(j, i);
        if (yr) j = yr.to;
        return { from: i, to: j, cut, value: `${yr ? yr.year : "XXXX"}-${pad(n.value)}`, calendar: "gregorian" };
      }
    }
    const mn = this.monthName(k, k === i);
    if (!mn) return undefined;
    if (k === i) cut = mn.cut;
    if (cut > 1 && !this.forms(i).some(([f, c]) => c === cut && f.startsWith("ال") === false)) return undefined;
    let j = mn.to;
    const yr = this.yearAfter(j, i);
    if (yr) j = yr.to;
    // Month then a range of days: يوليو 13-15، تموز 13 الى 15
    const d1 = !yr ? this.day(j) : undefined;
    if (d1 && intOf(this.w[j]) !== undefined) {
      const sep = this.norm(d1.to);
      const d2 = RANGE_WORDS.has(sep) || this.w[d1.to]?.text === "-" ? this.day(d1.to + 1) : undefined;
      if (d2) {
        const yv = "XXXX";
        return {
          from: i,
          to: d2.to,
          cut,
          value: `${yv}-${pad(mn.m.month)}-${pad(d1.day)}/${yv}-${pad(mn.m.month)}-${pad(d2.day)}`,
          calendar: mn.m.calendar,
        };
      }
    }
    if (mn.m.ambiguous && !licensed && !mn.combined && !yr) return undefined;
    if (mn.m.calendar === "hijri" && !licensed && !yr && !mn.combined) {
      // A bare Hijri month name is also a personal name; require a preposition before it.
      const prev = this.norm(i - 1);
      if (!["في", "خلال", "منذ", "حتي", "قبل", "بعد", "من", "الي"].includes(prev) && cut === 0) return undefined;
    }
    if (!mn.m.ambiguous && !licensed && !mn.combined && !yr && mn.m.calendar === "gregorian") {
      // A lone month name: fine (نوفمبر), unless it is part of a name in construct (شارع ...)? keep it.
    }
    const dir = this.direction(j);
    j = dir.to;
    const extra = dir.dir ? { direction: dir.dir } : {};
    if (mn.m.calendar === "hijri" || yr?.hijriMarker) {
      return {
        from: i,
        to: j,
        cut,
        value: `${yr ? yr.year : "XXXX"}-${pad(mn.m.month)}H`,
        calendar: "hijri",
        ...extra,
      };
    }
    return {
      from: i,
      to: j,
      cut,
      value: `${yr ? yr.year : "XXXX"}-${pad(mn.m.month)}`,
      calendar: "gregorian",
      ...extra,
    };
  }

  /** `الثلاثاء`، `يوم الأربعاء`، `الأحد القادم`، `مساء الأحد`. */
  private weekday(i: number): FoundDate | undefined {
    if (!this.may(i, F_DAY_PARTS | F_YOM | F_WEEKDAYS)) return undefined;
    const dp = matchAt(DAY_PARTS, this.w, i, true, false);
    let k = dp ? i + dp.words : i;
    const part: string | undefined = dp?.value;
    let cut = dp ? dp.cut : 0;
    // A form يوم is the word's last three letters: after ال (اليوم، واليوم) it never counts, and the
    // forms of the most frequent of these words need not be made.
    const yom =
      this.has(k, F_YOM) && !this.norm(k).endsWith("اليوم")
        ? this.forms(k).find(([f, c]) => f === "يوم" && !this.norm(k).slice(0, c).endsWith("ال"))
        : undefined;
    if (yom) {
      if (k === i) cut = yom[1];
      k++;
    }
    const wd = matchAt(WEEKDAYS, this.w, k, k === i);
    if (!wd || !this.same(i, k)) return undefined;
    // The first form, the word itself, answers for a weekday with the article and no clitic (الاثنين).
    const definite =
      (wd.cut === 0 && this.norm(k).startsWith("ال")) ||
      this.forms(k).some(([f, c]) => c === wd.cut && f.startsWith("ال"));
    // الأحد من الأسبوع الماضي، أحد الأسبوع الماضي، الاثنين من هذا الأسبوع
    {
      let j = k + 1;
      if (this.norm(j) === "من") j++;
      const week = this.relativePeriod(j);
      if (week && this.same(i, j) && /^(PAST|PRESENT|FUTURE)_REF:P1W$/.test(week.value) && (definite || j === k + 1)) {
        const offset = week.value.startsWith("PAST") ? -1 : week.value.startsWith("FUTURE") ? 1 : 0;
        return {
          from: i,
          to: week.to,
          cut: k === i ? wd.cut : cut,
          value: `XXXX-WXX-${wd.value}`,
          calendar: "gregorian",
          weekOffset: offset,
          ...(part ? { part } : {}),
        };
      }
    }
    if (!definite && !yom) return undefined;
    if (k === i) cut = wd.cut;
    // الأحد عشر: the ordinal eleven, not Sunday
    const next = this.norm(k + 1);
    if (next === "عشر" || next === "عشره") return undefined;
    if (!yom && !dp && WEEKDAY_NOT_BEFORE.has(this.forms(i - 1).at(-1)?.[0] ?? "") && this.same(i - 1, i))
      return undefined;
    if (!yom && !dp && WEEKDAY_NOT_BEFORE.has(this.norm(i - 1))) return undefined;
    const dir = this.direction(k + 1);
    return {
      from: i,
      to: dir.to,
      cut,
      value: `XXXX-WXX-${wd.value}`,
      calendar: "gregorian",
      ...(part ? { part } : {}),
      ...(dir.dir ? { direction: dir.dir } : {}),
    };
  }

  /** `أمس`، `اليوم`، `غدا`، `صباح اليوم`، `بعد ظهر اليوم`، `يوم أمس`. */
  private deictic(i: number): FoundDate | undefined {
    if (!this.may(i, F_DAY_PARTS | F_YOM | F_DEICTIC)) return undefined;
    const dp = matchAt(DAY_PARTS, this.w, i, true, false);
    let k = dp ? i + dp.words : i;
    const part: string | undefined = dp?.value;
    let cut = dp ? dp.cut : 0;
    const yom = this.norm(k) === "يوم" || this.norm(k) === "ويوم";
    if (yom && !dp) {
      cut = this.norm(k) === "ويوم" ? 1 : 0;
      k++;
    }
    const d = matchAt(DEICTIC, this.w, k, k === i);
    if (!d || !this.same(i, k)) return undefined;
    if (k === i) cut = d.cut;
    const to = k + d.words;
    if (d.value === "PRESENT_REF") {
      // اليوم الوطني، اليوم الأول، اليوم التالي: a day named by its adjective, not today
      const next = this.w[to];
      if (
        next &&
        next.kind === "word" &&
        next.norm.startsWith("ال") &&
        next.norm.length >= 5 &&
        !FUNCTION_AL.has(next.norm) &&
        !matchAt(WEEKDAYS, this.w, to, false) &&
        next.sentence === this.w[k]!.sentence
      )
        return undefined;
      if (!dp && !yom && DEICTIC_NOT_AFTER.has(this.norm(k - 1))) return undefined;
      // Inside quoted speech a bare اليوم is "nowadays".
      if (!dp && !yom && this.w[k]!.quoted) return undefined;
      // هذا اليوم، ذلك اليوم
      if (["هذا", "ذلك", "ذات", "نفس"].includes(this.norm(i - 1)) && !dp) return undefined;
    }
    return { from: i, to, cut, value: d.value, calendar: "gregorian", ...(part ? { part } : {}) };
  }

  /** `عام 2014`، `العام 2025`، `للعام الحالي 2015م`، `في 2014`، `1436هـ`، `عام 1425هـ`. */
  private year(i: number, licensed = false): FoundDate | undefined {
    if (!this.may(i, NUM | F_YEAR_WORD)) return undefined;
    const w = this.w[i];
    if (!w) return undefined;
    let k = i;
    let cut = 0;
    let worded = false;
    if (w.kind === "word") {
      const yw = cutIn(w, YEAR_WORDS);
      if (yw < 0) return undefined;
      cut = yw;
      k = i + 1;
      if (PRESENT.has(this.norm(k)) || this.norm(k) === "الميلادي" || this.norm(k) === "الهجري") k++;
      worded = true;
    }
    const y = intOf(this.w[k]);
    if (y === undefined || this.w[k]!.norm.length > 4 || !this.same(i, k)) return undefined;
    const marker = this.norm(k + 1);
    const hijriMarker =
      HIJRI_MARKERS.has(marker) &&
      (this.w[k + 1]!.text.includes("ـ") || this.w[k + 1]!.end === this.w[k]!.end || marker !== "ه");
    const gregMarker = GREGORIAN_MARKERS.has(marker);
    const to = hijriMarker || gregMarker ? k + 2 : k + 1;
    if (!worded && !hijriMarker && !gregMarker && !licensed) {
      if (this.w[k]!.norm.length !== 4 || y < 1900 || y > 2100) return undefined;
      // A figure followed by a counted noun is a quantity (2000 جندي). The preposition before is looked up
      // (without making the forms of the unit before) only here, for a year-like figure before a word; the
      // length test comes before the unit lookup (the lookup only matters for words of two letters or fewer).
      const nx = this.w[k + 1];
      if (
        nx &&
        nx.kind === "word" &&
        nx.sentence === w.sentence &&
        !nx.norm.startsWith("ال") &&
        !YEAR_NOUN_PARTICLES.has(nx.norm)
      ) {
        if (!bareIn(YEAR_PREPOSITIONS, this.norm(i - 1))) {
          if (nx.norm.length > 2 || lookupUnitWord(nx.norm)) return undefined;
        } else if (lookupUnitWord(nx.norm)) return undefined; // إلى 2000 قدم، قبل 2000 عام: after a preposition, only a unit
      }
      // Part of a larger figure expression (2000 ألف)? readNumber would go further.
      const rn = readNumber(this.w, this.ctx.text, k);
      if (rn && rn.to > k + 1) return undefined;
      // Preceded by a number word or a currency sign: an amount.
      const before = this.w[i - 1];
      if (before && (before.text === "$" || before.text === "€" || before.text === "%")) return undefined;
    }
    if (!worded && !hijriMarker && !gregMarker && this.w[k]!.norm.length !== 4) return undefined;
    if (
      hijriMarker ||
      (worded && y >= 1300 && y <= 1500 && marker === "ه") ||
      (worded && !gregMarker && y >= 1300 && y <= this.publishedHijriYear() + 1)
    ) {
      return { from: i, to, cut, value: `${y}H`, calendar: "hijri" };
    }
    if (y > 2200) return undefined;
    return { from: i, to, cut, value: String(y), calendar: "gregorian" };
  }

  /**
   * The year joined by و to the year `prev` (`عامي 2004 و2012`، `2010 و2011 و2012`), in the same sentence: four
   * digits from 1900 to 2100 and no unit after them (`عام 2014 و2000 جندي` is an amount).
   */
  coordinatedYear(prev: FoundDate): FoundDate | undefined {
    if (prev.calendar !== "gregorian" || !isYearValue(prev.value)) return undefined;
    const and = this.w[prev.to];
    const k = prev.to + 1;
    const fig = this.w[k];
    if (and?.norm !== "و" || fig?.kind !== "num" || !this.same(prev.to - 1, k) || !this.same(prev.to, k))
      return undefined;
    const y = intOf(fig);
    if (y === undefined || fig.norm.length !== 4 || y < 1900 || y > 2100) return undefined;
    const next = this.w[k + 1];
    if (next?.kind === "word" && next.sentence === fig.sentence && lookupUnitWord(next.norm)) return undefined;
    const d = this.year(k, true);
    return d && d.calendar === "gregorian" ? d : undefined;
  }

  /** `التسعينات` → `199X` (twentieth century unless the text says otherwise). */
  private decade(i: number): FoundDate | undefined {
    if (!this.may(i, F_DECADES)) return undefined;
    const d = matchAt(DECADES, this.w, i);
    if (!d) return undefined;
    let to = i + d.words;
    let century = 19;
    if (this.norm(to) === "من" && this.norm(to + 1) === "القرن") {
      const c = this.norm(to + 2);
      if (c === "الحالي" || c === "الحادي") century = 20;
      to += c === "الماضي" || c === "العشرين" || c === "الحالي" ? 3 : 2;
      if (c === "الحادي") to++;
    }
    return { from: i, to, cut: d.cut, value: `${century}${d.value}X`, calendar: "gregorian" };
  }

  /** `الربع الثالث من العام`، `النصف الأول من 2015`. */
  private yearPart(i: number): FoundDate | undefined {
    if (!this.may(i, F_YEAR_PARTS)) return undefined;
    const p = matchAt(YEAR_PARTS, this.w, i);
    if (!p) return undefined;
    let to = i + p.words;
    let year = "XXXX";
    if (this.norm(to) === "من" || this.norm(to) === "لعام" || this.norm(to) === "للعام") {
      const y = this.year(to + (this.norm(to) === "من" ? 1 : 0), true);
      if (y && /^\d{4}$/.test(y.value)) {
        year = y.value;
        to = y.to;
      } else {
        // الربع الأول من العام الماضي، النصف الثاني للعام المقبل: a year counted from the publication date.
        const of = this.norm(to) === "من";
        const nx = this.norm(of ? to + 1 : to);
        if (of ? nx === "العام" || nx === "السنه" || nx === "عام" : nx === "لعام" || nx === "للعام") {
          to += of ? 2 : 1;
          const rel = this.norm(to);
          const offset = PAST.has(rel) ? -1 : FUTURE.has(rel) ? 1 : PRESENT.has(rel) ? 0 : undefined;
          if (offset !== undefined) {
            to++;
            const d: FoundDate = { from: i, to, cut: p.cut, value: `XXXX-${p.value}`, calendar: "gregorian" };
            if (offset !== 0) d.yearOffset = offset;
            return d;
          }
        } else if (of) return undefined;
      }
    } else {
      const y = intOf(this.w[to]);
      if (y !== undefined && y >= 1900 && y <= 2100) {
        year = String(y);
        to++;
      } else if (p.value.startsWith("H")) return undefined; // النصف الأول alone: half of what?
    }
    return { from: i, to, cut: p.cut, value: `${year}-${p.value}`, calendar: "gregorian" };
  }

  /** `الأسبوع الماضي`، `الشهر المقبل`، `هذا العام`، `العام الجاري`، `الأيام القادمة`، `السنوات العشر المقبلة`. */
  private relativePeriod(i: number): FoundDate | undefined {
    if (!this.may(i, F_THIS | F_PERIODS | F_DUAL_PERIODS | F_PLURAL_PERIODS)) return undefined;
    let k = i;
    let cut = 0;
    let demonstrative = false;
    const demonstrativeCut = this.has(i, F_THIS) ? cutIn(this.w[i], DEMONSTRATIVES) : -1;
    if (demonstrativeCut >= 0) {
      demonstrative = true;
      cut = demonstrativeCut;
      k++;
    }
    const single = matchAt(PERIODS, this.w, k, k === i);
    if (single && this.same(i, k)) {
      if (k === i) cut = single.cut;
      const unit = single.value;
      if (unit === "D") return undefined;
      let j = k + single.words;
      const iso = unit === "SEASON" ? "" : unit === "Q" ? "3M" : unit === "10Y" ? "10Y" : `1${unit}`;
      if (demonstrative)
        return { from: i, to: j, cut, value: `PRESENT_REF${iso ? `:P${iso}` : ""}`, calendar: "gregorian" };
      const n = this.norm(j);
      let value: string;
      if (PAST.has(n)) value = `PAST_REF${iso ? `:P${iso}` : ""}`;
      else if (FUTURE.has(n)) value = `FUTURE_REF${iso ? `:P${iso}` : ""}`;
      else if (PRESENT.has(n)) value = `PRESENT_REF${iso ? `:P${iso}` : ""}`;
      else return undefined;
      j++;
      // العام الحالي 2015م: the year itself
      if (unit === "Y") {
        const y = intOf(this.w[j]);
        if (y !== undefined && y >= 1900 && y <= 2100 && this.same(i, j)) {
          const to = GREGORIAN_MARKERS.has(this.norm(j + 1)) ? j + 2 : j + 1;
          return { from: i, to, cut, value: String(y), calendar: "gregorian" };
        }
      }
      return { from: i, to: j, cut, value, calendar: "gregorian" };
    }
    if (demonstrative) return undefined;
    const dual = matchAt(DUAL_PERIODS, this.w, i);
    if (dual) {
      const j = i + dual.words;
      const n = this.norm(j);
      if (!PAST.has(n) && !FUTURE.has(n)) return undefined;
      // Like الأسبوع الماضي, with the dual's two: العامين الماضيين = PAST_REF:P2Y
      const [u, mult] = TIME_UNIT_ISO[dual.value]!;
      const ref = PAST.has(n) ? "PAST_REF" : "FUTURE_REF";
      return { from: i, to: j + 1, cut: dual.cut, value: `${ref}:P${2 * mult}${u}`, calendar: "gregorian" };
    }
    const plural = matchAt(PLURAL_PERIODS, this.w, i);
    if (plural) {
      let j = i + plural.words;
      let count: number | undefined;
      // السنوات العشر المقبلة، الأشهر الثلاثة الماضية
      const cn = this.w[j];
      if (cn && cn.kind === "word" && cn.norm.startsWith("ال")) {
        const rn = readNumberDefinite(cn.norm);
        if (rn !== undefined) {
          count = rn;
          j++;
        }
      } else if (this.w[j]?.kind === "num" && this.w[j - 1]) {
        // السنوات الـ10 الماضية
      }
      const n = this.norm(j);
      if (!PAST.has(n) && !FUTURE.has(n)) return undefined;
      const dir = PAST.has(n) ? "past" : "future";
      if (count !== undefined) {
        const [u, mult] = TIME_UNIT_ISO[plural.value]!;
        return {
          from: i,
          to: j + 1,
          cut: plural.cut,
          value: `DURATION:P${count * mult}${u}`,
          calendar: "gregorian",
          direction: dir,
        };
      }
      return {
        from: i,
        to: j + 1,
        cut: plural.cut,
        value: dir === "past" ? "PAST_REF" : "FUTURE_REF",
        calendar: "gregorian",
      };
    }
    return undefined;
  }

  /** `ستة أشهر`، `45 يومًا`، `عامين`، `قبل ثلاثة أيام`، `منذ أكثر من شهر`، `بعد أسبوع`. */
  private duration(i: number): FoundDate | undefined {
    if (!this.may(i, NUM | F_DURATION_START)) return undefined;
    // The unit of time comes at `i` or after it (`unitAt` >= `k` >= `i`, in the sentence of `i`).
    if (!this.timeUnitFrom(i, i)) return undefined;
    let k = i;
    let cut = 0;
    // A figure is no preposition (its forms would be made for nothing).
    // The forms are made only for a word that is (`bareIn`, without them) one of the prepositions with a clitic.
    const wi = this.w[i]!;
    const prep =
      wi.kind !== "word"
        ? undefined
        : DURATION_PREPS.has(wi.norm)
          ? ([wi.norm, 0] as [string, number])
          : bareIn(DURATION_PREPS, wi.norm)
            ? formIn(this.forms(i), DURATION_PREPS)
            : undefined;
    let rel: "past" | "future" | undefined;
    if (prep) {
      rel = prep[0] === "قبل" ? "past" : prep[0] === "بعد" ? "future" : undefined;
      k++;
      cut = prep[1];
    }
    // Qualifiers between: منذ أكثر من شهر، قبل نحو عامين
    const q = qualifierAt(this.w, k);
    if (q) k += q;
    // What follows is a number or a time unit, or there is no duration (most figures and prepositions).
    const wk = this.w[k];
    if (wk === undefined || (wk.kind !== "num" && (wk.flags & (F_NUMBER | F_TIME_UNIT)) === 0)) return undefined;
    if (!this.same(i, k)) return undefined;
    // `readNumber` ends after `k` (or there is none and the unit is at `k`): no unit of time from `k` on, no duration.
    if (!this.timeUnitFrom(i, k)) return undefined;
    let n: number | undefined;
    let unitAt = k;
    const num = readNumber(this.w, this.ctx.text, k);
    if (num && num.clitic === 0) {
      n = num.value;
      unitAt = num.to;
    }
    const uw = this.w[unitAt];
    if (uw?.kind !== "word" || !this.same(i, unitAt)) return undefined;
    // The flag says whether the lexicon has a unit of time for the word, without a lookup.
    if ((uw.flags & F_TIME_UNIT) === 0) return undefined;
    const unit = lookupUnitWord(uw.norm);
    if (unit?.category !== "time") return undefined;
    // خلال عام 2014، خلال شهر يونيو: a year or a month, not a duration of one
    if (n === undefined && (intOf(this.w[unitAt + 1]) !== undefined || matchAt(MONTHS, this.w, unitAt + 1, false)))
      return undefined;
    if (n === undefined) {
      if (unit.dual) n = 2;
      else if (prep && uw.norm.length <= 5 && matchSingular(uw.norm)) n = 1;
      else return undefined;
    } else if (unit.dual) return undefined; // 3 عامين: not a duration phrase
    if (!Number.isFinite(n) || n <= 0 || n > 10000) return undefined;
    const from = prep ? i : k === i ? i : i;
    const startCut = prep ? cut : num ? num.clitic : 0;
    const code = TIME_UNIT_CANON.get(unit.canonical);
    let iso: string;
    if (code) iso = `PT${n}${code.slice(1)}`;
    else {
      // A branch, not a closure called at once (one was made on every duration).
      const [u, mult] = TIME_UNIT_ISO[unit.iso ?? "D"] ?? ["D", 1];
      iso = `P${n * mult}${u}`;
    }
    const value = rel === "past" ? `PAST_REF:${iso}` : rel === "future" ? `FUTURE_REF:${iso}` : `DURATION:${iso}`;
    if (!prep && q) return { from: k - q, to: unitAt + 1, cut: 0, value, calendar: "gregorian" };
    return {
      from,
      to: unitAt + 1,
      cut: startCut,
      value,
      calendar: "gregorian",
      ...(rel ? { point: true as const } : {}),
    };
  }

  /** `سنويا`، `يوميا`. */
  private set(i: number): FoundDate | undefined {
    if (!this.may(i, F_SETS)) return undefined;
    const s = matchAt(SETS, this.w, i);
    if (!s) return undefined;
    return { from: i, to: i + s.words, cut: s.cut, value: s.value, calendar: "gregorian" };
  }

  /** `فصل الشتاء الماضي`، `صيف 2014`. */
  private season(i: number): FoundDate | undefined {
    if (!this.may(i, F_FASL | F_SEASONS)) return undefined;
    let k = i;
    let cut = 0;
    const fasl = this.has(i, F_FASL) ? cutOf(this.w[i], "فصل") : -1;
    if (fasl >= 0) {
      k++;
      cut = fasl;
    }
    const s = matchAt(SEASONS, this.w, k, k === i);
    if (!s || !this.same(i, k)) return undefined;
    let j = k + s.words;
    const y = intOf(this.w[j]);
    let year = "XXXX";
    // شتاء 2015-2016: a season across two years is left to the span of years (2015/2016)
    if (y !== undefined && y >= 1900 && y <= 2100 && !this.numericDate(j)) {
      year = String(y);
      j++;
    }
    const dir = this.direction(j);
    if (fasl < 0 && year === "XXXX" && !dir.dir) return undefined;
    return {
      from: i,
      to: dir.to,
      cut: k === i ? s.cut : cut,
      value: `${year}-${s.value}`,
      calendar: "gregorian",
      ...(dir.dir ? { direction: dir.dir } : {}),
    };
  }
}

function matchSingular(norm: string): boolean {
  return SINGULAR_TIME_UNITS.has(norm);
}

/** Definite cardinals after a plural noun, made once (the table was an object literal made on every call). */
const DEFINITE_CARDINALS = new Map<string, number>([
  ["الثلاث", 3],
  ["الثلاثه", 3],
  ["الاربع", 4],
  ["الاربعه", 4],
  ["الخمس", 5],
  ["الخمسه", 5],
  ["الست", 6],
  ["السته", 6],
  ["السبع", 7],
  ["السبعه", 7],
  ["الثماني", 8],
  ["الثمانيه", 8],
  ["التسع", 9],
  ["التسعه", 9],
  ["العشر", 10],
  ["العشره", 10],
  ["العشرين", 20],
  ["الخمسين", 50],
]);

/** Definite cardinal after a plural noun (`العشر`، `الثلاثة`, `الخمس`): its value. */
function readNumberDefinite(norm: string): number | undefined {
  return DEFINITE_CARDINALS.get(norm);
}

/** Indices into `QUALIFIERS` by first word, in its order (longest first). */
const QUALIFIERS_BY_FIRST = new Map<string, number[]>();
for (let k = 0; k < QUALIFIERS.length; k++) {
  const first = QUALIFIERS[k]!.words[0]!;
  const list = QUALIFIERS_BY_FIRST.get(first);
  if (list) list.push(k);
  else QUALIFIERS_BY_FIRST.set(first, [k]);
}

/** Length in units of a qualifier (`أكثر من`، `نحو`) at `i`, or 0. */
export function qualifierAt(words: readonly Word[], i: number): number {
  const w = words[i];
  if (w?.kind !== "word") return 0;
  if ((w.flags & F_QUALIFIER) === 0) return 0;
  // The qualifiers whose first word is one of the unit's forms, tried in `QUALIFIERS` order (the first
  // that matches wins); one lookup per form instead of a pass over every qualifier.
  let only: number[] | undefined;
  let merged: number[] | undefined;
  // A word with no other form (في، نحو، أكثر) looks its own list up, without making its forms.
  if (oneForm(w.norm)) only = QUALIFIERS_BY_FIRST.get(w.norm);
  else {
    const forms = bareOf(w);
    for (let f = 0; f < forms.length; f++) {
      const list = QUALIFIERS_BY_FIRST.get(forms[f]![0]);
      if (!list) continue;
      if (!only) only = list;
      else {
        merged ??= [...only];
        merged.push(...list);
      }
    }
  }
  if (!only) return 0;
  const order = merged ? merged.sort((a, b) => a - b) : only;
  for (const k of order) {
    const q = QUALIFIERS[k]!;
    let ok = true;
    for (let n = 1; n < q.words.length; n++) {
      if (words[i + n]?.norm !== q.words[n]) {
        ok = false;
        break;
      }
    }
    if (ok) return q.words.length;
  }
  return 0;
}

/** A cheap test that lets most words skip the matchers. */
function couldStart(words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  if (w.kind === "num") return true;
  if ((w.flags & F_DATE) === 0) return false;
  if ((w.flags & F_WEAK_ONLY) === 0) return true;
  for (let k = i + 1; k < Math.min(words.length, i + 5); k++) {
    const x = words[k]!;
    if (x.kind === "num" || (x.flags & F_NUMERIC) !== 0) return true;
  }
  return false;
}
