import { MAX_QUERY_LENGTH } from "../search/query.ts";
import { MAX_PAGE_SIZE } from "../store/types.ts";

/**
 * JSON Schemas of the HTTP API: what requests may hold (fastify validates
 * every querystring, path parameter and body against these) and what answers
 * look like (the OpenAPI document publishes them; the tests check real
 * answers against them). One copy of each shape, used by both.
 */

/** A JSON Schema object, as fastify and OpenAPI 3.1 read it. */
export type JsonSchema = Record<string, unknown>;

/** Longest search query (the query language's own limit), checked before the store sees it. */
export { MAX_QUERY_LENGTH };
/** Longest id (article, entity, story) in a path or filter. */
export const MAX_ID_LENGTH = 512;
/** Longest free-text filter (speaker, entity name, type). */
export const MAX_FILTER_LENGTH = 200;
/** Deepest offset a listing accepts: paging further than this is a crawl, not a reader. */
export const MAX_OFFSET = 10_000;
/** Largest body `POST /api/process` accepts, in bytes (1 MiB): more than any news article, small enough to process in well under a second. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A `?flag=1` style boolean: `1`/`true` or `0`/`false`. */
export const flag: JsonSchema = { type: "string", enum: ["0", "1", "true", "false"] };

/** True when a `flag` parameter is set. */
export function isSet(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

const FACETS = "(entity|speaker|site|date|unit|lang)";

const limit: JsonSchema = {
  type: "integer",
  minimum: 1,
  maximum: MAX_PAGE_SIZE,
  description: `page size (default 20, at most ${MAX_PAGE_SIZE})`,
};
const offset: JsonSchema = {
  type: "integer",
  minimum: 0,
  maximum: MAX_OFFSET,
  description: `results to skip (at most ${MAX_OFFSET})`,
};
const isoDate: JsonSchema = {
  type: "string",
  pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
  maxLength: 10,
  description: "ISO date, YYYY-MM-DD",
};
const id: JsonSchema = { type: "string", minLength: 1, maxLength: MAX_ID_LENGTH };
const filterText: JsonSchema = { type: "string", minLength: 1, maxLength: MAX_FILTER_LENGTH };

/** Querystring of a paged listing. */
function pagedQuery(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    properties: { ...properties, limit, offset },
    ...(required.length ? { required } : {}),
  };
}

/** Path parameters `{id}`. */
export const idParams: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id"],
  properties: { id },
};

/** `GET /api/search` querystring. */
export const searchQuery = pagedQuery({
  q: {
    type: "string",
    maxLength: MAX_QUERY_LENGTH,
    description:
      'query in khabar\'s query language (terms, "phrases", filters such as entity:, speaker:, site:, unit:); empty or absent lists every article',
  },
  all_copies: { ...flag, description: "show every copy instead of one result per group of copies" },
  facets: {
    type: "string",
    maxLength: 100,
    pattern: `^${FACETS}(,${FACETS})*$`,
    description: "facets to count, comma-separated: entity, speaker, site, date, unit, lang",
  },
});

/** `GET /api/articles/:id` querystring. */
export const articleQuery: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    raw: { ...flag, description: "include the raw input (default: left out)" },
    tokens: { ...flag, description: "include the tokens (default: left out)" },
  },
};

/** `GET /api/quotes` querystring. */
export const quotesQuery = pagedQuery({
  speaker: { ...filterText, description: "speaker name or role (matched by the analyzer), or an entity id" },
  from: { ...isoDate, description: "earliest publication date, YYYY-MM-DD" },
  to: { ...isoDate, description: "latest publication date, YYYY-MM-DD" },
  article: { ...id, description: "only quotes from this article" },
});

/** `GET /api/entities` querystring. */
export const entitiesQuery = pagedQuery({
  type: {
    type: "string",
    minLength: 1,
    maxLength: 40,
    pattern: "^[A-Za-z_]+$",
    description: "entity type (person, org, place, ...)",
  },
  q: { ...filterText, description: "name prefix or alias (matched by the analyzer)" },
});

/** `GET /api/stories` querystring. */
export const storiesQuery = pagedQuery({
  q: { ...filterText, description: "words of the story's label" },
});

