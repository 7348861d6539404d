// Distributed processing benchmark: articles/s with 1, 2 and 4 worker processes against one local throwaway
// PostgreSQL, and the same corpus through the SQLite store (`khabar index --jobs N`), as ratios to 1 PostgreSQL
// worker. Also where the time goes: each worker reports per unit its total time and the time in the writing
// transaction (dedup lock wait, lookups, inserts, commit); the rest is reading + the pipeline.
//
// Run: npx tsx bench/cluster.ts [--articles N] [--chunk K] [--workers 1,2,4] [--no-raw] [--no-sqlite] [--json FILE]
//      (default 800 articles from samples/articles, units of 50 lines)
// The corpus: article bodies built from the sample articles' paragraphs (as the fault test builds them), JSONL.
// --arabic: instead, compare PostgreSQL's own `arabic` text search configuration with our analyzer's terms on
// word pairs a search must match (why the tsvector holds our terms).
// Needs PostgreSQL binaries (/usr/lib/postgresql/N/bin); exits with a note when they are missing.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { textTerms } from "../src/search/search-terms.ts";
import { startPgCluster } from "../test/helpers/pg-cluster.ts";

// Word pairs that should find each other: clitics, hamza seats, loanword spellings, diacritics, plurals.
const PAIRS: [string, string][] = [
  ["الأميركيين", "أمريكي"],
  ["والعراق", "العراق"],
  ["مسؤول", "مسئول"],
  ["السعوديه", "السعودية"],
  ["العِرَاقِ", "العراق"],
  ["بالعراق", "العراق"],
  ["وللأمريكيين", "الأمريكيين"],
  ["الاقتصادية", "اقتصادي"],
  ["فلسطينيون", "الفلسطينيين"],
  ["وقالت", "قال"],
  ["إيران", "ايران"],
  ["الرياض", "والرياض"],
];

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ARTICLES = Number(arg("--articles") ?? 800);
const CHUNK = Number(arg("--chunk") ?? 50);
const WORKERS = (arg("--workers") ?? "1,2,4").split(",").map(Number);
const jsonOut = arg("--json");
// --no-raw: workers store records without the raw input (what that saves in the writing transaction).
const workerExtra = process.argv.includes("--no-raw") ? ["--no-raw"] : [];
const ROOT = new URL("..", import.meta.url).pathname;
const ENTRY = join(ROOT, "src/cluster/cli-entry.ts");

function corpus(n: number): string {
  const dir = join(ROOT, "samples/articles");
  const paragraphs: string[][] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt")).sort())
    for (const line of readFileSync(join(dir, f), "utf8").split("\n")) {
      const words = line.split(/\s+/).filter(Boolean);
      if (words.length >= 15) paragraphs.push(words);
    }
  let seed = 7;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts = Array.from({ length: 4 }, () => paragraphs[Math.floor(rand() * paragraphs.length)]!.join(" "));
    lines.push(
      JSON.stringify({
        id: `b${i}`,
        title: parts[0]!.split(" ").slice(0, 8).join(" "),
        text: `${parts.join("\n")}\nرقم ${i}`,
        date: `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`,
        site: `site${i % 5}`,
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

function run(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return { child, done: new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr }))) };
}

