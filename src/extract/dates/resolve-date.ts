import { gregorianToHijri, gregorianToJdn, hijriToGregorian, jdnToGregorian } from "../hijri.ts";

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/**
 * A year as TIMEX3 and ISO 8601 write it: four digits at least (`قبل 2000 عام` from 2015 is `0015`, not `15`),
 * a minus sign before the first year BC counted astronomically (`قبل 3000 عام` is `-0985`).
 */
const year4 = (y: number): string => (y < 0 ? `-${pad(-y, 4)}` : pad(y, 4));

function ymd(jdn: number): string {
  const g = jdnToGregorian(jdn);
  return `${year4(g.year)}-${pad(g.month)}-${pad(g.day)}`;
}

function isoWeek(jdn: number): string {
  // ISO week: the week with the year's first Thursday is week 1.
  const dow = ((jdn % 7) + 7) % 7; // 0 = Monday
  const thursday = jdn - dow + 3;
  const y = jdnToGregorian(thursday).year;
  const week = Math.floor((thursday - gregorianToJdn(y, 1, 1)) / 7) + 1;
  return `${year4(y)}-W${pad(week)}`;
}

function addMonths(y: number, m: number, n: number): [number, number] {
  const t = y * 12 + (m - 1) + n;
  return [Math.floor(t / 12), (t % 12) + 1];
}

function shift(anchor: number, sign: number, amount: string): string | undefined {
  const m = /^P(T?)(\d+)([DWMYHS])$/.exec(amount);
  if (!m) return undefined;
  const n = Number(m[2]) * sign;
  const g = jdnToGregorian(anchor);
  if (m[1] === "T") return ymd(anchor);
  switch (m[3]) {
    case "D":
      return ymd(anchor + n);
    case "W":
      return isoWeek(anchor + 7 * n);
    case "M": {
      const [y, mo] = addMonths(g.year, g.month, n);
      return `${year4(y)}-${pad(mo)}`;
    }
    case "Y":
      return year4(g.year + n);
  }
  return undefined;
}

// The year that puts month/day closest to the anchor, or on the side the text says.
function yearFor(anchor: number, month: number, day: number, direction?: "past" | "future"): number {
  const g = jdnToGregorian(anchor);
  const candidates = [g.year - 1, g.year, g.year + 1].map((y) => ({ y, d: gregorianToJdn(y, month, day) - anchor }));
  const pool = candidates.filter((c) => (direction === "future" ? c.d > 0 : direction === "past" ? c.d < 0 : true));
  pool.sort((a, b) => Math.abs(a.d) - Math.abs(b.d));
  return (pool[0] ?? candidates[1]!).y;
}

/** What the text adds to a value (see `FoundDate`). */
export interface ResolveHints {
  weekday?: number;
  weekOffset?: number;
  point?: boolean;
  monthOffset?: number;
  /** A part of a year (`XXXX-Q1`) in the year before (-1) or after (1) the anchor's. */
  yearOffset?: number;
}

/**
 * Resolve a TIMEX-like value against the publication date.
 *
 * @param value e.g. `PAST_REF:P1D`, `XXXX-01`, `XXXX-WXX-3`, `XXXX-10-18/XXXX-10-22`, `XXXX-10-09H`
 * @param anchorIso the publication date, `YYYY-MM-DD...`
 * @param direction `past`/`future` when the text says (`الأحد القادم`)
 * @returns the resolved value (ISO day, month, year or week), or `undefined` when there is nothing to resolve
 */
