import { Worker } from "node:worker_threads";
import type { RecordOptions } from "../model/record.ts";
import { type ItemResult, rejectedDoc, resultOf, type WorkItem } from "./item-result.ts";
import type { PipelineOptions } from "./pipeline.ts";

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
  /**
   * Old-generation heap limit of each worker in MiB (default: V8's own). A document that needs more kills its
   * worker; the pool then finds it (see `WorkerPool`), rejects it with code `crashed` and goes on.
   */
  maxWorkerMb?: number;
  /**
   * Longest a worker may stay on one batch before it is stopped, in ms (default: twice the per-document limit,
   * `pipeline.maxMs`; none without one).
   */
  stopAfterMs?: number;
}

/** What a worker says: a batch of results, or that it has loaded everything and is ready. */
export type WorkerMessage = { kind: "results"; results: [seq: number, result: ItemResult][] } | { kind: "ready" };

/** What the pool sends a worker: a batch of items, each with its sequence number. */
export interface WorkerBatch {
  items: [seq: number, item: WorkItem][];
}

/** Batches of items that must wait, every started worker's queue being full, before one more worker starts. */
const WAITING_FOR_ANOTHER = 4;

/**
 * A worker still on one batch after this many times the per-document limit (`PipelineOptions.maxMs`) is
 * stopped. The workers check the limit themselves between stages; this is for a stage (or a page's HTML
 * extraction) that never ends, and leaves room for a batch of several slow documents.
 */
const STOP_AFTER_LIMITS = 2;

/** A batch in a worker's hands; `suspect`: one item, sent alone because its batch killed a worker before. */
interface Sent {
  items: [seq: number, item: WorkItem][];
  suspect: boolean;
}

interface Slot {
  worker: Worker;
  /** Items sent and not yet answered. */
  items: number;
  /** Batches sent and not yet answered, oldest (the one in work) first: a worker answers in order. */
  sent: Sent[];
  /** When the oldest batch in `sent` went into work. */
  since: number;
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
 *
 * One document cannot take the run down with it. A worker that dies in work (out of memory, a native crash)
 * or stays on one batch past twice the time limit is replaced by a new one; the batches it had not begun go
 * back in line, and the items of the batch it was on are sent again one at a time. An item that then kills
 * its worker again, or that runs past the limit alone, is rejected (`crashed`, `timeout`). A worker that dies
 * before it is ready (its code or data cannot load) fails the pool: every item is then rejected.
 */
export class WorkerPool {
  /**
   * Resolves with each started worker's start-up time in ms (thread, modules, data, a first document; -1 if
   * it died), once every worker has started (workers start in turn), or at `close` when the input was too
   * small to need them all. Workers started in place of dead ones are not counted.
   */
  readonly ready: Promise<number[]>;
  /** Workers started in place of dead ones. */
  replaced = 0;
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private backlog: [number, WorkItem][] = [];
  /** Items of a batch that was in work when its worker died: each goes alone to the next worker. */
  private suspects: [number, WorkItem][] = [];
  private seq = 0;
  private failure: Error | undefined;
  private closed = false;
  private readonly batch: number;
  private readonly depth: number;
  private readonly record: RecordOptions;
  /** Longest a worker may stay on one batch (ms). */
  private readonly stopMs: number;
  private readonly watchdog: ReturnType<typeof setInterval> | undefined;
  /** Starts the next worker; set while one waits for items to wait (see the constructor). */
  private spawnNext: (() => void) | undefined;
  private allReady: () => void = () => {};
  private readonly startWorker: (onReady?: (ms: number) => void) => void;

