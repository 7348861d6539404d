/**
 * Speed, load time and memory of the entities stage (recognition + linking)
 * on real articles: the first `--limit` articles of
 * ../shared/corpus/saudinewsnet/articles.jsonl.gz, run through the stages
 * before it (untimed as far as the entities figure goes, but timed as the
 * in-run baseline).
 *
 *   node --expose-gc --import tsx bench/entities.ts [--limit 1500] [--rounds 3] [--shared DIR]
 *
 * Each round builds every document afresh through the earlier stages, then
 * runs the entities stage on it, then the quotes stage, with a timer around
 * each. The machine is shared, so besides tokens per second the report gives
 * ratios within the same round (entities time / earlier stages' time, and the
 * entities share of the pipeline), which noise moves much less. The best
 * round counts. Load time is measured in a fresh process (`--load-only`):
 * model + knowledge base + tagger construction, wall and CPU, and the heap
 * they hold.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { extractEntities } from "../src/extract/entities/extract-entities.ts";
import { defaultKnowledgeBase } from "../src/extract/entities/kb.ts";
import { defaultModel } from "../src/extract/entities/tagger.ts";
import type { Doc } from "../src/model/doc.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";
import { loadCorpus } from "./corpus.ts";

const { values } = parseArgs({
  options: {
    limit: { type: "string", default: "1500" },
    rounds: { type: "string", default: "3" },
    shared: { type: "string" },
    "load-only": { type: "boolean", default: false },
  },
});

const gc = (globalThis as { gc?: () => void }).gc;

if (values["load-only"]) {
  // A fresh process: modules are imported already (above); time what the stage does when it is created.
  // Typed arrays live outside the JS heap: count `arrayBuffers` too.
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  gc?.();
  const heap0 = held();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  defaultModel();
  const tModel = performance.now();
  defaultKnowledgeBase();
  const tKb = performance.now();
  const stage = extractEntities();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  gc?.();
  const heap = held() - heap0;
  console.log(
    JSON.stringify({
      wallMs: wall,
      cpuMs: (cpu.user + cpu.system) / 1000,
      modelMs: tModel - t0,
      kbMs: tKb - tModel,
      heapMB: heap / 1e6,
      rssMB: process.memoryUsage().rss / 1e6,
      ok: typeof stage === "function",
    }),
  );
  process.exit(0);
}

const root = fileURLToPath(new URL("..", import.meta.url));
const shared = resolve(values.shared ?? resolve(root, "../shared"));
if (!existsSync(shared)) {
  console.log(`bench/entities: no ${shared}; nothing to measure`);
  process.exit(0);
}
const limit = Number(values.limit);
const rounds = Number(values.rounds);

const load = JSON.parse(
  execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--load-only"], {
    encoding: "utf8",
    cwd: root,
  }),
) as { wallMs: number; cpuMs: number; modelMs: number; kbMs: number; heapMB: number; rssMB: number };

const corpus = loadCorpus(shared, limit);
const before = createPipeline({ skip: ["entities", "quotes"] });
const entities = extractEntities();
const quotes = createPipeline().find((s) => s.name === "quotes")?.run;

interface Round {
  tokens: number;
  mentions: number;
  linked: number;
  beforeMs: number;
  entitiesMs: number;
  entitiesCpuMs: number;
  quotesMs: number;
}

function round(): Round {
  const r: Round = { tokens: 0, mentions: 0, linked: 0, beforeMs: 0, entitiesMs: 0, entitiesCpuMs: 0, quotesMs: 0 };
  const docs: Doc[] = [];
  let t = performance.now();
  for (const raw of corpus.docs) {
    const doc = runPipeline(before, raw);
    if (doc.status === "ok") docs.push(doc);
  }
  r.beforeMs = performance.now() - t;
  // The entities stage over all documents in one go, with CPU time too (wall time counts other processes' turns).
  const cpu0 = process.cpuUsage();
  t = performance.now();
  for (const doc of docs) entities(doc);
  r.entitiesMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  r.entitiesCpuMs = (cpu.user + cpu.system) / 1000;
  t = performance.now();
  if (quotes) for (const doc of docs) quotes(doc);
  r.quotesMs = performance.now() - t;
  for (const doc of docs) {
    r.tokens += doc.tokens.length;
    const es = (doc.layers.entities ?? []) as { id: string | null }[];
    r.mentions += es.length;
    r.linked += es.filter((e) => e.id).length;
  }
  return r;
}

round(); // warm-up: JIT, word caches
const results: Round[] = [];
let peakHeap = 0;
for (let i = 0; i < rounds; i++) {
  results.push(round());
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
gc?.();
const best = results.reduce((a, b) => (b.entitiesCpuMs < a.entitiesCpuMs ? b : a));
const f = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `bench/entities: ${corpus.docs.length} articles (${(corpus.bytes / 1e6).toFixed(1)} MB), ${f(best.tokens)} tokens, ` +
    `${f(best.mentions)} mentions (${f(best.linked)} linked); ${rounds} rounds after a warm-up, best counts`,
);
for (const [i, r] of results.entries()) {
  console.log(
    `  round ${i + 1}: entities ${f(r.tokens / (r.entitiesCpuMs / 1000))} tokens/CPU-s (${f(r.tokens / (r.entitiesMs / 1000))}/wall-s); ` +
      `entities/earlier-stages time ${(r.entitiesMs / r.beforeMs).toFixed(3)}; entities share of pipeline ${(
        (100 * r.entitiesMs) / (r.beforeMs + r.entitiesMs + r.quotesMs)
      ).toFixed(1)}%`,
  );
}
console.log(
  `  best: ${f(best.tokens / (best.entitiesCpuMs / 1000))} tokens per CPU second; ` +
    `load in a fresh process ${load.wallMs.toFixed(0)} ms wall, ${load.cpuMs.toFixed(0)} ms CPU ` +
    `(model ${load.modelMs.toFixed(0)} ms, KB ${load.kbMs.toFixed(0)} ms), holding ${load.heapMB.toFixed(1)} MB (heap + array buffers); ` +
    `this process: peak heap ${(peakHeap / 1e6).toFixed(0)} MB (corpus included), rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
