import { findCredits } from "../../src/clean/find-credits.ts";
import { extractDates, type DatesOptions } from "../../src/extract/dates.ts";
import { extractQuantities } from "../../src/extract/quantities.ts";
import type { Doc } from "../../src/model/doc.ts";
import { badSpans, type Span } from "../../src/model/span.ts";
import { commitText } from "../../src/run/commit-text.ts";
import { analyzeTokens } from "../../src/normalize/analyze-tokens.ts";
import { runPipeline } from "../../src/run/pipeline.ts";
import { segment } from "../../src/segment/segment.ts";

/**
 * Run commit → segment → analyze → credits → dates → quantities on `text` (analyze: the quantities reader
 * reads the proclitics it splits off, `Token.prefix`) and check that
 * every span of the two layers slices the text.
 *
 * @param date publication date (`doc.source.date`), to resolve relative dates
 */
export function figures(text: string, date?: string, options: DatesOptions = {}): Doc {
  const doc = runPipeline(
    [
      { name: "commit", run: commitText() },
      { name: "segment", run: segment() },
      { name: "analyze", run: analyzeTokens() },
      { name: "credits", run: findCredits() },
      { name: "dates", run: extractDates(options) },
      { name: "quantities", run: extractQuantities() },
    ],
    { id: "t", raw: text, source: date ? { path: "t.txt", date } : { path: "t.txt" } },
  );
  if (doc.status !== "ok") throw new Error(`figures: ${doc.error?.message}`);
  const spans: Span[] = [];
  for (const layer of ["dates", "quantities"]) {
    for (const item of (doc.layers[layer] ?? []) as Record<string, unknown>[]) {
      for (const v of Object.values(item)) if (v && typeof v === "object" && "start" in v) spans.push(v as Span);
      spans.push(item as unknown as Span);
    }
  }
  const bad = badSpans(doc.text, spans);
  if (bad.length > 0) throw new Error(`figures: bad spans ${JSON.stringify(bad)}`);
  return doc;
}
