// Near-duplicate evaluation on a test set generated from ../shared/corpus/saudinewsnet (issue 7).
//   npx tsx scripts/eval-dedup.ts [--n 400] [--seed 7] [--shingle 2] [--bands 32] [--threshold 0.8] [--sketch 128]
// (--sketch 0: verify on whole shingle sets, exactly, up to 20,000 shingles: the baseline before the sketches)
// For a sample of distinct articles it makes copies (other debris, a new headline, a dropped or an added
// paragraph, light rewording, diacritics and hamza variants, a trimmed copy) and adds hard negatives (the
// most similar distinct article of the corpus for each). Everything goes through the real pipeline and one
// DedupIndex in a shuffled order; a copy is right when it lands in its original's group.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { DedupIndex } from "../src/dedupe/dedup-index.ts";
import { judge, matchWords } from "../src/dedupe/dedupe.ts";
import { containment, shingleHashes } from "../src/dedupe/minhash.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "400" },
    seed: { type: "string", default: "7" },
    shingle: { type: "string", default: "2" },
    bands: { type: "string", default: "32" },
    threshold: { type: "string", default: "0.8" },
    sketch: { type: "string", default: "128" },
  },
});
const shared = new URL("../../shared/", import.meta.url);
let state = Number(values.seed);
const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

