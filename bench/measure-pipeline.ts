import type { Doc, RawDoc } from "../src/model/doc.ts";
import type { createPipeline, runPipeline, runPipelineBatch } from "../src/run/pipeline.ts";
import type { NamedStage } from "../src/run/stage.ts";

/** Makes the stage list for one pass (fresh each time: a stage may keep state across documents). */
export type MakePipeline = () => NamedStage[];

/** The parts of khabar the benchmark drives (from `src/` through tsx, or from `dist/`). */
export interface KhabarApi {
  createPipeline: typeof createPipeline;
  runPipeline: typeof runPipeline;
  runPipelineBatch: typeof runPipelineBatch;
  Doc: typeof Doc;
}

/**
 * Documents run together, stage by stage, as the worker threads run them (`runPipelineBatch` on each message
 * of the pool, `WorkerPool`'s default batch). 1 = document by document, as `runPipeline`.
 */
export const PIPELINE_BATCH = 8;

/** Name of the pseudo-stage that times `new Doc(raw)`. */
export const CONSTRUCT = "(new Doc)";

/** One pass over the corpus with a timer around every stage. */
export interface StagedPass {
  /** Stage names in pipeline order, `CONSTRUCT` first. */
  stages: string[];
  /** Milliseconds spent in each stage, summed over all documents (same order as `stages`). */
  ms: number[];
  /** Documents each stage ran on (fewer than the corpus after a rejection). */
  docs: number[];
  /** Exceptions each stage threw (the document is then rejected as `internal`, like `runPipeline`). */
  failures: number[];
  /** Wall time of the whole pass, timers included. */
  wallMs: number;
  counts: OutputCounts;
  memory: MemorySample;
}

/** What the pipeline produced: keeps the work observable (no dead code) and feeds tokens/s. */
export interface OutputCounts {
  ok: number;
  duplicate: number;
  rejected: number;
  rejectedBy: Record<string, number>;
  paragraphs: number;
  sentences: number;
  tokens: number;
  /** Tokens of kind `word` (the ones a stemmer works on). */
  words: number;
  /** Applied edits (removals and substitutions). */
  edits: number;
  /** UTF-16 code units of the cleaned texts. */
  textChars: number;
}

/** Peak memory seen while a pass ran (bytes). */
export interface MemorySample {
  rss: number;
  heapUsed: number;
}

/** How often (in documents) the loop samples memory: `process.memoryUsage()` costs microseconds. */
const SAMPLE_EVERY = 128;

/**
 * Run the whole pipeline document by document with a timer around each stage,
 * exactly as `runPipeline` would (an exception rejects the document as
 * `internal` and stops it; so does a rejection).
 *
 * @param api khabar's pipeline and document class
 * @param docs the corpus
 * @param make the stages to run (default: all of `createPipeline()`)
 * @returns per-stage times, output counts and peak memory
 */
export function stagedPass(
  api: KhabarApi,
  docs: readonly RawDoc[],
  make: MakePipeline = () => api.createPipeline(),
  batch = PIPELINE_BATCH,
): StagedPass {
  const pipeline: NamedStage[] = make();
  const n = pipeline.length;
  const ms = new Float64Array(n + 1);
  const seen = new Float64Array(n + 1);
  const failures = new Float64Array(n + 1);
  const counts = emptyCounts();
  const memory: MemorySample = { rss: 0, heapUsed: 0 };
  const started = performance.now();
  const size = Math.max(1, batch);
  const group: Doc[] = [];
  for (let from = 0; from < docs.length; from += size) {
    const to = Math.min(docs.length, from + size);
    group.length = 0;
    let t0 = performance.now();
    for (let d = from; d < to; d++) group.push(new api.Doc(docs[d]!));
    let t1 = performance.now();
    ms[0]! += t1 - t0;
    seen[0]! += to - from;
    // Stage by stage over the batch, as `runPipelineBatch` does (with size 1: as `runPipeline`).
    for (let i = 0; i < n; i++) {
      const stage = pipeline[i]!;
      t0 = t1;
      for (const doc of group) {
        if (doc.status === "rejected") continue;
        seen[i + 1]!++;
        try {
          stage.run(doc);
        } catch (error) {
          failures[i + 1]!++;
          const message = error instanceof Error ? error.message : String(error);
          doc.reject("internal", `stage ${stage.name} failed: ${message}`);
        }
      }
      t1 = performance.now();
      ms[i + 1]! += t1 - t0;
    }
    for (const doc of group) count(counts, doc);
    if (((from / size) & (SAMPLE_EVERY / size - 1 || 0)) === 0) sample(memory);
  }
  group.length = 0;
  const wallMs = performance.now() - started;
  sample(memory);
  return {
    stages: [CONSTRUCT, ...pipeline.map((s) => s.name)],
    ms: [...ms],
    docs: [...seen],
    failures: [...failures],
    wallMs,
    counts,
    memory,
  };
}

