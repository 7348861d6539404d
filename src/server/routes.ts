import type { DocRecord } from "../model/record.ts";
import type { FacetName, Store } from "../store/types.ts";
import type { PostedArticle } from "./process-posted.ts";
import {
  answers,
  articleQuery,
  entitiesQuery,
  idParams,
  isSet,
  type JsonSchema,
  MAX_BODY_BYTES,
  processBody,
  quotesQuery,
  searchQuery,
  storiesQuery,
} from "./schemas.ts";

/** What a handler gets: the validated request parts. */
export interface RouteInput {
  query: Record<string, unknown>;
  params: Record<string, string>;
  body: unknown;
}

/**
 * One route of the API: its method, path, schemas and handler. The server
 * registers these with fastify and the OpenAPI document is generated from
 * them, so the two cannot disagree.
 */
export interface RouteSpec {
  method: "GET" | "POST";
  /** Fastify path syntax (`/api/articles/:id`). */
  url: string;
  /** Stable name (OpenAPI `operationId`). */
  name: string;
  summary: string;
  tag: string;
  querystring?: JsonSchema;
  params?: JsonSchema;
  body?: JsonSchema;
  /** Largest body, in bytes (POST routes). */
  bodyLimit?: number;
  /** The 200 answer. */
  response: JsonSchema;
  /** Error statuses the route can answer besides 500 (400 for any route with inputs). */
  errors: number[];
  /** The answer, or null for "no such id" (404). Throws `QueryError` for a malformed request (400). */
  handler: (store: Store, input: RouteInput) => Promise<unknown>;
}

/** Options handlers read beyond the request. */
export interface RouteContext {
  /** The package version, reported by /api/health. */
  version: string;
  /** Runs the pipeline on a posted article (on a worker thread in the server). */
  process: (article: PostedArticle) => Promise<DocRecord>;
}

/**
 * The API's routes, in the order the OpenAPI document lists them.
 *
 * @param context what handlers need besides the store and the request
 * @returns the route table
 */
export function apiRoutes(context: RouteContext): RouteSpec[] {
  return [
    {
      method: "GET",
      url: "/api/health",
      name: "health",
      summary: "Liveness: the server answers and which store engine it reads",
      tag: "meta",
      response: answers.health,
      errors: [],
      handler: async (store) => ({ status: "ok", engine: store.engine, version: context.version }),
    },
    {
      method: "GET",
      url: "/api/search",
      name: "search",
      summary: "Full-text and structured search in khabar's query language, with facets",
      tag: "search",
      querystring: searchQuery,
      response: answers.search,
      errors: [400],
      handler: (store, { query }) =>
        store.search({
          q: typeof query.q === "string" ? query.q : "",
          ...paging(query),
          ...(isSet(query.all_copies as string | undefined) ? { allCopies: true } : {}),
          ...(typeof query.facets === "string" ? { facets: [...new Set(query.facets.split(","))] as FacetName[] } : {}),
        }),
    },
    {
      method: "GET",
      url: "/api/articles/:id",
      name: "article",
      summary:
        "One stored article: its record (raw input left out unless raw=1, tokens unless tokens=1), copies and story",
      tag: "articles",
      params: idParams,
      querystring: articleQuery,
      response: answers.article,
      errors: [400, 404],
      handler: async (store, { params, query }) => {
        const stored = await store.get(params.id as string);
        if (!stored) return null;
        const record = { ...stored.record };
        if (!isSet(query.raw as string | undefined)) delete record.raw;
        if (!isSet(query.tokens as string | undefined)) record.tokens = [];
        return { ...stored, record };
      },
    },
    {
      method: "GET",
      url: "/api/quotes",
      name: "quotes",
      summary: "Attributed statements, newest first, by speaker, date range or article",
      tag: "quotes",
      querystring: quotesQuery,
      response: answers.quotes,
      errors: [400],
      handler: (store, { query }) =>
        store.quotes({
          ...paging(query),
          ...pick(query, ["speaker", "from", "to", "article"]),
        }),
    },
    {
      method: "GET",
      url: "/api/entities",
      name: "entities",
      summary: "Entities with mention and article counts, most mentioned first",
      tag: "entities",
      querystring: entitiesQuery,
      response: answers.entities,
      errors: [400],
      handler: (store, { query }) => store.entities({ ...paging(query), ...pick(query, ["type", "q"]) }),
    },
    {
      method: "GET",
      url: "/api/entities/:id",
      name: "entity",
      summary:
        "One entity (KB id, or name:NORMALIZED) with aliases, timeline, co-occurring entities, latest articles and quotes",
      tag: "entities",
      params: idParams,
      response: answers.entity,
      errors: [400, 404],
      handler: (store, { params }) => store.entity(params.id as string),
    },
    {
      method: "GET",
      url: "/api/stories",
      name: "stories",
      summary: "Stories (articles about one event), largest then latest first",
      tag: "stories",
      querystring: storiesQuery,
      response: answers.stories,
      errors: [400],
      handler: (store, { query }) => store.stories({ ...paging(query), ...pick(query, ["q"]) }),
    },
    {
      method: "GET",
      url: "/api/stories/:id",
      name: "story",
      summary: "One story with its articles in time order and the figures each reported",
      tag: "stories",
      params: idParams,
      response: answers.story,
      errors: [400, 404],
      handler: (store, { params }) => store.story(params.id as string),
    },
    {
      method: "GET",
      url: "/api/stats",
      name: "stats",
      summary: "Corpus composition: articles, duplicates, rejections, sources, days, top entities and speakers",
      tag: "meta",
      response: answers.stats,
      errors: [],
      handler: (store) => store.stats(),
    },
    {
      method: "POST",
      url: "/api/process",
      name: "process",
      summary: `Run the pipeline on one posted article (text or HTML) and answer its record; nothing is stored. Body at most ${MAX_BODY_BYTES} bytes`,
      tag: "process",
      body: processBody,
      bodyLimit: MAX_BODY_BYTES,
      response: answers.process,
      errors: [400, 413, 415, 503],
      handler: (_store, { body }) => context.process(body as PostedArticle),
    },
  ];
}

/** The paging fields present in a validated querystring. */
function paging(query: Record<string, unknown>): { limit?: number; offset?: number } {
  return {
    ...(typeof query.limit === "number" ? { limit: query.limit } : {}),
    ...(typeof query.offset === "number" ? { offset: query.offset } : {}),
  };
}

/** The string fields of `query` named in `keys` that are present (exactOptionalPropertyTypes: absent, never undefined). */
function pick<K extends string>(query: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = query[k];
    if (typeof v === "string") out[k] = v;
  }
  return out;
}
