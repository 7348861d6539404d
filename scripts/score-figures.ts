/**
 * Score the figures stages (dates, quantities) on the gold articles.
 *
 * Runs the pipeline (with the dates and quantities stages added after the
 * last annotating stage if the pipeline does not have them yet) on every
 * article named by ../shared/gold/*.gold.json, writes the records to
 * /tmp/h5.jsonl (source.path = the article's path), and runs
 * ../shared/eval/score.mjs on them.
 *
 * Usage: npx tsx scripts/score-figures.ts [--out FILE]
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractDates } from "../src/extract/dates.ts";
import { extractQuantities } from "../src/extract/quantities.ts";
import { toRecord } from "../src/model/record.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

const shared = fileURLToPath(new URL("../../shared/", import.meta.url));
const goldDir = join(shared, "gold");
const outIdx = process.argv.indexOf("--out");
const out = outIdx > 0 ? process.argv[outIdx + 1]! : "/tmp/h5.jsonl";

const stages = createPipeline();
const names = new Set(stages.map((s) => s.name));
if (!names.has("dates")) stages.push({ name: "dates", run: extractDates() });
if (!names.has("quantities")) stages.push({ name: "quantities", run: extractQuantities() });

const golds = readdirSync(goldDir)
  .filter((f) => f.endsWith(".gold.json"))
  .sort();
const lines: string[] = [];
for (const g of golds) {
  const gold = JSON.parse(readFileSync(join(goldDir, g), "utf8")) as { doc: string };
  const path = join(shared, gold.doc);
  const raw = readFileSync(path, "utf8");
  const doc = runPipeline(stages, { id: basename(path).replace(/\.txt$/, ""), raw, source: { path } });
  if (doc.status === "rejected") console.error(`${gold.doc}: rejected: ${doc.error?.code} ${doc.error?.message}`);
  lines.push(JSON.stringify(toRecord(doc, { raw: false, tokens: false })));
}
writeFileSync(out, `${lines.join("\n")}\n`);
const goldPaths = golds.map((g) => join(goldDir, g));
const report = execFileSync("node", [join(shared, "eval/score.mjs"), out, ...goldPaths], { encoding: "utf8" });
console.log(
  report
    .split("\n")
    .filter((l) => /^(quantities|dates)\s/.test(l) || /missed (quantity|date)|quantities span|dates span/.test(l))
    .join("\n"),
);
