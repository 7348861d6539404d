// Score the quote stage on the gold articles of ../shared/gold with ../shared/eval/score.mjs.
// Usage: npx tsx scripts/score-quotes.ts [--out /tmp/h6.jsonl] [--show]
// Runs the pipeline of src/run/pipeline.ts (plus the quotes stage when the pipeline does not have it yet)
// on each gold file's `doc`, writes one JSONL record per article (source.path = the file's path) and
// prints score.mjs's report. --show also prints every quote found, per article.
// KHABAR_SKIP=dates,quantities leaves stages out (e.g. one that is broken while being edited).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractQuotes, type Quote } from "../src/extract/quotes/extract-quotes.ts";
import { toRecord } from "../src/model/record.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

const shared = fileURLToPath(new URL("../../shared/", import.meta.url));
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args[outAt + 1]! : "/tmp/h6.jsonl";
const show = args.includes("--show");

const stages = createPipeline(process.env.KHABAR_SKIP ? { skip: process.env.KHABAR_SKIP.split(",") } : {});
if (!stages.some((s) => s.name === "quotes")) stages.push({ name: "quotes", run: extractQuotes() });

const goldDir = `${shared}gold/`;
const golds = readdirSync(goldDir)
  .filter((f) => f.endsWith(".gold.json"))
  .sort()
  .map((f) => `${goldDir}${f}`);
const lines: string[] = [];
for (const g of golds) {
  const gold = JSON.parse(readFileSync(g, "utf8")) as { doc: string };
  const path = `${shared}${gold.doc}`;
  const raw = readFileSync(path, "utf8");
  const doc = runPipeline(stages, {
    id: gold.doc
      .split("/")
      .pop()!
      .replace(/\.txt$/, ""),
    raw,
    source: { path },
  });
  if (doc.status !== "ok") console.error(`${gold.doc}: ${doc.status} ${doc.error?.message ?? ""}`);
  lines.push(JSON.stringify(toRecord(doc, { raw: false, tokens: false })));
  if (show) {
    console.log(`== ${gold.doc}`);
    for (const [k, q] of ((doc.layers.quotes ?? []) as Quote[]).entries()) {
      const link = q.continues !== undefined ? ` ->${q.continues}` : "";
      console.log(
        `${k}${link} [${q.cue.text}] ${q.speaker?.text ?? "-"} | ${q.direct ? "D" : "I"}${q.anonymous ? "A" : ""} ${q.confidence} | ${q.content.text.slice(0, 90)}`,
      );
    }
  }
}
writeFileSync(out, `${lines.join("\n")}\n`);
const report = execFileSync("node", [`${shared}eval/score.mjs`, out, ...golds], { encoding: "utf8" });
console.log(report);
