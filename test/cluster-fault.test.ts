// The fault test of distributed processing (issue 10): ≥2,000 articles in JSONL chunks, 3 worker processes
// against one throwaway PostgreSQL, one SIGKILLed while it holds a unit, one started late, one poisoned unit.
// At the end: every article stored exactly once, planted copies found across workers with the canonical
// rule, counts in = counts out, the poisoned unit in the dead letters.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { type PgCluster, startPgCluster } from "./helpers/pg-cluster.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const SAMPLES = join(ROOT, "samples/articles");
const ENTRY = join(ROOT, "src/cluster/cli-entry.ts");

let cluster: PgCluster | null = null;
let dir = "";

before(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), "khabar-fault-"));
});

after(async () => {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A seeded PRNG (mulberry32), so the corpus is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Article {
  id: string;
  title: string;
  text: string;
  date: string;
  site: string;
}

/**
 * Build the corpus from the 30 sample articles: each generated article joins two paragraphs of different
 * samples (each pair used once, capped at 35 words) and 25 words drawn from the samples' vocabulary, so no two
 * are near-duplicates by accident; then copies are planted (exact, edited, trimmed), some dated before their
 * original so the canonical rule has to move the original.
 */
function makeCorpus(n: number): { articles: Article[]; copies: { copy: string; of: string }[] } {
  const paragraphs: { sample: number; words: string[] }[] = [];
  const vocab = new Set<string>();
  readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .forEach((f, sample) => {
      for (const line of readFileSync(join(SAMPLES, f), "utf8").split("\n")) {
        const words = line.split(/\s+/).filter((w) => /^[\u0621-\u064a]+$/.test(w));
        for (const w of words) vocab.add(w);
        if (words.length >= 15) paragraphs.push({ sample, words: words.slice(0, 35) });
      }
    });
  const vocabulary = [...vocab];
  const rand = rng(42);
  const articles: Article[] = [];
  const usedPairs = new Set<string>();
  const sites = ["aawsat", "okaz", "sabq", "alriyadh", "almadina", "alyaum"];
  while (articles.length < n) {
    const a = Math.floor(rand() * paragraphs.length);
    const b = Math.floor(rand() * paragraphs.length);
    if (a === b || paragraphs[a]!.sample === paragraphs[b]!.sample) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (usedPairs.has(key)) continue;
    usedPairs.add(key);
    const extra = Array.from({ length: 25 }, () => vocabulary[Math.floor(rand() * vocabulary.length)]!);
    const i = articles.length;
    const day = 1 + (i % 28);
    articles.push({
      id: `a${String(i).padStart(5, "0")}`,
      title: paragraphs[a]!.words.slice(0, 6).join(" "),
      text: `${paragraphs[a]!.words.join(" ")}.\n${paragraphs[b]!.words.join(" ")}.\n${extra.join(" ")}.`,
      date: `2024-03-${String(day).padStart(2, "0")}`,
      site: sites[i % sites.length]!,
    });
  }
  // Planted copies: every 20th article gets one, in a separate file (so another unit, often another worker).
  const copies: { copy: string; of: string }[] = [];
  const planted: Article[] = [];
  for (let i = 0; i < n; i += 20) {
    const orig = articles[i]!;
    const kind = (i / 20) % 3;
    const words = orig.text.split(" ");
    const text =
      kind === 0
        ? orig.text // exact
        : kind === 1
          ? words.map((w, k) => (k === 7 ? "وقال" : w)).join(" ") // one word changed
          : `${orig.text}\nالمصدر: وكالات`; // a line of debris added
    // Every other copy is dated a day before its original: it must become the original.
    const earlier = (i / 20) % 2 === 1;
    const date = earlier ? "2024-02-28" : "2024-04-15";
    const id = `c${String(i).padStart(5, "0")}`;
    planted.push({ id, title: orig.title, text, date, site: "copies.example" });
    copies.push({ copy: id, of: orig.id });
  }
  return { articles: [...articles, ...planted], copies };
}

function writeJsonl(path: string, articles: readonly Article[]): void {
  writeFileSync(path, `${articles.map((a) => JSON.stringify(a)).join("\n")}\n`);
}

interface Worker {
  name: string;
  child: ChildProcess;
  stderr: string;
  exit: Promise<number | null>;
}

function startWorker(url: string, name: string): Worker {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", ENTRY, "worker", "--db", url, "--lease", "6s", "--name", name, "--max-attempts", "3"],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  const w: Worker = {
    name,
    child,
    stderr: "",
    exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
  };
  child.stderr!.on("data", (d: Buffer) => {
    w.stderr += d.toString();
  });
  return w;
}

async function cli(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stdout, stderr };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("3 workers, one SIGKILLed and one late, process 2,000+ articles exactly once", { timeout: 600_000 }, async (t) => {
  if (!cluster) {
    t.skip("PostgreSQL is not installed");
    return;
  }
  const { articles, copies } = makeCorpus(2000);
  const originals = articles.filter((a) => a.id.startsWith("a"));
  const planted = articles.filter((a) => a.id.startsWith("c"));
  const input = join(dir, "corpus");
  mkdirSync(input);
  for (let f = 0; f < 4; f++) writeJsonl(join(input, `part${f}.jsonl`), originals.slice(f * 500, (f + 1) * 500));
  writeJsonl(join(input, "copies.jsonl"), planted);
  // The poisoned unit: a gzip header followed by garbage, nothing readable in it.
  writeFileSync(join(input, "poison.txt.gz"), Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 0xff)]));

  const url = cluster.url;
  const enq = await cli(["enqueue", input, "--db", url, "--chunk-lines", "50", "--chunk-min-bytes", "1"]);
  assert.equal(enq.code, 0, enq.stderr);
  // Enqueueing again adds nothing.
  const again = await cli(["enqueue", input, "--db", url, "--chunk-lines", "50", "--chunk-min-bytes", "1"]);
  assert.match(again.stderr, /0 units enqueued, 43 already queued/);

  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const a = startWorker(url, "A");
    const b = startWorker(url, "B");
    // Kill A while it holds a unit, after it finished at least one.
    await waitFor(
      "worker A to hold a unit after finishing one",
      async () =>
        a.stderr.includes(" done:") &&
        (await pool.query("SELECT 1 FROM work_units WHERE worker = 'A' AND state = 'running'")).rows.length > 0,
      300_000,
    );
    const held = (await pool.query("SELECT id FROM work_units WHERE worker = 'A' AND state = 'running'")).rows[0] as { id: string };
    a.child.kill("SIGKILL");
    await a.exit;
    const c = startWorker(url, "C");
    const [codeB, codeC] = await Promise.all([b.exit, c.exit]);
    assert.equal(codeB, 0, b.stderr);
    assert.equal(codeC, 0, c.stderr);

    // Every unit done but the poisoned one, which is dead-lettered with its error after 3 attempts.
    const states = (await pool.query("SELECT state, count(*)::int AS n FROM work_units GROUP BY state ORDER BY state")).rows;
    assert.deepEqual(states, [
      { state: "dead", n: 1 },
      { state: "done", n: 42 },
    ]);
    const dead = (await pool.query("SELECT unit_key, error, attempts FROM dead_letters")).rows as {
      unit_key: string;
      error: string;
      attempts: number;
    }[];
    assert.equal(dead.length, 1);
    assert.match(dead[0]!.unit_key, /poison\.txt\.gz$/);
    assert.match(dead[0]!.error, /gzip|header|incorrect/i);
    assert.equal(dead[0]!.attempts, 3);

    // The unit A held when it died was finished by another worker.
    const redone = (await pool.query("SELECT worker, state, attempts FROM work_units WHERE id = $1", [held.id])).rows[0] as {
      worker: string;
      state: string;
      attempts: number;
    };
    assert.equal(redone.state, "done");
    assert.notEqual(redone.worker, "A");
    assert.ok(redone.attempts >= 2);
    // The late worker took part.
    assert.ok(
      (await pool.query("SELECT 1 FROM work_units WHERE worker = 'C' AND state = 'done'")).rows.length > 0,
      "worker C processed no unit",
    );

    // Exactly once: the stored ids are the input ids, and counts in = counts out.
    const stored = (await pool.query("SELECT id, status, duplicate_of FROM articles ORDER BY id")).rows as {
      id: string;
      status: string;
      duplicate_of: string | null;
    }[];
    assert.deepEqual(
      stored.map((r) => r.id),
      articles.map((x) => x.id).sort(),
    );
    const written = (await pool.query("SELECT sum(records)::int AS n FROM work_units WHERE state = 'done'")).rows[0] as { n: number };
    assert.equal(written.n, articles.length);

    // Copies: each planted pair is one group; the earlier-dated one is the original, whichever worker came first.
    const byId = new Map(stored.map((r) => [r.id, r]));
    const dateOf = new Map(articles.map((x) => [x.id, x.date]));
    for (const { copy, of } of copies) {
      const [first, second] = dateOf.get(copy)! < dateOf.get(of)! ? [copy, of] : [of, copy];
      assert.equal(byId.get(first)!.status, "ok", `${first} should be the original of ${second}`);
      assert.equal(byId.get(second)!.status, "duplicate", `${second} should be a copy of ${first}`);
      assert.equal(byId.get(second)!.duplicate_of, first);
    }
    // No other article was taken for a copy.
    assert.equal(stored.filter((r) => r.status === "duplicate").length, copies.length);
    // Copies were judged across workers: some pairs were written by different workers.
    const units = (await pool.query("SELECT path, first_line, worker FROM work_units WHERE state = 'done'")).rows as {
      path: string;
      first_line: number;
      worker: string;
    }[];
    const workerOf = (id: string): string => {
      const i = articles.findIndex((x) => x.id === id);
      const file = id.startsWith("c") ? "copies.jsonl" : `part${Math.floor(i / 500)}.jsonl`;
      const line = id.startsWith("c") ? planted.findIndex((x) => x.id === id) + 1 : (i % 500) + 1;
      const unit = units
        .filter((u) => u.path.endsWith(file) && u.first_line <= line)
        .sort((x, y) => y.first_line - x.first_line)[0]!;
      return unit.worker;
    };
    const crossWorker = copies.filter(({ copy, of }) => workerOf(copy) !== workerOf(of)).length;
    assert.ok(crossWorker > 0, "no copy pair was split across workers");

    const status = await cli(["status", "--db", url]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`articles stored: ${articles.length} \\(${articles.length - copies.length} ok, ${copies.length} duplicate, 0 rejected\\)`));
    assert.match(status.stdout, /poison\.txt\.gz {2}after 3 attempts/);
  } finally {
    await pool.end();
  }
});
