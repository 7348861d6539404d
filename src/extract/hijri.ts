/**
 * Hijri ↔ Gregorian conversion.
 *
 * Inside 1300–1600 AH (1882–2174 CE) dates follow Umm al-Qura, the official
 * calendar of Saudi Arabia, whose month starts come from a published table;
 * the table is ICU's (`islamic-umalqura`, shipped with Node's full ICU), read
 * through `Intl.DateTimeFormat`. Outside that range, where no table exists,
 * the arithmetical (tabular) Islamic calendar is used: 30-year cycle with
 * leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 and the civil (Friday)
 * epoch, 16 July 622 Julian (Reingold & Dershowitz, Calendrical Calculations, ch. 6).
 */

/** A calendar day. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Which rule converted a date. */
export type HijriRule = "umalqura" | "tabular";

const ISLAMIC_EPOCH = 1948440; // JDN of 1 Muharram 1 AH (civil)
const UQ_FIRST_YEAR = 1300;
const UQ_LAST_YEAR = 1600;

/** Julian day number of a proleptic Gregorian date. */
export function gregorianToJdn(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return (
    d +
    Math.floor((153 * mm + 2) / 5) +
    365 * yy +
    Math.floor(yy / 4) -
    Math.floor(yy / 100) +
    Math.floor(yy / 400) -
    32045
  );
}

/** Proleptic Gregorian date of a Julian day number. */
export function jdnToGregorian(jdn: number): Ymd {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian day number of a tabular Islamic date. */
export function tabularHijriToJdn(y: number, m: number, d: number): number {
  return d + Math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + Math.floor((3 + 11 * y) / 30) + ISLAMIC_EPOCH - 1;
}

/** Tabular Islamic date of a Julian day number. */
export function jdnToTabularHijri(jdn: number): Ymd {
  const year = Math.floor((30 * (jdn - ISLAMIC_EPOCH) + 10646) / 10631);
  const month = Math.min(12, Math.ceil((jdn - (29 + tabularHijriToJdn(year, 1, 1))) / 29.5) + 1);
  const day = jdn - tabularHijriToJdn(year, month, 1) + 1;
  return { year, month, day };
}

let uqFormat: Intl.DateTimeFormat | undefined;
let uqAvailable: boolean | undefined;

/*
 * Umm al-Qura days already read, by Julian day number: `formatToParts` costs microseconds and allocates, and news
 * names the same few months again and again (each conversion looks at up to seven days around its guess).
 */
const uqMemo = new Map<number, Ymd | undefined>();
const UQ_MEMO_MAX = 50_000;

function umalquraOfJdn(jdn: number): Ymd | undefined {
  if (uqMemo.has(jdn)) return uqMemo.get(jdn);
  const h = readUmalqura(jdn);
  if (uqMemo.size >= UQ_MEMO_MAX) uqMemo.clear();
  if (uqAvailable !== undefined) uqMemo.set(jdn, h);
  return h;
}

/** The Umm al-Qura day of `jdn` from ICU, `undefined` when ICU has no such calendar. The result is shared: read only. */
function readUmalqura(jdn: number): Ymd | undefined {
  if (uqAvailable === false) return undefined;
  try {
    uqFormat ??= new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
      year: "numeric",
      month: "numeric",
      day: "numeric",
      timeZone: "UTC",
    });
    const g = jdnToGregorian(jdn);
    const date = new Date(Date.UTC(2000, g.month - 1, g.day));
    date.setUTCFullYear(g.year);
    let year = 0;
    let month = 0;
    let day = 0;
    for (const p of uqFormat.formatToParts(date)) {
      if (p.type === "year" || (p.type as string) === "relatedYear") year = Number.parseInt(p.value, 10);
      else if (p.type === "month") month = Number.parseInt(p.value, 10);
      else if (p.type === "day") day = Number.parseInt(p.value, 10);
    }
    uqAvailable = year > 0 && month > 0 && day > 0;
    return uqAvailable ? { year, month, day } : undefined;
  } catch {
    uqAvailable = false; // small-icu build: only the tabular calendar
    return undefined;
  }
}