/** `POST /api/process` body. */
export const processBody: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    text: { type: "string", minLength: 1, description: "the article as plain text (one paragraph a line)" },
    html: { type: "string", minLength: 1, description: "the article's HTML page (the article is extracted from it)" },
    id: { type: "string", minLength: 1, maxLength: MAX_ID_LENGTH, description: "id for the record (default `posted`)" },
    title: { type: "string", maxLength: 2000 },
    url: { type: "string", maxLength: 4000 },
    date: {
      type: "string",
      maxLength: 40,
      description: "publication date as the source gives it (ISO 8601 preferred)",
    },
    raw: { type: "boolean", description: "include the raw input in the record (default true)" },
    tokens: { type: "boolean", description: "include tokens in the record (default true)" },
  },
  oneOf: [{ required: ["text"] }, { required: ["html"] }],
};

// ---- answers

const nullableString: JsonSchema = { type: ["string", "null"] };

/** The error envelope every failure answers with. */
export const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      additionalProperties: false,
      properties: {
        code: {
          type: "string",
          description:
            "stable, machine-readable (bad_request, not_found, payload_too_large, internal, or a query error's code)",
        },
        message: { type: "string", description: "for people" },
        at: { type: "integer", description: "offset in the query where a query error is" },
      },
    },
  },
};

const facetCount: JsonSchema = {
  type: "object",
  required: ["value", "label", "count"],
  properties: { value: { type: "string" }, label: { type: "string" }, count: { type: "integer" } },
};

const dayCount: JsonSchema = {
  type: "object",
  required: ["date", "count"],
  properties: { date: { type: "string" }, count: { type: "integer" } },
};

const searchHit: JsonSchema = {
  type: "object",
  required: [
    "id",
    "title",
    "site",
    "url",
    "date",
    "score",
    "snippet",
    "highlights",
    "copies",
    "duplicate_of",
    "story_id",
  ],
  properties: {
    id: { type: "string" },
    title: nullableString,
    site: nullableString,
    url: nullableString,
    date: nullableString,
    score: { type: "number" },
    snippet: { type: "string" },
    highlights: {
      type: "array",
      description: "matched stretches of `snippet`, [start, end) UTF-16 offsets",
      items: { type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 },
    },
    copies: { type: "integer" },
    duplicate_of: nullableString,
    story_id: nullableString,
  },
};

const quoteHit: JsonSchema = {
  type: "object",
  required: [
    "article_id",
    "title",
    "site",
    "date",
    "speaker",
    "speaker_entity",
    "cue",
    "content",
    "outlet",
    "direct",
    "anonymous",
  ],
  properties: {
    article_id: { type: "string" },
    title: nullableString,
    site: nullableString,
    date: nullableString,
    speaker: nullableString,
    speaker_entity: nullableString,
    cue: { type: "string" },
    content: { type: "string" },
    outlet: nullableString,
    direct: { type: "boolean" },
    anonymous: { type: "boolean" },
  },
};

const entitySummaryProps: Record<string, JsonSchema> = {
  id: { type: "string", description: "KB id, or name:NORMALIZED outside the KB" },
  name: { type: "string" },
  type: { type: "string" },
  mentions: { type: "integer" },
  articles: { type: "integer" },
};
const entitySummary: JsonSchema = {
  type: "object",
  required: ["id", "name", "type", "mentions", "articles"],
  properties: entitySummaryProps,
};

const storySummaryProps: Record<string, JsonSchema> = {
  id: { type: "string" },
  label: { type: "string" },
  label_article: { type: "string" },
  start: nullableString,
  end: nullableString,
  articles: { type: "integer" },
  sites: { type: "integer" },
  entities: { type: "array", items: facetCount },
  speakers: { type: "array", items: facetCount },
};
const storySummaryRequired = [
  "id",
  "label",
  "label_article",
  "start",
  "end",
  "articles",
  "sites",
  "entities",
  "speakers",
];

/** A page of `items`. */
function page(items: JsonSchema, extra: Record<string, JsonSchema> = {}, extraRequired: string[] = []): JsonSchema {
  return {
    type: "object",
    required: ["total", "offset", "limit", "items", ...extraRequired],
    properties: {
      total: { type: "integer" },
      offset: { type: "integer" },
      limit: { type: "integer" },
      items: { type: "array", items },
      ...extra,
    },
  };
}

const span: JsonSchema = {
  type: "object",
  required: ["start", "end", "text"],
  properties: { start: { type: "integer" }, end: { type: "integer" }, text: { type: "string" } },
};

