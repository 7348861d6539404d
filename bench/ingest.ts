// Ingest benchmark: articles/s from a WARC.gz to JSONL with 1 and 2 worker threads (scaling ratio) and peak
// memory; HTML extraction per page, khabar's extractor against Mozilla Readability's default use, same pages.
// The archive is built here: news pages (test/helpers/news-page.ts, three layouts) around SaudiNewsNet articles
// from ../shared/corpus/saudinewsnet/articles.jsonl.gz, or around samples/articles/ when ../shared is missing;
// each page is a request + response record pair, each record its own gzip member (as Common Crawl writes).
//
// Run: npx tsx bench/ingest.ts [--pages N] [--repeat K] [--dist] [--control] [--json FILE]  (default 600 pages, 1 pair)
// --control also runs two one-worker runs at once: the machine's own scaling, to read the pool's against.
// --repeat K runs -j1 then -j2 K times (the ratio of each pair is reported; their median is the headline);
// --dist runs the compiled code (build first), as the CLI does.
// Rows: the full pipeline with 1 and 2 workers, then reading + extraction alone (every stage skipped).
// From the compiled code the workers load dist/run/worker.js; under tsx they load src/run/worker.ts.
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractArticle } from "../src/ingest/extract-article.ts";
import { createPipeline } from "../src/run/pipeline.ts";
import * as fromSource from "../src/run/process-inputs.ts";
import { buildNewsPage } from "../test/helpers/news-page.ts";
import { warcArchive, type WarcRecordSpec } from "../test/helpers/warc.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const pages = Number(arg("--pages") ?? 600);
const jsonOut = arg("--json");
const repeats = Number(arg("--repeat") ?? 1);
// --dist: run the compiled code (after `npm run build`), as the CLI does: workers then load dist/run/worker.js
// instead of registering tsx and compiling TypeScript, which is most of their start-up under tsx.
const distUrl = new URL("../dist/run/process-inputs.js", import.meta.url);
const useDist = process.argv.includes("--dist") && existsSync(distUrl);
const { emptySummary, processRecords } = (useDist ? await import(distUrl.href) : fromSource) as typeof fromSource;

interface Article {
  title: string;
  date: string;
  site: string;
  url: string;
  body: string;
}

function articles(n: number): Article[] {
  const shared = new URL("../../shared/corpus/saudinewsnet/articles.jsonl.gz", import.meta.url);
  const out: Article[] = [];
  if (existsSync(shared)) {
    for (const line of gunzipSync(readFileSync(shared)).toString("utf8").split("\n")) {
      if (out.length >= n) break;
      if (!line) continue;
      const a = JSON.parse(line) as {
        title: string;
        date_extracted: string;
        source: string;
        url: string;
        content: string;
      };
      if (a.content.split(/\s+/).length < 40) continue;
      out.push({ title: a.title, date: a.date_extracted, site: a.source, url: a.url, body: a.content });
    }
    return out;
  }
  const dir = new URL("../samples/articles/", import.meta.url).pathname;
  const files = readdirSync(dir).sort();
  for (let i = 0; out.length < n; i++) {
    const f = files[i % files.length]!;
    out.push({
      title: f,
      date: "2015-07-21",
      site: "sample",
      url: `http://example.com/${i}/${f}`,
      body: readFileSync(join(dir, f), "utf8"),
    });
  }
  return out;
}

const list = articles(pages);
const built = list.map((a, i) => buildNewsPage(a.body, { title: a.title, date: a.date, site: a.site, url: a.url }, i));
const dir = mkdtempSync(join(tmpdir(), "khabar-bench-ingest-"));
const warc = join(dir, "crawl.warc.gz");
const records: WarcRecordSpec[] = list.flatMap((a, i) => [
  { type: "request" as const, url: a.url, body: "" },
  {
    type: "response" as const,
    url: a.url,
    httpHeaders: { "Content-Type": "text/html; charset=utf-8" },
    body: built[i]!.html,
  },
]);
writeFileSync(warc, warcArchive(records, true));
// The archive in two halves (request + response pairs kept together), for the control's two runs.
const halves = [0, 1].map((h) => {
  const path = join(dir, `crawl-${h}.warc.gz`);
  const pairs = records.length / 2;
  const cut = 2 * Math.ceil(pairs / 2);
  writeFileSync(path, warcArchive(h === 0 ? records.slice(0, cut) : records.slice(cut), true));
  return path;
});
const warcBytes = readFileSync(warc).length;

