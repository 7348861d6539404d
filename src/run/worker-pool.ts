import { Worker } from "node:worker_threads";
import type { RecordOptions } from "../model/record.ts";
import type { PipelineOptions } from "./pipeline.ts";
import type { ItemResult, WorkItem } from "./process-item.ts";

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * A fixed set of worker threads running the pipeline. Each task goes to the
 * least busy worker; `run` resolves with its record line. Works from the
 * compiled code (`dist/run/worker.js`) and from sources under tsx
 * (`src/run/worker.ts`, the worker loads tsx itself).
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (r: ItemResult) => void; reject: (e: Error) => void; slot: Slot }
  >();
  private seq = 0;
  private failure: Error | undefined;

  /**
   * @param size number of threads (at least 1)
   * @param config pipeline and record options, the same for every worker
   */
  constructor(size: number, config: { pipeline: PipelineOptions; record: RecordOptions }) {
    const fromSource = import.meta.url.endsWith(".ts");
    // Under tsx (tests, scripts) the worker registers tsx's loader before importing the TypeScript worker.
    const entry = fromSource
      ? `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./worker.ts", import.meta.url).href)}); });`
      : new URL("./worker.js", import.meta.url);
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new Worker(entry, { workerData: config, eval: fromSource });
      const slot: Slot = { worker, busy: 0 };
      worker.on("message", (m: { seq: number; result: ItemResult }) => {
        const w = this.waiting.get(m.seq);
        if (!w) return;
        this.waiting.delete(m.seq);
        w.slot.busy--;
        w.resolve(m.result);
      });
      worker.on("error", (error) => this.fail(slot, error));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(slot, new Error(`khabar: worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  // A dead worker fails its tasks (the caller turns them into `internal` rejections) and the pool.
  private fail(slot: Slot, error: Error): void {
    this.failure ??= error;
    for (const [seq, w] of this.waiting) {
      if (w.slot !== slot) continue;
      this.waiting.delete(seq);
      w.reject(error);
    }
  }

  /** Process one item on the least busy worker. */
  run(item: WorkItem): Promise<ItemResult> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const seq = this.seq++;
    slot.busy++;
    return new Promise<ItemResult>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject, slot });
      // Transfer nothing: page bytes are small, and copying keeps the reader's buffers valid.
      slot.worker.postMessage({ seq, item });
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
