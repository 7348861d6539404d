import { matchForm } from "../../normalize/match-form.ts";
import { complementizer, contentPrep, type ReportingVerb } from "./cues.ts";
import { frameAt, outletAt, outletNameAt, type TokenRange, timeAt } from "./outlets.ts";
import { NAME_WORDS, opensName, opensQuote, type ScanContext, shortRegionEnd } from "./scan-context.ts";
import { adverbAt } from "./speakers.ts";
import { bareForm } from "./token-view.ts";

/** How reported content opens. */
export type OpenerKind = "quote" | "colon" | "complementizer" | "prep";

/** Where content opens, and what stood between the speaker and it. */
export interface Opener {
  kind: OpenerKind;
  /** Token of the opener (the quotation mark, colon, إن/أن or preposition). */
  at: number;
  /** Letters of the opener token that are not content (the ب of `بأن`). */
  cut: number;
  outlet?: TokenRange;
  /** First and last token of a time phrase in the gap. */
  when?: [number, number];
  /** The first word passed over that was neither an outlet, a time nor a setting, when there was one. */
  skippedAt?: number;
}

/** Words before أن that make a time or concession clause, not reported content (`بعد أن`). */
const NOT_REPORT = new Set(
  ["بعد", "قبل", "منذ", "رغم", "برغم", "حتى", "لولا", "إلا", "غير", "بدل", "بدلا", "عوضا", "دون", "من"].map(matchForm),
);
/** Words after which a quoted passage is a title (`ورقة بحثية بعنوان «...»`). */
const TITLE_MARKERS = new Set(
  [
    "بعنوان",
    "عنوان",
    "عنوانها",
    "عنوانه",
    "بشعار",
    "شعار",
    "شعاره",
    "شعارها",
    "كتاب",
    "كتابه",
    "كتابها",
    "اسم",
    "باسم",
  ].map(matchForm),
);
const COLON = 0x3a;
const FULLWIDTH_COLON = 0xff1a;
/** Most tokens between a cue (or its speaker) and its content. */
const MAX_GAP = 40;

/**
 * Find where the content of a cue opens, scanning from token `from`: a quotation
 * mark, a colon, إن/أن/بأن, or one of the verb's prepositions (`أشار إلى`).
 * Outlets (`لرويترز`), settings (`في بيان`), times (`الأسبوع الماضي`) and asides
 * between commas are passed over and noted. The scan stops at another cue and
 * at the end of the sentence (a colon may end a sentence before its quote).
 *
 * @returns the opener, or `undefined` when the cue has no content
 */