// Every stage's name: skipping them all measures reading, decoding and extraction alone.
const allStages = createPipeline().map((s) => s.name);

async function toJsonl(jobs: number, ingestOnly = false) {
  const out = createWriteStream(join(dir, `out-${jobs}-${ingestOnly ? "ingest" : "full"}.jsonl`));
  const summary = emptySummary();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  let startup: number[] = [];
  const threadsBefore = threadTicks();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let first = 0;
  // When half the records are out: the rate after it is the warm rate (JIT warm-up over, every worker busy).
  let half = 0;
  let halfCount = 0;
  for await (const r of processRecords(
    [warc],
    {
      jobs,
      ...(ingestOnly ? { pipeline: { skip: allStages } } : {}),
      onWorkersReady: (ms) => {
        startup = ms;
      },
    },
    summary,
  )) {
    sampleThreads(threadsBefore);
    if (first === 0) first = performance.now();
    if (half === 0 && summary.read * 2 >= list.length) {
      half = performance.now();
      halfCount = summary.read;
    }
    if (!out.write(`${r.line}\n`)) await once(out, "drain");
  }
  const last = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  sampleThreads(threadsBefore);
  out.end();
  await once(out, "finish");
  const secs = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  // Workers load every stage's data when they start: time to the first record is reported apart from the steady rate.
  return {
    jobs,
    pipeline: ingestOnly ? "none (ingest only)" : "full",
    records: summary.read,
    ok: summary.ok,
    rejected_by: summary.rejectedBy,
    skipped: summary.skipped,
    seconds: Number(secs.toFixed(2)),
    articles_per_second: Number((summary.read / secs).toFixed(1)),
    first_record_seconds: Number(((first - started) / 1000).toFixed(2)),
    steady_articles_per_second: last > first ? Number(((summary.read - 1) / ((last - first) / 1000)).toFixed(1)) : null,
    warm_articles_per_second:
      half > 0 && last > half ? Number(((summary.read - halfCount) / ((last - half) / 1000)).toFixed(1)) : null,
    peak_rss_mb: Math.round(peak / 2 ** 20),
    worker_startup_ms: startup.map((ms) => Math.round(ms)),
    // CPU time per article by thread (Linux): robust to other load on the machine, unlike wall time.
    // "runtime" = threads that existed before the run: V8's GC and JIT compiler threads, libuv's pool.
    cpu_ms_per_article: {
      process: Number(((cpu.user + cpu.system) / 1000 / summary.read).toFixed(2)),
      ...cpuByThread(threadsBefore, summary.read),
    },
  };
}

// Per-thread CPU ticks (1/100 s) from /proc; threads that end during the run are caught by sampling.
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  try {
    for (const t of readdirSync("/proc/self/task")) {
      try {
        const f = readFileSync(`/proc/self/task/${t}/stat`, "utf8").split(") ")[1]!.split(" ");
        ticks.set(t, Number(f[11]) + Number(f[12]));
      } catch {
        // the thread ended
      }
    }
  } catch {
    // not Linux
  }
  return ticks;
}
let seen = new Map<string, number>();
let lastSample = 0;
function sampleThreads(before: Map<string, number>): void {
  if (seen.size === 0 || [...before.keys()].some((k) => !seen.has(k))) seen = new Map(before);
  if (performance.now() - lastSample < 50) return;
  lastSample = performance.now();
  for (const [t, v] of threadTicks()) seen.set(t, Math.max(v, seen.get(t) ?? 0));
}
function cpuByThread(before: Map<string, number>, n: number): Record<string, number> {
  const out = { main: 0, workers: 0, runtime: 0 };
  for (const [t, v] of seen) {
    const d = v - (before.get(t) ?? 0);
    if (t === String(process.pid)) out.main += d;
    else if (before.has(t)) out.runtime += d;
    else out.workers += d;
  }
  seen = new Map();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Number(((v * 10) / Math.max(1, n)).toFixed(2))]));
}

