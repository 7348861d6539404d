import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What the PostgreSQL peer measured. */
export interface PostgresResult {
  peer: "postgres-to_tsvector";
  version: string;
  docs: number;
  /** Best time of `sum(length(to_tsvector('arabic', t)))` over the table, ms. */
  tsvectorMs: number;
  /** Best time of `sum(length(t))` (scan and detoast only), ms: the part that is not text search. */
  scanMs: number;
  /** Lexemes counted (the query's result), to show the work was done. */
  lexemes: number;
  runs: number;
}

/** How to install this peer, printed when it is missing. */
export const POSTGRES_INSTALL = "apt-get install -y postgresql";

/**
 * Find PostgreSQL's server binaries (`initdb`, `pg_ctl`, `postgres`, `psql`).
 *
 * @returns the bin folder, or undefined when PostgreSQL is not installed
 */
export function findPostgres(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(root, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  const initdb = which.stdout.trim();
  return which.status === 0 && initdb ? join(initdb, "..") : undefined;
}

/**
 * Escape a text for PostgreSQL's COPY text format (one row per line, tab-separated).
 *
 * @param text any string
 * @returns the text with backslash, newline, carriage return and tab escaped
 */
export function copyEscape(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"));
}

/**
 * Time `to_tsvector('arabic', t)` (Snowball Arabic in C, with PostgreSQL's own
 * parser) over `texts` in a throwaway cluster: initdb into a temp folder, start
 * on a free loopback port, load the texts into a table, time only the queries
 * (psql's `\timing`), stop the server by its pid file and delete the folder.
 * Parallel query and JIT are off, so one backend does the work on one core.
 *
 * @param bin PostgreSQL's bin folder (`findPostgres()`)
 * @param texts the corpus texts
 * @param runs how many times each query runs (the best counts; the first also warms the cache)
 * @returns the timings
 * @throws Error when a step fails (the cluster is stopped and removed first)
 */
export async function runPostgres(bin: string, texts: readonly string[], runs: number): Promise<PostgresResult> {
  const dir = mkdtempSync(join(tmpdir(), "khabar-bench-pg-"));
  const data = join(dir, "data");
  const asPostgres = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (asPostgres) chownSync(dir, asPostgres.uid, asPostgres.gid);
  const run = (cmd: string, args: string[], timeoutMs = 600_000) => {
    const full = asPostgres ? ["runuser", "-u", "postgres", "--", join(bin, cmd), ...args] : [join(bin, cmd), ...args];
    const r = spawnSync(full[0]!, full.slice(1), {
      encoding: "utf8",
      maxBuffer: 64 << 20,
      timeout: timeoutMs,
      cwd: dir,
    });
    if (r.status !== 0)
      throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout).slice(-2000)}`);
    return r.stdout;
  };
  const stop = installStop(data, dir);
  try {
    run("initdb", ["-D", data, "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust", "-U", "postgres", "--no-sync"]);
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c fsync=off`;
    run("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "server.log"), "-w", "start"]);
    const file = join(dir, "corpus.copy");
    writeFileSync(file, texts.map(copyEscape).join("\n") + "\n");
    if (asPostgres) chownSync(file, asPostgres.uid, asPostgres.gid);
    const timed: string[] = [];
    for (let i = 0; i < runs; i++) timed.push("SELECT sum(length(t)) FROM corpus;");
    for (let i = 0; i < runs; i++) timed.push("SELECT sum(length(to_tsvector('arabic', t))) FROM corpus;");
    const script = [
      "SET max_parallel_workers_per_gather = 0;",
      "SET jit = off;",
      // EXTERNAL: no pglz compression, so the scan baseline is small and steady.
      "CREATE TABLE corpus (t text);",
      "ALTER TABLE corpus ALTER COLUMN t SET STORAGE EXTERNAL;",
      `\\copy corpus (t) FROM '${file}'`,
      "SELECT count(*) FROM corpus;",
      "SELECT version();",
      "\\timing on",
      ...timed,
    ].join("\n");
    const scriptFile = join(dir, "bench.sql");
    writeFileSync(scriptFile, script);
    if (asPostgres) chownSync(scriptFile, asPostgres.uid, asPostgres.gid);
    const out = run("psql", [
      "-X",
      "-q",
      "-A",
      "-t",
      "-v",
      "ON_ERROR_STOP=1",
      "-h",
      dir,
      "-p",
      String(port),
      "-U",
      "postgres",
      "-d",
      "postgres",
      "-f",
      scriptFile,
    ]);
    return parsePsql(out, runs);
  } finally {
    stop();
  }
}

/**
 * Read psql's output of the benchmark script: the row count, the version line,
 * then per query a result line followed by `Time: N ms`.
 */
function parsePsql(out: string, runs: number): PostgresResult {
  const lines = out.split("\n").filter((l) => l.trim() !== "");
  const docs = Number(lines[0]);
  const version = lines[1] ?? "?";
  const results: number[] = [];
  const times: number[] = [];
  for (const line of lines.slice(2)) {
    const m = /^Time: ([\d.]+) ms/.exec(line);
    if (m) times.push(Number(m[1]));
    else if (/^\d+$/.test(line.trim())) results.push(Number(line.trim()));
  }
  if (times.length !== 2 * runs || results.length !== 2 * runs)
    throw new Error(`psql output not understood:\n${out.slice(0, 2000)}`);
  return {
    peer: "postgres-to_tsvector",
    version,
    docs,
    scanMs: Math.min(...times.slice(0, runs)),
    tsvectorMs: Math.min(...times.slice(runs)),
    lexemes: results[runs]!,
    runs,
  };
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0)
    throw new Error("no postgres user (install postgresql)");
  return { uid, gid };
}

/**
 * Returns a function that stops the server by the pid in its pid file (fast
 * shutdown, SIGINT), waits for it to exit, and removes the temp folder. It also
 * runs if this process is interrupted, so no cluster is left behind.
 */
function installStop(data: string, dir: string): () => void {
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", stop);
    const pidFile = join(data, "postmaster.pid");
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, "SIGINT");
          const until = Date.now() + 30_000;
          while (Date.now() < until && alive(pid)) spawnSync("sleep", ["0.1"]);
        } catch {
          // already gone
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => {
    stop();
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", stop);
  return stop;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
