import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { ReadOptions } from "../ingest/read-inputs.ts";
import { type DocRecord, type RecordOptions, toRecord } from "../model/record.ts";
import { createPipeline, type PipelineOptions } from "../run/pipeline.ts";
import { DEFAULT_MAX_MS } from "../run/process-inputs.ts";
import { processItem, rejectedDoc } from "../run/process-item.ts";
import { PostgresStore, putRecords } from "../store/postgres.ts";
import { migrate } from "../store/pg-schema.ts";
import { type ClaimedUnit, claimUnit, completeUnit, failUnit, heartbeat, holdUnit, releaseUnit } from "./queue.ts";
import { readUnit } from "./read-unit.ts";
import { dedupeShared, savePrints } from "./shared-dedup.ts";

/** Options for `runWorker`. */
export interface WorkerOptions {
  /** `postgres://...` */
  url: string;
  /** Lease length in seconds (default 60); the worker renews it every third of that. */
  leaseSeconds?: number;
  /** Units processed at once in this process (default 1). */
  concurrency?: number;
  /** Attempts before a unit goes to the dead letters (default 3). */
  maxAttempts?: number;
  /** Exit when the queue is empty (default true); false waits for more work. */
  exitWhenIdle?: boolean;
  /** Seconds between polls of an empty queue (default 1). */
  pollSeconds?: number;
  /** When aborted, no new unit is claimed; the unit in hand is finished (or released if `hardStop` aborts too). */
  signal?: AbortSignal;
  /** When aborted, a unit being processed is released untouched instead of finished. */
  hardStop?: AbortSignal;
  /** A name for this worker in the queue (default host:pid). */
  name?: string;
  /** Cross-worker dedup (default true). */
  dedupe?: boolean;
  pipeline?: PipelineOptions;
  read?: ReadOptions;
  /** What each stored record holds (`{ raw: false }` leaves the raw input out: smaller rows, faster writes). */
  record?: RecordOptions;
  /** Connections in the pool (default concurrency + 2). */
  poolSize?: number;
  /** Called after each unit. */
  onUnit?: (event: UnitEvent) => void;
}

/** What happened to one unit. */
export interface UnitEvent {
  unit: ClaimedUnit;
  outcome: "done" | "failed" | "dead" | "released" | "lost";
  records: number;
  copies: number;
  error?: string;
  ms: number;
  /** Of `ms`, the time in the writing transaction (lock wait, dedup lookups, inserts, commit). */
  commitMs?: number;
}

/** Counts of one worker's run. */
export interface WorkerSummary {
  units: number;
  records: number;
  copies: number;
  failed: number;
  dead: number;
  released: number;
  lost: number;
}

/**
 * A worker: claims units from the PostgreSQL queue, runs the pipeline on them,
 * and writes each unit's records, its dedup fingerprints and its `done` mark
 * in one transaction (a crash leaves nothing half-written: the unit's lease
 * runs out and another worker redoes it). The lease is renewed while the unit
 * is processed; a worker that lost its lease (it stalled past it and another
 * worker took the unit) drops its work instead of writing it twice.
 *
 * @returns the counts when the queue is empty (or the signal stops it)
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const lease = options.leaseSeconds ?? 60;
  const maxAttempts = options.maxAttempts ?? 3;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const store = new PostgresStore(options.url, { poolSize: options.poolSize ?? concurrency + 2 });
  const pool = store.pool;
  const stages = createPipeline(options.pipeline);
  // The time limit per document, checked between stages (as `khabar process` does; no watchdog here: a stage
  // that never ends loses the unit's lease, and the unit goes to the dead letters after its attempts).
  const limits = { maxMs: options.pipeline?.maxMs ?? DEFAULT_MAX_MS };
  const summary: WorkerSummary = { units: 0, records: 0, copies: 0, failed: 0, dead: 0, released: 0, lost: 0 };
  try {
    await migrate(pool);
    const lane = async (): Promise<void> => {
      while (!options.signal?.aborted) {
        const unit = await claimUnit(pool, name, lease, maxAttempts);
        if (!unit) {
          if (options.exitWhenIdle ?? true) {
            // Another worker's unit may still fail and come back: wait while any is running.
            const running = Number((await pool.query("SELECT count(*) AS n FROM work_units WHERE state = 'running'")).rows[0].n);
            if (running === 0) return;
          }
          await sleep((options.pollSeconds ?? 1) * 1000, undefined, { ref: true }).catch(() => {});
          continue;
        }
        const event = await runUnit(unit);
        summary.units++;
        summary.records += event.records;
        summary.copies += event.copies;
        if (event.outcome === "failed") summary.failed++;
        if (event.outcome === "dead") summary.dead++;
        if (event.outcome === "released") summary.released++;
        if (event.outcome === "lost") summary.lost++;
        options.onUnit?.(event);
      }
    };

    const runUnit = async (unit: ClaimedUnit): Promise<UnitEvent> => {
      const started = performance.now();
      let lost = false;
      const beat = setInterval(
        () => {
          heartbeat(pool, unit.id, name, lease).then(
            (mine) => {
              if (!mine) lost = true;
            },
            () => {},
          );
        },
        Math.max(200, (lease * 1000) / 3),
      );
      const ms = () => Math.round(performance.now() - started);
      try {
        const records: DocRecord[] = [];
        let n = 0;
        for await (const r of readUnit(unit, options.read)) {
          if (options.hardStop?.aborted || lost) break;
          if (r.kind === "skipped") continue;
          const doc =
            r.kind === "rejected"
              ? rejectedDoc(r.rejected.id, r.rejected.source, r.rejected.error.code, r.rejected.error.message)
              : processItem(stages, r, limits);
          records.push(toRecord(doc, options.record));
          // The pipeline is synchronous: let the heartbeat timer run now and then.
          if (++n % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        if (lost) return { unit, outcome: "lost", records: 0, copies: 0, ms: ms() };
        if (options.hardStop?.aborted) {
          await releaseUnit(pool, unit, name);
          return { unit, outcome: "released", records: 0, copies: 0, ms: ms() };
        }
        const commitStarted = performance.now();
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          if (!(await holdUnit(client, unit.id, name))) {
            await client.query("ROLLBACK");
            return { unit, outcome: "lost", records: 0, copies: 0, ms: ms() };
          }
          let copies = 0;
          let prints: Awaited<ReturnType<typeof dedupeShared>>["prints"] = [];
          if (options.dedupe ?? true) {
            const d = await dedupeShared(client, records);
            prints = d.prints;
            copies = d.result.copies;
          }
          await putRecords(client, records);
          await savePrints(client, prints);
          await completeUnit(client, unit.id, records.length);
          await client.query("COMMIT");
          return {
            unit,
            outcome: "done",
            records: records.length,
            copies,
            ms: ms(),
            commitMs: Math.round(performance.now() - commitStarted),
          };
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const dead = await failUnit(pool, unit, name, message, maxAttempts);
        return { unit, outcome: dead ? "dead" : "failed", records: 0, copies: 0, error: message, ms: ms() };
      } finally {
        clearInterval(beat);
      }
    };

    await Promise.all(Array.from({ length: concurrency }, () => lane()));
  } finally {
    await store.close();
  }
  return summary;
}
