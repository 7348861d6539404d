#!/usr/bin/env node
// npm run eval: score khabar on the development data in ../shared (not needed by the tests).
// 1. Process the reference article and the 15 annotated articles with the built CLI, score the JSONL
//    with ../shared/eval/score.mjs against ../shared/gold/*.gold.json.
// 2. Run each evaluation script in scripts/ that exists (sentence boundaries, peer agreement, NER, ...).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, process.env.KHABAR_SHARED ?? "../shared");
if (!existsSync(join(shared, "eval/score.mjs"))) {
  console.log(`eval: ${shared} not found (it holds the gold data); nothing to score.`);
  process.exit(0);
}
mkdirSync(join(root, "out"), { recursive: true });
const out = join(root, "out/eval.jsonl");
execFileSync(
  process.execPath,
  [
    join(root, "bin/khabar.js"),
    "process",
    join(shared, "corpus/seed"),
    join(shared, "corpus/saudinewsnet/annotated"),
    "--out",
    out,
  ],
  { stdio: ["ignore", "inherit", "inherit"] },
);
const golds = readdirSync(join(shared, "gold"))
  .filter((f) => f.endsWith(".gold.json"))
  .map((f) => join(shared, "gold", f));
console.log("\n== gold: reference article (seed.gold.json)");
spawnSync(process.execPath, [join(shared, "eval/score.mjs"), out, join(shared, "gold/seed.gold.json")], {
  stdio: "inherit",
});
console.log(`\n== gold: all ${golds.length} annotated articles`);
spawnSync(process.execPath, [join(shared, "eval/score.mjs"), out, ...golds], { stdio: "inherit" });

// Further evaluations, each a script of its own that reads ../shared.
const extra = [
  ["sentence boundaries (UD Arabic PUD)", "scripts/eval-sentences.ts"],
  ["peer test vectors: normalization and stemming", "scripts/peer-agreement.ts"],
  ["peer test vectors: numbers and dates", "scripts/peer-figures.ts"],
  ["named entities (NewsFANE test.conll)", "scripts/eval-ner.ts"],
  ["entity links on the hand-checked corpus sample", "scripts/sample-links.ts"],
  ["near-duplicates on a generated test set", "scripts/eval-dedup.ts"],
  ["stories on hand-labelled article pairs", "scripts/eval-stories.ts"],
  ["search relevance on judged queries (khabar vs stock FTS5)", "scripts/eval-search.ts"],
];
for (const [title, script] of extra) {
  if (!existsSync(join(root, script))) continue;
  console.log(`\n== ${title}: ${script}`);
  spawnSync(process.execPath, ["--import", "tsx", join(root, script)], { stdio: "inherit", cwd: root });
}