/**
 * Convert a Hijri date to Gregorian.
 *
 * @param y Hijri year, m month 1–12, d day 1–30
 * @returns the Gregorian day and the rule used, or `undefined` when the day does not exist (30 in a 29-day month)
 * @example hijriToGregorian(1445, 9, 1) → { year: 2024, month: 3, day: 11, rule: "umalqura" }
 */
export function hijriToGregorian(y: number, m: number, d: number): (Ymd & { rule: HijriRule }) | undefined {
  // Only days that may exist are kept (the key is one number per day there; anything else converts to nothing).
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > 30)
    return convertHijri(y, m, d);
  if (y < 1 || y > 100_000) return convertHijri(y, m, d);
  const key = (y * 13 + m) * 32 + d;
  let hit = hijriMemo.get(key);
  if (hit === undefined) {
    hit = convertHijri(y, m, d) ?? null;
    if (hijriMemo.size >= HIJRI_MEMO_MAX) hijriMemo.clear();
    hijriMemo.set(key, hit);
  }
  // A new object each time, fields in the order `convertHijri` makes them: callers may keep or change it.
  return hit === null ? undefined : { day: hit.day, month: hit.month, year: hit.year, rule: hit.rule };
}

/*
 * Conversions already made, by day (`(y * 13 + m) * 32 + d`: one number per day for m 1–12, d 1–30; null: no
 * such day). A conversion tries up to seven Umm al-Qura days around its guess (a lookup in `uqMemo`, an array and
 * a spread each time), and news names the same few Hijri dates again and again. A day's answer does not change
 * once ICU has been asked: `uqAvailable` is settled by the first read (ICU gives every day of 1300–1600 AH a
 * positive year, month and day), and `uqMemo` already answers a day read before in the same way.
 */
const hijriMemo = new Map<number, (Ymd & { rule: HijriRule }) | null>();
const HIJRI_MEMO_MAX = 50_000;

function convertHijri(y: number, m: number, d: number): (Ymd & { rule: HijriRule }) | undefined {
  if (
    !Number.isInteger(y) ||
    !Number.isInteger(m) ||
    !Number.isInteger(d) ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > 30 ||
    y < 1
  )
    return undefined;
  const guess = tabularHijriToJdn(y, m, d);
  if (y >= UQ_FIRST_YEAR && y <= UQ_LAST_YEAR) {
    // Umm al-Qura months start within a couple of days of the tabular ones: search around the guess.
    for (const delta of [0, -1, 1, -2, 2, -3, 3]) {
      const h = umalquraOfJdn(guess + delta);
      if (!h) break;
      if (h.year === y && h.month === m && h.day === d) return { ...jdnToGregorian(guess + delta), rule: "umalqura" };
    }
    if (uqAvailable) return undefined;
  }
  const back = jdnToTabularHijri(guess);
  if (back.year !== y || back.month !== m || back.day !== d) return undefined;
  return { ...jdnToGregorian(guess), rule: "tabular" };
}

/**
 * Convert a Gregorian date to Hijri (Umm al-Qura in its range, tabular outside).
 *
 * @returns the Hijri day and the rule used
 */
export function gregorianToHijri(y: number, m: number, d: number): Ymd & { rule: HijriRule } {
  const jdn = gregorianToJdn(y, m, d);
  const tab = jdnToTabularHijri(jdn);
  if (tab.year >= UQ_FIRST_YEAR - 1 && tab.year <= UQ_LAST_YEAR + 1) {
    const h = umalquraOfJdn(jdn);
    if (h && h.year >= UQ_FIRST_YEAR && h.year <= UQ_LAST_YEAR) return { ...h, rule: "umalqura" };
  }
  return { ...tab, rule: "tabular" };
}

/**
 * The Gregorian years a Hijri year overlaps (a Hijri year is 354–355 days, so one or two).
 *
 * @returns `[first, last]` Gregorian years
 */
export function gregorianYearsOfHijriYear(y: number): [number, number] {
  const first = hijriToGregorian(y, 1, 1) ?? hijriToGregorian(y, 1, 2);
  const last = hijriToGregorian(y, 12, 29) ?? hijriToGregorian(y, 12, 28);
  return [first?.year ?? 0, last?.year ?? 0];
}
