import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { RawDoc } from "../src/model/doc.ts";
import { toRecord } from "../src/model/record.ts";
import { createPipeline, runPipeline, runPipelineBatch } from "../src/run/pipeline.ts";
import { processItem, processItems, type WorkItem } from "../src/run/process-item.ts";

const samples = new URL("../samples/articles/", import.meta.url).pathname;
const raws: RawDoc[] = readdirSync(samples)
  .sort()
  .slice(0, 12)
  .map((f) => ({ id: f, raw: readFileSync(join(samples, f), "utf8"), source: {} }));

test("runPipelineBatch: stage by stage over a batch gives the records of runPipeline document by document", () => {
  const stages = createPipeline();
  const one = raws.map((r) => JSON.stringify(toRecord(runPipeline(stages, r))));
  const batched = runPipelineBatch(stages, raws).map((d) => JSON.stringify(toRecord(d)));
  assert.equal(batched.length, raws.length);
  for (let i = 0; i < raws.length; i++) assert.equal(batched[i], one[i], raws[i]!.id);
  // Each document's layers are its own: dates and quantities share a per-document word view.
  assert.ok(one.some((line) => line.includes('"quantities":[{')));
});

test("runPipelineBatch: a stage that throws on one document rejects that one only", () => {
  const stages = [
    ...createPipeline({ skip: ["entities", "quotes"] }),
    {
      name: "picky",
      run: (doc: { id: string }) => {
        if (doc.id === raws[1]!.id) throw new Error("no");
      },
    },
  ];
  const docs = runPipelineBatch(stages, raws.slice(0, 3));
  assert.deepEqual(
    docs.map((d) => d.status),
    ["ok", "rejected", "ok"],
  );
  assert.equal(docs[1]!.error?.code, "internal");
  assert.match(docs[1]!.error?.message ?? "", /stage picky failed: no/);
});

test("processItems: an HTML page with no article is rejected in place, the others keep their order", () => {
  const stages = createPipeline({ skip: ["entities", "quotes"] });
  const items: WorkItem[] = [
    { kind: "doc", format: "text", doc: raws[0]! },
    {
      kind: "html",
      format: "html",
      page: { id: "empty.html", bytes: Buffer.from("<html><body><nav>x</nav></body></html>"), source: {} },
    } as WorkItem,
    { kind: "doc", format: "text", doc: raws[2]! },
  ];
  const got = processItems(stages, items);
  const want = items.map((item) => processItem(stages, item));
  assert.deepEqual(
    got.map((d) => [d.id, d.status, d.error?.code]),
    want.map((d) => [d.id, d.status, d.error?.code]),
  );
  assert.equal(got[1]!.status, "rejected");
});
