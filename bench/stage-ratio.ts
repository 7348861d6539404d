// What the stage-ratio benchmarks (bench/extract-figures.ts, bench/quotes.ts) share: loading khabar from src or
// dist, the command line, the corpus, a warm-up pass and the median of the per-run ratios.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { RawDoc } from "../src/model/doc.ts";
import { loadCorpus, SAUDI_PATH } from "./corpus.ts";
import { type KhabarApi, PIPELINE_BATCH } from "./measure-pipeline.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * khabar's pipeline and document class, from the sources (under tsx) or the compiled `dist/`.
 *
 * @param impl `dist` after `npm run build`, as `npm run bench` runs it
 */
export async function loadApi(impl: "src" | "dist"): Promise<KhabarApi> {
  const load = async <T>(path: string): Promise<T> =>
    (await import(
      impl === "dist"
        ? pathToFileURL(join(ROOT, "dist", `${path}.js`)).href
        : new URL(`../src/${path}.ts`, import.meta.url).href
    )) as T;
  const pipeline = await load<typeof import("../src/run/pipeline.ts")>("run/pipeline");
  const model = await load<typeof import("../src/model/doc.ts")>("model/doc");
  return {
    createPipeline: pipeline.createPipeline,
    runPipeline: pipeline.runPipeline,
    runPipelineBatch: pipeline.runPipelineBatch,
    Doc: model.Doc,
  };
}

/** One timed pass of a stage-ratio benchmark: at least the ratio it measures. */
export interface RatioRun {
  ratio: number;
}

/**
 * The command line of a stage-ratio benchmark: `[--limit 3000] [--runs 5] [--batch 8] [--shared ../shared]
 * [--impl src|dist]`. Loads the corpus, warms up on 500 articles, prints each run and the median ratio.
 *
 * @param name the benchmark's name, to start its lines
 * @param what what the ratio is of, for the last line (`quotes add`)
 * @param run one timed pass over the documents
 * @param describe one run as a line
 */
export async function ratioMain<R extends RatioRun>(
  name: string,
  what: string,
  run: (api: KhabarApi, docs: readonly RawDoc[], batch: number) => R,
  describe: (r: R) => string,
): Promise<void> {
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
    console.log(`${name}: no corpus at ${join(shared, SAUDI_PATH)}; nothing to measure`);
    return;
  }
  const api = await loadApi(values.impl === "dist" ? "dist" : "src");
  const corpus = loadCorpus(shared, Number(values.limit));
  const docs = corpus.docs;
  const runs = Math.max(1, Number(values.runs));
  const batch = Number(values.batch);
  console.log(`${name}: ${docs.length} articles, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${runs} runs, batch ${batch}`);
  run(api, docs.slice(0, 500), batch); // warm-up: JIT, lexicons, models
  const ratios: number[] = [];
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const result = run(api, docs, batch);
    ratios.push(result.ratio);
    console.log(`run ${r + 1}: ${describe(result)} → +${(result.ratio * 100).toFixed(1)}%`);
  }
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)]!;
  console.log(
    `${what} ${(median * 100).toFixed(1)}% to the foundation pipeline (median of ${runs}; ` +
      `min ${(ratios[0]! * 100).toFixed(1)}%, max ${(ratios[ratios.length - 1]! * 100).toFixed(1)}%)`,
  );
}
