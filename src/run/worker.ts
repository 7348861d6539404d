// A pipeline worker thread: receives batches of work items, answers each batch with one message of record
// lines (see worker-pool.ts). Lines are serialized here, so only strings cross back to the main thread.
import { parentPort, workerData } from "node:worker_threads";
import type { RecordOptions } from "../model/record.ts";
import { createPipeline, type PipelineOptions, runPipeline } from "./pipeline.ts";
import { type ItemResult, processItem, resultOf } from "./process-item.ts";
import type { WorkerBatch, WorkerMessage } from "./worker-pool.ts";

const config = workerData as { pipeline: PipelineOptions; record: RecordOptions };
const stages = createPipeline(config.pipeline);

// Stages load their data (knowledge base, NER model, word lists) on first use: one short document here
// loads it before the first real one, so the start-up time is reported as such and not as a slow record.
runPipeline(stages, {
  id: "warm-up",
  raw: "قال وزير الخارجية في الرياض يوم الأحد 21 يوليو 2015 إن المحادثات ستستمر أسبوعين.",
  source: {},
});

function one(seq: number, item: WorkerBatch["items"][number][1]): [number, ItemResult] {
  try {
    return [seq, resultOf(processItem(stages, item), config.record)];
  } catch (error) {
    // processItem never throws for bad data; this is a bug, kept as a rejected record so counts still add up.
    const id = item.kind === "html" ? item.page.id : item.doc.id;
    const why = error instanceof Error ? error.message : String(error);
    return [
      seq,
      {
        id,
        line: JSON.stringify({ id, status: "rejected", error: { code: "internal", message: why } }),
        status: "rejected",
        code: "internal",
        diagnostics: [],
        chars: 0,
      },
    ];
  }
}

parentPort?.on("message", (batch: WorkerBatch) => {
  const message: WorkerMessage = { kind: "results", results: batch.items.map(([seq, item]) => one(seq, item)) };
  parentPort?.postMessage(message);
});
parentPort?.postMessage({ kind: "ready" } satisfies WorkerMessage);
