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