export function findOpener(ctx: ScanContext, from: number, verb: ReportingVerb | undefined): Opener | undefined {
  const { view } = ctx;
  let sentence = -1;
  let outlet: TokenRange | undefined;
  let when: [number, number] | undefined;
  // The word before the scan counts as the previous word (`في ورقة بحثية بعنوان «...»`).
  let prev = from > 0 && view.word[from - 1] ? view.norm[from - 1]! : "";
  let skipped = 0;
  let skippedAt = -1;
  for (let k = from, steps = 0; k < view.n && steps < MAX_GAP; k++, steps++) {
    if (!view.word[k] && !view.punct[k]) continue;
    if (sentence < 0) sentence = view.sent[k]!;
    if (view.sent[k] !== sentence) {
      if (prev !== ":") return undefined;
      sentence = view.sent[k]!;
    }
    if (view.punct[k]) {
      // One-character marks are compared by code unit (`view.mark`), without reading the token again.
      const m = view.mark[k]!;
      if (ctx.opens[k]! >= 0) {
        const name = opensName(ctx, k);
        if (name >= 0) {
          k = name;
          prev = "";
          continue;
        }
        // A passage after `بعنوان` is a title; a short passage far from the verb is a title or a name
        // (`ملفات يملكها «حجي أبو بكر»`), not the quote.
        if (TITLE_MARKERS.has(bareForm(prev))) {
          const r = ctx.regions[ctx.opens[k]!]!;
          if (r.close >= 0) {
            k = r.close;
            prev = "";
            continue;
          }
        }
        if (opensQuote(ctx, k) && (skipped === 0 || ctx.regions[ctx.opens[k]!]!.words > NAME_WORDS))
          return done({ kind: "quote", at: k, cut: 0 }, outlet, when, skippedAt);
      }
      if (m === COLON || m === FULLWIDTH_COLON) {
        prev = ":";
        const next = nextToken(ctx, k);
        if (next >= 0 && ctx.opens[next]! >= 0 && opensName(ctx, next) < 0)
          return done({ kind: "quote", at: next, cut: 0 }, outlet, when, skippedAt);
        if (next >= 0 && complementizer(view, next))
          return done(
            { kind: "complementizer", at: next, cut: complementizer(view, next)!.cut },
            outlet,
            when,
            skippedAt,
          );
        // A colon that ends its paragraph without a quotation mark introduces a list, not speech.
        if (next >= 0 && view.para[next] !== view.para[k]) return undefined;
        if (next >= 0) return done({ kind: "colon", at: k, cut: 0 }, outlet, when, skippedAt);
        continue;
      }
      if (m === 0x2e || m === 0x61f || m === 0x21 || m === 0x61b || m === 0x3b) return undefined; // . ؟ ! ؛ ;
      // Other punctuation is neither a colon nor a word that makes a title or a time clause.
      prev = "";
      continue;
    }
    if (k > from && ctx.cues[k]) return undefined;
    const comp = complementizer(view, k);
    if (comp && !NOT_REPORT.has(bareForm(prev)))
      return done({ kind: "complementizer", at: k, cut: comp.cut }, outlet, when, skippedAt);
    if (contentPrep(view, k, verb)) {
      const next = nextToken(ctx, k);
      const c = next >= 0 ? complementizer(view, next) : undefined;
      if (c) return done({ kind: "complementizer", at: next, cut: c.cut }, outlet, when, skippedAt);
      return done({ kind: "prep", at: k, cut: 0 }, outlet, when, skippedAt);
    }
    const o = outletAt(ctx, k);
    if (o) {
      outlet ??= o.outlet;
      k = o.end;
      prev = "";
      continue;
    }
    const t = timeAt(view, k);
    if (t >= 0) {
      when ??= [k, t];
      k = t;
      prev = "";
      continue;
    }
    const f = frameAt(view, k);
    if (f && f.withAt >= 0) {
      // `في مقابلة مع رويترز`, `في مقابلة مع «رويترز»`.
      const m = nextToken(ctx, f.withAt);
      const close = m >= 0 ? shortRegionEnd(ctx, m) : -1;
      if (close >= 0) outlet ??= { first: m + 1, last: close - 1, cut: 0 };
      else if (m >= 0 && view.word[m]) outlet ??= { first: m, last: Math.max(m, outletNameAt(view, m)), cut: 0 };
    }
    if (skipped === 0 && !f && adverbAt(view, k) < 0) skippedAt = k;
    prev = view.norm[k]!;
    skipped++;
  }
  return undefined;
}

/**
 * An opener with what the scan passed over before it. A module-level function rather than a closure in
 * `findOpener`, which would be made again on every call (and, under a loader that keeps function names, renamed).
 */
function done(
  o: Opener,
  outlet: TokenRange | undefined,
  when: [number, number] | undefined,
  skippedAt: number,
): Opener {
  if (outlet) o.outlet = outlet;
  if (when) o.when = when;
  if (skippedAt >= 0) o.skippedAt = skippedAt;
  return o;
}

/** Index of the next word or punctuation token after `k`, or -1. */
export function nextToken(ctx: ScanContext, k: number): number {
  const { view } = ctx;
  for (let j = k + 1; j < view.n; j++) if (view.word[j] || view.punct[j]) return j;
  return -1;
}

/** Last word or punctuation token of the sentence holding `k`. */
export function sentenceLast(ctx: ScanContext, k: number): number {
  const { view } = ctx;
  const s = view.doc.sentences[view.sent[k]!];
  let last = s ? Math.min(s.tokens[1], view.n) - 1 : k;
  while (last > k && !view.word[last] && !view.punct[last]) last--;
  return last;
}

/** Trim punctuation and space tokens from the end of `first..last`; returns the new last (>= first - 1). */
export function trimEnd(ctx: ScanContext, first: number, last: number): number {
  const { view } = ctx;
  let e = last;
  while (e >= first && (!view.word[e] || (view.punct[e] && ctx.opens[e]! < 0))) {
    if (view.punct[e]) {
      const m = view.mark[e]!;
      // Keep a closing mark whose quote opened inside the content.
      const r = ctx.inside[e - 1];
      if (
        (m === 0xbb || m === 0x201d || m === 0x22 || m === 0x29) && // » ” " )
        r !== undefined &&
        r >= 0 &&
        ctx.regions[r]!.close === e &&
        ctx.regions[r]!.open >= first
      )
        break;
    }
    e--;
  }
  return e;
}
