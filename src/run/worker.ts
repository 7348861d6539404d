// A pipeline worker thread: receives work items, sends back record lines (see worker-pool.ts).
import { parentPort, workerData } from "node:worker_threads";
import type { RecordOptions } from "../model/record.ts";
import { createPipeline, type PipelineOptions } from "./pipeline.ts";
import { processItem, resultOf, type WorkItem } from "./process-item.ts";

const config = workerData as { pipeline: PipelineOptions; record: RecordOptions };
const stages = createPipeline(config.pipeline);

parentPort?.on("message", (message: { seq: number; item: WorkItem }) => {
  let result: ReturnType<typeof resultOf>;
  try {
    result = resultOf(processItem(stages, message.item), config.record);
  } catch (error) {
    // processItem never throws for bad data; this is a bug, kept as a rejected record so counts still add up.
    const id = message.item.kind === "html" ? message.item.page.id : message.item.doc.id;
    const why = error instanceof Error ? error.message : String(error);
    result = {
      id,
      line: JSON.stringify({ id, status: "rejected", error: { code: "internal", message: why } }),
      status: "rejected",
      code: "internal",
      diagnostics: [],
      chars: 0,
    };
  }
  parentPort?.postMessage({ seq: message.seq, result });
});