const cluster = await startPgCluster();
if (!cluster) {
  process.stdout.write("bench/cluster: PostgreSQL binaries not found (/usr/lib/postgresql/N/bin): skipped\n");
  process.exit(0);
}
if (process.argv.includes("--arabic")) {
  const c = new pg.Client({ connectionString: cluster.url });
  await c.connect();
  let theirs = 0;
  let ours = 0;
  for (const [a, b] of PAIRS) {
    const r = (await c.query("SELECT to_tsvector('arabic', $1)::text AS a, to_tsvector('arabic', $2)::text AS b", [a, b])).rows[0];
    const pgSame = r.a === r.b;
    const oursSame = textTerms(a).join(" ") === textTerms(b).join(" ");
    theirs += pgSame ? 1 : 0;
    ours += oursSame ? 1 : 0;
    process.stdout.write(`${a} / ${b}: postgres ${r.a} ${r.b} ${pgSame ? "same" : "DIFFER"}; ours ${textTerms(a)} ${textTerms(b)} ${oursSame ? "same" : "DIFFER"}\n`);
  }
  process.stdout.write(`pairs matched: postgres 'arabic' ${theirs}/${PAIRS.length}, khabar's terms ${ours}/${PAIRS.length}\n`);
  await c.end();
  await cluster.stop();
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), "khabar-bench-cluster-"));
const rows: Record<string, unknown>[] = [];
try {
  const file = join(dir, "corpus.jsonl");
  writeFileSync(file, corpus(ARTICLES));
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  process.stdout.write(`${ARTICLES} articles, units of ${CHUNK} lines, ${cpus().length} cores\n`);
  for (const n of WORKERS) {
    await admin.query(`DROP DATABASE IF EXISTS bench_${n}`);
    await admin.query(`CREATE DATABASE bench_${n}`);
    const url = cluster.url.replace(/\/[^/]+$/, `/bench_${n}`);
    const enq = await run(["enqueue", file, "--db", url, "--chunk-lines", String(CHUNK), "--chunk-min-bytes", "1", "-q"]).done;
    if (enq.code !== 0) throw new Error(`enqueue failed: ${enq.stderr}`);
    const started = performance.now();
    const workers = Array.from({ length: n }, (_, i) => run(["worker", "--db", url, "--name", `w${i}`, ...workerExtra]));
    const results = await Promise.all(workers.map((w) => w.done));
    const seconds = (performance.now() - started) / 1000;
    let total = 0;
    let writing = 0;
    for (const r of results) {
      if (r.code !== 0) throw new Error(`worker failed: ${r.stderr}`);
      for (const m of r.stderr.matchAll(/done: \d+ records, \d+ copies, (\d+) ms \(writing (\d+) ms\)/g)) {
        total += Number(m[1]);
        writing += Number(m[2]);
      }
    }
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const count = Number((await check.query("SELECT count(*) AS n FROM articles")).rows[0].n);
    await check.end();
    if (count !== ARTICLES) throw new Error(`expected ${ARTICLES} articles stored, found ${count}`);
    rows.push({ engine: "postgres", workers: n, seconds, rate: ARTICLES / seconds, writingShare: writing / total });
  }
  await admin.end();
  // The same corpus through SQLite: one process, the pipeline on 1 and 2 worker threads.
  for (const jobs of process.argv.includes("--no-sqlite") ? [] : [1, 2]) {
    const db = join(dir, `bench-${jobs}.db`);
    const started = performance.now();
    const r = await run(["index", file, "--db", db, "--jobs", String(jobs), "-q"]).done;
    const seconds = (performance.now() - started) / 1000;
    if (r.code !== 0) {
      process.stdout.write(`sqlite index failed (code ${r.code}): ${r.stderr.slice(0, 300)}\n`);
      break;
    }
    rows.push({ engine: "sqlite", workers: jobs, seconds, rate: ARTICLES / seconds, writingShare: null });
  }
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
const base = rows[0]!.rate as number;
process.stdout.write("engine    workers  seconds  articles/s  ratio  writing share\n");
for (const r of rows)
  process.stdout.write(
    `${String(r.engine).padEnd(9)} ${String(r.workers).padStart(7)}  ${(r.seconds as number).toFixed(1).padStart(7)}  ${(r.rate as number).toFixed(1).padStart(10)}  ${((r.rate as number) / base).toFixed(2).padStart(5)}  ${r.writingShare === null ? "-" : `${Math.round((r.writingShare as number) * 100)}%`}\n`,
  );
process.stdout.write(
  "(sqlite rows time the whole `khabar index` run including its start-up; postgres rows include each worker's start-up too)\n",
);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(rows, null, 2)}\n`);
