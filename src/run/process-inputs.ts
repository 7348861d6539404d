import { availableParallelism } from "node:os";
import type { ReadResult } from "../ingest/input.ts";
import { type ReadOptions, readInputs } from "../ingest/read-inputs.ts";
import type { Doc } from "../model/doc.ts";
import type { RecordOptions } from "../model/record.ts";
import { type ItemResult, rejectedDoc, resultOf } from "./item-result.ts";
import type { PipelineOptions, RunLimits } from "./pipeline.ts";
import type { NamedStage } from "./stage.ts";
import { WorkerPool } from "./worker-pool.ts";

/**
 * The pipeline and `processItem`, loaded when this thread runs the stages itself: with workers, this thread
 * only reads and writes, and never pays for the stages' modules and models.
 */
async function inThread(options: PipelineOptions | undefined): Promise<{
  stages: NamedStage[];
  processItem: typeof import("./process-item.ts").processItem;
}> {
  const [{ createPipeline }, { processItem }] = await Promise.all([
    import("./pipeline.ts"),
    import("./process-item.ts"),
  ]);
  return { stages: createPipeline(options), processItem };
}

/** Counts of one format (reader) in a run. */
export interface FormatCounts {
  read: number;
  ok: number;
  duplicate: number;
  rejected: number;
  skipped: number;
}

/**
 * Counts of one run. Counts in equal counts out: every record read ends
 * `ok`, `duplicate` or `rejected` (`read === ok + duplicate + rejected`), and
 * records that are not articles (WARC requests, non-HTML, non-200, blank
 * JSONL lines, ids already in the output with `--resume`) are `skipped`, by
 * reason, with no output record: records seen = `read + skipped`.
 */
export interface RunSummary {
  read: number;
  ok: number;
  duplicate: number;
  rejected: number;
  /** Rejections by code. */
  rejectedBy: Record<string, number>;
  skipped: number;
  /** Skips by reason. */
  skippedBy: Record<string, number>;
  /** Counts by input format (`text`, `html`, `jsonl`, `warc`, `unknown` for unreadable paths). */
  byFormat: Record<string, FormatCounts>;
  /** Diagnostics by code (documents still processed). */
  diagnosticsBy: Record<string, number>;
  /** UTF-16 code units of raw input processed. */
  chars: number;
  /** Input bytes read (compressed size for gzip). */
  bytes: number;
  ms: number;
}

/**
 * The default time limit per document (`PipelineOptions.maxMs`, `--max-seconds`): a news article takes a few
 * milliseconds of stage time, a 2 MB document about 15 s (measured); a document near the 16 MiB size limit
 * needs a larger limit.
 */
export const DEFAULT_MAX_MS = 60_000;

/** Options for `processInputs` and `processRecords`. */
export interface ProcessOptions extends ReadOptions {
  /** The stages' options; `maxMs` defaults to `DEFAULT_MAX_MS` (0: no limit). */
  pipeline?: PipelineOptions;
}

// The pipeline options with the time limit filled in, and the limit as the stage runner takes it.
function withLimit(options: PipelineOptions | undefined): { pipeline: PipelineOptions; limits: RunLimits } {
  const maxMs = options?.maxMs ?? DEFAULT_MAX_MS;
  return { pipeline: { ...options, maxMs }, limits: { maxMs } };
}

/** Options for `processRecords`. */
export interface RecordRunOptions extends ProcessOptions {
  /** Worker threads (default: the core count); 0 runs the pipeline on this thread. */
  jobs?: number;
  /** Records in input order (default true); false yields each as soon as it is done. */
  ordered?: boolean;
  /**
   * Most items in flight at once (default 32 per worker, at least 32): enough
   * to keep every worker's queue full while the oldest record (ordered output)
   * is still in work; bounds memory with `inFlightBytes`.
   */
  inFlight?: number;
  /** Most input bytes in flight at once (default 64 MiB): a few huge pages cannot fill memory. */
  inFlightBytes?: number;
  /** Worker batching (see `WorkerPoolOptions`). */
  batch?: number;
  /** Heap limit of each worker in MiB (see `WorkerPoolOptions.maxWorkerMb`; default V8's). */
  maxWorkerMb?: number;
  /** Called once every worker has started, with each one's start-up time in ms. */
  onWorkersReady?: (ms: number[]) => void;
  /** What each record holds. */
  record?: RecordOptions;
  /** Ids to skip (already in the output, `--resume`): counted as `skipped.resumed`. */
  skipIds?: ReadonlySet<string>;
  /** When aborted, reading stops; the items in hand are finished and yielded. */
  signal?: AbortSignal;
}

