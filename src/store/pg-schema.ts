import type pg from "pg";

/**
 * The PostgreSQL schema as numbered migrations, applied in order, each once.
 * Append new migrations at the end; never edit one that has shipped (a
 * database records which numbers it has applied in `schema_migrations`).
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "articles and search layers",
    sql: `
CREATE TABLE articles (
  id text PRIMARY KEY,
  content_hash text NOT NULL,
  status text NOT NULL,
  reject_code text,
  site text,
  url text,
  title text,
  published text,
  day date,
  lang text,
  duplicate_of text,
  duplicate_kind text,
  similarity real,
  story_id text,
  text_length integer NOT NULL DEFAULT 0,
  terms tsvector,
  record json NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_terms ON articles USING gin (terms);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_story ON articles (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX articles_status ON articles (status);

CREATE TABLE mentions (
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  entity_id text NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  surface text NOT NULL,
  norm text NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_norm ON mentions (norm text_pattern_ops);

CREATE TABLE quotes (
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  n integer NOT NULL,
  speaker text,
  speaker_terms text[] NOT NULL DEFAULT '{}',
  speaker_entity text,
  cue text NOT NULL,
  content text NOT NULL,
  outlet text,
  direct boolean NOT NULL,
  anonymous boolean NOT NULL,
  PRIMARY KEY (article_id, n)
);
CREATE INDEX quotes_speaker_terms ON quotes USING gin (speaker_terms);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);

CREATE TABLE quantities (
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  value double precision,
  unit text,
  unit_canonical text,
  unit_terms text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX quantities_article ON quantities (article_id);
CREATE INDEX quantities_unit ON quantities (unit, value);

CREATE TABLE mentioned_dates (
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  value text NOT NULL,
  day_from date,
  day_to date
);
CREATE INDEX mentioned_dates_article ON mentioned_dates (article_id);
CREATE INDEX mentioned_dates_range ON mentioned_dates (day_from, day_to);

CREATE TABLE stories (
  id text PRIMARY KEY,
  label text NOT NULL,
  label_article text NOT NULL
);
`,
  },
  {
    version: 2,
    name: "cross-worker dedup fingerprints",
    sql: `
CREATE TABLE dedup_prints (
  article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  exact text NOT NULL,
  words integer NOT NULL,
  shingles integer[] NOT NULL
);
CREATE INDEX dedup_prints_exact ON dedup_prints (exact);
CREATE TABLE dedup_bands (
  band_key bigint NOT NULL,
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX dedup_bands_key ON dedup_bands (band_key);
CREATE INDEX dedup_bands_article ON dedup_bands (article_id);
`,
  },
  {
    version: 3,
    name: "work queue and dead letters",
    sql: `
CREATE TABLE work_units (
  id bigserial PRIMARY KEY,
  unit_key text NOT NULL UNIQUE,
  path text NOT NULL,
  file_id text NOT NULL,
  kind text NOT NULL,
  byte_start bigint,
  byte_end bigint,
  first_line integer,
  size bigint NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  worker text,
  lease_until timestamptz,
  last_error text,
  records integer,
  enqueued_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX work_units_claim ON work_units (state, id);
CREATE TABLE dead_letters (
  unit_id bigint PRIMARY KEY REFERENCES work_units (id) ON DELETE CASCADE,
  unit_key text NOT NULL,
  error text NOT NULL,
  attempts integer NOT NULL,
  worker text,
  at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];

// An arbitrary constant: the advisory lock that serializes migrations across processes.
const MIGRATION_LOCK = 0x6b686162; // "khab"

/**
 * Bring a database up to the latest schema: applies the missing migrations in
 * one transaction under an advisory lock, so workers starting together don't
 * race (the second waits, then finds nothing left to do).
 *
 * @returns the versions applied now (empty when up to date)
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set(
      (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return applied;
}