/** One pass through `runPipeline` itself, with no timer inside: the end-to-end number. */
export interface PlainPass {
  /** Time inside `runPipeline` calls, summed. */
  ms: number;
  /** Wall time of the whole pass (counting and sampling included). */
  wallMs: number;
  /**
   * Process CPU time (user + system) of the whole pass. Well below `wallMs`
   * means other processes took the core; above it, V8's GC threads helped.
   */
  cpuMs: number;
  counts: OutputCounts;
  memory: MemorySample;
}

/**
 * Run the corpus through `runPipeline` with one timer around the whole loop.
 *
 * @param api khabar's pipeline and document class
 * @param docs the corpus
 * @param make the stages to run (default: all of `createPipeline()`)
 * @returns the wall time, output counts and peak memory
 */
export function plainPass(
  api: KhabarApi,
  docs: readonly RawDoc[],
  make: MakePipeline = () => api.createPipeline(),
  batch = PIPELINE_BATCH,
): PlainPass {
  const pipeline = make();
  const counts = emptyCounts();
  const memory: MemorySample = { rss: 0, heapUsed: 0 };
  const size = Math.max(1, batch);
  // Counting and sampling stay outside the timed region: sum the loop in slices.
  let ms = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  // Each batch is counted and dropped as soon as it is done, as a sink would: holding a slice of finished
  // documents for counting kept their tokens alive into the old generation and doubled the GC time measured.
  for (let from = 0; from < docs.length; from += size) {
    const t0 = performance.now();
    const done =
      size === 1
        ? [api.runPipeline(pipeline, docs[from]!)]
        : api.runPipelineBatch(pipeline, docs.slice(from, from + size));
    ms += performance.now() - t0;
    for (const doc of done) count(counts, doc);
    if (((from / size) & (SAMPLE_EVERY / size - 1 || 0)) === 0) sample(memory);
  }
  const used = process.cpuUsage(cpu);
  return { ms, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, counts, memory };
}

/** Counts with every field at zero. */
export function emptyCounts(): OutputCounts {
  return {
    ok: 0,
    duplicate: 0,
    rejected: 0,
    rejectedBy: {},
    paragraphs: 0,
    sentences: 0,
    tokens: 0,
    words: 0,
    edits: 0,
    textChars: 0,
  };
}

function count(c: OutputCounts, doc: Doc): void {
  c[doc.status]++;
  if (doc.status === "rejected") {
    const code = doc.error?.code ?? "?";
    c.rejectedBy[code] = (c.rejectedBy[code] ?? 0) + 1;
  }
  c.paragraphs += doc.paragraphs.length;
  c.sentences += doc.sentences.length;
  c.tokens += doc.tokens.length;
  for (const t of doc.tokens) if (t.kind === "word") c.words++;
  if (doc.committed) {
    c.edits += doc.edits.length;
    c.textChars += doc.text.length;
  }
}

function sample(m: MemorySample): void {
  const u = process.memoryUsage();
  if (u.rss > m.rss) m.rss = u.rss;
  if (u.heapUsed > m.heapUsed) m.heapUsed = u.heapUsed;
}