/**
 * Read inputs and run the pipeline on each on this thread, yielding finished
 * documents in input order: one per input document, rejections included.
 *
 * @param paths files, directories, or `-`
 * @param summary filled while the run goes on
 */
export async function* processInputs(
  paths: readonly string[],
  options: ProcessOptions = {},
  summary: RunSummary = emptySummary(),
): AsyncGenerator<Doc> {
  const { pipeline, limits } = withLimit(options.pipeline);
  const { stages, processItem } = await inThread(pipeline);
  const started = performance.now();
  for await (const result of readInputs(paths, withByteCount(options, summary))) {
    if (result.kind === "skipped") {
      skip(summary, result.format, result.skipped.reason);
      continue;
    }
    const doc =
      result.kind === "rejected"
        ? rejectedDoc(
            result.rejected.id,
            result.rejected.source,
            result.rejected.error.code,
            result.rejected.error.message,
          )
        : processItem(stages, result, limits);
    tally(summary, result.format, {
      status: doc.status,
      ...(doc.error ? { code: doc.error.code } : {}),
      diagnostics: doc.diagnostics.map((d) => d.code),
      chars: doc.raw.length,
    });
    summary.ms = performance.now() - started;
    yield doc;
  }
  summary.ms = performance.now() - started;
}

/**
 * Read inputs and run the pipeline on worker threads, yielding each record
 * as a JSONL line with its counts. At most `inFlight` items are read ahead of
 * the output (back-pressure: reading waits for the oldest record), so memory
 * stays bounded however large the inputs are; in ordered mode the output is
 * the input order whatever the number of workers.
 *
 * @param paths files, directories, or `-`
 * @param summary filled while the run goes on
 */
export async function* processRecords(
  paths: readonly string[],
  options: RecordRunOptions = {},
  summary: RunSummary = emptySummary(),
): AsyncGenerator<ItemResult> {
  const jobs = options.jobs ?? availableParallelism();
  const record = options.record ?? {};
  const ordered = options.ordered ?? true;
  const limit = Math.max(1, options.inFlight ?? Math.max(32, 32 * jobs));
  const byteLimit = options.inFlightBytes ?? 64 * 2 ** 20;
  const started = performance.now();
  const { pipeline, limits } = withLimit(options.pipeline);
  const local = jobs === 0 ? await inThread(pipeline) : undefined;
  // Workers start now and load their data while the first inputs are read.
  const pool =
    jobs > 0
      ? new WorkerPool(
          jobs,
          { pipeline, record },
          {
            ...(options.batch !== undefined ? { batch: options.batch } : {}),
            ...(options.maxWorkerMb !== undefined ? { maxWorkerMb: options.maxWorkerMb } : {}),
          },
        )
      : undefined;
  if (pool && options.onWorkersReady) void pool.ready.then(options.onWorkersReady);
  let bytesInFlight = 0;
  type Pending = { format: string; bytes: number; promise: Promise<ItemResult>; done?: ItemResult };
  const queue: Pending[] = [];
  const settled: Pending[] = [];
  const finish = (p: Pending): ItemResult => {
    const r = p.done!;
    bytesInFlight -= p.bytes;
    tally(summary, p.format, r);
    summary.ms = performance.now() - started;
    return r;
  };
  const submit = (result: Exclude<ReadResult, { kind: "skipped" }>): Pending => {
    let promise: Promise<ItemResult>;
    if (result.kind === "rejected") {
      const { id, source, error } = result.rejected;
      promise = Promise.resolve(resultOf(rejectedDoc(id, source, error.code, error.message), record));
    } else if (pool) {
      const id = result.kind === "html" ? result.page.id : result.doc.id;
      const source = result.kind === "html" ? result.page.source : result.doc.source;
      promise = pool
        .run(result)
        .catch((error: Error) =>
          resultOf(rejectedDoc(id, source, "internal", `worker failed: ${error.message}`), record),
        );
    } else {
      promise = Promise.resolve(resultOf(local!.processItem(local!.stages, result, limits), record));
    }
    const bytes =
      result.kind === "html" ? result.page.bytes.length : result.kind === "doc" ? 2 * result.doc.raw.length : 0;
    bytesInFlight += bytes;
    const p: Pending = { format: result.format, bytes, promise };
    promise.then((r) => {
      p.done = r;
      if (!ordered) settled.push(p);
    });
    return p;
  };
  // Unordered: wait for any item to settle.
  const nextSettled = async (): Promise<Pending> => {
    while (settled.length === 0) await Promise.race(queue.map((p) => p.promise));
    const p = settled.shift()!;
    queue.splice(queue.indexOf(p), 1);
    return p;
  };
  // The next item to write: the oldest one (ordered), or whichever settles first.
  const next = async (): Promise<Pending> => {
    if (!ordered) return nextSettled();
    const p = queue.shift()!;
    await p.promise;
    return p;
  };
  try {
    for await (const result of readInputs(paths, withByteCount(options, summary))) {
      if (result.kind === "skipped") {
        skip(summary, result.format, result.skipped.reason);
        continue;
      }
      const id = result.kind === "doc" ? result.doc.id : result.kind === "html" ? result.page.id : result.rejected.id;
      if (options.skipIds?.has(id)) {
        skip(summary, result.format, "resumed");
        continue;
      }
      queue.push(submit(result));
      while (queue.length >= limit || (bytesInFlight > byteLimit && queue.length > 0)) yield finish(await next());
      if (options.signal?.aborted) break;
    }
    while (queue.length > 0) yield finish(await next());
  } finally {
    summary.ms = performance.now() - started;
    await pool?.close();
  }
}

