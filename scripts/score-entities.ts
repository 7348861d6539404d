/**
 * Run the pipeline (plus the entities stage, if the pipeline does not have it
 * yet) on the gold articles, write /tmp/h7.jsonl, score it with
 * ../shared/eval/score.mjs, and report linking accuracy against the gold
 * canonical names.
 *
 *   npx tsx scripts/score-entities.ts [--out /tmp/h7.jsonl] [--skip stage,stage]
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extractEntities } from "../src/extract/entities/extract-entities.ts";
import { toRecord } from "../src/model/record.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";
import { simpleSegment } from "./simple-segment.ts";

const args = process.argv.slice(2);
const outIdx = args.indexOf("--out");
const out = outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1]! : "/tmp/h7.jsonl";
const shared = new URL("../../shared/", import.meta.url).pathname;
const goldDir = join(shared, "gold");
const golds = readdirSync(goldDir)
  .filter((f) => f.endsWith(".gold.json"))
  .map((f) => join(goldDir, f));

interface GoldEntity {
  text: string;
  type: string;
  canonical: string;
  required?: boolean;
}

const skipIdx = args.indexOf("--skip");
const skip = skipIdx >= 0 && args[skipIdx + 1] ? args[skipIdx + 1]!.split(",") : [];
const stages = createPipeline({ skip });
const hasEntities = stages.some((s) => s.name === "entities");
const hasSegment = stages.some((s) => s.name === "segment");
if (!hasSegment) console.error("score-entities: no segment stage in the pipeline yet; using scripts/simple-segment.ts");
if (!hasEntities) stages.push({ name: "entities", run: extractEntities() });
if (!hasSegment) {
  const at = stages.findIndex((s) => s.name === "entities");
  stages.splice(at, 0, { name: "segment-stand-in", run: simpleSegment });
}
const lines: string[] = [];
let linked = 0;
let linkable = 0;
let correct = 0;
const wrong: string[] = [];
const key = (s: string) => matchForm(s).replace(/^(وال|بال|لل|ال|و|ب|ل)/u, "");
for (const gp of golds) {
  const gold = JSON.parse(readFileSync(gp, "utf8")) as { doc: string; entities?: GoldEntity[] };
  const path = join(shared, gold.doc);
  const raw = readFileSync(path, "utf8");
  const doc = runPipeline(stages, { id: gold.doc.split("/").pop()!, raw, source: { path } });
  lines.push(JSON.stringify(toRecord(doc, { tokens: false })));
  const ents = (doc.layers.entities ?? []) as { text: string; id: string | null; name: string | null }[];
  for (const g of gold.entities ?? []) {
    const mention = ents.find((e) => key(e.text) === key(g.text));
    if (!mention) continue;
    linkable++;
    if (mention.name) linked++;
    if (mention.name && canon(mention.name) === canon(g.canonical)) correct++;
    else wrong.push(`${gold.doc}: ${g.text} → ${mention.name ?? "null"} (gold ${g.canonical})`);
  }
}
writeFileSync(out, `${lines.join("\n")}\n`);
console.log(
  execFileSync("node", [join(shared, "eval/score.mjs"), out, ...golds], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.startsWith("entities") || l.includes("missed entity"))
    .join("\n"),
);
console.log(
  `linking: of ${linkable} gold entities found, ${linked} linked, ${correct} to the gold canonical name (accuracy ${(correct / (linkable || 1)).toFixed(3)}; precision of links ${(correct / (linked || 1)).toFixed(3)})`,
);
for (const w of wrong) console.log(`  ${w}`);

// Gold canonical names carry qualifiers ("Red Sea State (Sudan)"); compare the main name.
function canon(s: string): string {
  return s.replace(/\s*\(.*\)$/u, "").toLowerCase();
}
