import pg from "pg";
import type { DocRecord, TokenRow } from "../model/record.ts";
import { matchForm } from "../normalize/match-form.ts";
import { type ArticleRows, articleRows, serializeRecord } from "./pg-rows.ts";
import { migrate } from "./pg-schema.ts";
import { makeSnippet } from "./pg-snippet.ts";
import { textTerms } from "../search/search-terms.ts";
import { parseDateRange } from "../search/query.ts";
import { planQuery, type SearchPlan, Sql } from "./pg-query.ts";
import {
  type CopyRef,
  type CorpusStats,
  DEFAULT_PAGE_SIZE,
  type EntityDetail,
  type EntityListRequest,
  type EntitySummary,
  type FacetCount,
  type FacetName,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
  type PutResult,
  QueryError,
  type QuoteHit,
  type QuoteRequest,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
  type Store,
  type StoredArticle,
  type StoryDetail,
  type StorySummary,
} from "./types.ts";

/** A story to store (the shape SQLite's `putStories` takes). */
export interface StoryRow {
  id: string;
  label: string;
  label_article: string;
  articles: readonly string[];
}

/** Options for `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
  /** Apply pending schema migrations on open (default true). */
  migrate?: boolean;
}

/** A result row. */
type Row = Record<string, unknown>;

/**
 * Open (and migrate) a PostgreSQL store.
 *
 * @param url `postgres://user@host:port/db`
 * @returns the store; `close()` it to end the pool
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const store = new PostgresStore(url, options);
  try {
    if (options.migrate ?? true) await migrate(store.pool);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * The Store contract on PostgreSQL: one row per article (the whole record as
 * `json`, our analyzer's terms as a `tsvector` under a GIN index), child
 * tables for entities, quotes, quantities and mentioned dates, and the queue
 * tables of `khabar worker`. Every statement is parameterized.
 */
