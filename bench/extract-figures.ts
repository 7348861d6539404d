/**
 * What the figure stages (dates, quantities) add to the foundation pipeline
 * (normalize → clean → commit → segment → analyze → language), as a ratio measured
 * in the same pass, so that a busy machine slows both sides alike.
 *
 * The stages are built one by one, as `createPipeline` builds them, so that the later
 * stages (entities, quotes) are neither loaded nor run.
 *
 * Each document runs through the foundation stages, then `credits` (datelines and
 * bylines, which the dates stage reads; not counted on either side), then `dates`
 * and `quantities`, with `performance.now()` around each stage. The ratio is
 * (dates + quantities) / (new Doc + foundation stages), per run; the report gives
 * every run and the median.
 *
 * Usage: node --expose-gc --import tsx bench/extract-figures.ts [--limit 3000] [--runs 5] [--batch 8]
 *        [--shared ../shared] [--impl src|dist]
 */
import { pathToFileURL } from "node:url";
import type { RawDoc } from "../src/model/doc.ts";
import { CONSTRUCT, type KhabarApi, PIPELINE_BATCH, stagedPass } from "./measure-pipeline.ts";
import { ratioMain } from "./stage-ratio.ts";

/** The stages the figure stages are measured against. */
export const FOUNDATION = ["normalize", "clean", "commit", "segment", "analyze", "language"] as const;
/** The stages measured. */
export const FIGURES = ["dates", "quantities"] as const;

/** One run: milliseconds per stage and the ratio. */
export interface FiguresRun {
  foundationMs: number;
  datesMs: number;
  quantitiesMs: number;
  /** (dates + quantities) / foundation. */
  ratio: number;
  dates: number;
  quantities: number;
}

/**
 * One timed pass over `docs`: foundation, credits, dates, quantities.
 *
 * @returns stage times and the ratio of the figure stages to the foundation
 */
export function figuresRun(api: KhabarApi, docs: readonly RawDoc[], batch = PIPELINE_BATCH): FiguresRun {
  let dates = 0;
  let quantities = 0;
  const pass = stagedPass(
    api,
    docs,
    () => {
      // Count what the figure stages found (keeps their work observable).
      // The stages of `createPipeline` up to `quantities`, in its order.
      return api.createPipeline({ skip: ["entities", "quotes"] }).map((s) =>
        s.name === "quantities"
          ? {
              name: s.name,
              run: (doc) => {
                s.run(doc);
                quantities += (doc.layers.quantities as unknown[] | undefined)?.length ?? 0;
                dates += (doc.layers.dates as unknown[] | undefined)?.length ?? 0;
              },
            }
          : s,
      );
    },
    batch,
  );
  const ms = (name: string): number => pass.ms[pass.stages.indexOf(name)] ?? 0;
  const foundationMs = ms(CONSTRUCT) + FOUNDATION.reduce((sum, name) => sum + ms(name), 0);
  const datesMs = ms("dates");
  const quantitiesMs = ms("quantities");
  return {
    foundationMs,
    datesMs,
    quantitiesMs,
    ratio: (datesMs + quantitiesMs) / foundationMs,
    dates,
    quantities,
  };
}

async function main(): Promise<void> {
  await ratioMain(
    "extract-figures",
    "dates + quantities add",
    figuresRun,
    (r) =>
      `foundation ${r.foundationMs.toFixed(0)} ms, dates ${r.datesMs.toFixed(0)} ms, ` +
      `quantities ${r.quantitiesMs.toFixed(0)} ms (${r.dates} dates, ${r.quantities} quantities)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