interface Article {
  id: string;
  title: string;
  content: string;
}
const all: Article[] = [];
const lines = createInterface({
  input: createReadStream(new URL("corpus/saudinewsnet/articles.jsonl.gz", shared)).pipe(createGunzip()),
});
for await (const line of lines) {
  const r = JSON.parse(line);
  all.push({ id: r.id, title: r.title ?? "", content: r.content ?? "" });
}
const wordsOf = (s: string) =>
  matchForm(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const poolWords = new Map<Article, string[]>();
for (const a of all) {
  const w = wordsOf(a.content);
  if (w.length >= 80) poolWords.set(a, w);
}
const pool = [...poolWords.keys()];
// Sample distinct originals: no two share half of their 5-word shingles (an independent, stricter test than ours).
const n = Number(values.n);
const originals: Article[] = [];
const originalSets: Uint32Array[] = [];
while (originals.length < n) {
  const a = pick(pool);
  if (originals.includes(a)) continue;
  const set = shingleHashes(wordsOf(a.content), 5);
  if (originalSets.some((s) => containment(set, s) >= 0.5 || containment(s, set) >= 0.5)) continue;
  originals.push(a);
  originalSets.push(set);
}

const debrisLines = [
  "[ad_1]",
  "اقرأ أيضاً: وزير الخارجية يلتقي نظيره",
  "المصدر",
  "شارك هذا المقال",
  "// انتهى //",
  "...المزيد",
];
const harakat = ["\u064E", "\u064F", "\u0650", "\u0651", "\u0652"];
const variants: Record<string, (a: Article) => string> = {
  debris: (a) => `${pick(debrisLines)}\n${a.content}\n${pick(debrisLines)}\n${pick(debrisLines)}`,
  headline: (a) => `${pick(all).title}\n${a.content}`,
  dropped_paragraph: (a) => {
    const ps = a.content.split("\n").filter((p) => p.trim());
    if (ps.length < 4) return ps.slice(0, -1).join("\n") || a.content;
    ps.splice(1 + Math.floor(rand() * (ps.length - 1)), 1);
    return ps.join("\n");
  },
  added_paragraph: (a) =>
    `${a.content}\n${
      pick(
        pick(all)
          .content.split("\n")
          .filter((p) => p.length > 40),
      ) ?? ""
    }`,
  reworded: (a) =>
    a.content.replace(/[^\s،.]+/g, (w) => {
      const r = rand();
      return r < 0.03 ? "" : r < 0.06 ? `${w} أيضا` : w;
    }),
  diacritics_hamza: (a) =>
    a.content
      .replace(/ا/g, (x) => (rand() < 0.3 ? "أ" : x))
      .replace(/ي(?=\s)/g, (x) => (rand() < 0.5 ? "ى" : x))
      .replace(/ة/g, (x) => (rand() < 0.5 ? "ه" : x))
      .replace(/[بتنمل]/g, (x) => (rand() < 0.2 ? x + pick(harakat) : x)),
  trimmed: (a) => {
    const ps = a.content.split("\n").filter((p) => p.trim());
    return ps.slice(0, Math.max(1, Math.ceil(ps.length * 0.7))).join("\n");
  },
};

// Hard negatives: for a quarter of the originals, the most word-similar other article that is not a copy.
const negatives: { id: string; content: string; near: string; set5?: Uint32Array }[] = [];
for (const a of originals.slice(0, Math.ceil(n / 4))) {
  const aw = new Set(poolWords.get(a)!);
  let best: Article | undefined;
  let bestScore = 0;
  const set5 = shingleHashes(poolWords.get(a)!, 5);
  for (const b of pool) {
    if (b === a || originals.includes(b) || negatives.some((x) => x.id === `neg:${b.id}`)) continue;
    const bw = poolWords.get(b)!;
    let hit = 0;
    for (const w of bw) if (aw.has(w)) hit++;
    const score = hit / (bw.length + aw.size);
    if (score <= bestScore) continue;
    const s5 = shingleHashes(bw, 5);
    if (containment(s5, set5) >= 0.3 || containment(set5, s5) >= 0.3) continue; // a real copy, not a negative
    if (negatives.some((x) => x.set5 && (containment(s5, x.set5) >= 0.3 || containment(x.set5, s5) >= 0.3))) continue;
    best = b;
    bestScore = score;
  }
  if (best)
    negatives.push({
      id: `neg:${best.id}`,
      content: best.content,
      near: a.id,
      set5: shingleHashes(wordsOf(best.content), 5),
    });
}

type Item = { id: string; content: string; group: string; kind: string };
const items: Item[] = originals.map((a) => ({ id: a.id, content: a.content, group: a.id, kind: "original" }));
for (const a of originals) {
  const kind = pick(Object.keys(variants));
  items.push({ id: `copy:${kind}:${a.id}`, content: variants[kind]!(a), group: a.id, kind });
}
for (const neg of negatives) items.push({ id: neg.id, content: neg.content, group: neg.id, kind: "negative" });
// Originals first (the canonical copies), then copies and negatives shuffled.
const rest = items.slice(originals.length);
for (let i = rest.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [rest[i], rest[j]] = [rest[j]!, rest[i]!];
}
const ordered = [...items.slice(0, originals.length), ...rest];

const stages = createPipeline();
const index = new DedupIndex({
  shingle: Number(values.shingle),
  bands: Number(values.bands),
  threshold: Number(values.threshold),
  // A sketch as large as any set is the whole set: exact verification, the baseline.
  sketch: Number(values.sketch) || 20_000,
});
const groupOf = new Map(items.map((i) => [i.id, i.group]));
let tp = 0;
let fp = 0;
let fn = 0;
const byKind: Record<string, { found: number; total: number }> = {};
const started = performance.now();
for (const item of ordered) {
  const doc = runPipeline(stages, { id: item.id, raw: item.content, source: {} });
  const [, verdict] = judge(index, item.id, matchWords(doc.tokens.length ? doc.tokens : fallbackTokens(doc.text)));
  const isCopy = item.kind !== "original" && item.kind !== "negative";
  const k = (byKind[item.kind] ??= { found: 0, total: 0 });
  k.total++;
  if (verdict.kind === "unique") {
    if (isCopy) fn++;
    continue;
  }
  const right = groupOf.get(verdict.of) === item.group;
  if (right) {
    tp++;
    k.found++;
  } else {
    fp++;
    console.log(`false positive: ${item.id} -> ${verdict.of} (${verdict.kind} ${verdict.similarity})`);
    if (isCopy) fn++;
  }
}
const ms = performance.now() - started;
const p = tp / Math.max(1, tp + fp);
const r = tp / Math.max(1, tp + fn);
console.log(
  `items ${ordered.length} (originals ${originals.length}, copies ${originals.length}, hard negatives ${negatives.length})`,
);
console.log(
  `params shingle ${values.shingle}, bands ${values.bands}, threshold ${values.threshold}, sketch ${Number(values.sketch) || "whole sets (exact)"}`,
);
console.log(`near-duplicate precision ${p.toFixed(3)} recall ${r.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
for (const [kind, { found, total }] of Object.entries(byKind))
  console.log(`  ${kind.padEnd(18)} flagged ${found}/${total}`);
console.log(`pipeline + dedup: ${(ordered.length / (ms / 1000)).toFixed(0)} docs/s`);

// Until segmentation is in the pipeline, split words from the text itself.
function fallbackTokens(text: string) {
  return wordsOf(text).map((norm) => ({ kind: "word" as const, norm }));
}
