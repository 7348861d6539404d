import assert from "node:assert/strict";
import { test } from "node:test";
import { findQuoteRegions, type QuoteRegion } from "../src/extract/quotes/quote-marks.ts";
import { type TokenView, tokenView } from "../src/extract/quotes/token-view.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

const stages = createPipeline({ skip: ["credits", "dates", "quantities", "entities", "quotes"] });

// The pairing rule written the plain way (a scan on from every opening mark), as the stage had it before it was
// made linear: the reference the fast one must agree with.
const CLOSERS = new Map([
  [0xab, 0xbb],
  [0x201c, 0x201d],
  [0x201e, 0x201d],
  [0x2039, 0x203a],
]);
function reference(view: TokenView): { regions: QuoteRegion[]; inside: number[] } {
  const regions: QuoteRegion[] = [];
  const inside = new Array<number>(view.n).fill(-1);
  let from = 0;
  for (let m = 0; m < view.markCount; m++) {
    const i = view.marks[m]!;
    if (i < from) continue;
    const mark = view.mark[i]!;
    const straight = mark === 0x22 || mark === 0xff02;
    const closer = straight ? mark : (CLOSERS.get(mark) ?? -1);
    if (closer < 0) continue;
    let close = -1;
    let depth = 0;
    let lastPara = view.para[i]!;
    for (let k = i + 1; k < view.n; k++) {
      const p = view.para[k]!;
      if (p !== lastPara) {
        if (p - view.para[i]! >= 3) break;
        lastPara = p;
        if (view.punct[k] && view.mark[k] === mark) continue;
      }
      if (!view.punct[k]) continue;
      const t = view.mark[k];
      if (t === closer && (depth === 0 || straight)) {
        close = k;
        break;
      }
      if (t === closer) depth--;
      else if (t === mark && !straight) depth++;
    }
    let last = close - 1;
    if (close < 0) for (last = i; last + 1 < view.n && view.para[last + 1] === view.para[i]; ) last++;
    if (last <= i) continue;
    let words = 0;
    for (let k = i + 1; k <= last; k++) if (view.word[k]) words++;
    regions.push({ open: i, close, last, words });
    for (let k = i + 1; k <= last; k++) inside[k] = regions.length - 1;
    if (straight) from = close >= 0 ? close + 1 : last + 1;
  }
  return { regions, inside };
}

// A seeded generator: the same cases on every run.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const PIECES = ["«", "»", "“", "”", "„", "‹", "›", '"', "قال", "الوزير", "إن", "،", ".", "\n", "\n\n", "2015"];

test("quote marks: the linear pairing agrees with a scan from every mark, on 400 random mark soups", () => {
  const next = random(7);
  for (let c = 0; c < 400; c++) {
    const parts: string[] = [];
    const length = 5 + Math.floor(next() * 80);
    for (let p = 0; p < length; p++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
    const doc = runPipeline(stages, { id: `soup${c}`, raw: `قال الوزير ${parts.join(" ")}`, source: {} });
    if (doc.status !== "ok") continue;
    const view = tokenView(doc);
    const want = reference(view);
    const got = findQuoteRegions(view);
    assert.deepEqual(got.regions, want.regions, doc.text);
    assert.deepEqual(Array.from(got.inside), want.inside, doc.text);
  }
});

test("quote marks: 20,000 unclosed opening marks in one paragraph pair in linear time, each its own region", () => {
  const doc = runPipeline(stages, { id: "marks", raw: `قال الوزير ${"“ كلمة ".repeat(20_000)}`, source: {} });
  const view = tokenView(doc);
  const { regions, inside } = findQuoteRegions(view);
  assert.equal(regions.length, 20_000);
  assert.ok(regions.every((r) => r.close === -1 && r.last === view.n - 1));
  // Every word lies in the region of the mark just before it, the innermost.
  assert.equal(inside[view.n - 1], 19_999);
  assert.equal(regions[0]!.words, 20_000);
});
