// Bounded memory on a huge input: a multi-GB JSONL.gz dump is generated on the fly (the articles of
// samples/articles/, repeated with varied ids and fields, never written to disk), piped into `processRecords`
// as stdin, the records go to a null sink, and the heap and RSS are sampled all along.
//
// Run: npx tsx bench/ingest-big.ts [--gb 5] [--jobs 0] [--pipeline none|full] [--plain] [--json FILE]
//   --gb        uncompressed size of the dump (default 5)
//   --jobs      worker threads (default 0: everything on this thread, so its heap is the whole story)
//   --pipeline  none (default: reading, gunzip, JSON, decoding only; the full pipeline runs ~150 articles/s,
//               hours for 5 GB) or full
//   --plain     no gzip
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { createGzip } from "node:zlib";
import { createPipeline } from "../src/run/pipeline.ts";
import { emptySummary, processRecords, type RunSummary } from "../src/run/process-inputs.ts";

/**
 * A JSONL dump of about `bytes` bytes, made as it is read: the sample articles
 * again and again, each line with its own id, title and date.
 *
 * @param bytes uncompressed size to produce
 * @param gzip compress it (level 1: the generator must outrun the reader)
 */
export function jsonlStream(bytes: number, gzip = true): NodeJS.ReadableStream {
  const dir = new URL("../samples/articles/", import.meta.url).pathname;
  const texts = readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
  async function* lines(): AsyncGenerator<Buffer> {
    let made = 0;
    let batch: string[] = [];
    for (let i = 0; made < bytes; i++) {
      const text = texts[i % texts.length]!;
      const line = `${JSON.stringify({ id: `big-${i}`, title: `خبر رقم ${i}`, date: `2015-07-${String(1 + (i % 28)).padStart(2, "0")}`, text })}\n`;
      batch.push(line);
      made += Buffer.byteLength(line);
      if (batch.length === 64) {
        yield Buffer.from(batch.join(""));
        batch = [];
      }
    }
    if (batch.length) yield Buffer.from(batch.join(""));
  }
  const source = Readable.from(lines(), { objectMode: false });
  return gzip ? source.pipe(createGzip({ level: 1 })) : source;
}

/** Peak memory while `processRecords` reads `input` to a null sink. */
export async function measureBigRun(
  input: NodeJS.ReadableStream,
  options: { jobs: number; pipeline: "none" | "full"; sampleMs?: number; every?: number },
): Promise<{
  summary: RunSummary;
  peakHeapMb: number;
  peakRssMb: number;
  seconds: number;
  /** Heap and RSS (MiB) every `every` records: flat when memory is bounded. */
  series: { records: number; heapMb: number; rssMb: number }[];
}> {
  const all = createPipeline().map((s) => s.name);
  const summary = emptySummary();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, options.sampleMs ?? 100);
  const series: { records: number; heapMb: number; rssMb: number }[] = [];
  const every = options.every ?? 10_000;
  const started = performance.now();
  try {
    for await (const r of processRecords(
      ["-"],
      {
        stdin: input,
        format: "jsonl",
        jobs: options.jobs,
        ...(options.pipeline === "none" ? { pipeline: { skip: all } } : {}),
      },
      summary,
    )) {
      // A null sink: the line is dropped. Sample now and then from here too, in case the timer starves.
      if ((summary.read & 1023) === 0) sample();
      if (summary.read % every === 0) {
        const m = process.memoryUsage();
        series.push({
          records: summary.read,
          heapMb: Math.round(m.heapUsed / 2 ** 20),
          rssMb: Math.round(m.rss / 2 ** 20),
        });
      }
      void r;
    }
  } finally {
    clearInterval(timer);
  }
  sample();
  return {
    summary,
    peakHeapMb: Math.round(peakHeap / 2 ** 20),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    series,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const gb = Number(arg("--gb") ?? 5);
  const jobs = Number(arg("--jobs") ?? 0);
  const pipeline = arg("--pipeline") === "full" ? "full" : "none";
  const gzip = !process.argv.includes("--plain");
  const r = await measureBigRun(jsonlStream(gb * 1e9, gzip), { jobs, pipeline });
  const result = {
    input: { uncompressed_gb: gb, gzip, format: "jsonl", generated: "on the fly, never on disk" },
    jobs,
    pipeline,
    records: r.summary.read,
    ok: r.summary.ok,
    rejected_by: r.summary.rejectedBy,
    seconds: r.seconds,
    uncompressed_mb_per_second: Number(((gb * 1000) / r.seconds).toFixed(1)),
    compressed_bytes: r.summary.bytes,
    peak_heap_mb: r.peakHeapMb,
    peak_rss_mb: r.peakRssMb,
    // This thread's heap and the whole process's RSS (workers included) as the run goes on.
    memory_every_10000_records: r.series,
  };
  console.log(JSON.stringify(result, null, 2));
  const out = arg("--json");
  if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}
