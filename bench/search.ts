// Store and search benchmark (issue 8): indexing articles/s into SQLite, and query latency p50/p95 on a corpus of
// at least 100,000 articles, synthetic from real ones: a few thousand SaudiNewsNet articles
// (../shared/corpus/saudinewsnet) go through the pipeline once, then copies of their records with new ids, shifted
// dates and light variation (a sentence dropped, the title's words rotated) are put until the target is reached.
//
//   node --import tsx bench/search.ts [--articles 100000] [--seed 2000] [--records FILE.jsonl] [--db FILE] [--keep]
//
// --records reuses records written by `khabar process` (with tokens) instead of running the pipeline.
import { createReadStream, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import type { DocRecord } from "../src/model/record.ts";
import { emptySummary, processRecords } from "../src/run/process-inputs.ts";
import { openSqliteStore } from "../src/store/sqlite.ts";
import type { FacetName } from "../src/store/types.ts";

const { values: args } = parseArgs({
  options: {
    articles: { type: "string", default: "100000" },
    seed: { type: "string", default: "2000" },
    records: { type: "string" },
    db: { type: "string" },
    keep: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
  },
});
const target = Number(args.articles);
const seedCount = Number(args.seed);
const dbFile = args.db ?? join(tmpdir(), `khabar-bench-${process.pid}.db`);
const corpus = new URL("../../shared/corpus/saudinewsnet/articles.jsonl.gz", import.meta.url);

async function seedRecords(): Promise<{ records: DocRecord[]; pipelinePerSec: number | null }> {
  const records: DocRecord[] = [];
  if (args.records) {
    const lines = createInterface({ input: createReadStream(args.records) });
    for await (const line of lines) {
      if (!line.trim()) continue;
      records.push(JSON.parse(line) as DocRecord);
      if (records.length >= seedCount) break;
    }
    return { records, pipelinePerSec: null };
  }
  if (!existsSync(corpus)) throw new Error(`bench/search: needs ${corpus.pathname} (or --records FILE)`);
  // The first N articles, via a temp JSONL file the pipeline reads like any input.
  const tmp = join(tmpdir(), `khabar-bench-seed-${process.pid}.jsonl`);
  const { createWriteStream } = await import("node:fs");
  const out = createWriteStream(tmp);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(corpus).pipe(createGunzip()) })) {
    if (n++ >= seedCount) break;
    out.write(`${line}\n`);
  }
  await new Promise((r) => out.end(r));
  const summary = emptySummary();
  const started = performance.now();
  for await (const r of processRecords([tmp], { record: { raw: false, tokens: true } }, summary))
    records.push(JSON.parse(r.line) as DocRecord);
  const secs = (performance.now() - started) / 1000;
  rmSync(tmp, { force: true });
  return { records, pipelinePerSec: records.length / secs };
}

// A light variant of a record: new id, shifted date, one sentence's tokens dropped, raw left out.
function variant(r: DocRecord, k: number): DocRecord {
  const copy: DocRecord = { ...r, id: `${r.id}~${k}`, source: { ...r.source }, raw: undefined as unknown as string };
  delete (copy as { raw?: string }).raw;
  delete copy.duplicate_of;
  delete copy.duplicate_kind;
  delete copy.similarity;
  delete copy.contained_in;
  delete copy.content_hash;
  if (copy.status === "duplicate") copy.status = "ok";
  const date = typeof r.source.date === "string" ? Date.parse(r.source.date.replace(" ", "T") + "Z") : Number.NaN;
  if (!Number.isNaN(date))
    copy.source.date = new Date(date - k * 86_400_000 * 3).toISOString().replace("T", " ").slice(0, 19);
  const sentences = r.sentences ?? [];
  if (sentences.length > 2) {
    const drop = sentences[k % sentences.length]!;
    copy.tokens = r.tokens.filter((t) => t[0] < drop.start || t[0] >= drop.end);
  }
  if (typeof r.source.title === "string") {
    const words = r.source.title.split(" ");
    const s = k % Math.max(1, words.length);
    copy.source.title = [...words.slice(s), ...words.slice(0, s)].join(" ");
  }
  return copy;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
}