function withByteCount(options: ReadOptions, summary: RunSummary): ReadOptions {
  const outer = options.onBytes;
  return {
    ...options,
    onBytes: (n) => {
      summary.bytes += n;
      outer?.(n);
    },
  };
}

/** A summary with every count at zero. */
export function emptySummary(): RunSummary {
  return {
    read: 0,
    ok: 0,
    duplicate: 0,
    rejected: 0,
    rejectedBy: {},
    skipped: 0,
    skippedBy: {},
    byFormat: {},
    diagnosticsBy: {},
    chars: 0,
    bytes: 0,
    ms: 0,
  };
}

function formatCounts(summary: RunSummary, format: string): FormatCounts {
  summary.byFormat[format] ??= { read: 0, ok: 0, duplicate: 0, rejected: 0, skipped: 0 };
  return summary.byFormat[format];
}

function skip(summary: RunSummary, format: string, reason: string): void {
  summary.skipped++;
  summary.skippedBy[reason] = (summary.skippedBy[reason] ?? 0) + 1;
  formatCounts(summary, format).skipped++;
}

function tally(
  summary: RunSummary,
  format: string,
  r: Pick<ItemResult, "status" | "code" | "diagnostics" | "chars">,
): void {
  summary.read++;
  summary[r.status]++;
  const f = formatCounts(summary, format);
  f.read++;
  f[r.status]++;
  if (r.status === "rejected" && r.code) summary.rejectedBy[r.code] = (summary.rejectedBy[r.code] ?? 0) + 1;
  for (const code of r.diagnostics) summary.diagnosticsBy[code] = (summary.diagnosticsBy[code] ?? 0) + 1;
  summary.chars += r.chars;
}

/** The summary as the `--report` JSON: counts, time and throughput. */
export function reportOf(s: RunSummary): Record<string, unknown> {
  const secs = s.ms / 1000;
  return {
    read: s.read,
    ok: s.ok,
    duplicate: s.duplicate,
    rejected: s.rejected,
    rejected_by: s.rejectedBy,
    skipped: s.skipped,
    skipped_by: s.skippedBy,
    by_format: s.byFormat,
    diagnostics_by: s.diagnosticsBy,
    chars: s.chars,
    bytes: s.bytes,
    seconds: Number(secs.toFixed(3)),
    records_per_second: secs > 0 ? Number((s.read / secs).toFixed(1)) : null,
    mb_per_second: secs > 0 ? Number((s.bytes / 1e6 / secs).toFixed(2)) : null,
    counts_balance: s.read === s.ok + s.duplicate + s.rejected,
  };
}

/** One line per count, for people (the CLI prints it on stderr). */
export function formatSummary(s: RunSummary): string {
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code}: ${n}`)
      .join(", ");
  const codes = list(s.rejectedBy);
  const skips = list(s.skippedBy);
  const diags = list(s.diagnosticsBy);
  const formats = Object.entries(s.byFormat)
    .map(([f, c]) => `${f} ${c.read}${c.skipped ? ` (+${c.skipped} skipped)` : ""}`)
    .join(", ");
  const secs = s.ms / 1000;
  const rate = secs > 0 ? ` (${Math.round(s.read / secs)} docs/s, ${(s.bytes / 1e6 / secs).toFixed(1)} MB/s)` : "";
  return [
    `khabar: read ${s.read}, ok ${s.ok}, duplicate ${s.duplicate}, rejected ${s.rejected}${codes ? ` (${codes})` : ""} in ${secs.toFixed(2)} s${rate}`,
    ...(s.skipped ? [`khabar: skipped ${s.skipped} non-article records (${skips})`] : []),
    ...(formats ? [`khabar: by format: ${formats}`] : []),
    ...(diags ? [`khabar: diagnostics: ${diags}`] : []),
  ].join("\n");
}
