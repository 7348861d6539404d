import type { Cue } from "./cues.ts";
import type { QuoteRegion } from "./quote-marks.ts";
import { scratchColumn, type TokenView } from "./token-view.ts";

/** Most words a quoted passage may have to read as a name (`شركة «تايوان باور»`) rather than a quote. */
export const NAME_WORDS = 4;

/**
 * What the quote scanners share for one document: the tokens, the quoted
 * passages, and the cue found at each token.
 */
export interface ScanContext {
  view: TokenView;
  regions: QuoteRegion[];
  /** Innermost quoted passage holding each token (-1 outside). */
  inside: Int32Array;
  /** The region opened by each token (-1 when it opens none). */
  opens: Int32Array;
  /** The cue starting at each token (outside quoted passages). */
  cues: (Cue | undefined)[];
}

/**
 * Build the shared scan state.
 *
 * @returns the context with `opens` filled from `regions`
 */
export function scanContext(
  view: TokenView,
  regions: QuoteRegion[],
  inside: Int32Array,
  cues: (Cue | undefined)[],
): ScanContext {
  const opens = scratchColumn(view, 1);
  regions.forEach((r, k) => {
    opens[r.open] = k;
  });
  return { view, regions, inside, opens, cues };
}

/** The closing mark's index when token `k` opens a short closed quoted passage (a name), else -1. */
export function shortRegionEnd(ctx: ScanContext, k: number): number {
  const r = ctx.opens[k]!;
  if (r < 0) return -1;
  const region = ctx.regions[r]!;
  return region.close >= 0 && region.words <= NAME_WORDS ? region.close : -1;
}

/**
 * Whether token `k` opens a quoted name: a short closed passage followed by a
 * word (`شركة «تايوان باور» وهي`, `"Burnt Mill" في هارلو`) or by the colon that
 * opens what the name says (`قال "القاضي": أشرعها ...`), not by the end of the clause.
 */
export function opensName(ctx: ScanContext, k: number): number {
  const close = shortRegionEnd(ctx, k);
  if (close < 0) return -1;
  const { view } = ctx;
  for (let j = close + 1; j < view.n; j++) {
    if (view.sent[j] !== view.sent[k] && view.para[j] !== view.para[k]) return -1;
    if (view.word[j]) return close;
    if (view.punct[j]) return view.mark[j] === 0x3a && followsWord(view, k) ? close : -1; // `:`
  }
  return -1;
}

/** Whether the token before `k` (space aside) is a word: a quoted name follows its verb or noun. */
function followsWord(view: ScanContext["view"], k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    if (view.word[j]) return true;
    if (view.punct[j]) return false;
  }
  return false;
}

/** Whether token `k` opens a quoted passage that is a quote, not a name. */
export function opensQuote(ctx: ScanContext, k: number): boolean {
  const r = ctx.opens[k]!;
  return r >= 0 && opensName(ctx, k) < 0;
}