rmSync(dbFile, { force: true });
const { records: seed, pipelinePerSec } = await seedRecords();
const store = await openSqliteStore(dbFile);
const BATCH = 500;

let started = performance.now();
for (let i = 0; i < seed.length; i += BATCH) await store.put(seed.slice(i, i + BATCH));
const realPerSec = seed.length / ((performance.now() - started) / 1000);

started = performance.now();
let total = seed.length;
let synth = 0;
for (let k = 1; total < target; k++) {
  const batch: DocRecord[] = [];
  for (const r of seed) {
    if (total >= target) break;
    if (r.status === "rejected") continue;
    batch.push(variant(r, k));
    total++;
    if (batch.length >= BATCH) {
      await store.put(batch.splice(0));
    }
  }
  if (batch.length) await store.put(batch);
}
synth = total - seed.length;
const synthPerSec = synth / ((performance.now() - started) / 1000);
store.db.pragma("optimize");
store.db.exec("INSERT INTO fts(fts) VALUES ('optimize')");

// Queries: frequent title words (one-term), pairs, phrases, and filtered.
const counts = new Map<string, number>();
for (const r of seed)
  for (const w of String(r.source.title ?? "").split(/\s+/))
    if (w.length >= 4 && /^[\u0621-\u064a]+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
const words = [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w);
const pick = (from: number, n: number) => words.slice(from, from + n);
const classes: Record<string, string[]> = {
  "one term": [...pick(0, 20), ...pick(100, 20), ...pick(400, 20)],
  "two terms": pick(0, 40)
    .map((w, i) => `${w} ${words[i + 40]}`)
    .slice(0, 30),
  phrase: seed
    .slice(0, 30)
    .map((r) =>
      String(r.source.title ?? "")
        .split(/\s+/)
        .slice(0, 2)
        .join(" "),
    )
    .filter((t) => t.includes(" "))
    .map((t) => `"${t.replace(/["«»]/g, "")}"`),
  "term + filters": pick(0, 30).map((w, i) => `${w} date:2015-07..2015-08 ${i % 2 ? "has:quote" : "lang:ar"}`),
};
const facets: FacetName[] = ["entity", "site", "date", "speaker"];
const runs = Number(args.runs);
const report: Record<string, unknown> = {};
for (const [name, qs] of Object.entries(classes)) {
  const times: number[] = [];
  const totals: number[] = [];
  for (let run = 0; run < runs; run++)
    for (const q of qs) {
      const t0 = performance.now();
      const res = await store.search({ q, facets, limit: 20 });
      times.push(performance.now() - t0);
      if (run === 0) totals.push(res.total);
    }
  report[name] = {
    queries: qs.length * runs,
    p50_ms: pct(times, 50),
    p95_ms: pct(times, 95),
    max_ms: Math.round(Math.max(...times)),
    median_hits: pct(totals, 50),
  };
}
const noFacets: number[] = [];
for (const q of classes["one term"]!) {
  const t0 = performance.now();
  await store.search({ q, limit: 20 });
  noFacets.push(performance.now() - t0);
}
const stats = await store.stats();
await store.close();
const { statSync } = await import("node:fs");
const bytes = statSync(dbFile).size + (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);
const result = {
  articles: stats.articles,
  seed_articles: seed.length,
  pipeline_articles_per_s: pipelinePerSec === null ? null : Math.round(pipelinePerSec),
  index_real_articles_per_s: Math.round(realPerSec),
  index_synthetic_articles_per_s: Math.round(synthPerSec),
  db_mb: Math.round(bytes / 1e6),
  facets,
  latency: report,
  one_term_without_facets: { p50_ms: pct(noFacets, 50), p95_ms: pct(noFacets, 95) },
};
console.log(JSON.stringify(result, null, 2));
if (!args.keep) for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
