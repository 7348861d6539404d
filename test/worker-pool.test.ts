import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createPipeline } from "../src/run/pipeline.ts";
import { processItem, resultOf, type WorkItem } from "../src/run/process-item.ts";
import { WorkerPool } from "../src/run/worker-pool.ts";

const samples = new URL("../samples/articles/", import.meta.url).pathname;
const texts = readdirSync(samples)
  .sort()
  .map((f) => readFileSync(join(samples, f), "utf8").slice(0, 300));

test("worker pool: batched items come back as the same lines as on this thread, each to its own caller", async () => {
  const items: WorkItem[] = Array.from({ length: 45 }, (_, i) => ({
    kind: "doc",
    format: "text",
    doc: { id: `d${i}`, raw: texts[i % texts.length]!, source: {} },
  }));
  const stages = createPipeline();
  const expected = items.map((item) => resultOf(processItem(stages, item), {}).line);
  // Small batches and a shallow queue: many messages, items held back while the workers are busy.
  const pool = new WorkerPool(2, { pipeline: {}, record: {} }, { batch: 4, depth: 1 });
  try {
    const got = await Promise.all(items.map((item) => pool.run(item)));
    assert.deepEqual(
      got.map((r) => r.line),
      expected,
    );
    assert.deepEqual(
      got.map((r) => r.id),
      items.map((_, i) => `d${i}`),
    );
    const startup = await pool.ready;
    assert.equal(startup.length, 2, "both workers started");
    for (const ms of startup) assert.ok(ms > 0);
  } finally {
    await pool.close();
  }
});

test("worker pool: a second worker starts only when items wait for it", async () => {
  const items: WorkItem[] = Array.from({ length: 3 }, (_, i) => ({
    kind: "doc",
    format: "text",
    doc: { id: `s${i}`, raw: texts[i % texts.length]!, source: {} },
  }));
  // Room for every item in the first worker's queue: nothing ever waits.
  const pool = new WorkerPool(2, { pipeline: {}, record: {} }, { batch: 8, depth: 2 });
  try {
    const got = await Promise.all(items.map((item) => pool.run(item)));
    assert.deepEqual(
      got.map((r) => r.id),
      ["s0", "s1", "s2"],
    );
  } finally {
    await pool.close();
  }
  const startup = await pool.ready;
  assert.equal(startup.length, 1, "one worker was enough");
});

// A document far larger than a news article (about 1 MB of real articles run together): seconds of work
// and hundreds of MB of heap, where each sample above takes milliseconds.
function hugeItem(id: string): WorkItem {
  const all = readdirSync(samples)
    .sort()
    .map((f) => readFileSync(join(samples, f), "utf8"))
    .join("\n");
  return { kind: "doc", format: "text", doc: { id, raw: all.repeat(Math.ceil(1_000_000 / all.length)), source: {} } };
}

function smallItems(n: number): WorkItem[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: "doc",
    format: "text",
    doc: { id: `ok${i}`, raw: texts[i % texts.length]!, source: {} },
  }));
}

test("worker pool: a worker that stays too long on a batch is replaced; only the slow document is rejected", async () => {
  const items = smallItems(6);
  items.splice(3, 0, hugeItem("huge"));
  // No limit checked between stages: the pool's watchdog alone stops the worker.
  const pool = new WorkerPool(1, { pipeline: {}, record: {} }, { batch: 8, stopAfterMs: 500 });
  try {
    const got = await Promise.all(items.map((item) => pool.run(item)));
    assert.deepEqual(
      got.map((r) => r.id),
      items.map((item) => (item.kind === "doc" ? item.doc.id : "")),
    );
    const huge = got[3]!;
    assert.equal(huge.status, "rejected");
    assert.equal(huge.code, "timeout");
    assert.match(JSON.parse(huge.line).error.message, /worker was stopped/);
    for (const r of got.filter((_, i) => i !== 3)) assert.equal(r.status, "ok", r.line.slice(0, 200));
    // Once with the whole batch, once with the document alone.
    assert.equal(pool.replaced, 2);
    // The pool goes on working after it.
    const after = await pool.run(smallItems(1)[0]!);
    assert.equal(after.status, "ok");
  } finally {
    await pool.close();
  }
});

test("worker pool: a document that kills its worker (out of memory) is rejected as crashed; the run goes on", async () => {
  const items = [...smallItems(2), hugeItem("huge"), ...smallItems(2)];
  const pool = new WorkerPool(1, { pipeline: {}, record: {} }, { batch: 8, maxWorkerMb: 48 });
  try {
    const got = await Promise.all(items.map((item) => pool.run(item)));
    assert.equal(got[2]!.status, "rejected");
    assert.equal(got[2]!.code, "crashed");
    for (const i of [0, 1, 3, 4]) assert.equal(got[i]!.status, "ok");
    assert.equal(pool.replaced, 2);
  } finally {
    await pool.close();
  }
});

test("pipeline: a document over the time limit is stopped between stages with code timeout", async () => {
  const stages = createPipeline();
  const item = hugeItem("huge");
  const doc = processItem(stages, item, { maxMs: 50 });
  assert.equal(doc.status, "rejected");
  assert.equal(doc.error?.code, "timeout");
  assert.match(doc.error?.message ?? "", /stopped after stage \w+/);
  // Without a limit the same stages finish a short document as before.
  assert.equal(processItem(stages, smallItems(1)[0]!, { maxMs: 0 }).status, "ok");
});
