/**
 * Speed and memory of the entities stage alone (tagging, gazetteer, linking)
 * on the SaudiNewsNet sample (../shared/corpus/saudinewsnet/sample, 240 articles).
 * Documents are cleaned and segmented first (untimed); the stage then runs
 * over all of them `--rounds` times.
 *
 *   npx tsx scripts/bench-entities.ts [--rounds 5]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractEntities } from "../src/extract/entities/extract-entities.ts";
import type { Doc } from "../src/model/doc.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";
import { simpleSegment } from "./simple-segment.ts";

const args = process.argv.slice(2);
const ri = args.indexOf("--rounds");
const rounds = ri >= 0 ? Number(args[ri + 1]) : 5;
const dir = new URL("../../shared/corpus/saudinewsnet/sample/", import.meta.url).pathname;
const t0 = performance.now();
const stage = extractEntities();
const loadMs = performance.now() - t0;
const pre = createPipeline({ skip: ["entities"] });
const docs: Doc[] = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
  const doc = runPipeline(pre, { id: f, raw: readFileSync(join(dir, f), "utf8"), source: { path: join(dir, f) } });
  if (doc.status !== "ok") continue;
  simpleSegment(doc);
  docs.push(doc);
}
const tokens = docs.reduce((n, d) => n + d.tokens.length, 0);
for (const d of docs) stage(d); // warm-up
// CPU time of this process, not wall time: the number stays meaningful on a busy machine.
const cpu0 = process.cpuUsage();
const start = performance.now();
for (let r = 0; r < rounds; r++) for (const d of docs) stage(d);
const wall = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu0);
const secs = (used.user + used.system) / 1e6;
const mentions = docs.reduce((n, d) => n + (d.layers.entities?.length ?? 0), 0);
const linked = docs.reduce((n, d) => n + (d.layers.entities as { id: string | null }[]).filter((e) => e.id).length, 0);
console.log(
  `entities stage: ${docs.length} docs, ${tokens} tokens, ${mentions} mentions (${linked} linked); model + KB load ${loadMs.toFixed(0)} ms; ` +
    `${Math.round((tokens * rounds) / secs)} tokens per CPU second (${Math.round((tokens * rounds) / wall)} per wall second); rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
);
