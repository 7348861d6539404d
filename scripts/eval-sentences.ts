// Sentence-boundary evaluation on UD Arabic PUD (issue 2 §6).
//   npx tsx scripts/eval-sentences.ts [--file PATH.conllu] [--semicolon] [--ellipsis] [--quotes] [--misses N]
// Sentences are grouped by `# newdoc id`; each document's `# text =` lines are joined with one space
// and run through the real `segment` stage on a committed Doc. A boundary is the end offset of a
// sentence other than the document's last (that one is free). Precision and recall of the predicted
// boundaries against the gold ones, overall and for news (n*) and Wikipedia (w*) documents.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Doc } from "../src/model/doc.ts";
import { segment } from "../src/segment/segment.ts";

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    semicolon: { type: "boolean", default: false },
    ellipsis: { type: "boolean", default: false },
    quotes: { type: "boolean", default: false },
    misses: { type: "string", default: "30" },
  },
});
const file =
  values.file ?? new URL("../../shared/corpus/ud-arabic-pud/ar_pud-ud-test.conllu", import.meta.url).pathname;

interface GoldDoc {
  id: string;
  sentences: string[];
  /** Surface tokens of each sentence: UD's syntactic words re-joined where a clitic was split off (ل|أوباما). */
  tokens: string[][];
}

const wordChar = /[\p{L}\p{M}\p{Nd}]/u;

function readDocs(path: string): GoldDoc[] {
  const docs: GoldDoc[] = [];
  let id = "";
  let glue = false;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("# newdoc id = ")) id = line.slice(14).trim();
    else if (line.startsWith("# text = ")) {
      const last = docs[docs.length - 1];
      const text = line.slice(9).trim();
      if (last && last.id === id) {
        last.sentences.push(text);
        last.tokens.push([]);
      } else docs.push({ id, sentences: [text], tokens: [[]] });
      glue = false;
    } else if (/^\d+\t/.test(line)) {
      const cols = line.split("\t");
      const form = cols[1] ?? "";
      const toks = docs[docs.length - 1]!.tokens.at(-1)!;
      const prev = toks.at(-1);
      if (glue && prev !== undefined && wordChar.test(prev.at(-1) ?? "") && wordChar.test(form[0] ?? ""))
        toks[toks.length - 1] = prev + form;
      else toks.push(form);
      glue = (cols[9] ?? "").includes("SpaceAfter=No");
    }
  }
  return docs;
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

const stage = segment({ semicolon: values.semicolon, ellipsis: values.ellipsis, quotes: values.quotes });
const scores: Record<string, Score> = {
  all: { tp: 0, fp: 0, fn: 0 },
  news: { tp: 0, fp: 0, fn: 0 },
  wiki: { tp: 0, fp: 0, fn: 0 },
};
const misses: string[] = [];
const tokenScore: Score = { tp: 0, fp: 0, fn: 0 };
const tokenMisses: string[] = [];
let unaligned = 0;
const docs = readDocs(file);
let sentences = 0;
for (const gold of docs) {
  const text = gold.sentences.join(" ");
  sentences += gold.sentences.length;
  const gb = new Set<number>();
  let at = 0;
  for (const s of gold.sentences.slice(0, -1)) {
    at += s.length;
    gb.add(at);
    at += 1;
  }
  const doc = new Doc({ id: gold.id, raw: text, source: {} });
  doc.commit();
  stage(doc);
  const pb = new Set(doc.sentences.slice(0, -1).map((s) => s.end));
  // Tokens: gold surface tokens located in the text in order; a document whose forms do not align is skipped.
  const goldSpans = new Set<string>();
  let cursor = 0;
  let aligned = true;
  for (const form of gold.tokens.flat()) {
    const at = text.indexOf(form, cursor);
    if (at < 0 || text.slice(cursor, at).trim() !== "") {
      aligned = false;
      break;
    }
    goldSpans.add(`${at}:${at + form.length}`);
    cursor = at + form.length;
  }
  if (aligned) {
    const ours = new Set(doc.tokens.map((t) => `${t.start}:${t.end}`));
    for (const k of ours) {
      if (goldSpans.has(k)) tokenScore.tp++;
      else {
        tokenScore.fp++;
        const [a, b] = k.split(":").map(Number) as [number, number];
        tokenMisses.push(
          `ours ${gold.id}: ${JSON.stringify(text.slice(a, b))} in …${text.slice(Math.max(0, a - 20), b + 20)}…`,
        );
      }
    }
    for (const k of goldSpans) if (!ours.has(k)) tokenScore.fn++;
  } else unaligned++;
  const group = gold.id.startsWith("n") ? scores.news! : scores.wiki!;
  for (const b of pb) {
    const hit = gb.has(b) ? "tp" : "fp";
    scores.all![hit]++;
    group[hit]++;
    if (hit === "fp") misses.push(`FP ${gold.id}: …${text.slice(Math.max(0, b - 50), b)} ‖ ${text.slice(b, b + 40)}…`);
  }
  for (const b of gb) {
    if (pb.has(b)) continue;
    scores.all!.fn++;
    group.fn++;
    misses.push(`FN ${gold.id}: …${text.slice(Math.max(0, b - 50), b)} ‖ ${text.slice(b, b + 40)}…`);
  }
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : "n/a");
console.log(`${docs.length} documents, ${sentences} sentences (${file})`);
console.log(`options: semicolon=${values.semicolon} ellipsis=${values.ellipsis} quotes=${values.quotes}`);
for (const [name, s] of Object.entries(scores)) {
  const p = s.tp / (s.tp + s.fp);
  const r = s.tp / (s.tp + s.fn);
  console.log(
    `${name.padEnd(5)} boundaries: precision ${fmt(p)}  recall ${fmt(r)}  F1 ${fmt((2 * p * r) / (p + r))}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
  );
}
{
  const p = tokenScore.tp / (tokenScore.tp + tokenScore.fp);
  const r = tokenScore.tp / (tokenScore.tp + tokenScore.fn);
  console.log(
    `tokens (surface, clitics re-joined; ${docs.length - unaligned} aligned documents): precision ${fmt(p)}  recall ${fmt(r)}  (tp ${tokenScore.tp}, fp ${tokenScore.fp}, fn ${tokenScore.fn})`,
  );
}
const n = Number(values.misses);
if (misses.length && n > 0) {
  console.log(`\nmisses (${misses.length}, first ${Math.min(n, misses.length)}):`);
  for (const m of misses.slice(0, n)) console.log(m);
  for (const m of tokenMisses.slice(0, n)) console.log(m);
}
