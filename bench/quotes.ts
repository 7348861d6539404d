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
 * Usage: node --expose-gc --import tsx bench/quotes.ts [--limit 3000] [--runs 5] [--shared ../shared]
 *        [--impl src|dist]
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { RawDoc } from "../src/model/doc.ts";
import { loadCorpus, SAUDI_PATH } from "./corpus.ts";
import { CONSTRUCT, type KhabarApi, PIPELINE_BATCH, stagedPass } from "./measure-pipeline.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

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

async function loadApi(impl: "src" | "dist"): Promise<KhabarApi> {
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
    console.log(`quotes: no corpus at ${join(shared, SAUDI_PATH)}; nothing to measure`);
    return;
  }
  const api = await loadApi(values.impl === "dist" ? "dist" : "src");
  const corpus = loadCorpus(shared, Number(values.limit));
  const docs = corpus.docs;
  const runs = Math.max(1, Number(values.runs));
  console.log(`quotes: ${docs.length} articles, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${runs} runs`);
  quotesRun(api, docs.slice(0, 500), Number(values.batch)); // warm-up: JIT, lexicons, knowledge base
  const results: QuotesRun[] = [];
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const run = quotesRun(api, docs, Number(values.batch));
    results.push(run);
    console.log(
      `run ${r + 1}: foundation ${run.foundationMs.toFixed(0)} ms, quotes ${run.quotesMs.toFixed(0)} ms ` +
        `→ +${(run.ratio * 100).toFixed(1)}% (${run.quotes} quotes; other stages ${run.otherMs.toFixed(0)} ms, not counted)`,
    );
  }
  const ratios = results.map((r) => r.ratio).sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)]!;
  console.log(
    `quotes add ${(median * 100).toFixed(1)}% to the foundation pipeline (median of ${runs}; ` +
      `min ${(ratios[0]! * 100).toFixed(1)}%, max ${(ratios[ratios.length - 1]! * 100).toFixed(1)}%)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
