import type { Doc } from "../model/doc.ts";
import type { Span } from "../model/span.ts";
import type { Stage } from "../run/stage.ts";
import { findDates } from "./dates/find-dates.ts";
import { type ResolveHints, resolveDate } from "./dates/resolve-date.ts";
import { offsetAfterLetters, wordsOf } from "./numbers/word-view.ts";

/** One temporal expression: a span of `doc.text` with its normalized value. */
export interface DateMention extends Span {
  /**
   * TIMEX3-like value: `2014`, `XXXX-01`, `2024-01-15`, `XXXX-10-18/XXXX-10-22`,
   * `PAST_REF:P1W`, `PRESENT_REF`, `FUTURE_REF:P1D`, `DURATION:P1M`, `1436H`,
   * `XXXX-10-09H`, `199X`, `XXXX-WXX-2`, `XXXX-Q3`, `SET:P1Y`.
   */
  value: string;
  calendar: "gregorian" | "hijri";
  /** The Hijri original of a date converted to Gregorian (`1436-09-04H`). */
  hijri?: string;
  /** The value resolved against `anchor` (the publication date), when there was one to resolve. */
  resolved?: string;
  /** The date `resolved` was computed from (ISO). */
  anchor?: string;
  /** Part of the period: `START` (مطلع), `MID` (منتصف), `END` (أواخر). */
  mod?: string;
  /** Part of the day: `MO`, `AF`, `EV`, `NI`. */
  part?: string;
  /** What the text says about a named month or weekday: `past` (الماضي) or `future` (المقبل). */
  direction?: "past" | "future";
}

const DEICTIC_DAY = /^(PRESENT_REF|PAST_REF:P1D|FUTURE_REF:P1D)$/;

/** Options for `extractDates`. */
export interface DatesOptions {
  /** Resolve relative values against `doc.source.date` (default true). */
  resolve?: boolean;
  /**
   * Which way a bare weekday or month points from the publication date when the text does not say
   * (default `past`: news reports what happened; Duckling's convention is `future`).
   */
  defaultDirection?: "past" | "future";
}

/**
 * The dates stage: finds temporal expressions in the text (from `doc.tokens`)
 * and writes them to `doc.layers.dates`. Runs after segmentation.
 */
export function extractDates(options: DatesOptions = {}): Stage {
  const resolve = options.resolve ?? true;
  const direction = options.defaultDirection;
  return (doc: Doc) => {
    doc.layers.dates = findDateMentions(doc, resolve, direction);
  };
}

/**
 * The dates of a segmented document.
 *
 * @param resolve resolve relative values against `doc.source.date`
 * @param defaultDirection where a bare weekday points (see `DatesOptions`)
 */
export function findDateMentions(doc: Doc, resolve = true, defaultDirection?: "past" | "future"): DateMention[] {
  const text = doc.text;
  const words = wordsOf(doc);
  if (words.length === 0) return [];
  const published =
    typeof doc.source.date === "string" && /^\d{4}-\d{2}-\d{2}/.test(doc.source.date)
      ? doc.source.date.slice(0, 10)
      : undefined;
  const found = findDates(words, { text, published });
  const anchor = resolve ? published : undefined;
  const credits = doc.credits.filter((c) => c.kind === "byline" || c.kind === "dateline" || c.kind === "agency");
  const out: DateMention[] = [];
  for (const f of found) {
    const first = words[f.from]!;
    const start = f.cut > 0 ? offsetAfterLetters(text, first.start, f.cut) : first.start;
    const end = words[f.to - 1]!.end;
    // An outlet named in a byline (عين اليوم، روسيا اليوم) is not a day; a date in a dateline is one.
    // The cheap tests first: the regex runs only for a date without a part of the day, in a document with credits.
    if (
      credits.length > 0 &&
      !f.part &&
      DEICTIC_DAY.test(f.value) &&
      credits.some((c) => start >= c.start && end <= c.end)
    )
      continue;
    // The span's fields written out, not spread: a spread here was a hot spot of the stage.
    const span = doc.span(start, end);
    const d: DateMention = { start: span.start, end: span.end, text: span.text, value: f.value, calendar: f.calendar };
    if (f.hijri) d.hijri = f.hijri;
    if (f.mod) d.mod = f.mod;
    if (f.part) d.part = f.part;
    if (f.direction) d.direction = f.direction;
    if (anchor) {
      // Written out field by field, in the same order: four conditional spreads made up to five objects per date.
      const hints: ResolveHints = {};
      if (f.weekday) hints.weekday = f.weekday;
      if (f.weekOffset !== undefined) hints.weekOffset = f.weekOffset;
      if (f.point) hints.point = true;
      if (f.monthOffset !== undefined) hints.monthOffset = f.monthOffset;
      if (f.yearOffset !== undefined) hints.yearOffset = f.yearOffset;
      const r = resolveDate(
        f.value,
        anchor,
        f.direction ?? (f.value.includes("WXX") ? defaultDirection : undefined),
        hints,
      );
      if (r !== undefined && r !== f.value) {
        d.resolved = r;
        d.anchor = anchor;
      }
    }
    out.push(d);
  }
  return out;
}
