import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { DedupIndex } from "../src/dedupe/dedup-index.ts";
import { dedupe } from "../src/dedupe/dedupe.ts";
import { dedupeCorpus } from "../src/dedupe/dedupe-records.ts";
import { estimateJaccard, jaccard, minhash, shingleHashes } from "../src/dedupe/minhash.ts";
import { toRecord } from "../src/model/record.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

const dir = new URL("../samples/articles/", import.meta.url);
const articles = readdirSync(dir)
  .sort()
  .map((f) => readFileSync(new URL(f, dir), "utf8"))
  .filter((t) => t.split(/\s+/).length > 120);
const stages = createPipeline();
const process = (id: string, raw: string, date?: string) =>
  runPipeline(stages, { id, raw, source: date ? { path: `${id}.txt`, date } : { path: `${id}.txt` } });

function paragraphs(text: string): string[] {
  return text.split("\n").filter((p) => p.trim());
}

test("dedupe: copies with other debris, diacritics and hamza spellings are exact duplicates", () => {
  const stage = dedupe({ index: new DedupIndex() });
  const a = articles[0]!;
  const copy = `[ad_1]\n${a.replace(/ا/g, (x, i: number) => (i % 3 === 0 ? "أ" : x)).replace(/ة/g, "ه").replace(/ب/g, "بَ")}\nالمصدر`;
  const first = process("a", a);
  const second = process("b", copy);
  stage(first);
  stage(second);
  assert.equal(first.status, "ok");
  assert.equal(second.status, "duplicate");
  assert.equal(second.duplicateOf, "a");
  assert.equal(second.dedup?.kind, "exact");
  assert.equal(first.dedup?.contentHash, second.dedup?.contentHash);
});

test("dedupe: a copy with a dropped paragraph is a near duplicate; a trimmed copy is contained in its original", () => {
  const stage = dedupe({ index: new DedupIndex() });
  const long = articles.find((t) => paragraphs(t).length >= 6)!;
  const ps = paragraphs(long);
  const original = process("orig", long);
  const dropped = process("dropped", ps.filter((_, i) => i !== 3).join("\n"));
  const trimmed = process("trimmed", ps.slice(0, Math.ceil(ps.length * 0.6)).join("\n"));
  for (const d of [original, dropped, trimmed]) stage(d);
  assert.equal(original.status, "ok");
  assert.equal(dropped.status, "duplicate");
  assert.equal(dropped.duplicateOf, "orig");
  assert.ok(["near", "contained"].includes(dropped.dedup?.kind ?? ""), dropped.dedup?.kind);
  assert.equal(trimmed.status, "duplicate");
  assert.equal(trimmed.dedup?.kind, "contained");
  const record = toRecord(trimmed);
  assert.equal(record.contained_in, "orig");
  assert.ok((record.similarity ?? 0) >= 0.9);
});

test("dedupe: distinct articles stay ok, and rejected ones are left alone", () => {
  const stage = dedupe({ index: new DedupIndex() });
  const docs = articles.map((t, i) => process(`d${i}`, t));
  for (const d of docs) stage(d);
  assert.deepEqual(
    docs.filter((d) => d.status !== "ok").map((d) => d.id),
    [],
  );
  const rejected = process("r", "نص");
  rejected.reject("empty", "test");
  stage(rejected);
  assert.equal(rejected.status, "rejected");
});

test("dedupeCorpus: the earliest-dated copy is canonical whatever the input order", () => {
  const a = articles[1]!;
  const later = toRecord(process("later", `${a}\n[ad_2]`, "2015-08-02"));
  const earlier = toRecord(process("earlier", a, "2015-07-30"));
  const other = toRecord(process("other", articles[2]!, "2015-07-29"));
  const out = dedupeCorpus([later, other, earlier]);
  assert.equal(out[0]!.status, "duplicate");
  assert.equal(out[0]!.duplicate_of, "earlier");
  assert.equal(out[1]!.status, "ok");
  assert.equal(out[2]!.status, "ok");
});

test("minhash: the signature estimate tracks the exact Jaccard similarity", () => {
  const words = paragraphs(articles[0]!).join(" ").split(/\s+/);
  for (const cut of [0.9, 0.7, 0.5]) {
    const a = shingleHashes(words, 2);
    const b = shingleHashes(words.slice(0, Math.floor(words.length * cut)), 2);
    const exact = jaccard(a, b);
    const estimate = estimateJaccard(minhash(a), minhash(b));
    assert.ok(Math.abs(exact - estimate) < 0.15, `cut ${cut}: exact ${exact} estimate ${estimate}`);
  }
});

test("DedupIndex: bands must divide the permutations", () => {
  assert.throws(() => new DedupIndex({ permutations: 128, bands: 30 }), /dedup_params/);
});