/**
 * The machine's own scaling, as a control: two independent one-worker runs at the same time, each over half the
 * archive, so that each worker sees as many pages as each of the pool's two workers does (over the whole archive
 * each, the control paid each worker's JIT warm-up over twice the pages and looked better than it is). If they together go no faster than one run with two workers, the pool is not what holds the second
 * core back (the cores share caches and memory bandwidth; V8 compiles and collects on threads of its own).
 *
 * @returns both runs' articles over the wall time of the pair
 */
async function twoSeparateRuns(): Promise<{ articles_per_second: number; seconds: number }> {
  const started = performance.now();
  // Each run writes its records to a file, as the pool's runs do (a null sink here made the control look faster).
  const one = async (k: number): Promise<number> => {
    const out = createWriteStream(join(dir, `out-control-${k}.jsonl`));
    const summary = emptySummary();
    for await (const r of processRecords([halves[k - 1]!], { jobs: 1 }, summary))
      if (!out.write(`${r.line}\n`)) await once(out, "drain");
    out.end();
    await once(out, "finish");
    return summary.read;
  };
  const counts = await Promise.all([one(1), one(2)]);
  const seconds = (performance.now() - started) / 1000;
  return {
    articles_per_second: Number(((counts[0]! + counts[1]!) / seconds).toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
  };
}

function extractionTimes() {
  const sample = built.slice(0, Math.min(200, built.length)).map((b) => b.html);
  // Warm up both (JIT).
  for (const html of sample.slice(0, 20)) {
    extractArticle(html);
    new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  }
  const time = (f: (html: string) => unknown) => {
    const ms: number[] = [];
    for (const html of sample) {
      const t = performance.now();
      f(html);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return {
      mean_ms: Number((ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2)),
      p50_ms: Number(ms[Math.floor(ms.length / 2)]!.toFixed(2)),
      p95_ms: Number(ms[Math.floor(ms.length * 0.95)]!.toFixed(2)),
    };
  };
  const kb = sample.reduce((a, h) => a + Buffer.byteLength(h), 0) / sample.length / 1024;
  return {
    pages: sample.length,
    mean_page_kb: Number(kb.toFixed(1)),
    khabar: time((html) => extractArticle(html)),
    readability: time((html) =>
      new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0]).parse(),
    ),
  };
}

// -j1 and -j2 back to back, `--repeat` times: on a shared machine, the ratio of each pair is what to read.
const runs: Awaited<ReturnType<typeof toJsonl>>[] = [];
const ratios: { wall: number; steady: number; warm: number }[] = [];
for (let i = 0; i < repeats; i++) {
  const one = await toJsonl(1);
  const two = await toJsonl(2);
  runs.push(one, two);
  ratios.push({
    wall: Number((one.seconds / two.seconds).toFixed(2)),
    steady: Number(((two.steady_articles_per_second ?? 0) / (one.steady_articles_per_second ?? 1)).toFixed(2)),
    warm: Number(((two.warm_articles_per_second ?? 0) / (one.warm_articles_per_second ?? 1)).toFixed(2)),
  });
}
// The control runs last, against the last -j1 run's warm rate.
const control = process.argv.includes("--control") ? await twoSeparateRuns() : undefined;
const ingestOne = await toJsonl(1, true);
const ingestTwo = await toJsonl(2, true);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const result = {
  code: useDist ? "dist (compiled)" : "src (tsx)",
  input: { pages: list.length, warc_records: records.length, warc_gz_bytes: warcBytes },
  warc_to_jsonl: [...runs, ingestOne, ingestTwo],
  scaling_2_over_1: median(ratios.map((r) => r.steady)),
  scaling_2_over_1_wall: median(ratios.map((r) => r.wall)),
  scaling_2_over_1_warm: median(ratios.map((r) => r.warm)),
  ...(control
    ? {
        control_two_separate_runs: {
          ...control,
          over_one_worker: Number(
            (control.articles_per_second / runs[runs.length - 2]!.articles_per_second).toFixed(2),
          ),
        },
      }
    : {}),
  scaling_pairs: ratios,
  scaling_2_over_1_ingest_only: Number(
    ((ingestTwo.steady_articles_per_second ?? 0) / (ingestOne.steady_articles_per_second ?? 1)).toFixed(2),
  ),
  html_extraction: extractionTimes(),
};
console.log(JSON.stringify(result, null, 2));
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
