import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { bottomK, estimateOverlap } from "../src/dedupe/bottom-k.ts";
import { containment, jaccard, shingleHashes } from "../src/dedupe/minhash.ts";
import { matchForm } from "../src/normalize/match-form.ts";

const dir = new URL("../samples/articles/", import.meta.url);
const words = readdirSync(dir)
  .sort()
  .map((f) =>
    matchForm(readFileSync(new URL(f, dir), "utf8"))
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  )
  .filter((w) => w.length > 300);

test("estimateOverlap: exact when both sets fit in the sketch", () => {
  const a = shingleHashes(words[0]!.slice(0, 60), 2);
  const b = shingleHashes(words[0]!.slice(20, 90), 2);
  const o = estimateOverlap(a, a.length, bottomK(b, 128), b.length, 128);
  assert.equal(o.jaccard, jaccard(a, b));
  assert.equal(o.aInB, containment(a, b));
  assert.equal(o.bInA, containment(b, a));
});

test("estimateOverlap: a 128-value sketch tracks Jaccard and containment of long articles both ways", () => {
  for (const w of words.slice(0, 5)) {
    const full = shingleHashes(w, 2);
    for (const [from, to] of [
      [0, 0.9],
      [0.1, 1],
      [0, 0.6],
    ] as const) {
      const part = shingleHashes(w.slice(Math.floor(w.length * from), Math.floor(w.length * to)), 2);
      // The new article is whole, the stored one a sketch; and the other way round.
      const o = estimateOverlap(part, part.length, bottomK(full, 128), full.length, 128);
      assert.ok(Math.abs(o.jaccard - jaccard(part, full)) < 0.12, `jaccard ${o.jaccard} vs ${jaccard(part, full)}`);
      assert.ok(o.aInB > 0.97, `a trimmed copy is contained: ${o.aInB}`);
      const r = estimateOverlap(full, full.length, bottomK(part, 128), part.length, 128);
      assert.ok(Math.abs(r.bInA - 1) < 0.03 && Math.abs(r.aInB - containment(full, part)) < 0.12, JSON.stringify(r));
    }
  }
  // Unrelated articles barely overlap.
  const x = shingleHashes(words[0]!, 2);
  const y = shingleHashes(words[1]!, 2);
  assert.ok(estimateOverlap(x, x.length, bottomK(y, 128), y.length, 128).jaccard < 0.1);
});
