import type pg from "pg";

/** Progress of a distributed run, as `khabar status` shows it. */
export interface ClusterStatus {
  /** Units by state: pending, running, done, dead. */
  units: Record<string, number>;
  /** Records the done units wrote (counts in). */
  recordsWritten: number;
  /** Articles in the store by status (counts out). */
  articles: { total: number; ok: number; duplicate: number; rejected: number };
  /** Units whose lease ran out (their worker died): the next claim takes them. */
  expired: number;
  /** Workers holding units now, with how many each. */
  workers: { worker: string; units: number }[];
  deadLetters: { unit: string; error: string; attempts: number; at: string }[];
}

/**
 * Read the queue and the store's counts.
 *
 * @param limit most dead letters listed (newest first)
 */
export async function clusterStatus(pool: pg.Pool, limit = 20): Promise<ClusterStatus> {
  const units: Record<string, number> = { pending: 0, running: 0, done: 0, dead: 0 };
  for (const r of (await pool.query("SELECT state, count(*) AS n FROM work_units GROUP BY state")).rows as { state: string; n: string }[])
    units[r.state] = Number(r.n);
  const written = (await pool.query("SELECT coalesce(sum(records), 0) AS n FROM work_units WHERE state = 'done'")).rows[0] as { n: string };
  const a = (
    await pool.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'ok') AS ok,
              count(*) FILTER (WHERE status = 'duplicate') AS duplicate, count(*) FILTER (WHERE status = 'rejected') AS rejected
         FROM articles`,
    )
  ).rows[0] as Record<string, string>;
  const expired = (await pool.query("SELECT count(*) AS n FROM work_units WHERE state = 'running' AND lease_until < now()")).rows[0] as {
    n: string;
  };
  const workers = (
    await pool.query("SELECT worker, count(*) AS n FROM work_units WHERE state = 'running' GROUP BY worker ORDER BY worker")
  ).rows as { worker: string; n: string }[];
  const dead = (
    await pool.query("SELECT unit_key, error, attempts, at FROM dead_letters ORDER BY at DESC, unit_id LIMIT $1", [limit])
  ).rows as { unit_key: string; error: string; attempts: number; at: Date }[];
  return {
    units,
    recordsWritten: Number(written.n),
    articles: { total: Number(a.total), ok: Number(a.ok), duplicate: Number(a.duplicate), rejected: Number(a.rejected) },
    expired: Number(expired.n),
    workers: workers.map((w) => ({ worker: w.worker, units: Number(w.n) })),
    deadLetters: dead.map((d) => ({ unit: d.unit_key, error: d.error, attempts: d.attempts, at: d.at.toISOString() })),
  };
}

/** The status as text for a terminal. */
export function formatStatus(s: ClusterStatus): string {
  const lines = [
    `units: ${s.units.pending ?? 0} pending, ${s.units.running ?? 0} running${s.expired ? ` (${s.expired} with expired leases)` : ""}, ${s.units.done ?? 0} done, ${s.units.dead ?? 0} dead`,
    `records written by done units: ${s.recordsWritten}`,
    `articles stored: ${s.articles.total} (${s.articles.ok} ok, ${s.articles.duplicate} duplicate, ${s.articles.rejected} rejected)`,
  ];
  if (s.workers.length > 0) lines.push(`workers: ${s.workers.map((w) => `${w.worker} (${w.units})`).join(", ")}`);
  if (s.deadLetters.length > 0) {
    lines.push("dead letters:");
    for (const d of s.deadLetters) lines.push(`  ${d.unit}  after ${d.attempts} attempts: ${d.error}`);
  }
  return lines.join("\n");
}
