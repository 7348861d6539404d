import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { QueryError, type Store } from "../store/types.ts";
import { openApiDocument } from "./openapi.ts";
import { PostedProcessor, ProcessorBusy } from "./process-posted.ts";
import { apiRoutes, type RouteSpec } from "./routes.ts";
import { type JsonSchema, MAX_BODY_BYTES, MAX_ID_LENGTH } from "./schemas.ts";
import { SECURITY_HEADERS } from "./security-headers.ts";

/** Limits the server enforces; every one is documented in the README. */
export interface ServerLimits {
  /** Largest `POST /api/process` body, in bytes (default 1 MiB). */
  processBodyBytes?: number;
  /** Longest `POST /api/process` may run before it is stopped and answered 503 `timeout` (default 30 s). */
  processTimeoutMs?: number;
  /** Most `POST /api/process` documents in hand at once; more are answered 503 `busy` (default 4). */
  processPending?: number;
}

/** Options for `buildApp`. */
export interface AppOptions {
  /** The store the API reads. The app never closes it: whoever opened it does. */
  store: Store;
  /**
   * Directory of the built web UI (default: `dist/web` of this package).
   * Served at `/` when it holds an `index.html`; otherwise the server is API-only.
   */
  webRoot?: string;
  limits?: ServerLimits;
  /**
   * Host names requests may name in their `Host` header (e.g. `localhost`,
   * `127.0.0.1`). Set by `khabar serve` when bound to loopback, so a web page
   * elsewhere cannot reach the API through DNS rebinding. Default: any.
   */
  allowedHosts?: readonly string[];
  /** Called with every unexpected (500) error; the client only learns that one happened. */
  onError?: (error: unknown, request: { method: string; url: string }) => void;
}

/** An error the API answers with its own status and code. */
class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  constructor(statusCode: number, code: string, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
  }
}

/** `dist/web` of this package: from `src/server/` and from `dist/server/` alike it is two levels up. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../dist/web/", import.meta.url));

const VERSION = readVersion();

/**
 * The khabar HTTP API (and, when built, the web UI) as a fastify instance, not
 * yet listening: `app.inject(...)` tests it in-process, `app.listen(...)`
 * serves it (see `serve`).
 *
 * @param options the store to read, where the UI is, limits
 * @returns the fastify instance (call `ready()` or `inject()`; close it when done)
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const processBodyBytes = options.limits?.processBodyBytes ?? MAX_BODY_BYTES;
  const app = Fastify({
    logger: false,
    // Only POST /api/process takes a body; it raises this limit for itself.
    bodyLimit: 16 * 1024,
    // Schemas cap ids at MAX_ID_LENGTH characters; the router counts encoded bytes (up to 9 per Arabic letter).
    routerOptions: { maxParamLength: MAX_ID_LENGTH * 9 },
    ajv: {
      // Unknown parameters are refused (400), not dropped silently: a typo such as `speakr=` must not widen a listing.
      customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true, allErrors: false },
    },
    schemaErrorFormatter: (errors, dataVar) => new Error(errors.map((e) => describeSchemaError(e, dataVar)).join("; ")),
    return503OnClosing: true,
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).send(envelope("bad_request", error.message));
    },
  });

  // Answers are JSON with `<`, `>` and `&` escaped as \u003c...: valid JSON, equal once parsed, and
  // no answer ever holds markup, even if a client or proxy mistakes it for HTML.
  app.setReplySerializer((payload) => escapeJson(JSON.stringify(payload)));

  // JSON only: fastify's default text/plain parser would let a string through to a route that expects an object.
  app.removeContentTypeParser("text/plain");

  const hosts = options.allowedHosts ? new Set(options.allowedHosts.map((h) => h.toLowerCase())) : undefined;
  app.addHook("onRequest", async (request) => {
    if (hosts && !hosts.has(hostName(request.headers.host))) {
      throw new ApiError(403, "forbidden_host", "this server answers only to its own host names");
    }
  });
  app.addHook("onSend", async (request, reply, payload) => {
    for (const [name, value] of SECURITY_HEADERS) reply.header(name, value);
    reply.removeHeader("x-powered-by");
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    return payload;
  });

  app.setErrorHandler((error, request, reply: FastifyReply) => {
    const answer = errorAnswer(error);
    if (answer.status >= 500) options.onError?.(error, { method: request.method, url: request.url });
    void reply.code(answer.status).type("application/json; charset=utf-8").send(answer.body);
  });

  // The pipeline runs on a worker thread: a large posted document must not stall every other request.
  const processor = new PostedProcessor({
    ...(options.limits?.processTimeoutMs !== undefined ? { timeoutMs: options.limits.processTimeoutMs } : {}),
    ...(options.limits?.processPending !== undefined ? { maxPending: options.limits.processPending } : {}),
  });
  app.addHook("onClose", async () => processor.close());
  const routes = apiRoutes({ version: VERSION, process: (article) => processor.process(article) });
  let document: Record<string, unknown> | undefined;
  const openapiRoute: RouteSpec = {
    method: "GET",
    url: "/api/openapi.json",
    name: "openapi",
    summary: "This document: OpenAPI 3.1, generated from the schemas the server validates with",
    tag: "meta",
    response: { type: "object", required: ["openapi", "info", "paths"] },
    errors: [],
    handler: async () => document,
  };
  const all = [...routes, openapiRoute];
  document = openApiDocument(all, {
    title: "khabar",
    version: VERSION,
    description:
      "Search and read a khabar store of Arabic news: articles, quotes, entities, stories, corpus statistics; and process one article without storing it. Errors are always {error: {code, message}}.",
  });
  for (const spec of all) register(app, spec, store, spec.bodyLimit === undefined ? undefined : processBodyBytes);

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasUi = isFile(join(webRoot, "index.html"));
  if (hasUi) {
    void app.register(fastifyStatic, {
      root: webRoot,
      prefix: "/",
      wildcard: true,
      index: ["index.html"],
      dotfiles: "ignore",
      list: false,
      // index.html must be revalidated so a rebuilt UI shows at once; hashed assets could be cached longer by the UI build.
      cacheControl: true,
      maxAge: 0,
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0] ?? "";
    const wantsPage =
      hasUi &&
      (request.method === "GET" || request.method === "HEAD") &&
      !path.startsWith("/api/") &&
      path !== "/api" &&
      (request.headers.accept ?? "").includes("text/html");
    // The UI routes in the browser (/article/ID, /speaker/NAME): any page URL gets index.html, which reads location itself.
    if (wantsPage) return reply.code(200).header("cache-control", "no-cache").sendFile("index.html", webRoot);
    const hint =
      !hasUi && !path.startsWith("/api/") ? " (the web UI is not built: `npm run build`; the API is under /api/)" : "";
    return reply.code(404).send(envelope("not_found", `no route ${request.method} ${truncate(path, 200)}${hint}`));
  });
  return app;
}

/** Register one route of the table with fastify. */
function register(app: FastifyInstance, spec: RouteSpec, store: Store, bodyLimit: number | undefined): void {
  app.route({
    method: spec.method,
    url: spec.url,
    ...(bodyLimit !== undefined ? { bodyLimit } : {}),
    schema: {
      ...(spec.querystring ? { querystring: spec.querystring } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.body ? { body: spec.body } : {}),
    },
    // Query strings are all text and need coercion ("20" → 20); a JSON body must not be coerced ({text: 5} is an error, not "5").
    ...(spec.body
      ? { preValidation: async (request: FastifyRequest) => checkJsonTypes(spec.body!, request.body) }
      : {}),
    handler: async (request) => {
      const answer = await spec.handler(store, {
        query: (request.query ?? {}) as Record<string, unknown>,
        params: (request.params ?? {}) as Record<string, string>,
        body: request.body,
      });
      if (answer === null || answer === undefined) {
        const id = (request.params as { id?: string } | undefined)?.id ?? "";
        throw new ApiError(404, "not_found", `no ${spec.name} with id ${JSON.stringify(truncate(id, 200))}`);
      }
      return answer;
    },
  });
}

