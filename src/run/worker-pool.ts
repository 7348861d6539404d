import { Worker } from "node:worker_threads";
import type { RecordOptions } from "../model/record.ts";
import type { PipelineOptions } from "./pipeline.ts";
import type { ItemResult, WorkItem } from "./process-item.ts";

/** Options for a `WorkerPool`. */
export interface WorkerPoolOptions {
  /**
   * Most items in one message to a worker (default 8). Items are only held
   * back while the worker already has `depth` messages to work on, so an idle
   * worker never waits for a batch to fill.
   */
  batch?: number;
  /** Messages queued per worker before items wait on this thread (default 2: one in hand, one ready). */
  depth?: number;
}

/** What a worker says: a batch of results, or that it has loaded everything and is ready. */
export type WorkerMessage = { kind: "results"; results: [seq: number, result: ItemResult][] } | { kind: "ready" };

/** What the pool sends a worker: a batch of items, each with its sequence number. */
export interface WorkerBatch {
  items: [seq: number, item: WorkItem][];
}

/** Batches of items that must wait, every started worker's queue being full, before one more worker starts. */
const WAITING_FOR_ANOTHER = 4;

interface Slot {
  worker: Worker;
  /** Items sent and not yet answered. */
  items: number;
  /** Batches sent and not yet answered. */
  batches: number;
  dead: boolean;
  /** Loaded and warm: items are sent to it. (The first worker gets items while it loads: they wait in its queue.) */
  ready: boolean;
}

interface Waiting {
  resolve: (r: ItemResult) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed set of worker threads running the pipeline. Workers start (and
 * load the pipeline's data) as soon as the pool is made, while the caller
 * reads its first inputs, one after another so the first is working early. Items go in batches to the least loaded worker;
 * each worker keeps `depth` batches queued so it never waits for this thread,
 * and answers each batch with one message of finished JSONL lines (strings:
 * no document objects cross threads). Works from the compiled code
 * (`dist/run/worker.js`) and from sources under tsx (`src/run/worker.ts`, the
 * worker loads tsx itself).
 */
export class WorkerPool {
  /**
   * Resolves with each started worker's start-up time in ms (thread, modules, data, a first document; -1 if
   * it died), once every worker has started (workers start in turn), or at `close` when the input was too
   * small to need them all.
   */
  readonly ready: Promise<number[]>;
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private backlog: [number, WorkItem][] = [];
  private seq = 0;
  private failure: Error | undefined;
  private closed = false;
  private readonly batch: number;
  private readonly depth: number;
  /** Starts the next worker; set while one waits for items to wait (see the constructor). */
  private spawnNext: (() => void) | undefined;
  private allReady: () => void = () => {};

  /**
   * @param size number of threads (at least 1)
   * @param config pipeline and record options, the same for every worker
   * @param options batching
   */
  constructor(
    size: number,
    config: { pipeline: PipelineOptions; record: RecordOptions },
    options: WorkerPoolOptions = {},
  ) {
    this.batch = Math.max(1, options.batch ?? 8);
    this.depth = Math.max(1, options.depth ?? 2);
    const fromSource = import.meta.url.endsWith(".ts");
    // Under tsx (tests, scripts) the worker registers tsx's loader before importing the TypeScript worker.
    const entry = fromSource
      ? `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./worker.ts", import.meta.url).href)}); });`
      : new URL("./worker.js", import.meta.url);
    const n = Math.max(1, size);
    const startup: number[] = [];
    let allReady: (ms: number[]) => void = () => {};
    this.ready = new Promise<number[]>((resolve) => {
      allReady = resolve;
    });
    // Workers start one after another: each one's start-up (modules, data, a first document, and the JIT
    // threads that come with it) takes more than one core, so two starting together are both ready about
    // twice as late; started in turn, the first one works while the next one loads. A further worker only
    // starts when the reader is well ahead of the started ones (`WAITING_FOR_ANOTHER` batches wait): a
    // small input never pays for a second worker's seconds of start-up, which would slow the first down.
    this.allReady = () => allReady(startup);
    const spawn = (i: number): void => {
      if (i >= n || this.closed) {
        allReady(startup);
        return;
      }
      if (i > 0 && this.backlog.length < WAITING_FOR_ANOTHER * this.batch) {
        this.spawnNext = () => spawn(i);
        return;
      }
      this.spawnNext = undefined;
      const t0 = performance.now();
      const worker = new Worker(entry, { workerData: config, eval: fromSource });
      const slot: Slot = { worker, items: 0, batches: 0, dead: false, ready: false };
      let started = false;
      const ready = (ms: number): void => {
        if (started) return;
        started = true;
        slot.ready = ms >= 0;
        startup.push(ms);
        if (slot.ready) this.pump();
        spawn(i + 1);
      };
      worker.on("message", (m: WorkerMessage) => {
        if (m.kind === "ready") {
          ready(performance.now() - t0);
          return;
        }
        slot.batches--;
        for (const [seq, result] of m.results) {
          const w = this.waiting.get(seq);
          if (!w) continue;
          this.waiting.delete(seq);
          slot.items--;
          w.resolve(result);
        }
        this.pump();
      });
      worker.on("error", (error) => {
        this.fail(slot, error);
        ready(-1);
      });
      worker.on("exit", (code) => {
        if (code !== 0 && !this.closed) this.fail(slot, new Error(`khabar: worker exited with code ${code}`));
        ready(-1);
      });
      this.slots.push(slot);
    };
    spawn(0);
  }

  // A dead worker fails its tasks (the caller turns them into `internal` rejections) and the pool.
  private fail(slot: Slot, error: Error): void {
    this.failure ??= error;
    slot.dead = true;
    // Everything not yet answered fails with it: later `run` calls reject at once.
    for (const [seq, w] of this.waiting) {
      this.waiting.delete(seq);
      w.reject(error);
    }
    this.backlog = [];
  }

  // Send waiting items to workers with room: least loaded first, at most `batch` per message.
  private pump(): void {
    while (this.backlog.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots) if (!s.dead && s.batches < this.depth && (!slot || s.items < slot.items)) slot = s;
      if (!slot) break;
      const items = this.backlog.length <= this.batch ? this.backlog : this.backlog.slice(0, this.batch);
      this.backlog = items === this.backlog ? [] : this.backlog.slice(this.batch);
      slot.items += items.length;
      slot.batches++;
      // Transfer nothing: page bytes are small, and copying keeps the reader's buffers valid.
      const message: WorkerBatch = { items };
      slot.worker.postMessage(message);
    }
    // Items wait and every started worker is full: time for the next one.
    if (this.spawnNext && this.backlog.length >= WAITING_FOR_ANOTHER * this.batch) this.spawnNext();
  }

  /** Process one item on a worker; resolves with its record line. */
  run(item: WorkItem): Promise<ItemResult> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq++;
    const promise = new Promise<ItemResult>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
    });
    this.backlog.push([seq, item]);
    this.pump();
    return promise;
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.closed = true;
    this.spawnNext = undefined;
    this.allReady();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
