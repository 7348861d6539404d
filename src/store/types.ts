import type { DocRecord } from "../model/record.ts";

/**
 * The store contract: what `khabar index`, `khabar search`, the HTTP API and
 * the web UI read and write, whichever engine holds the data (SQLite by
 * default, PostgreSQL with `--db postgres://...`). Every method is async so
 * that both engines fit; both run the same test suite
 * (test/store/store-suite.ts).
 *
 * Records go in as `khabar process` writes them (`DocRecord`); the store keeps
 * the record whole (so `get` gives back what went in, plus the store's own
 * fields) and indexes what searches need: the analyzer's terms, entities,
 * speakers, quantities, mentioned dates, copies and stories.
 */
export interface Store {
  /** `sqlite` or `postgres`. */
  readonly engine: "sqlite" | "postgres";
  /**
   * Insert or replace records. Idempotent: a record whose id and content hash
   * are already stored is skipped; a stored id with a new content hash is
   * replaced (with all its index rows). Rejected records are counted, kept for
   * the report, not indexed for search.
   */
  put(records: readonly DocRecord[]): Promise<PutResult>;
  /** One stored record, or null. */
  get(id: string): Promise<StoredArticle | null>;
  /** Full-text and structured search (see src/search/query.ts for the language). */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Attributed statements, newest first. */
  quotes(request: QuoteRequest): Promise<Page<QuoteHit>>;
  /** Entities with their mention and article counts, most mentioned first. */
  entities(request: EntityListRequest): Promise<Page<EntitySummary>>;
  /** One entity (by KB id, or `name:NORMALIZED` for entities outside the KB) with its timeline and neighbours. */
  entity(id: string): Promise<EntityDetail | null>;
  /** Stories, largest (then latest) first. */
  stories(request: PageRequest & { q?: string }): Promise<Page<StorySummary>>;
  /** One story with its articles in time order and the figures each reported. */
  story(id: string): Promise<StoryDetail | null>;
  /** Corpus composition. */
  stats(): Promise<CorpusStats>;
  /** Release the connection(s). */
  close(): Promise<void>;
}

/** What `put` did. */
export interface PutResult {
  inserted: number;
  replaced: number;
  /** Same id, same content hash: nothing to do. */
  unchanged: number;
  rejected: number;
}

/** A stored record with the fields the store adds. */
export interface StoredArticle {
  record: DocRecord;
  /** The story the article belongs to, if stories were grouped. */
  story_id: string | null;
  /** Ids of the stored copies of this article (records whose `duplicate_of` is this id), and its original if it is a copy. */
  copies: CopyRef[];
}

/** A copy of an article. */
export interface CopyRef {
  id: string;
  kind: "exact" | "near" | "contained" | "extended" | "original";
  similarity: number;
  site: string | null;
  date: string | null;
  title: string | null;
}

/** Paging: `limit` is capped by the store (MAX_PAGE_SIZE). */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** Largest page any listing returns. */
export const MAX_PAGE_SIZE = 100;
/** Page size when none is asked for. */
export const DEFAULT_PAGE_SIZE = 20;

/** A page of results. */
export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** A search: the query string in khabar's query language plus paging and options. */
export interface SearchRequest extends PageRequest {
  q: string;
  /** Show every copy instead of one result per group of copies (default false). */
  allCopies?: boolean;
  /** Facets to count (default none). */
  facets?: readonly FacetName[];
}

/** Facets a search can count. */
export type FacetName = "entity" | "speaker" | "site" | "date" | "unit" | "lang";

/** A search's answer. */
export interface SearchResponse extends Page<SearchHit> {
  /** Facet name → values with counts, most frequent first (at most 20 each; `date` by month `YYYY-MM`). */
  facets: Partial<Record<FacetName, FacetCount[]>>;
  /** The parsed query, echoed for the UI. */
  query: unknown;
  took_ms: number;
}

/** One facet value. */
export interface FacetCount {
  value: string;
  /** Display label (an entity's canonical name; the value itself otherwise). */
  label: string;
  count: number;
}

/** One search result. */
export interface SearchHit {
  id: string;
  title: string | null;
  site: string | null;
  url: string | null;
  date: string | null;
  score: number;
  /** A stretch of the display text around the best match. */
  snippet: string;
  /** Matched stretches inside `snippet` (UTF-16 offsets into `snippet`). */
  highlights: [number, number][];
  /** How many stored copies this article has (0 when none). */
  copies: number;
  duplicate_of: string | null;
  story_id: string | null;
}

/** A quotes listing. */
export interface QuoteRequest extends PageRequest {
  /** A speaker's name or role, matched by the analyzer (so `العبادي` finds `حيدر العبادي`), or an entity id. */
  speaker?: string;
  /** Publication date range, ISO (`2015-01-01`). */
  from?: string;
  to?: string;
  /** Only quotes from this article. */
  article?: string;
}

/** One attributed statement with its article. */
export interface QuoteHit {
  article_id: string;
  title: string | null;
  site: string | null;
  date: string | null;
  speaker: string | null;
  speaker_entity: string | null;
  cue: string;
  content: string;
  outlet: string | null;
  direct: boolean;
  anonymous: boolean;
}

/** An entities listing. */
export interface EntityListRequest extends PageRequest {
  type?: string;
  /** Name prefix or alias, matched by the analyzer. */
  q?: string;
}

/** An entity with counts. */
export interface EntitySummary {
  /** KB id, or `name:NORMALIZED` when not in the KB. */
  id: string;
  name: string;
  type: string;
  mentions: number;
  articles: number;
}

/** An entity in depth. */
export interface EntityDetail extends EntitySummary {
  /** Surface forms seen, most frequent first. */
  aliases: FacetCount[];
  /** Mentions per day (`YYYY-MM-DD`) by publication date. */
  timeline: { date: string; count: number }[];
  /** Entities in the same articles, most shared first (at most 20). */
  cooccurring: (EntitySummary & { shared: number })[];
  /** Latest articles mentioning it (at most 20). */
  latest: SearchHit[];
  /** Latest statements by it, if it speaks (at most 20). */
  quotes: QuoteHit[];
}

/** A story: articles about one event. */
export interface StorySummary {
  id: string;
  label: string;
  /** The article whose headline or lead is the label. */
  label_article: string;
  start: string | null;
  end: string | null;
  articles: number;
  sites: number;
  entities: FacetCount[];
  speakers: FacetCount[];
}

/** A story in depth. */
export interface StoryDetail extends StorySummary {
  members: (SearchHit & { figures: { text: string; value: number; unit: string | null }[] })[];
}

/** Corpus composition. */
export interface CorpusStats {
  articles: number;
  ok: number;
  duplicates: number;
  rejected: number;
  stories: number;
  sites: FacetCount[];
  /** Articles per publication day (`YYYY-MM-DD`), oldest first. */
  days: { date: string; count: number }[];
  entities: FacetCount[];
  speakers: FacetCount[];
  /** Rejections by code. */
  rejections: FacetCount[];
}

/** Raised for a malformed query or request: the API answers 400 with `code` and `message`. */
export class QueryError extends Error {
  readonly code: string;
  /** Offset in the query string where the problem is, when there is one. */
  readonly at: number | undefined;
  constructor(code: string, message: string, at?: number) {
    super(message);
    this.name = "QueryError";
    this.code = code;
    this.at = at;
  }
}
