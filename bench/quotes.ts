/**
 * What the quote stage adds to the foundation pipeline (new Doc → normalize → clean →
 * commit → segment → analyze → language → credits), as a ratio measured in the same
 * pass, so that a busy machine slows both sides alike.
 *
 * Every document runs through all the stages of `createPipeline`, in its order, with
 * `performance.now()` around each stage. The quote stage reads the layers of the
 * stages before it (entities for the speaker's entity, dates for `when`), so those
 * run too, but they count on neither side. The ratio is quotes / (new Doc +
 * foundation stages), per run; the report gives every run and the median.
 *
 * Usage: node --expose-gc --import tsx bench/quotes.ts [--limit 3000] [--runs 5] [--batch 8] [--shared ../shared]
 *        [--impl src|dist]
 */
import { pathToFileURL } from "node:url";
import type { RawDoc } from "../src/model/doc.ts";
import { CONSTRUCT, type KhabarApi, PIPELINE_BATCH, stagedPass } from "./measure-pipeline.ts";
import { ratioMain } from "./stage-ratio.ts";

/** The stages the quote stage is measured against (with `new Doc`). */
export const FOUNDATION = ["normalize", "clean", "commit", "segment", "analyze", "language", "credits"] as const;

/** One run: milliseconds on each side and the ratio. */
export interface QuotesRun {
  foundationMs: number;
  quotesMs: number;
  /** Stages that ran but count on neither side (dates, quantities, entities). */
  otherMs: number;
  /** quotes / foundation. */
  ratio: number;
  /** Quotes found (keeps the work observable). */
  quotes: number;
}

/**
 * One timed pass over `docs` through every stage of `createPipeline`.
 *
 * @returns the foundation and quote times and their ratio
 */
export function quotesRun(api: KhabarApi, docs: readonly RawDoc[], batch = PIPELINE_BATCH): QuotesRun {
  let quotes = 0;
  const pass = stagedPass(
    api,
    docs,
    () =>
      api.createPipeline().map((s) =>
        s.name === "quotes"
          ? {
              name: s.name,
              run: (doc) => {
                s.run(doc);
                quotes += (doc.layers.quotes as unknown[] | undefined)?.length ?? 0;
              },
            }
          : s,
      ),
    batch,
  );
  if (!pass.stages.includes("quotes")) throw new Error("bench/quotes: createPipeline() has no quotes stage");
  let foundationMs = 0;
  let quotesMs = 0;
  let otherMs = 0;
  const counted = new Set<string>([CONSTRUCT, ...FOUNDATION]);
  pass.stages.forEach((name, k) => {
    const ms = pass.ms[k] ?? 0;
    if (name === "quotes") quotesMs += ms;
    else if (counted.has(name)) foundationMs += ms;
    else otherMs += ms;
  });
  return { foundationMs, quotesMs, otherMs, ratio: quotesMs / foundationMs, quotes };
}

async function main(): Promise<void> {
  await ratioMain(
    "quotes",
    "quotes add",
    quotesRun,
    (r) =>
      `foundation ${r.foundationMs.toFixed(0)} ms, quotes ${r.quotesMs.toFixed(0)} ms ` +
      `(${r.quotes} quotes; other stages ${r.otherMs.toFixed(0)} ms, not counted)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