  /**
   * @param size number of threads (at least 1)
   * @param config pipeline and record options, the same for every worker (`pipeline.maxMs`: the time limit)
   * @param options batching, memory limit
   */
  constructor(
    size: number,
    config: { pipeline: PipelineOptions; record: RecordOptions },
    options: WorkerPoolOptions = {},
  ) {
    this.batch = Math.max(1, options.batch ?? 8);
    this.depth = Math.max(1, options.depth ?? 2);
    this.record = config.record;
    const maxMs = config.pipeline.maxMs;
    this.stopMs =
      options.stopAfterMs ??
      (maxMs !== undefined && maxMs > 0 ? STOP_AFTER_LIMITS * maxMs : Number.POSITIVE_INFINITY);
    const fromSource = import.meta.url.endsWith(".ts");
    // Under tsx (tests, scripts) the worker registers tsx's loader before importing the TypeScript worker.
    const entry = fromSource
      ? `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./worker.ts", import.meta.url).href)}); });`
      : new URL("./worker.js", import.meta.url);
    const resourceLimits =
      options.maxWorkerMb !== undefined ? { maxOldGenerationSizeMb: options.maxWorkerMb } : undefined;
    const n = Math.max(1, size);
    const startup: number[] = [];
    let allReady: (ms: number[]) => void = () => {};
    this.ready = new Promise<number[]>((resolve) => {
      allReady = resolve;
    });
    this.allReady = () => allReady(startup);
    this.startWorker = (onReady) => {
      const t0 = performance.now();
      const worker = new Worker(entry, {
        workerData: config,
        eval: fromSource,
        ...(resourceLimits ? { resourceLimits } : {}),
      });
      const slot: Slot = { worker, items: 0, sent: [], since: 0, dead: false, ready: false };
      let started = false;
      const ready = (ms: number): void => {
        if (started) return;
        started = true;
        slot.ready = ms >= 0;
        slot.since = performance.now();
        if (slot.ready) this.pump();
        onReady?.(ms);
      };
      worker.on("message", (m: WorkerMessage) => {
        if (m.kind === "ready") {
          ready(performance.now() - t0);
          return;
        }
        slot.sent.shift();
        slot.since = performance.now();
        for (const [seq, result] of m.results) {
          const w = this.waiting.get(seq);
          if (!w) continue;
          this.waiting.delete(seq);
          slot.items--;
          w.resolve(result);
        }
        this.pump();
      });
      const died = (why: string): void => {
        if (this.closed || slot.dead) return;
        if (!slot.ready) {
          ready(-1);
          this.fail(slot, new Error(`khabar: a worker could not start: ${why}`));
        } else this.lost(slot, "crashed", why);
      };
      worker.on("error", (error) => died(error.message));
      worker.on("exit", (code) => died(`exited with code ${code}`));
      this.slots.push(slot);
    };
    // Workers start one after another: each one's start-up (modules, data, a first document, and the JIT
    // threads that come with it) takes more than one core, so two starting together are both ready about
    // twice as late; started in turn, the first one works while the next one loads. A further worker only
    // starts when the reader is well ahead of the started ones (`WAITING_FOR_ANOTHER` batches wait): a
    // small input never pays for a second worker's seconds of start-up, which would slow the first down.
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
      this.startWorker((ms) => {
        startup.push(ms);
        spawn(i + 1);
      });
    };
    spawn(0);
    if (Number.isFinite(this.stopMs)) {
      this.watchdog = setInterval(() => this.check(), Math.max(20, Math.min(1000, this.stopMs / 4)));
      this.watchdog.unref();
    }
  }

  // A worker on the same batch for too long is stopped: its batch is redone item by item elsewhere.
  private check(): void {
    const now = performance.now();
    for (const slot of this.slots)
      if (!slot.dead && slot.ready && slot.sent.length > 0 && now - slot.since > this.stopMs) {
        this.lost(slot, "timeout", `still at work after ${Math.round(now - slot.since)} ms`);
        void slot.worker.terminate();
      }
  }

  /*
   * A worker died or was stopped in work. Batches it had not begun go back in line as they were; the one it was
   * on is to blame: an item that was alone in it (a suspect, or alone from the start when it ran too long) is
   * rejected, the others are sent again one by one. A new worker takes the dead one's place.
   */
  private lost(slot: Slot, why: "crashed" | "timeout", detail: string): void {
    slot.dead = true;
    const [head, ...rest] = slot.sent;
    slot.sent = [];
    slot.items = 0;
    this.backlog.unshift(...rest.filter((b) => !b.suspect).flatMap((b) => b.items));
    this.suspects.unshift(...rest.filter((b) => b.suspect).flatMap((b) => b.items));
    if (head) {
      if (head.items.length === 1 && (head.suspect || why === "timeout")) this.reject(head.items[0]!, why, detail);
      else this.suspects.push(...head.items);
    }
    if (this.closed || this.failure) return;
    this.replaced++;
    this.startWorker();
  }

  private reject([seq, item]: [number, WorkItem], why: "crashed" | "timeout", detail: string): void {
    const w = this.waiting.get(seq);
    if (!w) return;
    this.waiting.delete(seq);
    const { id, source } = item.kind === "html" ? item.page : item.doc;
    const message =
      why === "timeout"
        ? `its worker was stopped, ${detail} on this document alone (the limit is ${Math.round(this.stopMs)} ms: twice --max-seconds)`
        : `its worker died on it twice (${detail}); a larger --max-worker-mb may let it through`;
    w.resolve(resultOf(rejectedDoc(id, source, why, message), this.record));
  }

  // A worker that cannot start fails its tasks (the caller turns them into `internal` rejections) and the pool.
  private fail(slot: Slot, error: Error): void {
    this.failure ??= error;
    slot.dead = true;
    // Everything not yet answered fails with it: later `run` calls reject at once.
    for (const [seq, w] of this.waiting) {
      this.waiting.delete(seq);
      w.reject(error);
    }
    this.backlog = [];
    this.suspects = [];
  }

  // Send waiting items to workers with room: least loaded first, at most `batch` per message; a suspect alone.
  private pump(): void {
    while (this.backlog.length > 0 || this.suspects.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots)
        if (!s.dead && s.sent.length < this.depth && (!slot || s.items < slot.items)) slot = s;
      if (!slot) break;
      let sent: Sent;
      if (this.suspects.length > 0) sent = { items: [this.suspects.shift()!], suspect: true };
      else {
        const items = this.backlog.length <= this.batch ? this.backlog : this.backlog.slice(0, this.batch);
        this.backlog = items === this.backlog ? [] : this.backlog.slice(this.batch);
        sent = { items, suspect: false };
      }
      slot.items += sent.items.length;
      if (slot.sent.length === 0) slot.since = performance.now();
      slot.sent.push(sent);
      // Transfer nothing: page bytes are small, and copying keeps the reader's buffers valid.
      const message: WorkerBatch = { items: sent.items };
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
    if (this.watchdog) clearInterval(this.watchdog);
    this.allReady();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
