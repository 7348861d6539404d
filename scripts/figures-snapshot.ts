/**
 * A snapshot of what the figure stages (dates, quantities) find, to check that a change
 * (a faster reader, a new trigger rule) leaves their output as it was.
 *
 * Runs the pipeline without entities and quotes on the first N SaudiNewsNet articles
 * (with the seed article, as `loadCorpus` gives them) plus samples/articles/*.txt, and
 * writes one JSON line per document: its id with every field of its dates[] and quantities[].
 * Compare two snapshots with `cmp` or `diff`.
 *
 * Usage: npx tsx scripts/figures-snapshot.ts --out /tmp/figures.jsonl [--limit 3000] [--shared ../shared]
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadCorpus } from "../bench/corpus.ts";
import type { RawDoc } from "../src/model/doc.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: "string" },
    limit: { type: "string", default: "3000" },
    shared: { type: "string" },
  },
});
if (!values.out) throw new Error("figures-snapshot: --out FILE is required");
const shared = resolve(ROOT, values.shared ?? "../shared");

const docs: RawDoc[] = loadCorpus(shared, Number(values.limit)).docs;
const samples = join(ROOT, "samples/articles");
for (const name of readdirSync(samples).sort()) {
  if (!name.endsWith(".txt")) continue;
  const path = join(samples, name);
  docs.push({ id: `samples/${name}`, raw: readFileSync(path, "utf8"), source: { path } });
}

const stages = createPipeline({ skip: ["entities", "quotes"] });
const lines: string[] = [];
let dates = 0;
let quantities = 0;
for (const raw of docs) {
  const doc = runPipeline(stages, raw);
  const d = (doc.layers.dates as unknown[] | undefined) ?? [];
  const q = (doc.layers.quantities as unknown[] | undefined) ?? [];
  dates += d.length;
  quantities += q.length;
  lines.push(JSON.stringify({ id: raw.id, status: doc.status, dates: d, quantities: q }));
}
writeFileSync(values.out, `${lines.join("\n")}\n`);
console.log(`figures-snapshot: ${docs.length} documents, ${dates} dates, ${quantities} quantities → ${values.out}`);
