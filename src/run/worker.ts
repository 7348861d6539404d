// A pipeline worker thread: receives batches of work items, answers each batch with one message of record
// lines (see worker-pool.ts). Lines are serialized here, so only strings cross back to the main thread.
import { parentPort, workerData } from "node:worker_threads";
import type { RecordOptions } from "../model/record.ts";
import { createPipeline, type PipelineOptions, type RunLimits, runPipeline } from "./pipeline.ts";
import { type ItemResult, processItem, processItems, resultOf } from "./process-item.ts";
import type { WorkerBatch, WorkerMessage } from "./worker-pool.ts";

const config = workerData as { pipeline: PipelineOptions; record: RecordOptions };
const stages = createPipeline(config.pipeline);
const limits: RunLimits = config.pipeline.maxMs !== undefined ? { maxMs: config.pipeline.maxMs } : {};

// Stages load their data (knowledge base, NER model, word lists) on first use: one short document here
// loads it before the first real one, so the start-up time is reported as such and not as a slow record.
runPipeline(stages, {
  id: "warm-up",
  raw: "قال وزير الخارجية في الرياض يوم الأحد 21 يوليو 2015 إن المحادثات ستستمر أسبوعين.",
  source: {},
});

// A record for an item whose processing threw (a bug: processItem never throws for bad data), kept as a
// rejection so that counts still add up.
function failed(item: WorkerBatch["items"][number][1], error: unknown): ItemResult {
  const id = item.kind === "html" ? item.page.id : item.doc.id;
  const why = error instanceof Error ? error.message : String(error);
  return {
    id,
    line: JSON.stringify({ id, status: "rejected", error: { code: "internal", message: why } }),
    status: "rejected",
    code: "internal",
    diagnostics: [],
    chars: 0,
  };
}

function one(item: WorkerBatch["items"][number][1]): ItemResult {
  try {
    return resultOf(processItem(stages, item, limits), config.record);
  } catch (error) {
    return failed(item, error);
  }
}

// The batch goes through the stages together (stage by stage: see `runPipelineBatch`); should that throw,
// each item is done again on its own, so one bad item cannot take its batch-mates with it.
function all(batch: WorkerBatch): [number, ItemResult][] {
  try {
    const docs = processItems(
      stages,
      batch.items.map(([, item]) => item),
      limits,
    );
    return batch.items.map(([seq, item], i) => {
      try {
        return [seq, resultOf(docs[i]!, config.record)];
      } catch (error) {
        return [seq, failed(item, error)];
      }
    });
  } catch {
    return batch.items.map(([seq, item]) => [seq, one(item)]);
  }
}

parentPort?.on("message", (batch: WorkerBatch) => {
  const message: WorkerMessage = { kind: "results", results: all(batch) };
  parentPort?.postMessage(message);
});
parentPort?.postMessage({ kind: "ready" } satisfies WorkerMessage);
