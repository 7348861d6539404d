import { readFileSync } from "node:fs";
import { matchForm } from "../../normalize/match-form.ts";
import { type ScanContext, shortRegionEnd } from "./scan-context.ts";
import { dataUrl, type TokenView } from "./token-view.ts";
import { Bits, Lists, SIEVE } from "./word-sieve.ts";

interface OutletData {
  heads: string[];
  outlets: { name: string; forms: string[] }[];
}
interface PhraseData {
  frame_heads: string[];
  frames: string[];
  audiences: string[];
  times: string[];
}

const outletData = JSON.parse(readFileSync(dataUrl("outlets.json"), "utf8")) as OutletData;
const phraseData = JSON.parse(readFileSync(dataUrl("source-phrases.json"), "utf8")) as PhraseData;

/** Multi-word names keyed by their first word, longest first. */
function byFirst(phrases: readonly string[]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = matchForm(p).split(" ");
    const list = map.get(words[0]!) ?? [];
    list.push(words);
    list.sort((a, b) => b.length - a.length);
    map.set(words[0]!, list);
  }
  return map;
}

const OUTLETS = byFirst(outletData.outlets.flatMap((o) => o.forms));
const OUTLET_HEADS = new Set(outletData.heads.map(matchForm));
const AUDIENCES = byFirst(phraseData.audiences);
const TIMES = byFirst(phraseData.times);
const FRAME_HEADS = new Set(phraseData.frame_heads.map(matchForm));
const FRAMES = new Set(phraseData.frames.map(matchForm));
const FI = matchForm("في");
const WA_FI = matchForm("وفي");
const MAA = matchForm("مع");
// What `outletAt` can start with: ل alone, ل on an outlet or audience (للصحفيين = ل + الصحفيين), ل on a head noun.
SIEVE.addAll(["ل", "لـ"], Lists.outlet);
for (const h of [...OUTLETS.keys(), ...AUDIENCES.keys(), ...OUTLET_HEADS]) {
  SIEVE.add(`ل${h}`, Lists.outlet);
  if (h.startsWith("ال")) SIEVE.add(`لل${h.slice(2)}`, Lists.outlet);
}
SIEVE.addAll(TIMES.keys(), Lists.time);
SIEVE.addAll([...FRAMES, FI, WA_FI], Lists.frame);

/** A token range `[first, last]` with letters cut from the start of its first token (the ل of `لرويترز`). */
export interface TokenRange {
  first: number;
  last: number;
  cut: number;
}

/** Match one of `phrases` starting at token `i` with the first word given as `head`. */
function matchPhrase(view: TokenView, i: number, head: string, phrases: Map<string, string[][]>): number {
  const list = phrases.get(head);
  if (!list) return -1;
  for (const words of list) {
    let k = i;
    let ok = true;
    for (let j = 1; j < words.length && ok; j++) {
      k = nextWordOrQuote(view, k);
      ok = k >= 0 && view.norm[k] === words[j];
    }
    if (ok) return k;
  }
  return -1;
}

function nextWordOrQuote(view: TokenView, i: number): number {
  for (let k = i + 1; k < view.n && view.sent[k] === view.sent[i]; k++) if (view.word[k]) return k;
  return -1;
}

/**
 * An outlet or audience written with ل at token `i`: `لرويترز`, `لوكالة فرانس برس`,
 * `للصحفيين`, `لـ«الشرق الأوسط»`, `لصحيفة عكاظ`.
 *
 * @returns the cue's tokens (`first..end`) and the outlet's own range, or `undefined`
 */
export function outletAt(ctx: ScanContext, i: number): { end: number; outlet: TokenRange } | undefined {
  const { view } = ctx;
  if (!view.word[i]) return undefined;
  const w = view.norm[i]!;
  if ((view.sieve[i]! & Bits.outlet) === 0) return undefined;
  if (w === "ل" || w === "لـ") {
    // لـ followed by a quoted name, or by a known outlet.
    const k = i + 1 < view.n ? i + 1 : -1;
    if (k < 0) return undefined;
    const close = shortRegionEnd(ctx, k);
    if (close >= 0) return { end: close, outlet: { first: k + 1, last: close - 1, cut: 0 } };
    if (!view.word[k]) return undefined;
    const last = matchPhrase(view, k, view.norm[k]!, OUTLETS);
    if (last >= 0) return { end: last, outlet: { first: k, last, cut: 0 } };
    return undefined;
  }
  if (w.length < 3 || w[0] !== "ل") return undefined;
  const rest = w.slice(1);
  const definite = w.startsWith("لل") ? `ا${rest}` : rest; // للصحفيين = ل + الصحفيين
  for (const [head, cut] of [
    [rest, 1],
    [definite, 2],
  ] as const) {
    let last = matchPhrase(view, i, head, OUTLETS);
    if (last < 0) last = matchPhrase(view, i, head, AUDIENCES);
    if (last >= 0) return { end: last, outlet: { first: i, last, cut } };
  }
  if (OUTLET_HEADS.has(rest)) {
    // لصحيفة X: the outlet's name follows, in quotes or as one or two words.
    const k = i + 1;
    const close = k < view.n ? shortRegionEnd(ctx, k) : -1;
    if (close >= 0) return { end: close, outlet: { first: i, last: close, cut: 1 } };
    const n1 = nextWordOrQuote(view, i);
    if (n1 >= 0) {
      const known = matchPhrase(view, n1, view.norm[n1]!, OUTLETS);
      return { end: known >= 0 ? known : n1, outlet: { first: i, last: known >= 0 ? known : n1, cut: 1 } };
    }
  }
  return undefined;
}

/**
 * A setting at token `i` between a speaker and the content: `في بيان`,
 * `في مؤتمر صحفي`, `في تصريح لـ...`, `في مقابلة مع ...`, `أمام`, `خلال`.
 *
 * @returns the index of the setting's head word and, for `في مقابلة مع X`, where X starts; `undefined` when none
 */
export function frameAt(view: TokenView, i: number): { head: number; withAt: number } | undefined {
  if (!view.word[i]) return undefined;
  const w = view.norm[i]!;
  if ((view.sieve[i]! & Bits.frame) === 0) return undefined;
  if (FRAMES.has(w)) return { head: i, withAt: -1 };
  if (w !== FI && w !== WA_FI) return undefined;
  const k = nextWordOrQuote(view, i);
  if (k < 0 || !FRAME_HEADS.has(view.norm[k]!)) return undefined;
  const m = nextWordOrQuote(view, k);
  return { head: k, withAt: m >= 0 && view.norm[m] === MAA ? m : -1 };
}

/**
 * A time phrase at token `i` (`الأسبوع الماضي`, `أمس`, `الثلاثاء`).
 *
 * @returns the index of its last token, or -1
 */
export function timeAt(view: TokenView, i: number): number {
  if (!view.word[i] || (view.sieve[i]! & Bits.time) === 0) return -1;
  return matchPhrase(view, i, view.norm[i]!, TIMES);
}

/** Whether the word at `i` is a known outlet name by itself (`رويترز`). */
export function outletNameAt(view: TokenView, i: number): number {
  if (!view.word[i]) return -1;
  return matchPhrase(view, i, view.norm[i]!, OUTLETS);
}
