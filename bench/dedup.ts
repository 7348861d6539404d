// Dedup at scale: signatures per second and memory for N synthetic articles in one process (issue 7).
// The index keeps per original a bottom-k sketch of its shingles (DEFAULT_DEDUP.sketch values), not the set.
//   node --expose-gc --import tsx bench/dedup.ts [--n 1000000] [--copies 0.1]
// Articles are made of sentences drawn at random from ../shared/corpus/saudinewsnet (or from the bundled
// sample when ../shared is missing), already in matching form; a share of them are copies of earlier ones
// with a sentence dropped. Only fingerprinting and the index are timed: the pipeline is measured elsewhere.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { DedupIndex, fingerprint } from "../src/dedupe/dedup-index.ts";
import { digest64 } from "../src/dedupe/hash.ts";
import { matchForm } from "../src/normalize/match-form.ts";

const { values } = parseArgs({
  options: { n: { type: "string", default: "1000000" }, copies: { type: "string", default: "0.1" } },
});
const n = Number(values.n);
const copyShare = Number(values.copies);
const corpus = new URL("../../shared/corpus/saudinewsnet/articles.jsonl.gz", import.meta.url);
const texts = existsSync(corpus)
  ? gunzipSync(readFileSync(corpus))
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l).content as string)
  : readdirSync(new URL("../samples/articles/", import.meta.url)).map((f) =>
      readFileSync(new URL(`../samples/articles/${f}`, import.meta.url), "utf8"),
    );
const sentences = texts
  .flatMap((t) => t.split(/[.؟!\n]+/))
  .map((s) =>
    matchForm(s)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  )
  .filter((w) => w.length >= 6);
let state = 12345;
const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
const makeArticle = (): string[][] =>
  Array.from({ length: 8 + Math.floor(rand() * 8) }, () => sentences[Math.floor(rand() * sentences.length)]!);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const usage = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers; // shingle sets live in ArrayBuffers, outside the JS heap
};
const before = usage();
const index = new DedupIndex();
const recent: string[][][] = [];
let copies = 0;
let found = 0;
let words = 0;
const started = performance.now();
for (let i = 0; i < n; i++) {
  let article: string[][];
  const isCopy = recent.length > 0 && rand() < copyShare;
  if (isCopy) {
    const original = recent[Math.floor(rand() * recent.length)]!;
    article = original.filter((_, k) => k !== 2);
    copies++;
  } else {
    article = makeArticle();
    if (recent.length < 1000) recent.push(article);
    else recent[Math.floor(rand() * recent.length)] = article;
  }
  const flat = article.flat();
  words += flat.length;
  const verdict = index.add(`a${i}`, fingerprint(flat, digest64(flat.join(" ")), index.params));
  if (isCopy && verdict.kind !== "unique") found++;
  if ((i + 1) % 100000 === 0)
    process.stderr.write(`${i + 1} articles, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
const seconds = (performance.now() - started) / 1000;
gc?.();
const heap = usage() - before;
const rss = process.memoryUsage().rss;
// Peak resident memory of the whole process (KiB on Linux), the figure the 2 GB goal is about.
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  `dedup: ${n} synthetic articles (${(words / n).toFixed(0)} words each on average), ${copies} copies, ${found} found`,
);
console.log(`  ${(n / seconds).toFixed(0)} articles/s fingerprint+index (one core), ${seconds.toFixed(1)} s in all`);
console.log(
  `  memory held by the index (heap + array buffers) ${(heap / 2 ** 20).toFixed(0)} MiB (${(heap / n).toFixed(0)} bytes/article; index estimate ${(index.bytes / 2 ** 20).toFixed(0)} MiB), RSS ${(rss / 2 ** 20).toFixed(0)} MiB, peak RSS ${(maxRss / 2 ** 20).toFixed(0)} MiB`,
);
