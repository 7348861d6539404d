import { type Command, InvalidArgumentError } from "commander";
import { clusterStatus, formatStatus } from "../cluster/cluster-status.ts";
import { groupStoredStories } from "../cluster/group-stored-stories.ts";
import { planUnits } from "../cluster/plan-units.ts";
import { enqueueUnits, retryDead } from "../cluster/queue.ts";
import type { PostgresStore } from "../store/postgres.ts";
import { migrate } from "../store/pg-schema.ts";

/**
 * Register the distributed-processing commands: `enqueue`, `worker`, `status`, `group-stories`
 * (all against PostgreSQL, `--db postgres://...`).
 *
 * @param program the CLI's commander program
 * @param setCode sets the process exit code
 */
export function registerClusterCommands(program: Command, setCode: (code: number) => void): void {
  program
    .command("enqueue")
    .description(
      "register work units for `khabar worker` in PostgreSQL: a unit per file, JSONL files in chunks of lines",
    )
    .argument("[sources...]", "files or directories")
    .requiredOption("--db <url>", "postgres://user@host:port/db", parseUrl)
    .option("--chunk-lines <n>", "lines per unit of a large JSONL file", parsePositive, 1000)
    .option("--chunk-min-bytes <n>", "JSONL files smaller than this stay one unit", parsePositive, 1024 * 1024)
    .option("--retry-dead", "put dead-lettered units back in the queue (after fixing their inputs)")
    .option("-q, --quiet", "print nothing")
    .action(async (sources: string[], opts: EnqueueOptions) => {
      setCode(await enqueueCommand(sources, opts));
    });

  program
    .command("worker")
    .description(
      "claim units from the PostgreSQL queue, process them, store their records; exits when the queue is empty",
    )
    .requiredOption("--db <url>", "postgres://user@host:port/db", parseUrl)
    .option(
      "--lease <duration>",
      "how long a claimed unit is held without a heartbeat (e.g. 60s, 5m)",
      parseDuration,
      60,
    )
    .option("--concurrency <n>", "units in hand at once in this process", parsePositive, 1)
    .option("--max-attempts <n>", "failures before a unit goes to the dead letters", parsePositive, 3)
    .option("--wait", "keep polling for new units instead of exiting when the queue is empty")
    .option("--name <name>", "this worker's name in `khabar status` (default host:pid)")
    .option("--no-dedupe", "do not mark copies across workers")
    .option("--no-raw", "leave the raw input out of stored records (smaller rows, faster writes)")
    .option("-q, --quiet", "print no per-unit lines")
    .action(async (opts: WorkerCommandOptions) => {
      setCode(await workerCommand(opts));
    });

  program
    .command("group-stories")
    .description("group the articles stored in PostgreSQL into stories (a pass after the workers are done)")
    .requiredOption("--db <url>", "postgres://user@host:port/db", parseUrl)
    .action(async (opts: { db: string }) => {
      const store = await openPostgres(opts.db);
      try {
        await migrate(store.pool);
        const r = await groupStoredStories(store);
        process.stderr.write(`khabar: ${r.articles} articles in ${r.stories} stories\n`);
      } finally {
        await store.close();
      }
      setCode(0);
    });

  program
    .command("status")
    .description("show a distributed run: units by state, articles stored, dead letters")
    .requiredOption("--db <url>", "postgres://user@host:port/db", parseUrl)
    .option("--json", "print JSON")
    .action(async (opts: { db: string; json?: boolean }) => {
      const store = await openPostgres(opts.db);
      try {
        await migrate(store.pool);
        const s = await clusterStatus(store.pool);
        process.stdout.write(`${opts.json ? JSON.stringify(s, null, 2) : formatStatus(s)}\n`);
      } finally {
        await store.close();
      }
      setCode(0);
    });
}

interface EnqueueOptions {
  db: string;
  chunkLines: number;
  chunkMinBytes: number;
  retryDead?: boolean;
  quiet?: boolean;
}

async function enqueueCommand(sources: string[], opts: EnqueueOptions): Promise<number> {
  if (sources.length === 0 && !opts.retryDead) {
    process.stderr.write("khabar: enqueue needs sources (files or directories) or --retry-dead\n");
    return 2;
  }
  const store = await openPostgres(opts.db);
  try {
    await migrate(store.pool);
    if (opts.retryDead) {
      const n = await retryDead(store.pool);
      if (!opts.quiet) process.stderr.write(`khabar: ${n} dead units back in the queue\n`);
    }
    if (sources.length === 0) return 0;
    const { units, errors } = await planUnits(sources, {
      chunkLines: opts.chunkLines,
      chunkMinBytes: opts.chunkMinBytes,
    });
    for (const e of errors) process.stderr.write(`khabar: cannot enqueue ${e.path}: ${e.message}\n`);
    const r = await enqueueUnits(store.pool, units);
    if (!opts.quiet)
      process.stderr.write(`khabar: ${r.added} units enqueued${r.existing ? `, ${r.existing} already queued` : ""}\n`);
    return errors.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

interface WorkerCommandOptions {
  db: string;
  lease: number;
  concurrency: number;
  maxAttempts: number;
  wait?: boolean;
  name?: string;
  dedupe: boolean;
  raw: boolean;
  quiet?: boolean;
}

async function workerCommand(opts: WorkerCommandOptions): Promise<number> {
  const soft = new AbortController();
  const hard = new AbortController();
  // First SIGTERM/SIGINT: claim nothing more, finish the unit in hand. Second: release it and go.
  const onSignal = (): void => {
    if (soft.signal.aborted) hard.abort();
    else soft.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  try {
    const { runWorker } = await import("../cluster/run-worker.ts");
    const summary = await runWorker({
      url: opts.db,
      leaseSeconds: opts.lease,
      concurrency: opts.concurrency,
      maxAttempts: opts.maxAttempts,
      exitWhenIdle: !opts.wait,
      dedupe: opts.dedupe,
      record: { raw: opts.raw },
      signal: soft.signal,
      hardStop: hard.signal,
      ...(opts.name ? { name: opts.name } : {}),
      onUnit: (e) => {
        if (opts.quiet) return;
        process.stderr.write(
          `khabar worker: unit ${e.unit.id} ${e.outcome}: ${e.records} records, ${e.copies} copies, ${e.ms} ms${e.commitMs !== undefined ? ` (writing ${e.commitMs} ms)` : ""}${e.error ? ` (${e.error})` : ""}\n`,
        );
      },
    });
    if (!opts.quiet)
      process.stderr.write(
        `khabar worker: ${summary.units} units, ${summary.records} records, ${summary.copies} copies, ${summary.failed} failed, ${summary.dead} dead-lettered${soft.signal.aborted ? " (stopped by signal)" : ""}\n`,
      );
    return 0;
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  }
}

function parseUrl(value: string): string {
  if (!/^postgres(ql)?:\/\//.test(value)) throw new InvalidArgumentError("expected a postgres://user@host:port/db URL");
  return value;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number ≥ 1");
  return n;
}

/** `60`, `60s`, `5m`, `1h`, `500ms` → seconds. */
function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError("expected a duration such as 60s, 5m or 500ms");
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  const seconds = unit === "ms" ? n / 1000 : unit === "m" ? n * 60 : unit === "h" ? n * 3600 : n;
  if (seconds <= 0) throw new InvalidArgumentError("the lease must be longer than 0");
  return seconds;
}

/** The PostgreSQL store, loaded on use: the other commands start without `pg`. */
async function openPostgres(url: string): Promise<PostgresStore> {
  const { PostgresStore } = await import("../store/postgres.ts");
  return new PostgresStore(url, { poolSize: 2 });
}