export class PostgresStore implements Store {
  readonly engine = "postgres" as const;
  /** The connection pool (shared with the cluster code). */
  readonly pool: pg.Pool;

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process: the next query reconnects.
    this.pool.on("error", () => {});
  }

  /** A parameterized query on the pool (NUL in a parameter becomes U+FFFD, as in stored text). */
  private query(sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult> {
    return this.pool.query(sql, safeParams(params));
  }

  async put(records: readonly DocRecord[]): Promise<PutResult> {
    if (!Array.isArray(records)) throw new QueryError("bad_records", "khabar: put takes an array of records");
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await putRecords(client, records);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async get(id: string): Promise<StoredArticle | null> {
    if (typeof id !== "string") throw new QueryError("bad_id", "khabar: an article id is a string");
    const r = await this.query("SELECT record, story_id, duplicate_of FROM articles WHERE id = $1", [id]);
    const row = r.rows[0] as Row | undefined;
    if (!row) return null;
    const copies = await this.query(
      `SELECT id, duplicate_kind, similarity, site, published, title FROM articles WHERE duplicate_of = $1
       UNION ALL
       SELECT id, 'original', NULL, site, published, title FROM articles WHERE id = $2
       ORDER BY 1`,
      [id, (row.duplicate_of as string | null) ?? null],
    );
    return {
      record: row.record as DocRecord,
      story_id: (row.story_id as string | null) ?? null,
      copies: copies.rows.map(
        (c: Row): CopyRef => ({
          id: c.id as string,
          kind: (c.duplicate_kind as CopyRef["kind"]) ?? "near",
          similarity: c.similarity === null ? 1 : Number(c.similarity),
          site: (c.site as string | null) ?? null,
          date: (c.published as string | null) ?? null,
          title: (c.title as string | null) ?? null,
        }),
      ),
    };
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    if (!request || typeof request !== "object") throw new QueryError("bad_request", "khabar: search takes a request object");
    const { limit, offset } = paging(request);
    if (request.facets !== undefined && !Array.isArray(request.facets)) throw new QueryError("bad_facet", "khabar: facets is a list");
    for (const f of request.facets ?? [])
      if (!FACETS.includes(f)) throw new QueryError("bad_facet", `khabar: unknown facet "${String(f).slice(0, 40)}" (known: ${FACETS.join(", ")})`);
    const plan = planQuery(request.q);
    const where = new Sql();
    where.add("a.status <> 'rejected'");
    if (!request.allCopies) where.add("a.duplicate_of IS NULL");
    const tsq = plan.tsquery !== null ? where.param(plan.tsquery) : null;
    if (tsq !== null) where.add(`a.terms @@ ${tsq}::tsquery`);
    for (const w of plan.where) where.addFrom(w);
    const cond = where.joined();
    // Title terms carry weight A (1.0), body terms D (0.1): a title match outranks many body matches.
    const rank = plan.ranked && tsq !== null ? `ts_rank(a.terms, ${tsq}::tsquery)` : "0";
    const total = Number(
      ((await this.query(`SELECT count(*) AS n FROM articles a WHERE ${cond}`, where.params)).rows[0] as Row).n,
    );
    const listParams = [...where.params, limit, offset];
    const list = await this.query(
      `SELECT a.id, a.title, a.site, a.url, a.published, a.duplicate_of, a.story_id, ${rank} AS score,
              a.record->'text' AS text, a.record->'tokens' AS tokens,
              (SELECT count(*) FROM articles c WHERE c.duplicate_of = a.id) AS copies
         FROM articles a WHERE ${cond}
         ORDER BY score DESC, a.day DESC NULLS LAST, a.id
         LIMIT $${listParams.length - 1} OFFSET $${listParams.length}`,
      listParams,
    );
    const stems = new Set(plan.highlight);
    const items = list.rows.map((r: Row) => hitOf(r, stems));
    const facets: SearchResponse["facets"] = {};
    for (const f of (request.facets ?? []) as readonly FacetName[]) facets[f] = await this.facet(f, cond, where.params);
    return { total, offset, limit, items, facets, query: plan.query, took_ms: Math.round(performance.now() - started) };
  }

  private async facet(name: FacetName, cond: string, params: unknown[]): Promise<FacetCount[]> {
    const sql: Record<FacetName, string> = {
      site: `SELECT a.site AS value, a.site AS label, count(*) AS n FROM articles a WHERE ${cond} AND a.site IS NOT NULL GROUP BY a.site`,
      lang: `SELECT a.lang AS value, a.lang AS label, count(*) AS n FROM articles a WHERE ${cond} AND a.lang IS NOT NULL GROUP BY a.lang`,
      date: `SELECT to_char(a.day, 'YYYY-MM') AS value, to_char(a.day, 'YYYY-MM') AS label, count(*) AS n FROM articles a WHERE ${cond} AND a.day IS NOT NULL GROUP BY 1`,
      entity: `SELECT m.entity_id AS value, max(m.name) AS label, count(DISTINCT a.id) AS n FROM articles a JOIN mentions m ON m.article_id = a.id WHERE ${cond} GROUP BY m.entity_id`,
      speaker: `SELECT coalesce(q.speaker_entity, q.speaker) AS value, max(q.speaker) AS label, count(DISTINCT a.id) AS n FROM articles a JOIN quotes q ON q.article_id = a.id WHERE ${cond} AND q.speaker IS NOT NULL GROUP BY 1`,
      unit: `SELECT qt.unit AS value, qt.unit AS label, count(DISTINCT a.id) AS n FROM articles a JOIN quantities qt ON qt.article_id = a.id WHERE ${cond} AND qt.unit IS NOT NULL GROUP BY qt.unit`,
    };
    const q = sql[name];
    if (!q) throw new QueryError("bad_facet", `unknown facet "${name}"`);
    const r = await this.query(`${q} ORDER BY n DESC, value LIMIT 20`, params);
    return r.rows.map((row: Row) => ({ value: String(row.value), label: String(row.label), count: Number(row.n) }));
  }

  async quotes(request: QuoteRequest): Promise<Page<QuoteHit>> {
    const { limit, offset } = paging(request);
    const w = new Sql();
    w.add("a.duplicate_of IS NULL");
    if (request.speaker !== undefined && request.speaker !== "") {
      const s = checkString(request.speaker, "bad_speaker", "speaker").trim();
      const terms = [...new Set(textTerms(s))];
      if (/^[a-z]+:/i.test(s)) w.add(`q.speaker_entity = ${w.param(s)}`);
      else if (terms.length > 0) w.add(`q.speaker_terms @> ${w.param(terms)}::text[]`);
      else w.add("false");
    }
    if (request.from) w.add(`a.day >= ${w.param(isoDay(request.from, "from"))}::date`);
    if (request.to) w.add(`a.day <= ${w.param(isoDay(request.to, "to"))}::date`);
    if (request.article !== undefined) w.add(`q.article_id = ${w.param(checkString(request.article, "bad_article", "article", 1000))}`);
    const cond = w.joined();
    const total = Number(
      ((await this.query(`SELECT count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ${cond}`, w.params))
        .rows[0] as Row).n,
    );
    const p = [...w.params, limit, offset];
    const r = await this.query(
      `SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ${cond}
       ORDER BY a.published DESC NULLS LAST, q.article_id, q.n LIMIT $${p.length - 1} OFFSET $${p.length}`,
      p,
    );
    return { total, offset, limit, items: r.rows.map(quoteOf) };
  }

  async entities(request: EntityListRequest): Promise<Page<EntitySummary>> {
    const { limit, offset } = paging(request);
    const w = new Sql();
    if (request.type !== undefined && request.type !== "") w.add(`m.type = ${w.param(checkString(request.type, "bad_type", "type"))}`);
    if (request.q !== undefined && request.q !== "") {
      checkString(request.q, "bad_q", "q");
      const norm = matchForm(request.q.trim());
      w.add(
        `(m.norm LIKE ${w.param(`${likeEscape(norm)}%`)} OR m.norm LIKE ${w.param(`ال${likeEscape(norm)}%`)} OR lower(m.name) LIKE ${w.param(`${likeEscape(request.q.trim().toLowerCase())}%`)})`,
      );
    }
    const cond = w.joined();
    const total = Number(
      ((await this.query(`SELECT count(DISTINCT m.entity_id) AS n FROM mentions m WHERE ${cond}`, w.params)).rows[0] as Row)
        .n,
    );
    const p = [...w.params, limit, offset];
    const r = await this.query(
      `SELECT m.entity_id AS id, max(m.name) AS name, max(m.type) AS type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
         FROM mentions m WHERE ${cond} GROUP BY m.entity_id
         ORDER BY mentions DESC, id LIMIT $${p.length - 1} OFFSET $${p.length}`,
      p,
    );
    return { total, offset, limit, items: r.rows.map(entityOf) };
  }

  async entity(id: string): Promise<EntityDetail | null> {
    if (typeof id !== "string") throw new QueryError("bad_id", "khabar: an entity id is a string");
    const head = await this.query(
      `SELECT m.entity_id AS id, max(m.name) AS name, max(m.type) AS type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
         FROM mentions m WHERE m.entity_id = $1 GROUP BY m.entity_id`,
      [id],
    );
    if (head.rows.length === 0) return null;
    const summary = entityOf(head.rows[0] as Row);
    const aliases = await this.query(
      "SELECT surface AS value, count(*) AS n FROM mentions WHERE entity_id = $1 GROUP BY surface ORDER BY n DESC, surface LIMIT 20",
      [id],
    );
    const timeline = await this.query(
      `SELECT to_char(a.day, 'YYYY-MM-DD') AS date, count(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id
        WHERE m.entity_id = $1 AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day`,
      [id],
    );
    const co = await this.query(
      `WITH mine AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = $1)
       SELECT o.entity_id AS id, max(o.name) AS name, max(o.type) AS type, count(*) AS mentions,
              count(DISTINCT o.article_id) AS articles, count(DISTINCT o.article_id) AS shared
         FROM mentions o JOIN mine ON mine.article_id = o.article_id
        WHERE o.entity_id <> $1 GROUP BY o.entity_id ORDER BY shared DESC, id LIMIT 20`,
      [id],
    );
    const latest = await this.query(
      `SELECT a.id, a.title, a.site, a.url, a.published, a.duplicate_of, a.story_id, 0 AS score,
              a.record->'text' AS text, a.record->'tokens' AS tokens,
              (SELECT count(*) FROM articles c WHERE c.duplicate_of = a.id) AS copies
         FROM articles a WHERE a.duplicate_of IS NULL AND a.id IN (SELECT article_id FROM mentions WHERE entity_id = $1)
        ORDER BY a.day DESC NULLS LAST, a.id LIMIT 20`,
      [id],
    );
    const surfaces = new Set(aliases.rows.flatMap((r: Row) => textTerms(String(r.value))));
    const quotes = await this.query(
      `SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.speaker_entity = $1 AND a.duplicate_of IS NULL ORDER BY a.published DESC NULLS LAST, q.article_id, q.n LIMIT 20`,
      [id],
    );
    return {
      ...summary,
      aliases: aliases.rows.map((r: Row) => ({ value: String(r.value), label: String(r.value), count: Number(r.n) })),
      timeline: timeline.rows.map((r: Row) => ({ date: String(r.date), count: Number(r.n) })),
      cooccurring: co.rows.map((r: Row) => ({ ...entityOf(r), shared: Number(r.shared) })),
      latest: latest.rows.map((r: Row) => hitOf(r, surfaces)),
      quotes: quotes.rows.map(quoteOf),
    };
  }

  async stories(request: PageRequest & { q?: string }): Promise<Page<StorySummary>> {
    const { limit, offset } = paging(request);
    const w = new Sql();
    if (request.q !== undefined && request.q !== "") {
      const terms = textTerms(checkString(request.q, "bad_q", "q"));
      if (terms.length > 0)
        w.add(
          `EXISTS (SELECT 1 FROM articles x WHERE x.story_id = s.id AND x.terms @@ ${w.param(terms.map(quoteTs).join(" & "))}::tsquery)`,
        );
    }
    const cond = w.joined();
    const total = Number(
      ((await this.query(`SELECT count(*) AS n FROM stories s WHERE ${cond}`, w.params)).rows[0] as Row).n,
    );
    const p = [...w.params, limit, offset];
    const r = await this.query(
      `SELECT ${STORY_COLUMNS} FROM stories s JOIN articles a ON a.story_id = s.id WHERE ${cond}
        GROUP BY s.id ORDER BY articles DESC, "end" DESC NULLS LAST, s.id LIMIT $${p.length - 1} OFFSET $${p.length}`,
      p,
    );
    const items: StorySummary[] = [];
    for (const row of r.rows as Row[]) items.push(await this.storySummary(row));
    return { total, offset, limit, items };
  }

  async story(id: string): Promise<StoryDetail | null> {
    if (typeof id !== "string") throw new QueryError("bad_id", "khabar: a story id is a string");
    const r = await this.query(
      `SELECT ${STORY_COLUMNS} FROM stories s JOIN articles a ON a.story_id = s.id WHERE s.id = $1 GROUP BY s.id`,
      [id],
    );
    if (r.rows.length === 0) return null;
    const summary = await this.storySummary(r.rows[0] as Row);
    const members = await this.query(
      `SELECT a.id, a.title, a.site, a.url, a.published, a.duplicate_of, a.story_id, 0 AS score,
              a.record->'text' AS text, a.record->'tokens' AS tokens, a.record->'quantities' AS quantities,
              (SELECT count(*) FROM articles c WHERE c.duplicate_of = a.id) AS copies
         FROM articles a WHERE a.story_id = $1 ORDER BY a.day NULLS LAST, a.published NULLS LAST, a.id`,
      [id],
    );
    return {
      ...summary,
      members: members.rows.map((row: Row) => ({
        ...hitOf(row, new Set()),
        figures: (Array.isArray(row.quantities) ? (row.quantities as Row[]) : [])
          .filter((q) => typeof q.value === "number")
          .map((q) => ({ text: String(q.text ?? ""), value: q.value as number, unit: (q.unit as string | undefined) ?? null })),
      })),
    };
  }

  private async storySummary(row: Row): Promise<StorySummary> {
    const id = row.id as string;
    const ents = await this.query(
      `SELECT m.entity_id AS value, max(m.name) AS label, count(DISTINCT m.article_id) AS n FROM mentions m
         JOIN articles a ON a.id = m.article_id WHERE a.story_id = $1 GROUP BY m.entity_id ORDER BY n DESC, value LIMIT 10`,
      [id],
    );
    const speakers = await this.query(
      `SELECT coalesce(q.speaker_entity, q.speaker) AS value, max(q.speaker) AS label, count(*) AS n FROM quotes q
         JOIN articles a ON a.id = q.article_id WHERE a.story_id = $1 AND q.speaker IS NOT NULL GROUP BY 1 ORDER BY n DESC, value LIMIT 10`,
      [id],
    );
    const facet = (r: Row): FacetCount => ({ value: String(r.value), label: String(r.label), count: Number(r.n) });
    return {
      id,
      label: row.label as string,
      label_article: row.label_article as string,
      start: (row.start as string | null) ?? null,
      end: (row.end as string | null) ?? null,
      articles: Number(row.articles),
      sites: Number(row.sites),
      entities: ents.rows.map(facet),
      speakers: speakers.rows.map(facet),
    };
  }

  /**
   * Replace the stored stories (a grouping pass's output, e.g. `StoryGrouper` over the stored records) and
   * set each member's `story_id`, in one transaction.
   */
  async putStories(stories: readonly StoryRow[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("DELETE FROM stories");
      await client.query("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL");
      if (stories.length > 0) {
        await client.query(
          "INSERT INTO stories (id, label, label_article) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
          safeParams([stories.map((s) => s.id), stories.map((s) => s.label), stories.map((s) => s.label_article)]),
        );
        const members = stories.flatMap((s) => s.articles.map((a) => [s.id, a] as const));
        await client.query(
          "UPDATE articles a SET story_id = u.s FROM unnest($1::text[], $2::text[]) AS u(s, id) WHERE a.id = u.id",
          safeParams([members.map((m) => m[0]), members.map((m) => m[1])]),
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async stats(): Promise<CorpusStats> {
    const counts = (
      await this.query(
        `SELECT count(*) AS articles, count(*) FILTER (WHERE status = 'ok') AS ok,
                count(*) FILTER (WHERE status = 'duplicate') AS duplicates,
                count(*) FILTER (WHERE status = 'rejected') AS rejected,
                (SELECT count(*) FROM stories) AS stories FROM articles`,
      )
    ).rows[0] as Row;
    const facet = async (sql: string): Promise<FacetCount[]> =>
      (await this.query(sql)).rows.map((r: Row) => ({
        value: String(r.value),
        label: String(r.label ?? r.value),
        count: Number(r.n),
      }));
    return {
      articles: Number(counts.articles),
      ok: Number(counts.ok),
      duplicates: Number(counts.duplicates),
      rejected: Number(counts.rejected),
      stories: Number(counts.stories),
      sites: await facet(
        "SELECT site AS value, count(*) AS n FROM articles WHERE site IS NOT NULL AND status <> 'rejected' GROUP BY site ORDER BY n DESC, site LIMIT 20",
      ),
      days: (
        await this.query(
          "SELECT to_char(day, 'YYYY-MM-DD') AS date, count(*) AS n FROM articles WHERE day IS NOT NULL AND status <> 'rejected' GROUP BY day ORDER BY day",
        )
      ).rows.map((r: Row) => ({ date: String(r.date), count: Number(r.n) })),
      entities: await facet(
        "SELECT entity_id AS value, max(name) AS label, count(*) AS n FROM mentions GROUP BY entity_id ORDER BY n DESC, value LIMIT 20",
      ),
      speakers: await facet(
        "SELECT coalesce(speaker_entity, speaker) AS value, max(speaker) AS label, count(*) AS n FROM quotes WHERE speaker IS NOT NULL GROUP BY 1 ORDER BY n DESC, value LIMIT 20",
      ),
      rejections: await facet(
        "SELECT reject_code AS value, count(*) AS n FROM articles WHERE status = 'rejected' GROUP BY reject_code ORDER BY n DESC, value",
      ),
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const FACETS: readonly FacetName[] = ["entity", "speaker", "site", "date", "unit", "lang"];

const QUOTE_COLUMNS = `q.article_id, a.title, a.site, a.published, q.speaker, q.speaker_entity, q.cue, q.content, q.outlet, q.direct, q.anonymous`;
const STORY_COLUMNS = `s.id, s.label, s.label_article, to_char(min(a.day), 'YYYY-MM-DD') AS start, to_char(max(a.day), 'YYYY-MM-DD') AS "end",
  count(*) AS articles, count(DISTINCT a.site) AS sites`;

/** What `putRecords` reads from a pg client: its `query` method. */
export type Queryable = Pick<pg.PoolClient, "query">;

/**
 * Insert or replace records inside the caller's transaction (the worker
 * writes a unit's records and marks it done in one). Unchanged records (same
 * id, same content hash) are skipped; a changed one loses all its rows first.
 */
export async function putRecords(client: Queryable, records: readonly DocRecord[]): Promise<PutResult> {
  const result: PutResult = { inserted: 0, replaced: 0, unchanged: 0, rejected: 0 };
  if (records.length === 0) return result;
  const serialized = records.map((r) => serializeRecord(r));
  const existing = new Map<string, string>();
  const found = await client.query("SELECT id, content_hash FROM articles WHERE id = ANY($1::text[])", [
    records.map((r) => r.id),
  ]);
  for (const row of found.rows as Row[]) existing.set(row.id as string, row.content_hash as string);
  const rows: ArticleRows[] = [];
  const seen = new Set<string>();
  for (let i = records.length - 1; i >= 0; i--) {
    // The last record with an id wins, as if put one at a time.
    const r = records[i]!;
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const old = existing.get(r.id);
    // Rejected records are counted as rejected only, stored or not (as SQLite does).
    if (r.status === "rejected") result.rejected++;
    if (old === serialized[i]!.hash) {
      if (r.status !== "rejected") result.unchanged++;
      continue;
    }
    if (r.status !== "rejected") {
      if (old === undefined) result.inserted++;
      else result.replaced++;
    }
    rows.push(articleRows(r, serialized[i]));
  }
  rows.reverse();
  const replaced = rows.filter((r) => existing.has(r.id)).map((r) => r.id);
  if (replaced.length > 0) await client.query("DELETE FROM articles WHERE id = ANY($1::text[])", [replaced]);
  await insertRows(client, rows);
  return result;
}

/** Insert new article rows and their child rows, a batch per table. */
export async function insertRows(client: Queryable, rows: readonly ArticleRows[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: ArticleRows) => T): T[] => rows.map(f);
  await client.query(
    `INSERT INTO articles (id, content_hash, status, reject_code, site, url, title, published, day, lang,
       duplicate_of, duplicate_kind, similarity, story_id, text_length, terms, record)
     SELECT u.id, u.h, u.s, u.rc, u.site, u.url, u.title, u.pub, u.day::date, u.lang, u.dof, u.dk, u.sim, u.story, u.len,
            u.terms::tsvector, u.rec::json
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::real[], $14::text[], $15::int[], $16::text[], $17::text[])
         AS u(id, h, s, rc, site, url, title, pub, day, lang, dof, dk, sim, story, len, terms, rec)`,
    [
      col((r) => r.id),
      col((r) => r.contentHash),
      col((r) => r.status),
      col((r) => r.rejectCode),
      col((r) => r.site),
      col((r) => r.url),
      col((r) => r.title),
      col((r) => r.published),
      col((r) => r.day),
      col((r) => r.lang),
      col((r) => r.duplicateOf),
      col((r) => r.duplicateKind),
      col((r) => r.similarity),
      col((r) => r.storyId),
      col((r) => r.textLength),
      col((r) => r.terms),
      col((r) => r.json),
    ],
  );
  const m = rows.flatMap((r) => r.mentions.map((x) => ({ id: r.id, ...x })));
  if (m.length > 0)
    await client.query(
      `INSERT INTO mentions (article_id, entity_id, name, type, surface, norm)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [m.map((x) => x.id), m.map((x) => x.entityId), m.map((x) => x.name), m.map((x) => x.type), m.map((x) => x.surface), m.map((x) => x.norm)],
    );
  const q = rows.flatMap((r) => r.quotes.map((x, n) => ({ id: r.id, n, ...x })));
  if (q.length > 0)
    await client.query(
      `INSERT INTO quotes (article_id, n, speaker, speaker_terms, speaker_entity, cue, content, outlet, direct, anonymous)
       SELECT u.id, u.n, u.sp, CASE WHEN u.terms IS NULL THEN '{}'::text[] ELSE string_to_array(u.terms, E'\\x1f') END,
              u.se, u.cue, u.content, u.outlet, u.direct, u.anon
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::bool[])
           AS u(id, n, sp, terms, se, cue, content, outlet, direct, anon)`,
      [
        q.map((x) => x.id),
        q.map((x) => x.n),
        q.map((x) => x.speaker),
        // Arrays of arrays don't fit unnest: terms travel as one string joined by the unit separator.
        q.map((x) => (x.speakerTerms.length > 0 ? x.speakerTerms.join("\x1f") : null)),
        q.map((x) => x.speakerEntity),
        q.map((x) => x.cue),
        q.map((x) => x.content),
        q.map((x) => x.outlet),
        q.map((x) => x.direct),
        q.map((x) => x.anonymous),
      ],
    );
  const qt = rows.flatMap((r) => r.quantities.map((x) => ({ id: r.id, ...x })));
  if (qt.length > 0)
    await client.query(
      `INSERT INTO quantities (article_id, value, unit, unit_canonical, unit_terms)
       SELECT u.id, u.v, u.unit, u.canon, CASE WHEN u.terms IS NULL THEN '{}'::text[] ELSE string_to_array(u.terms, E'\\x1f') END
         FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[]) AS u(id, v, unit, canon, terms)`,
      [
        qt.map((x) => x.id),
        qt.map((x) => x.value),
        qt.map((x) => x.unit),
        qt.map((x) => x.unitCanonical),
        qt.map((x) => (x.unitTerms.length > 0 ? x.unitTerms.join("\x1f") : null)),
      ],
    );
  const d = rows.flatMap((r) => r.dates.map((v) => ({ id: r.id, v })));
  if (d.length > 0)
    await client.query(
      `INSERT INTO mentioned_dates (article_id, value, day_from, day_to)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[])`,
      [d.map((x) => x.id), d.map((x) => x.v.value), d.map((x) => x.v.from), d.map((x) => x.v.to)],
    );
}

function hitOf(r: Row, stems: ReadonlySet<string>): SearchHit {
  const text = typeof r.text === "string" ? r.text : "";
  const tokens = Array.isArray(r.tokens) ? (r.tokens as TokenRow[]) : [];
  const { snippet, highlights } = makeSnippet(text, tokens, stems);
  return {
    id: r.id as string,
    title: (r.title as string | null) ?? null,
    site: (r.site as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    date: (r.published as string | null) ?? null,
    score: Number(r.score ?? 0),
    snippet,
    highlights,
    copies: Number(r.copies ?? 0),
    duplicate_of: (r.duplicate_of as string | null) ?? null,
    story_id: (r.story_id as string | null) ?? null,
  };
}

function quoteOf(r: Row): QuoteHit {
  return {
    article_id: r.article_id as string,
    title: (r.title as string | null) ?? null,
    site: (r.site as string | null) ?? null,
    date: (r.published as string | null) ?? null,
    speaker: (r.speaker as string | null) ?? null,
    speaker_entity: (r.speaker_entity as string | null) ?? null,
    cue: r.cue as string,
    content: r.content as string,
    outlet: (r.outlet as string | null) ?? null,
    direct: r.direct === true,
    anonymous: r.anonymous === true,
  };
}

function entityOf(r: Row): EntitySummary {
  return {
    id: r.id as string,
    name: r.name as string,
    type: r.type as string,
    mentions: Number(r.mentions),
    articles: Number(r.articles),
  };
}

/** Deepest offset a listing accepts (as SQLite): deep paging is a scan, not a use case. */
export const MAX_OFFSET = 10_000;

/** Clamp paging to the contract's limits; a bad value is a QueryError (`bad_paging`). */
export function paging(request: PageRequest | undefined): { limit: number; offset: number } {
  const limit = request?.limit ?? DEFAULT_PAGE_SIZE;
  const offset = request?.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw new QueryError("bad_paging", "khabar: limit is a whole number ≥ 0");
  if (!Number.isInteger(offset) || offset < 0) throw new QueryError("bad_paging", "khabar: offset is a whole number ≥ 0");
  if (offset > MAX_OFFSET) throw new QueryError("bad_paging", `khabar: offset is at most ${MAX_OFFSET}`);
  return { limit: Math.min(limit, MAX_PAGE_SIZE), offset };
}

// PostgreSQL text refuses NUL; a parameter holding one would be a server error, not an answer.
function safeParams(params: readonly unknown[]): unknown[] {
  return params.map((v) =>
    typeof v === "string"
      ? v.replace(/\0/g, "\ufffd")
      : Array.isArray(v)
        ? v.map((x) => (typeof x === "string" ? x.replace(/\0/g, "\ufffd") : x))
        : v,
  );
}

function checkString(v: unknown, code: string, what: string, max = 200): string {
  if (typeof v !== "string" || v.length > max) throw new QueryError(code, `khabar: ${what} is a string of at most ${max} characters`);
  return v;
}

function isoDay(s: unknown, side: "from" | "to"): string {
  if (typeof s !== "string") throw new QueryError("bad_date", "khabar: dates are strings (YYYY-MM-DD)");
  const [from, to] = parseDateRange(s);
  return (side === "from" ? from : to)!;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function quoteTs(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

export type { SearchPlan };