/** Refuse a body whose top-level fields have another JSON type than the schema says (the validator that follows would coerce them). */
function checkJsonTypes(schema: JsonSchema, body: unknown): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, value] of Object.entries(body)) {
    const type = properties[name]?.type;
    if (typeof type !== "string") continue;
    const actual = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
    const fits = type === "integer" ? Number.isInteger(value) : actual === type;
    if (!fits) throw new ApiError(400, "bad_request", `body.${truncate(name, 60)} must be ${type}, not ${actual}`);
  }
}

const JSON_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** JSON text with the characters that matter to HTML (and to JavaScript string literals) escaped. */
function escapeJson(json: string): string {
  return /[<>&\u2028\u2029]/.test(json) ? json.replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c] ?? c) : json;
}

/** The `{error: {code, message}}` body. */
function envelope(
  code: string,
  message: string,
  at?: number,
): { error: { code: string; message: string; at?: number } } {
  return { error: { code, message, ...(at !== undefined ? { at } : {}) } };
}

// Fastify's own client errors, by their code, mapped to ours.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
  FST_ERR_CTP_EMPTY_JSON_BODY: "bad_request",
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_BAD_URL: "bad_request",
};

const STATUS_CODES: Record<number, string> = {
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** What to answer for an error: client errors say what was wrong, server errors say nothing more than that one happened. */
function errorAnswer(error: unknown): { status: number; body: ReturnType<typeof envelope> } {
  if (error instanceof QueryError || (error instanceof Error && error.name === "QueryError")) {
    const e = error as QueryError;
    return {
      status: 400,
      body: envelope(e.code || "bad_query", e.message, typeof e.at === "number" ? e.at : undefined),
    };
  }
  if (error instanceof ProcessorBusy) return { status: 503, body: envelope(error.code, error.message) };
  if (error instanceof ApiError) return { status: error.statusCode, body: envelope(error.code, error.message) };
  const e = error as { validation?: unknown; statusCode?: unknown; code?: unknown; message?: unknown };
  if (e.validation) return { status: 400, body: envelope("bad_request", String(e.message)) };
  const status = typeof e.statusCode === "number" ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = (typeof e.code === "string" && FASTIFY_CODES[e.code]) || STATUS_CODES[status] || "bad_request";
    return { status, body: envelope(code, truncate(String(e.message), 300)) };
  }
  return { status: 500, body: envelope("internal", "internal error") };
}

/** One validation failure, naming the parameter (Ajv's own message leaves out which extra property it met). */
function describeSchemaError(
  e: { instancePath: string; message?: string; params: Record<string, unknown> },
  dataVar: string,
): string {
  const where = `${dataVar}${e.instancePath.replace(/\//g, ".")}`;
  if (typeof e.params.additionalProperty === "string")
    return `${where} has an unknown parameter "${truncate(e.params.additionalProperty, 60)}"`;
  if (Array.isArray(e.params.allowedValues))
    return `${where} ${e.message ?? "is invalid"}: ${e.params.allowedValues.join(", ")}`;
  return `${where} ${e.message ?? "is invalid"}`;
}

function hostName(host: string | undefined): string {
  if (!host) return "";
  const h = host.toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon === -1 ? h : h.slice(0, colon);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readVersion(): string {
  const path = fileURLToPath(new URL("../../package.json", import.meta.url));
  if (!existsSync(path)) return "0.0.0";
  return (JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version ?? "0.0.0";
}