/** A record as `khabar process` writes it (the output contract); extension layers (quotes, entities, dates, ...) are further properties. */
export const recordSchema: JsonSchema = {
  type: "object",
  required: [
    "id",
    "source",
    "status",
    "encoding",
    "text",
    "removed",
    "paragraphs",
    "sentences",
    "tokens",
    "diagnostics",
  ],
  properties: {
    id: { type: "string" },
    source: { type: "object", description: "where it came from: path, url, title, date, site, ..." },
    status: { type: "string", enum: ["ok", "duplicate", "rejected"] },
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
    duplicate_of: { type: "string" },
    lang: { type: "string" },
    encoding: { type: "string" },
    text: { type: "string", description: "the cleaned text; every span's start/end slice it" },
    raw: { type: "string" },
    removed: { type: "array", items: { type: "object" } },
    paragraphs: { type: "array", items: span },
    sentences: { type: "array", items: span },
    tokens: { type: "array", items: { type: "array" } },
    diagnostics: { type: "array", items: { type: "object", required: ["code", "message"] } },
    quotes: { type: "array", items: { type: "object" } },
    entities: { type: "array", items: { type: "object" } },
    dates: { type: "array", items: { type: "object" } },
    quantities: { type: "array", items: { type: "object" } },
  },
};

/** Answer schemas by route. */
export const answers = {
  health: {
    type: "object",
    required: ["status", "engine", "version"],
    properties: {
      status: { type: "string", enum: ["ok"] },
      engine: { type: "string", enum: ["sqlite", "postgres"] },
      version: { type: "string" },
    },
  },
  search: page(
    searchHit,
    {
      facets: {
        type: "object",
        description: "facet name → values with counts, most frequent first",
        additionalProperties: { type: "array", items: facetCount },
      },
      query: { description: "the parsed query, echoed" },
      took_ms: { type: "number" },
    },
    ["facets", "query", "took_ms"],
  ),
  article: {
    type: "object",
    required: ["record", "story_id", "copies"],
    properties: {
      record: recordSchema,
      story_id: nullableString,
      copies: {
        type: "array",
        items: {
          type: "object",
          required: ["id", "kind", "similarity", "site", "date", "title"],
          properties: {
            id: { type: "string" },
            kind: { type: "string", enum: ["exact", "near", "contained", "extended", "original"] },
            similarity: { type: "number" },
            site: nullableString,
            date: nullableString,
            title: nullableString,
          },
        },
      },
    },
  },
  quotes: page(quoteHit),
  entities: page(entitySummary),
  entity: {
    type: "object",
    required: ["id", "name", "type", "mentions", "articles", "aliases", "timeline", "cooccurring", "latest", "quotes"],
    properties: {
      ...entitySummaryProps,
      aliases: { type: "array", items: facetCount },
      timeline: { type: "array", items: dayCount },
      cooccurring: {
        type: "array",
        items: {
          type: "object",
          required: ["id", "name", "type", "mentions", "articles", "shared"],
          properties: { ...entitySummaryProps, shared: { type: "integer" } },
        },
      },
      latest: { type: "array", items: searchHit },
      quotes: { type: "array", items: quoteHit },
    },
  },
  stories: page({ type: "object", required: storySummaryRequired, properties: storySummaryProps }),
  story: {
    type: "object",
    required: [...storySummaryRequired, "members"],
    properties: {
      ...storySummaryProps,
      members: {
        type: "array",
        items: {
          type: "object",
          required: [...(searchHit.required as string[]), "figures"],
          properties: {
            ...(searchHit.properties as Record<string, JsonSchema>),
            figures: {
              type: "array",
              items: {
                type: "object",
                required: ["text", "value", "unit"],
                properties: { text: { type: "string" }, value: { type: "number" }, unit: nullableString },
              },
            },
          },
        },
      },
    },
  },
  stats: {
    type: "object",
    required: [
      "articles",
      "ok",
      "duplicates",
      "rejected",
      "stories",
      "sites",
      "days",
      "entities",
      "speakers",
      "rejections",
    ],
    properties: {
      articles: { type: "integer" },
      ok: { type: "integer" },
      duplicates: { type: "integer" },
      rejected: { type: "integer" },
      stories: { type: "integer" },
      sites: { type: "array", items: facetCount },
      days: { type: "array", items: dayCount },
      entities: { type: "array", items: facetCount },
      speakers: { type: "array", items: facetCount },
      rejections: { type: "array", items: facetCount },
    },
  },
  process: recordSchema,
} satisfies Record<string, JsonSchema>;
