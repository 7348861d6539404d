/**
 * Precision of entity links on a random sample of linked mentions from the
 * SaudiNewsNet corpus, checked by hand.
 *
 *   npx tsx scripts/sample-links.ts --draw [--n 200] [--seed 5]   # write a fresh sample to check
 *   npx tsx scripts/sample-links.ts                                # score the checked sample against today's output
 *
 * `--draw` runs the pipeline on ../shared/corpus/saudinewsnet/articles.jsonl.gz,
 * picks `--n` linked mentions at random (fixed seed, at most 2 per article)
 * and writes data/ner/link-sample.tsv: article line, mention offsets, text,
 * type, linked id, a context window, and an empty `verdict` column for the
 * checker (`ok`, or `wrong:ID`/`wrong:null` with the right link). Without
 * `--draw` the script re-runs the pipeline on the sampled articles and
 * counts, for each checked mention, whether today's link agrees with the
 * checker's verdict (same span and id as the accepted link, or the id the
 * checker gave); a mention no longer found counts as missed, not as wrong.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const corpusPath = new URL("../../shared/corpus/saudinewsnet/articles.jsonl.gz", import.meta.url).pathname;
const samplePath = new URL("../data/ner/link-sample.tsv", import.meta.url).pathname;
const lines = gunzipSync(readFileSync(corpusPath)).toString("utf8").split("\n");
const stages = createPipeline({ skip: ["quotes"] });

interface Ent {
  start: number;
  end: number;
  text: string;
  type: string;
  id: string | null;
}

function entitiesOf(line: number): { text: string; entities: Ent[] } {
  const rec = JSON.parse(lines[line - 1]!) as { id?: string; content: string };
  const doc = runPipeline(stages, { id: rec.id ?? `line-${line}`, raw: rec.content, source: {} });
  return { text: doc.text, entities: (doc.layers.entities ?? []) as Ent[] };
}

const clean = (s: string) => s.replace(/[\t\n\r]+/gu, " ");

if (args.includes("--draw")) {
  const n = Number(opt("n", "200"));
  let seed = Number(opt("seed", "5"));
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const rows: string[] = ["line\tstart\tend\ttext\ttype\tid\tcontext\tverdict"];
  const tried = new Set<number>();
  while (rows.length <= n && tried.size < lines.length) {
    const line = 1 + Math.floor(rand() * (lines.length - 1));
    if (tried.has(line) || !lines[line - 1]) continue;
    tried.add(line);
    const { text, entities } = entitiesOf(line);
    const linked = entities.filter((e) => e.id);
    for (let k = 0; k < 2 && linked.length && rows.length <= n; k++) {
      const e = linked.splice(Math.floor(rand() * linked.length), 1)[0]!;
      const ctx = `${text.slice(Math.max(0, e.start - 60), e.start)}[[${e.text}]]${text.slice(e.end, e.end + 60)}`;
      rows.push([line, e.start, e.end, clean(e.text), e.type, e.id, clean(ctx), ""].join("\t"));
    }
  }
  writeFileSync(samplePath, `${rows.join("\n")}\n`);
  console.log(`sample-links: wrote ${rows.length - 1} mentions from ${tried.size} articles to ${samplePath}`);
} else {
  const rows = readFileSync(samplePath, "utf8").trim().split("\n").slice(1);
  let checked = 0;
  let agree = 0;
  let missed = 0;
  const disagree: string[] = [];
  const byLine = new Map<number, Ent[]>();
  for (const row of rows) {
    const [line, start, end, text, , id, , verdict] = row.split("\t");
    if (!verdict) continue;
    checked++;
    const ln = Number(line);
    if (!byLine.has(ln)) byLine.set(ln, entitiesOf(ln).entities);
    const right = verdict === "ok" ? id! : verdict.replace(/^wrong:/u, "");
    const now = byLine.get(ln)!.find((e) => e.start === Number(start) && e.end === Number(end));
    if (!now) {
      missed++;
      continue;
    }
    if ((now.id ?? "null") === right) agree++;
    else disagree.push(`  line ${line}: ${text} → ${now.id ?? "null"} (checked: ${right})`);
  }
  const found = checked - missed;
  console.log(
    `sample-links: ${checked} hand-checked mentions; ${found} still found at the same span, ` +
      `${agree} linked as checked: link precision ${(agree / (found || 1)).toFixed(3)}`,
  );
  for (const d of disagree) console.log(d);
}
