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
 * Usage: node --expose-gc --import tsx bench/extract-figures.ts [--limit 3000] [--runs 5] [--shared ../shared]
 *        [--impl src|dist]
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { RawDoc } from "../src/model/doc.ts";
import type { NamedStage } from "../src/run/stage.ts";
import { loadCorpus, SAUDI_PATH } from "./corpus.ts";
import { CONSTRUCT, type KhabarApi, PIPELINE_BATCH, stagedPass } from "./measure-pipeline.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

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

/** The stage factories of `createPipeline` this benchmark runs (imported one by one: the later stages are not built). */
interface FiguresApi extends KhabarApi {
  stages: () => NamedStage[];
}

async function loadApi(impl: "src" | "dist"): Promise<FiguresApi> {
  const load = async <T>(path: string): Promise<T> =>
    (await import(
      impl === "dist"
        ? pathToFileURL(join(ROOT, "dist", `${path}.js`)).href
        : new URL(`../src/${path}.ts`, import.meta.url).href
    )) as T;
  const pipeline = await load<typeof import("../src/run/pipeline.ts")>("run/pipeline");
  const model = await load<typeof import("../src/model/doc.ts")>("model/doc");
  // The stages of `createPipeline` up to `quantities`, in its order.
  const stages = (): NamedStage[] => pipeline.createPipeline({ skip: ["entities", "quotes"] });
  return {
    createPipeline: pipeline.createPipeline,
    runPipeline: pipeline.runPipeline,
    runPipelineBatch: pipeline.runPipelineBatch,
    Doc: model.Doc,
    stages,
  };
}

/**
 * One timed pass over `docs`: foundation, credits, dates, quantities.
 *
 * @returns stage times and the ratio of the figure stages to the foundation
 */
export function figuresRun(api: FiguresApi, docs: readonly RawDoc[], batch = PIPELINE_BATCH): FiguresRun {
  let dates = 0;
  let quantities = 0;
  const pass = stagedPass(
    api,
    docs,
    () => {
      // Count what the figure stages found (keeps their work observable).
      return api.stages().map((s) =>
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
  const { values } = parseArgs({
    options: {
      limit: { type: "string", default: "3000" },
      runs: { type: "string", default: "5" },
      // Documents run together stage by stage, as the workers run them (1: one by one).
      batch: { type: "string", default: String(PIPELINE_BATCH) },
      shared: { type: "string" },
      impl: { type: "string", default: "src" },
    },
  });
  const shared = resolve(ROOT, values.shared ?? "../shared");
  if (!existsSync(join(shared, SAUDI_PATH))) {
    console.log(`extract-figures: no corpus at ${join(shared, SAUDI_PATH)}; nothing to measure`);
    return;
  }
  const api = await loadApi(values.impl === "dist" ? "dist" : "src");
  const corpus = loadCorpus(shared, Number(values.limit));
  const docs = corpus.docs;
  const runs = Math.max(1, Number(values.runs));
  console.log(`extract-figures: ${docs.length} articles, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${runs} runs`);
  figuresRun(api, docs.slice(0, 500), Number(values.batch)); // warm-up: JIT and lexicons
  const results: FiguresRun[] = [];
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const run = figuresRun(api, docs, Number(values.batch));
    results.push(run);
    console.log(
      `run ${r + 1}: foundation ${run.foundationMs.toFixed(0)} ms, dates ${run.datesMs.toFixed(0)} ms, ` +
        `quantities ${run.quantitiesMs.toFixed(0)} ms → +${(run.ratio * 100).toFixed(1)}% ` +
        `(${run.dates} dates, ${run.quantities} quantities)`,
    );
  }
  const ratios = results.map((r) => r.ratio).sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)]!;
  console.log(
    `dates + quantities add ${(median * 100).toFixed(1)}% to the foundation pipeline (median of ${runs}; ` +
      `min ${(ratios[0]! * 100).toFixed(1)}%, max ${(ratios[ratios.length - 1]! * 100).toFixed(1)}%)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
