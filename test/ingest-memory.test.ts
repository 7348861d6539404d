import assert from "node:assert/strict";
import { test } from "node:test";
import { jsonlStream, measureBigRun } from "../bench/ingest-big.ts";

// A memory bound, not a timing one: 160 MB of JSONL made on the fly (never on disk) streams through
// reading, JSON parsing, decoding and record writing; if records or lines were kept, the heap would grow
// past the input's size (Arabic text is two bytes a character in the heap).
test("memory: a 160 MB JSONL stream runs in bounded heap, every line accounted for", async () => {
  const mb = 160;
  const r = await measureBigRun(jsonlStream(mb * 1e6, false), { jobs: 0, pipeline: "none", sampleMs: 50 });
  assert.ok(r.summary.read > 40_000, `${r.summary.read} records`);
  assert.equal(r.summary.ok + r.summary.rejected + r.summary.duplicate, r.summary.read, "counts in = counts out");
  assert.equal(r.summary.rejected, 0);
  assert.ok(r.peakHeapMb < 256, `peak heap ${r.peakHeapMb} MB for ${mb} MB of input`);
});
