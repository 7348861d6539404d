// Operations of distributed processing: SIGTERM finishes the unit in hand and claims no more; JSONL chunks
// give the ids and line numbers `khabar process` gives; a lost lease is not written twice.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { planUnits } from "../src/cluster/plan-units.ts";
import { claimUnit, enqueueUnits, heartbeat } from "../src/cluster/queue.ts";
import { readUnit } from "../src/cluster/read-unit.ts";
import { migrate } from "../src/store/pg-schema.ts";
import { type PgCluster, startPgCluster } from "./helpers/pg-cluster.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const ENTRY = join(ROOT, "src/cluster/cli-entry.ts");
const SAMPLE = readFileSync(join(ROOT, "samples/articles/000_1f433a90f6971253.txt"), "utf8");

let cluster: PgCluster | null = null;
let dir = "";
before(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), "khabar-ops-"));
});
after(async () => {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster!.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster!.url.replace(/\/[^/]+$/, `/${name}`);
}

function jsonl(n: number, from = 0): string {
  // Distinct articles: the sample's sentences rotated, each line with its own number words.
  const sentences = SAMPLE.split("\n").filter((l) => l.length > 40);
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    const text = [...sentences.slice(i % sentences.length), ...sentences.slice(0, i % sentences.length)].join("\n");
    lines.push(JSON.stringify({ text: `${text}\nالرقم ${i} من ${n}` }));
  }
  return `${lines.join("\n")}\n`;
}

test("JSONL chunks keep the ids and line numbers of the whole file", async () => {
  const file = join(dir, "chunked.jsonl");
  writeFileSync(file, jsonl(7));
  const { units } = await planUnits([file], { chunkLines: 3, chunkMinBytes: 1 });
  assert.deepEqual(
    units.map((u) => [u.kind, u.firstLine]),
    [
      ["jsonl-range", 1],
      ["jsonl-range", 4],
      ["jsonl-range", 7],
    ],
  );
  const ids: string[] = [];
  const lines: number[] = [];
  for (const u of units)
    for await (const r of readUnit(u))
      if (r.kind === "doc") {
        ids.push(r.doc.id);
        lines.push(r.doc.source.line as number);
      }
  assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7].map((n) => `chunked:${n}`));
  assert.deepEqual(lines, [1, 2, 3, 4, 5, 6, 7]);
});

test("a worker whose lease was taken over cannot renew it", async (t) => {
  if (!cluster) return t.skip("PostgreSQL is not installed");
  const url = await freshDatabase("lease");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await migrate(pool);
    const file = join(dir, "one.jsonl");
    writeFileSync(file, jsonl(2));
    const { units } = await planUnits([file]);
    await enqueueUnits(pool, units);
    const first = await claimUnit(pool, "slow", 0.2, 3);
    assert.ok(first);
    assert.equal(await claimUnit(pool, "other", 60, 3), null, "a live lease is not taken");
    await new Promise((r) => setTimeout(r, 400));
    const second = await claimUnit(pool, "other", 60, 3);
    assert.equal(second?.id, first.id, "an expired lease is reclaimed");
    assert.equal(second.attempts, 2);
    assert.equal(await heartbeat(pool, first.id, "slow", 60), false);
    assert.equal(await heartbeat(pool, first.id, "other", 60), true);
  } finally {
    await pool.end();
  }
});

test("SIGTERM: the worker finishes the unit in hand, claims no more, exits 0", { timeout: 300_000 }, async (t) => {
  if (!cluster) return t.skip("PostgreSQL is not installed");
  const url = await freshDatabase("sigterm");
  const input = join(dir, "sig.jsonl");
  writeFileSync(input, jsonl(60));
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await migrate(pool);
    const { units } = await planUnits([input], { chunkLines: 20, chunkMinBytes: 1 });
    await enqueueUnits(pool, units);
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY, "worker", "--db", url, "--name", "w"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const deadline = Date.now() + 240_000;
    while ((await pool.query("SELECT 1 FROM work_units WHERE state = 'running'")).rows.length === 0) {
      assert.ok(Date.now() < deadline, "the worker never claimed a unit");
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill("SIGTERM");
    assert.equal(await exit, 0, stderr);
    assert.match(stderr, /stopped by signal/);
    const states = (await pool.query("SELECT state, count(*)::int AS n FROM work_units GROUP BY state ORDER BY state")).rows;
    // The unit in hand was finished (and written); the others were left for other workers.
    assert.deepEqual(states, [
      { state: "done", n: 1 },
      { state: "pending", n: 2 },
    ]);
    const stored = Number((await pool.query("SELECT count(*) AS n FROM articles")).rows[0].n);
    assert.equal(stored, 20);
  } finally {
    await pool.end();
  }
});
