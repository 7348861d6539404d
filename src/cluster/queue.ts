import type pg from "pg";
import type { UnitSpec } from "./plan-units.ts";

/** A unit as the queue holds it. */
export interface ClaimedUnit extends UnitSpec {
  id: number;
  attempts: number;
}

/** What `enqueueUnits` did. */
export interface EnqueueResult {
  added: number;
  /** Already queued (same file, same range): re-enqueueing is a no-op. */
  existing: number;
}

/**
 * Register work units; a unit already queued (by key) is left as it is,
 * whatever its state, so enqueueing the same sources twice adds nothing.
 */
export async function enqueueUnits(pool: pg.Pool, units: readonly UnitSpec[]): Promise<EnqueueResult> {
  let added = 0;
  for (let i = 0; i < units.length; i += 1000) {
    const batch = units.slice(i, i + 1000);
    const r = await pool.query(
      `INSERT INTO work_units (unit_key, path, file_id, kind, byte_start, byte_end, first_line, size)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[], $8::bigint[])
       ON CONFLICT (unit_key) DO NOTHING`,
      [
        batch.map((u) => u.key),
        batch.map((u) => u.path),
        batch.map((u) => u.fileId),
        batch.map((u) => u.kind),
        batch.map((u) => u.byteStart),
        batch.map((u) => u.byteEnd),
        batch.map((u) => u.firstLine),
        batch.map((u) => u.size),
      ],
    );
    added += r.rowCount ?? 0;
  }
  return { added, existing: units.length - added };
}

/**
 * Claim the oldest unit that is pending or whose lease has expired (its worker
 * died), with `FOR UPDATE SKIP LOCKED` so concurrent workers never wait on or
 * take the same row. A unit reclaimed more than `maxAttempts` times goes to
 * the dead letters instead (a unit that kills its worker every time).
 *
 * @returns the unit, or null when there is nothing to do now
 */
export async function claimUnit(
  pool: pg.Pool,
  worker: string,
  leaseSeconds: number,
  maxAttempts: number,
): Promise<ClaimedUnit | null> {
  for (;;) {
    const r = await pool.query(
      `UPDATE work_units u SET state = 'running', attempts = u.attempts + 1, worker = $1,
              lease_until = now() + make_interval(secs => $2), started_at = now()
        WHERE u.id = (SELECT id FROM work_units
                       WHERE state = 'pending' OR (state = 'running' AND lease_until < now())
                       ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING u.*`,
      [worker, leaseSeconds],
    );
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) return null;
    const unit = unitOf(row);
    if (unit.attempts > maxAttempts) {
      await deadLetter(
        pool,
        unit.id,
        worker,
        `its lease expired ${maxAttempts} times without the unit finishing (a worker crashed or hung on it)${row.last_error ? `; last error: ${row.last_error}` : ""}`,
      );
      continue;
    }
    return unit;
  }
}

/**
 * Extend a unit's lease.
 *
 * @returns false when the unit is no longer this worker's (its lease expired and another worker took it)
 */
export async function heartbeat(pool: pg.Pool, unitId: number, worker: string, leaseSeconds: number): Promise<boolean> {
  const r = await pool.query(
    `UPDATE work_units SET lease_until = now() + make_interval(secs => $3)
      WHERE id = $1 AND worker = $2 AND state = 'running'`,
    [unitId, worker, leaseSeconds],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * Lock the unit's row inside the caller's transaction and check it is still
 * this worker's; the records are only written if it is.
 */
export async function holdUnit(client: pg.PoolClient, unitId: number, worker: string): Promise<boolean> {
  const r = await client.query(
    "SELECT 1 FROM work_units WHERE id = $1 AND worker = $2 AND state = 'running' FOR UPDATE",
    [unitId, worker],
  );
  return r.rows.length > 0;
}

/** Mark a unit done inside the caller's transaction (the one that wrote its records). */
export async function completeUnit(client: pg.PoolClient, unitId: number, records: number): Promise<void> {
  await client.query(
    "UPDATE work_units SET state = 'done', records = $2, lease_until = NULL, finished_at = now(), last_error = NULL WHERE id = $1",
    [unitId, records],
  );
}

/**
 * Record a failed attempt: back to pending for another try, or to the dead
 * letters after `maxAttempts`.
 *
 * @returns true when the unit was dead-lettered
 */
export async function failUnit(
  pool: pg.Pool,
  unit: ClaimedUnit,
  worker: string,
  error: string,
  maxAttempts: number,
): Promise<boolean> {
  if (unit.attempts >= maxAttempts) {
    await deadLetter(pool, unit.id, worker, error);
    return true;
  }
  await pool.query(
    "UPDATE work_units SET state = 'pending', lease_until = NULL, last_error = $3 WHERE id = $1 AND worker = $2 AND state = 'running'",
    [unit.id, worker, error],
  );
  return false;
}

/** Give a claimed unit back untouched (shutdown before it was finished): the attempt does not count. */
export async function releaseUnit(pool: pg.Pool, unit: ClaimedUnit, worker: string): Promise<void> {
  await pool.query(
    `UPDATE work_units SET state = 'pending', lease_until = NULL, attempts = greatest(attempts - 1, 0)
      WHERE id = $1 AND worker = $2 AND state = 'running'`,
    [unit.id, worker],
  );
}

async function deadLetter(pool: pg.Pool, unitId: number, worker: string, error: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const r = await client.query(
      "UPDATE work_units SET state = 'dead', lease_until = NULL, last_error = $2, finished_at = now() WHERE id = $1 RETURNING unit_key, attempts",
      [unitId, error],
    );
    const row = r.rows[0] as { unit_key: string; attempts: number } | undefined;
    if (row)
      await client.query(
        `INSERT INTO dead_letters (unit_id, unit_key, error, attempts, worker) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, worker = EXCLUDED.worker, at = now()`,
        [unitId, row.unit_key, error, row.attempts, worker],
      );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Put dead-lettered units back in the queue (after fixing their input), with
 * their attempts reset.
 *
 * @returns how many were requeued
 */
export async function retryDead(pool: pg.Pool): Promise<number> {
  const r = await pool.query(
    "UPDATE work_units SET state = 'pending', attempts = 0, last_error = NULL, finished_at = NULL WHERE state = 'dead'",
  );
  await pool.query("DELETE FROM dead_letters WHERE unit_id NOT IN (SELECT id FROM work_units WHERE state = 'dead')");
  return r.rowCount ?? 0;
}

function unitOf(row: Record<string, unknown>): ClaimedUnit {
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(row.id),
    key: row.unit_key as string,
    path: row.path as string,
    fileId: row.file_id as string,
    kind: row.kind as UnitSpec["kind"],
    byteStart: num(row.byte_start),
    byteEnd: num(row.byte_end),
    firstLine: num(row.first_line),
    size: Number(row.size),
    attempts: Number(row.attempts),
  };
}
