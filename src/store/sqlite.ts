import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import Database from "better-sqlite3";
import type { DocRecord } from "../model/record.ts";
import {
  type Filter,
  type ParsedQuery,
  type TextAtom,
  highlightTerms,
  parseDateRange,
  parseQuery,
} from "../search/query.ts";
import { textTerms } from "../search/search-terms.ts";
import { lead, makeSnippet } from "../search/snippet.ts";
import { type IndexRows, indexRowsOf } from "./index-records.ts";
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

/** Version of the schema below; a store written by another version is refused (re-index). */
export const SCHEMA_VERSION = 1;
/** Title weight against the body in BM25 (measured on the relevance set, scripts/eval-search.ts). */
export const TITLE_WEIGHT = 3;
/**
 * Matches facets are counted over: the best-ranked ones (all of them when there are fewer). Exact counts over
 * tens of thousands of matches cost seconds at 100k articles (bench/search.ts); the top matches give the same
 * leading values.
 */
export const FACET_SAMPLE = 2000;
/** Deepest offset a listing pages to. */
export const MAX_OFFSET = 10_000;

const FACETS: readonly FacetName[] = ["entity", "speaker", "site", "date", "unit", "lang"];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  status TEXT NOT NULL,
  error_code TEXT,
  duplicate_of TEXT,
  duplicate_kind TEXT,
  similarity REAL,
  grp TEXT NOT NULL,
  copies INTEGER NOT NULL DEFAULT 0,
  site TEXT, url TEXT, title TEXT, date TEXT, day TEXT, month TEXT, lang TEXT,
  story_id TEXT,
  n_quotes INTEGER NOT NULL DEFAULT 0,
  n_quantities INTEGER NOT NULL DEFAULT 0,
  n_entities INTEGER NOT NULL DEFAULT 0
);
-- The bulky parts live apart so that scans and joins over articles read small rows.
CREATE TABLE IF NOT EXISTS docs (n INTEGER PRIMARY KEY, snip BLOB, offsets BLOB, record BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS articles_day ON articles(day);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_status ON articles(status);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, content='', contentless_delete=1, tokenize='ascii');
CREATE TABLE IF NOT EXISTS entities (art INTEGER NOT NULL, entity TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, count INTEGER NOT NULL, ok INTEGER NOT NULL, PRIMARY KEY (entity, art)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_art ON entities(art);
CREATE TABLE IF NOT EXISTS entity_forms (art INTEGER NOT NULL, entity TEXT NOT NULL, form TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entity_forms_art ON entity_forms(art);
CREATE INDEX IF NOT EXISTS entity_forms_key ON entity_forms(key, entity);
CREATE INDEX IF NOT EXISTS entity_forms_entity ON entity_forms(entity);
CREATE TABLE IF NOT EXISTS entity_totals (entity TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, name_key TEXT NOT NULL, mentions INTEGER NOT NULL, articles INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entity_totals_mentions ON entity_totals(mentions);
CREATE TABLE IF NOT EXISTS quotes (art INTEGER NOT NULL, seq INTEGER NOT NULL, day TEXT, speaker TEXT, speaker_key TEXT NOT NULL, speaker_entity TEXT, speaker_name TEXT, cue TEXT NOT NULL, content TEXT NOT NULL, outlet TEXT, direct INTEGER NOT NULL, anonymous INTEGER NOT NULL, ok INTEGER NOT NULL, PRIMARY KEY (art, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_entity ON quotes(speaker_entity);
CREATE INDEX IF NOT EXISTS quotes_day ON quotes(day);
CREATE TABLE IF NOT EXISTS quantities (art INTEGER NOT NULL, value REAL NOT NULL, unit TEXT, unit_key TEXT, unit_canonical TEXT, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS quantities_art ON quantities(art);
CREATE INDEX IF NOT EXISTS quantities_unit ON quantities(unit_key);
CREATE INDEX IF NOT EXISTS quantities_canonical ON quantities(unit_canonical);
CREATE TABLE IF NOT EXISTS mentions (art INTEGER NOT NULL, value TEXT NOT NULL, from_day TEXT NOT NULL, to_day TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_art ON mentions(art);
CREATE INDEX IF NOT EXISTS mentions_from ON mentions(from_day);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, label TEXT NOT NULL, label_key TEXT NOT NULL, label_article TEXT NOT NULL, start TEXT, end TEXT, articles INTEGER NOT NULL, sites INTEGER NOT NULL, entities TEXT NOT NULL, speakers TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fingerprints (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, exact TEXT NOT NULL, words INTEGER NOT NULL, shingles BLOB NOT NULL);
`;

/** A story as the grouper summarizes it (src/stories). */
export interface StoryRow {
  id: string;
  label: string;
  label_article: string;
  start: string | null;
  end: string | null;
  articles: readonly string[];
  entities: FacetCount[];
  speakers: FacetCount[];
}

/** A stored dedup fingerprint (see src/store/index-store.ts). */
export interface FingerprintRow {
  id: string;
  exact: string;
  words: number;
  shingles: Uint32Array;
}

/** Options for `openSqliteStore`. */
export interface SqliteOptions {
  /** Open read-only (the database must exist). */
  readonly?: boolean;
}

/**
 * Open (or create) a SQLite store: one file, WAL mode, full-text search on
 * khabar's own analyzed terms (FTS5, contentless), structured tables for
 * entities, quotes, quantities, mentioned dates, copies and stories.
 *
 * @param file database path (`:memory:` for a throwaway store)
 */
export async function openSqliteStore(file: string, options: SqliteOptions = {}): Promise<SqliteStore> {
  return new SqliteStore(file, options);
}

type Row = Record<string, unknown>;
type Param = string | number | null | Buffer;

/** The SQLite store (see `Store` for the contract). */
export class SqliteStore implements Store {
  readonly engine = "sqlite" as const;
  /** The underlying connection, for tools that need it (benchmarks, the eval's FTS baseline). */
  readonly db: Database.Database;
  private closed = false;
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(file: string, options: SqliteOptions = {}) {
    // A new store's folder is made (`khabar index --db out/samples.db` on a fresh clone, as `npm start` runs it).
    if (!options.readonly && file !== ":memory:" && !file.startsWith("file:"))
      mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
    if (!options.readonly) {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
    }
    this.db.pragma("cache_size = -65536");
    this.db.pragma("temp_store = MEMORY");
    if (!options.readonly) {
      const version = this.tableExists("meta") ? this.getMeta("schema_version") : null;
      if (version !== null && Number(version) !== SCHEMA_VERSION)
        throw new Error(
          `khabar: ${file} holds store schema ${version}; this khabar writes ${SCHEMA_VERSION}: index into a new file`,
        );
      this.db.exec(SCHEMA);
      this.setMeta("schema_version", String(SCHEMA_VERSION));
    }
    this.db.exec("CREATE TEMP TABLE IF NOT EXISTS hits (n INTEGER PRIMARY KEY, r REAL, date TEXT)");
  }

  private tableExists(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private check(): void {
    if (this.closed) throw new Error("khabar: store: used after close()");
  }

  /** A value from the meta table (schema version, grouper state), or null. */
  getMeta(key: string): string | null {
    const row = this.stmt("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  /** Set a value in the meta table. */
  setMeta(key: string, value: string): void {
    this.stmt("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
      key,
      value,
    );
  }

  async put(records: readonly DocRecord[]): Promise<PutResult> {
    this.check();
    if (!Array.isArray(records)) throw new QueryError("bad_records", "khabar: put takes an array of records");
    const rows = records.map((r) => {
      try {
        return indexRowsOf(r);
      } catch (error) {
        throw new QueryError("bad_record", (error as Error).message);
      }
    });
    const result: PutResult = { inserted: 0, replaced: 0, unchanged: 0, rejected: 0 };
    const touched = new Set<string>();
    this.db.transaction(() => {
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const old = this.stmt("SELECT n, hash, duplicate_of, story_id FROM articles WHERE id = ?").get(r.id) as
          | { n: number; hash: string; duplicate_of: string | null; story_id: string | null }
          | undefined;
        if (old && old.hash === r.hash) {
          result.unchanged++;
          continue;
        }
        if (old) {
          this.remove(old.n);
          if (old.duplicate_of) touched.add(old.duplicate_of);
        }
        this.insert(r, records[i]!, old?.story_id ?? null);
        if (r.duplicate_of) touched.add(r.duplicate_of);
        touched.add(r.id);
        if (r.status === "rejected") result.rejected++;
        else if (old) result.replaced++;
        else result.inserted++;
      }
      const recount = this.stmt(
        "UPDATE articles SET copies = (SELECT count(*) FROM articles c WHERE c.duplicate_of = articles.id) WHERE id = ?",
      );
      for (const id of touched) recount.run(id);
    })();
    return result;
  }

  private insert(r: IndexRows, record: DocRecord, storyId: string | null): void {
    const ok = r.status === "ok" ? 1 : 0;
    const json = Buffer.from(JSON.stringify(record));
    const snip =
      r.status === "rejected"
        ? null
        : deflateRawSync(Buffer.from(`${r.body_terms.join(" ")}\u0000${r.text}`), { level: 1 });
    const info = this.stmt(
      `INSERT INTO articles (id, hash, status, error_code, duplicate_of, duplicate_kind, similarity, grp, site, url, title, date, day, month, lang, story_id, n_quotes, n_quantities, n_entities)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.id,
      r.hash,
      r.status,
      r.error_code,
      r.duplicate_of,
      r.duplicate_kind,
      r.similarity,
      r.duplicate_of ?? r.id,
      r.site,
      r.url,
      r.title,
      r.date,
      r.day,
      r.day ? r.day.slice(0, 7) : null,
      r.lang,
      storyId,
      r.quotes.length,
      r.quantities.length,
      r.entities.length,
    );
    const n = Number(info.lastInsertRowid);
    this.stmt("INSERT INTO docs (n, snip, offsets, record) VALUES (?, ?, ?, ?)").run(
      n,
      snip,
      r.status === "rejected" ? null : Buffer.from(r.offsets.buffer, r.offsets.byteOffset, r.offsets.byteLength),
      deflateRawSync(json, { level: 3 }),
    );
    if (r.status === "rejected") return;
    this.stmt("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)").run(
      n,
      r.title_terms.join(" "),
      r.body_terms.join(" "),
    );
    const ent = this.stmt("INSERT INTO entities (art, entity, name, type, count, ok) VALUES (?, ?, ?, ?, ?, ?)");
    const form = this.stmt("INSERT INTO entity_forms (art, entity, form, key, count) VALUES (?, ?, ?, ?, ?)");
    const total = this.stmt(
      `INSERT INTO entity_totals (entity, name, type, name_key, mentions, articles) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(entity) DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + excluded.articles`,
    );
    for (const e of r.entities) {
      ent.run(n, e.entity, e.name, e.type, e.count, ok);
      for (const [f, c] of e.forms) form.run(n, e.entity, f, textTerms(f).join(" "), c);
      total.run(e.entity, e.name, e.type, textTerms(e.name).join(" "), ok ? e.count : 0, ok);
    }
    const quote = this.stmt(
      `INSERT INTO quotes (art, seq, day, speaker, speaker_key, speaker_entity, speaker_name, cue, content, outlet, direct, anonymous, ok)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const q of r.quotes)
      quote.run(
        n,
        q.seq,
        r.day,
        q.speaker,
        q.speaker_key,
        q.speaker_entity,
        q.speaker_name,
        q.cue,
        q.content,
        q.outlet,
        q.direct ? 1 : 0,
        q.anonymous ? 1 : 0,
        ok,
      );
    const qty = this.stmt(
      "INSERT INTO quantities (art, value, unit, unit_key, unit_canonical, text) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const x of r.quantities) qty.run(n, x.value, x.unit, x.unit_key, x.unit_canonical, x.text);
    const men = this.stmt("INSERT INTO mentions (art, value, from_day, to_day) VALUES (?, ?, ?, ?)");
    for (const d of r.mentions) men.run(n, d.value, d.from_day, d.to_day);
  }

  private remove(n: number): void {
    const a = this.stmt("SELECT status FROM articles WHERE n = ?").get(n) as { status: string } | undefined;
    if (a && a.status !== "rejected") {
      this.stmt("DELETE FROM fts WHERE rowid = ?").run(n);
      const sub = this.stmt(
        "UPDATE entity_totals SET mentions = mentions - ?, articles = articles - ? WHERE entity = ?",
      );
      for (const e of this.stmt("SELECT entity, count, ok FROM entities WHERE art = ?").all(n) as {
        entity: string;
        count: number;
        ok: number;
      }[])
        sub.run(e.ok ? e.count : 0, e.ok, e.entity);
      for (const t of ["entities", "entity_forms", "quotes", "quantities", "mentions"])
        this.stmt(`DELETE FROM ${t} WHERE art = ?`).run(n);
    }
    this.stmt("DELETE FROM articles WHERE n = ?").run(n);
    this.stmt("DELETE FROM docs WHERE n = ?").run(n);
  }

  async get(id: string): Promise<StoredArticle | null> {
    this.check();
    if (typeof id !== "string") throw new QueryError("bad_id", "khabar: an article id is a string");
    const row = this.stmt(
      "SELECT a.n, d.record, a.story_id, a.duplicate_of FROM articles a JOIN docs d ON d.n = a.n WHERE a.id = ?",
    ).get(id) as { n: number; record: Buffer; story_id: string | null; duplicate_of: string | null } | undefined;
    if (!row) return null;
    const record = JSON.parse(inflateRawSync(row.record).toString("utf8")) as DocRecord;
    const copies: CopyRef[] = [];
    const ref = (r: Row, kind?: CopyRef["kind"]): CopyRef => ({
      id: r.id as string,
      kind: kind ?? (r.duplicate_kind as CopyRef["kind"] | null) ?? "near",
      similarity: (r.similarity as number | null) ?? 1,
      site: r.site as string | null,
      date: r.date as string | null,
      title: r.title as string | null,
    });
    if (row.duplicate_of) {
      const orig = this.stmt("SELECT id, site, date, title FROM articles WHERE id = ?").get(row.duplicate_of) as
        | Row
        | undefined;
      if (orig) copies.push({ ...ref(orig, "original"), similarity: 1 });
    }
    for (const c of this.stmt(
      "SELECT id, duplicate_kind, similarity, site, date, title FROM articles WHERE duplicate_of = ? ORDER BY date, id LIMIT 1000",
    ).all(id) as Row[])
      copies.push(ref(c));
    return { record, story_id: row.story_id, copies };
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.check();
    const started = performance.now();
    if (!request || typeof request !== "object")
      throw new QueryError("bad_request", "khabar: search takes a request object");
    const q = typeof request.q === "string" ? request.q : request.q === undefined ? "" : badQuery();
    const { limit, offset } = paging(request);
    const facets = facetList(request.facets);
    const parsed = parseQuery(q);
    const plan = this.plan(parsed, request.allCopies === true);
    this.stmt("DELETE FROM temp.hits").run();
    if (plan.empty) {
      return {
        total: 0,
        offset,
        limit,
        items: [],
        facets: Object.fromEntries(facets.map((f) => [f, []])),
        query: parsed,
        took_ms: ms(started),
      };
    }
    // The matches (one row per group of copies unless allCopies) land in a temp table: the page and every facet read it.
    const ranked = plan.match !== null;
    const cte = ranked
      ? `WITH m AS MATERIALIZED (SELECT rowid AS n, bm25(fts, ${TITLE_WEIGHT}, 1.0) AS r FROM fts WHERE fts MATCH ?) `
      : "";
    const from = ranked ? "m JOIN articles a ON a.n = m.n" : "articles a";
    const score = ranked ? "m.r" : "0";
    const where = ["a.status != 'rejected'", ...plan.where].join(" AND ");
    const params: Param[] = [...(ranked ? [plan.match!] : []), ...plan.params];
    const select = request.allCopies
      ? `SELECT a.n, ${score}, a.date FROM ${from} WHERE ${where}`
      : `SELECT a.n, min(${score}), a.date FROM ${from} WHERE ${where} GROUP BY a.grp`;
    this.db.prepare(`${cte}INSERT INTO temp.hits (n, r, date) ${select}`).run(...params);
    const total = (this.stmt("SELECT count(*) AS c FROM temp.hits").get() as { c: number }).c;
    const order = ranked ? "p.r, p.date DESC, p.n" : "p.date DESC, p.n DESC";
    const pageRows = this.stmt(
      `SELECT a.n, a.id, a.title, a.site, a.url, a.date, a.grp, a.duplicate_of, a.story_id, d.snip, d.offsets, p.r,
              (SELECT o.copies FROM articles o WHERE o.id = a.grp) AS copies
       FROM (SELECT * FROM temp.hits p ORDER BY ${order} LIMIT ? OFFSET ?) p
       CROSS JOIN articles a ON a.n = p.n CROSS JOIN docs d ON d.n = p.n ORDER BY ${order}`,
    ).all(limit, offset) as Row[];
    const wanted = highlightTerms(parsed);
    const items = pageRows.map((r) => this.hit(r, wanted));
    const out: SearchResponse = { total, offset, limit, items, facets: {}, query: parsed, took_ms: 0 };
    for (const f of facets) out.facets[f] = this.facet(f);
    out.took_ms = ms(started);
    return out;
  }

  private hit(r: Row, wanted: ReadonlySet<string>): SearchHit {
    let snippet = "";
    let highlights: [number, number][] = [];
    if (r.snip) {
      const s = inflateRawSync(r.snip as Buffer).toString("utf8");
      const cut = s.indexOf("\u0000");
      const terms = cut > 0 ? s.slice(0, cut).split(" ") : [];
      const text = s.slice(cut + 1);
      const buf = r.offsets as Buffer;
      const offsets = new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      ({ snippet, highlights } = wanted.size
        ? makeSnippet(text, terms, offsets, wanted)
        : { snippet: lead(text), highlights: [] });
    }
    return {
      id: r.id as string,
      title: r.title as string | null,
      site: r.site as string | null,
      url: r.url as string | null,
      date: r.date as string | null,
      score: r.r === undefined || r.r === null ? 0 : round(-(r.r as number)),
      snippet,
      highlights,
      copies: (r.copies as number | null) ?? 0,
      duplicate_of: r.duplicate_of as string | null,
      story_id: r.story_id as string | null,
    };
  }

  private facet(name: FacetName): FacetCount[] {
    const sql: Record<FacetName, string> = {
      entity: `SELECT e.entity AS value, max(e.name) AS label, count(*) AS count FROM (SELECT n FROM temp.hits ORDER BY r, date DESC LIMIT ${FACET_SAMPLE}) h CROSS JOIN entities e ON e.art = h.n GROUP BY e.entity ORDER BY count DESC, value LIMIT 20`,
      speaker: `SELECT coalesce(q.speaker_entity, q.speaker) AS value, coalesce(max(q.speaker_name), max(q.speaker)) AS label, count(DISTINCT q.art) AS count
                FROM (SELECT n FROM temp.hits ORDER BY r, date DESC LIMIT ${FACET_SAMPLE}) h CROSS JOIN quotes q ON q.art = h.n WHERE q.anonymous = 0 AND q.speaker IS NOT NULL GROUP BY value ORDER BY count DESC, value LIMIT 20`,
      site: `SELECT a.site AS value, a.site AS label, count(*) AS count FROM (SELECT n FROM temp.hits ORDER BY r, date DESC LIMIT ${FACET_SAMPLE}) h CROSS JOIN articles a ON a.n = h.n WHERE a.site IS NOT NULL GROUP BY a.site ORDER BY count DESC, value LIMIT 20`,
      date: `SELECT a.month AS value, a.month AS label, count(*) AS count FROM (SELECT n FROM temp.hits ORDER BY r, date DESC LIMIT ${FACET_SAMPLE}) h CROSS JOIN articles a ON a.n = h.n WHERE a.month IS NOT NULL GROUP BY a.month ORDER BY count DESC, value LIMIT 20`,
      unit: `SELECT coalesce(x.unit_canonical, x.unit) AS value, coalesce(x.unit_canonical, max(x.unit)) AS label, count(DISTINCT x.art) AS count
             FROM (SELECT n FROM temp.hits ORDER BY r, date DESC LIMIT ${FACET_SAMPLE}) h CROSS JOIN quantities x ON x.art = h.n WHERE coalesce(x.unit_canonical, x.unit) IS NOT NULL GROUP BY value ORDER BY count DESC, value LIMIT 20`,
      lang: `SELECT a.lang AS value, a.lang AS label, count(*) AS count FROM (SELECT n FROM temp.hits ORDER BY r, date DESC LIMIT ${FACET_SAMPLE}) h CROSS JOIN articles a ON a.n = h.n WHERE a.lang IS NOT NULL GROUP BY a.lang ORDER BY count DESC, value LIMIT 20`,
    };
    return this.stmt(sql[name]).all() as FacetCount[];
  }

  /** SQL for a parsed query: the FTS5 expression, the WHERE parts and their parameters. */
  private plan(
    q: ParsedQuery,
    _allCopies: boolean,
  ): { match: string | null; where: string[]; params: Param[]; empty: boolean } {
    const where: string[] = [];
    const params: Param[] = [];
    let empty = false;
    let match: string | null = null;
    if (q.must.length) {
      const groups = q.must.map((g) =>
        g.any.length === 1 ? ftsAtom(g.any[0]!) : `(${g.any.map(ftsAtom).join(" OR ")})`,
      );
      match = groups.join(" AND ");
      if (q.not.length) match += ` NOT (${q.not.map(ftsAtom).join(" OR ")})`;
    } else if (q.not.length) {
      where.push("a.n NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)");
      params.push(q.not.map(ftsAtom).join(" OR "));
    }
    const unit = q.filters.find((f) => f.field === "unit" && !f.negate) as
      | Extract<Filter, { field: "unit" }>
      | undefined;
    for (const f of q.filters) {
      let sql: string;
      switch (f.field) {
        case "entity": {
          const ids = this.entityIds(f.value);
          if (ids.length === 0) {
            if (!f.negate) empty = true;
            continue;
          }
          sql = `EXISTS (SELECT 1 FROM entities e WHERE e.art = a.n AND e.entity IN (${ids.map(() => "?").join(", ")}))`;
          params.push(...ids);
          break;
        }
        case "speaker":
          sql = `EXISTS (SELECT 1 FROM quotes q WHERE q.art = a.n AND (q.speaker_entity = ? OR (${f.terms.map(() => "q.speaker_key LIKE ?").join(" AND ")})))`;
          params.push(f.value, ...f.terms.map((t) => `% ${t} %`));
          break;
        case "site":
          sql = "a.site = ?";
          params.push(f.value);
          break;
        case "lang":
          sql = "a.lang = ?";
          params.push(f.value);
          break;
        case "date": {
          const parts: string[] = [];
          if (f.from) {
            parts.push("a.day >= ?");
            params.push(f.from);
          }
          if (f.to) {
            parts.push("a.day <= ?");
            params.push(f.to);
          }
          sql = `(${parts.join(" AND ")})`;
          break;
        }
        case "mentions": {
          const parts = ["d.art = a.n"];
          if (f.from) {
            parts.push("d.to_day >= ?");
            params.push(f.from);
          }
          if (f.to) {
            parts.push("d.from_day <= ?");
            params.push(f.to);
          }
          sql = `EXISTS (SELECT 1 FROM mentions d WHERE ${parts.join(" AND ")})`;
          break;
        }
        case "unit": {
          if (f === unit && q.filters.some((g) => g.field === "value" && !g.negate)) continue; // joined with value below
          sql = "EXISTS (SELECT 1 FROM quantities x WHERE x.art = a.n AND (x.unit_key = ? OR x.unit_canonical = ?))";
          params.push(f.terms.join(" "), f.value);
          break;
        }
        case "value": {
          const parts = ["x.art = a.n"];
          if (unit && !f.negate) {
            parts.push("(x.unit_key = ? OR x.unit_canonical = ?)");
            params.push(unit.terms.join(" "), unit.value);
          }
          if (f.min !== null) {
            parts.push(f.minOpen ? "x.value > ?" : "x.value >= ?");
            params.push(f.min);
          }
          if (f.max !== null) {
            parts.push(f.maxOpen ? "x.value < ?" : "x.value <= ?");
            params.push(f.max);
          }
          sql = `EXISTS (SELECT 1 FROM quantities x WHERE ${parts.join(" AND ")})`;
          break;
        }
        case "has":
          sql = {
            quote: "a.n_quotes > 0",
            quantity: "a.n_quantities > 0",
            entity: "a.n_entities > 0",
            copies: "(SELECT o.copies FROM articles o WHERE o.id = a.grp) > 0",
          }[f.value];
          break;
      }
      where.push(f.negate ? `NOT ${sql}` : sql);
    }
    return { match, where, params, empty };
  }

  /** Entity keys a filter value names: a stored key itself, or entities whose name or a surface form analyzes the same. */
  private entityIds(value: string): string[] {
    const ids = new Set<string>();
    if (this.stmt("SELECT 1 FROM entity_totals WHERE entity = ?").get(value)) ids.add(value);
    const key = textTerms(value).join(" ");
    if (key) {
      for (const r of this.stmt("SELECT entity FROM entity_totals WHERE name_key = ? LIMIT 50").all(key) as Row[])
        ids.add(r.entity as string);
      for (const r of this.stmt("SELECT DISTINCT entity FROM entity_forms WHERE key = ? LIMIT 50").all(key) as Row[])
        ids.add(r.entity as string);
    }
    return [...ids].slice(0, 50);
  }

  async quotes(request: QuoteRequest): Promise<Page<QuoteHit>> {
    this.check();
    const { limit, offset } = paging(request);
    const where = ["1"];
    const params: Param[] = [];
    if (request.speaker !== undefined) {
      if (typeof request.speaker !== "string" || request.speaker.length > 200)
        throw new QueryError("bad_speaker", "khabar: speaker is a name of at most 200 characters");
      const terms = textTerms(request.speaker);
      const byTerms = terms.length ? terms.map(() => "q.speaker_key LIKE ?").join(" AND ") : "0";
      where.push(`(q.speaker_entity = ? OR (${byTerms}))`);
      params.push(request.speaker, ...terms.map((t) => `% ${t} %`));
    }
    const [from, to] = dateBounds(request.from, request.to);
    if (from) {
      where.push("q.day >= ?");
      params.push(from);
    }
    if (to) {
      where.push("q.day <= ?");
      params.push(to);
    }
    if (request.article !== undefined) {
      if (typeof request.article !== "string") throw new QueryError("bad_article", "khabar: article is an id");
      where.push("q.art = (SELECT n FROM articles WHERE id = ?)");
      params.push(request.article);
    }
    const base = `FROM quotes q JOIN articles a ON a.n = q.art WHERE ${where.join(" AND ")}`;
    const total = (this.db.prepare(`SELECT count(*) AS c ${base}`).get(...params) as { c: number }).c;
    const rows = this.db
      .prepare(
        `SELECT a.id AS article_id, a.title, a.site, a.date, q.speaker, q.speaker_entity, q.cue, q.content, q.outlet, q.direct, q.anonymous
         ${base} ORDER BY a.date DESC, a.n DESC, q.seq LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as Row[];
    return { total, offset, limit, items: rows.map(quoteHit) };
  }

  async entities(request: EntityListRequest): Promise<Page<EntitySummary>> {
    this.check();
    const { limit, offset } = paging(request);
    const where = ["t.articles > 0"];
    const params: Param[] = [];
    if (request.type !== undefined) {
      if (typeof request.type !== "string") throw new QueryError("bad_type", "khabar: type is a string");
      where.push("t.type = ?");
      params.push(request.type);
    }
    if (request.q !== undefined && request.q !== "") {
      if (typeof request.q !== "string" || request.q.length > 200)
        throw new QueryError("bad_q", "khabar: q is a name of at most 200 characters");
      const key = textTerms(request.q).join(" ");
      if (!key) return { total: 0, offset, limit, items: [] };
      where.push(
        "(t.name_key LIKE ? OR t.entity IN (SELECT entity FROM entity_forms WHERE key >= ? AND key < ?) OR t.entity = ?)",
      );
      params.push(`${escapeLike(key)}%`, key, `${key}\uffff`, request.q);
    }
    const base = `FROM entity_totals t WHERE ${where.join(" AND ")}`;
    const total = (this.db.prepare(`SELECT count(*) AS c ${base}`).get(...params) as { c: number }).c;
    const items = this.db
      .prepare(
        `SELECT t.entity AS id, t.name, t.type, t.mentions, t.articles ${base} ORDER BY t.mentions DESC, t.entity LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as EntitySummary[];
    return { total, offset, limit, items };
  }

  async entity(id: string): Promise<EntityDetail | null> {
    this.check();
    if (typeof id !== "string") throw new QueryError("bad_id", "khabar: an entity id is a string");
    const t = this.stmt(
      "SELECT entity AS id, name, type, mentions, articles FROM entity_totals WHERE entity = ? AND articles > 0",
    ).get(id) as EntitySummary | undefined;
    if (!t) return null;
    const aliases = this.stmt(
      "SELECT form AS value, form AS label, sum(count) AS count FROM entity_forms WHERE entity = ? GROUP BY form ORDER BY count DESC, form LIMIT 20",
    ).all(id) as FacetCount[];
    const timeline = this.stmt(
      "SELECT a.day AS date, sum(e.count) AS count FROM entities e JOIN articles a ON a.n = e.art WHERE e.entity = ? AND e.ok = 1 AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day",
    ).all(id) as { date: string; count: number }[];
    const cooccurring = this.stmt(
      `SELECT t.entity AS id, t.name, t.type, t.mentions, t.articles, count(*) AS shared
       FROM entities e JOIN entities o ON o.art = e.art AND o.entity != e.entity JOIN entity_totals t ON t.entity = o.entity
       WHERE e.entity = ? AND e.ok = 1 GROUP BY o.entity ORDER BY shared DESC, t.mentions DESC LIMIT 20`,
    ).all(id) as (EntitySummary & { shared: number })[];
    const latestRows = this.stmt(
      `SELECT a.n, a.id, a.title, a.site, a.url, a.date, a.grp, a.duplicate_of, a.story_id, d.snip, d.offsets, NULL AS r, a.copies
       FROM entities e JOIN articles a ON a.n = e.art JOIN docs d ON d.n = a.n WHERE e.entity = ? AND e.ok = 1 ORDER BY a.date DESC, a.n DESC LIMIT 20`,
    ).all(id) as Row[];
    const wanted = new Set<string>();
    for (const a of aliases) for (const term of textTerms(a.value)) wanted.add(term);
    const latest = latestRows.map((r) => this.hit(r, wanted));
    const quotes = (
      this.stmt(
        `SELECT a.id AS article_id, a.title, a.site, a.date, q.speaker, q.speaker_entity, q.cue, q.content, q.outlet, q.direct, q.anonymous
         FROM quotes q JOIN articles a ON a.n = q.art WHERE q.speaker_entity = ? ORDER BY a.date DESC, a.n DESC, q.seq LIMIT 20`,
      ).all(id) as Row[]
    ).map(quoteHit);
    return { ...t, aliases, timeline, cooccurring, latest, quotes };
  }

  /**
   * Replace the stored stories with the grouper's current ones and set each
   * member's story id (called by `khabar index` after grouping).
   */
  putStories(stories: readonly StoryRow[]): void {
    this.check();
    this.db.transaction(() => {
      this.stmt("DELETE FROM stories").run();
      this.stmt("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL").run();
      const ins = this.stmt(
        "INSERT INTO stories (id, label, label_key, label_article, start, end, articles, sites, entities, speakers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      );
      const member = this.stmt("UPDATE articles SET story_id = ? WHERE id = ?");
      const sites = this.stmt(`SELECT count(DISTINCT site) AS c FROM articles WHERE story_id = ?`);
      for (const s of stories) {
        for (const a of s.articles) member.run(s.id, a);
        const nSites = (sites.get(s.id) as { c: number }).c;
        ins.run(
          s.id,
          s.label,
          ` ${textTerms(s.label).join(" ")} `,
          s.label_article,
          s.start,
          s.end,
          s.articles.length,
          nSites,
          JSON.stringify(s.entities),
          JSON.stringify(s.speakers),
        );
      }
    })();
  }

  async stories(request: PageRequest & { q?: string }): Promise<Page<StorySummary>> {
    this.check();
    const { limit, offset } = paging(request);
    const where = ["1"];
    const params: Param[] = [];
    if (request.q !== undefined && request.q !== "") {
      if (typeof request.q !== "string" || request.q.length > 200)
        throw new QueryError("bad_q", "khabar: q is at most 200 characters");
      const terms = textTerms(request.q);
      if (terms.length === 0) return { total: 0, offset, limit, items: [] };
      for (const t of terms) {
        where.push("s.label_key LIKE ?");
        params.push(`% ${t} %`);
      }
    }
    const base = `FROM stories s WHERE ${where.join(" AND ")}`;
    const total = (this.db.prepare(`SELECT count(*) AS c ${base}`).get(...params) as { c: number }).c;
    const rows = this.db
      .prepare(`SELECT s.* ${base} ORDER BY s.articles DESC, s.end DESC, s.id LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as Row[];
    return { total, offset, limit, items: rows.map(storySummary) };
  }

  async story(id: string): Promise<StoryDetail | null> {
    this.check();
    if (typeof id !== "string") throw new QueryError("bad_id", "khabar: a story id is a string");
    const row = this.stmt("SELECT * FROM stories WHERE id = ?").get(id) as Row | undefined;
    if (!row) return null;
    const members = (
      this.stmt(
        `SELECT a.n, a.id, a.title, a.site, a.url, a.date, a.grp, a.duplicate_of, a.story_id, d.snip, d.offsets, NULL AS r, a.copies
         FROM articles a JOIN docs d ON d.n = a.n WHERE a.story_id = ? ORDER BY a.date, a.n LIMIT 500`,
      ).all(id) as Row[]
    ).map((r) => ({
      ...this.hit(r, new Set()),
      figures: this.stmt(
        "SELECT text, value, coalesce(unit_canonical, unit) AS unit FROM quantities WHERE art = ? LIMIT 50",
      ).all(r.n) as {
        text: string;
        value: number;
        unit: string | null;
      }[],
    }));
    return { ...storySummary(row), members };
  }

  async stats(): Promise<CorpusStats> {
    this.check();
    const counts = this.stmt(
      "SELECT count(*) AS articles, sum(status = 'ok') AS ok, sum(status = 'duplicate') AS duplicates, sum(status = 'rejected') AS rejected FROM articles",
    ).get() as Record<string, number | null>;
    const n = (k: string) => counts[k] ?? 0;
    return {
      articles: n("articles"),
      ok: n("ok"),
      duplicates: n("duplicates"),
      rejected: n("rejected"),
      stories: (this.stmt("SELECT count(*) AS c FROM stories").get() as { c: number }).c,
      sites: this.stmt(
        "SELECT site AS value, site AS label, count(*) AS count FROM articles WHERE site IS NOT NULL AND status != 'rejected' GROUP BY site ORDER BY count DESC, site",
      ).all() as FacetCount[],
      days: this.stmt(
        "SELECT day AS date, count(*) AS count FROM articles WHERE day IS NOT NULL AND status != 'rejected' GROUP BY day ORDER BY day",
      ).all() as {
        date: string;
        count: number;
      }[],
      entities: this.stmt(
        "SELECT entity AS value, name AS label, articles AS count FROM entity_totals WHERE articles > 0 ORDER BY articles DESC, mentions DESC LIMIT 20",
      ).all() as FacetCount[],
      speakers: this.stmt(
        `SELECT coalesce(speaker_entity, speaker) AS value, coalesce(max(speaker_name), max(speaker)) AS label, count(*) AS count
         FROM quotes WHERE ok = 1 AND anonymous = 0 AND speaker IS NOT NULL GROUP BY value ORDER BY count DESC, value LIMIT 20`,
      ).all() as FacetCount[],
      rejections: this.stmt(
        "SELECT coalesce(error_code, 'unknown') AS value, coalesce(error_code, 'unknown') AS label, count(*) AS count FROM articles WHERE status = 'rejected' GROUP BY value ORDER BY count DESC",
      ).all() as FacetCount[],
    };
  }

  /** Store dedup fingerprints of newly indexed articles (for the next `khabar index` run). */
  putFingerprints(rows: readonly FingerprintRow[]): void {
    this.check();
    const next = (this.stmt("SELECT coalesce(max(seq), 0) AS s FROM fingerprints").get() as { s: number }).s + 1;
    const ins = this.stmt(
      "INSERT INTO fingerprints (id, seq, exact, words, shingles) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET exact = excluded.exact, words = excluded.words, shingles = excluded.shingles",
    );
    this.db.transaction(() => {
      let seq = next;
      for (const r of rows)
        ins.run(
          r.id,
          seq++,
          r.exact,
          r.words,
          Buffer.from(r.shingles.buffer, r.shingles.byteOffset, r.shingles.byteLength),
        );
    })();
  }

  /** Stored dedup fingerprints in the order they were added, with each article's stored `duplicate_of`. */
  *fingerprints(): Generator<FingerprintRow & { duplicate_of: string | null }> {
    this.check();
    for (const r of this.db
      .prepare(
        "SELECT f.id, f.exact, f.words, f.shingles, a.duplicate_of FROM fingerprints f JOIN articles a ON a.id = f.id ORDER BY f.seq",
      )
      .iterate() as Iterable<{
      id: string;
      exact: string;
      words: number;
      shingles: Buffer;
      duplicate_of: string | null;
    }>) {
      const b = r.shingles;
      yield {
        id: r.id,
        exact: r.exact,
        words: r.words,
        shingles: new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
        duplicate_of: r.duplicate_of,
      };
    }
  }

  /** How a stored article is marked: null when it is an original, undefined when it is not stored. */
  copyOf(
    id: string,
  ): { of: string; kind: "exact" | "near" | "contained" | "extended"; similarity: number } | null | undefined {
    const r = this.stmt("SELECT duplicate_of, duplicate_kind, similarity FROM articles WHERE id = ?").get(id) as
      | { duplicate_of: string | null; duplicate_kind: string | null; similarity: number | null }
      | undefined;
    if (!r) return undefined;
    if (!r.duplicate_of) return null;
    const kind = (
      ["exact", "near", "contained", "extended"].includes(r.duplicate_kind ?? "") ? r.duplicate_kind : "near"
    ) as "near";
    return { of: r.duplicate_of, kind, similarity: r.similarity ?? 1 };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

function badQuery(): never {
  throw new QueryError("bad_query", "khabar: q is a string");
}

function ftsAtom(a: TextAtom): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  if (a.kind === "word") {
    const alts = a.terms[0]!;
    return alts.length === 1 ? quote(alts[0]!) : `(${alts.map(quote).join(" OR ")})`;
  }
  // A phrase: one FTS phrase per combination of the words' alternatives (at most 8).
  let combos: string[][] = [[]];
  for (const alts of a.terms) {
    const next: string[][] = [];
    for (const c of combos) for (const t of alts) if (next.length < 8) next.push([...c, t]);
    combos = next;
  }
  const phrases = combos.map((c) => quote(c.join(" ")));
  return phrases.length === 1 ? phrases[0]! : `(${phrases.join(" OR ")})`;
}

/**
 * Validated paging: `limit` capped at MAX_PAGE_SIZE, `offset` at MAX_OFFSET.
 *
 * @throws QueryError `bad_paging` for values that are not whole numbers ≥ 0
 */
export function paging(request: PageRequest | undefined): { limit: number; offset: number } {
  const limit = request?.limit ?? DEFAULT_PAGE_SIZE;
  const offset = request?.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw new QueryError("bad_paging", "khabar: limit is a whole number ≥ 0");
  if (!Number.isInteger(offset) || offset < 0)
    throw new QueryError("bad_paging", "khabar: offset is a whole number ≥ 0");
  if (offset > MAX_OFFSET) throw new QueryError("bad_paging", `khabar: offset is at most ${MAX_OFFSET}`);
  return { limit: Math.min(limit, MAX_PAGE_SIZE), offset };
}

/**
 * Validated facet names.
 *
 * @throws QueryError `bad_facet`
 */
export function facetList(facets: unknown): FacetName[] {
  if (facets === undefined) return [];
  if (!Array.isArray(facets)) throw new QueryError("bad_facet", "khabar: facets is a list");
  for (const f of facets)
    if (!FACETS.includes(f as FacetName))
      throw new QueryError(
        "bad_facet",
        `khabar: unknown facet "${String(f).slice(0, 40)}" (known: ${FACETS.join(", ")})`,
      );
  return [...new Set(facets as FacetName[])];
}

/**
 * Validated `from`/`to` dates of a listing, as inclusive ISO days.
 *
 * @throws QueryError `bad_date`
 */
export function dateBounds(from: unknown, to: unknown): [string | null, string | null] {
  const one = (v: unknown, side: 0 | 1): string | null => {
    if (v === undefined || v === null || v === "") return null;
    if (typeof v !== "string") throw new QueryError("bad_date", "khabar: dates are strings (YYYY-MM-DD)");
    return parseDateRange(v)[side];
  };
  return [one(from, 0), one(to, 1)];
}

function quoteHit(r: Row): QuoteHit {
  return {
    article_id: r.article_id as string,
    title: r.title as string | null,
    site: r.site as string | null,
    date: r.date as string | null,
    speaker: r.speaker as string | null,
    speaker_entity: r.speaker_entity as string | null,
    cue: r.cue as string,
    content: r.content as string,
    outlet: r.outlet as string | null,
    direct: r.direct === 1,
    anonymous: r.anonymous === 1,
  };
}

function storySummary(r: Row): StorySummary {
  return {
    id: r.id as string,
    label: r.label as string,
    label_article: r.label_article as string,
    start: r.start as string | null,
    end: r.end as string | null,
    articles: r.articles as number,
    sites: r.sites as number,
    entities: JSON.parse(r.entities as string) as FacetCount[],
    speakers: JSON.parse(r.speakers as string) as FacetCount[],
  };
}

function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, "");
}

function ms(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