export function resolveDate(
  value: string,
  anchorIso: string,
  direction?: "past" | "future",
  hints: ResolveHints = {},
): string | undefined {
  // Every value resolved below is a range (`/`), a reference (`_REF`) or starts with an unknown year (`XXXX-`):
  // the others (`2014`, `2024-01-15`, `DURATION:P3D`, `1436H`: 42% of the corpus's dates) skip the anchor and
  // the regexes.
  if (!value.startsWith("XXXX-") && !value.includes("_REF") && !value.includes("/")) return undefined;
  const a = /^(\d{4})-(\d{2})-(\d{2})/.exec(anchorIso);
  if (!a) return undefined;
  const anchor = gregorianToJdn(Number(a[1]), Number(a[2]), Number(a[3]));
  if (value.includes("/")) {
    const parts = value.split("/").map((p) => resolveDate(p, anchorIso, direction) ?? (/^\d/.test(p) ? p : undefined));
    return parts.every((p) => p !== undefined) ? parts.join("/") : undefined;
  }
  if (value === "PRESENT_REF") return ymd(anchor);
  let m = /^(PAST|FUTURE|PRESENT)_REF:(P.+)$/.exec(value);
  if (m) {
    if (m[1] === "PRESENT") {
      const g = jdnToGregorian(anchor);
      if (m[2] === "P1Y") return String(g.year);
      if (m[2] === "P1M") return `${g.year}-${pad(g.month)}`;
      if (m[2] === "P1W") return isoWeek(anchor);
      return undefined;
    }
    // قبل أسبوع is a day a week back; الأسبوع الماضي is the week before this one.
    if (hints.point && /^P\d+W$/.test(m[2]!))
      return ymd(anchor + (m[1] === "PAST" ? -7 : 7) * Number(m[2]!.slice(1, -1)));
    return shift(anchor, m[1] === "PAST" ? -1 : 1, m[2]!);
  }
  m = /^XXXX-WXX-([1-7])$/.exec(value);
  if (m) {
    const target = Number(m[1]) - 1; // 0 = Monday
    const dow = ((anchor % 7) + 7) % 7;
    if (hints.weekOffset !== undefined) return ymd(anchor - dow + 7 * hints.weekOffset + target);
    let diff = target - dow;
    if (direction === "future") {
      if (diff <= 0) diff += 7;
    } else if (diff > 0) diff -= 7;
    return ymd(anchor + diff);
  }
  m = /^XXXX-(\d{2})$/.exec(value);
  if (m) return `${yearFor(anchor, Number(m[1]), 15, direction)}-${m[1]}`;
  m = /^XXXX-(\d{2})-(\d{2})$/.exec(value);
  if (m && hints.weekday !== undefined) {
    // The nearest year in which that day falls on the weekday written beside it.
    const y0 = jdnToGregorian(anchor).year;
    for (const y of [
      y0,
      y0 + 1,
      y0 - 1,
      y0 + 2,
      y0 - 2,
      y0 + 3,
      y0 - 3,
      y0 + 4,
      y0 - 4,
      y0 + 5,
      y0 - 5,
      y0 + 6,
      y0 - 6,
    ]) {
      const j = gregorianToJdn(y, Number(m[1]), Number(m[2]));
      if ((((j % 7) + 7) % 7) + 1 === hints.weekday) return `${y}-${m[1]}-${m[2]}`;
    }
  }
  if (m) return `${yearFor(anchor, Number(m[1]), Number(m[2]), direction)}-${m[1]}-${m[2]}`;
  m = /^XXXX-XX-(\d{2})$/.exec(value);
  if (m) {
    const g = jdnToGregorian(anchor);
    const [y, mo] = addMonths(g.year, g.month, hints.monthOffset ?? 0);
    return `${y}-${pad(mo)}-${m[1]}`;
  }
  m = /^XXXX-(Q[1-4]|H[12]|WI|SP|SU|FA)$/.exec(value);
  if (m) return `${year4(jdnToGregorian(anchor).year + (hints.yearOffset ?? 0))}-${m[1]}`;
  m = /^XXXX-(\d{2})-(\d{2})H$/.exec(value);
  if (m) {
    const h = gregorianToHijri(Number(a[1]), Number(a[2]), Number(a[3]));
    // The Hijri year that puts the day nearest the anchor.
    let best: string | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    for (const y of [h.year - 1, h.year, h.year + 1]) {
      const g = hijriToGregorian(y, Number(m[1]), Number(m[2]));
      if (!g) continue;
      const d = gregorianToJdn(g.year, g.month, g.day) - anchor;
      if ((direction === "future" && d <= 0) || (direction === "past" && d >= 0)) continue;
      if (Math.abs(d) < bestD) {
        bestD = Math.abs(d);
        best = `${g.year}-${pad(g.month)}-${pad(g.day)}`;
      }
    }
    return best;
  }
  return undefined;
}
