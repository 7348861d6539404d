import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import type { DocRecord } from "../../src/model/record.ts";
import { buildApp } from "../../src/server/app.ts";
import { MAX_BODY_BYTES, MAX_QUERY_LENGTH } from "../../src/server/schemas.ts";
import { MAX_PAGE_SIZE } from "../../src/store/types.ts";
import {
  answerChecker,
  COPY_ID,
  openSampleStore,
  REFERENCE_ID,
  referenceRecord,
  type SampleStore,
} from "./sample-store.ts";

// The API in-process (fastify's inject) over a real SQLite store filled by the real pipeline.

let sample: SampleStore;
let app: FastifyInstance;
let checker: Awaited<ReturnType<typeof answerChecker>>;
let ref: DocRecord;

before(async () => {
  sample = await openSampleStore(3);
  app = buildApp({ store: sample.store, webRoot: "/nonexistent-khabar-web" });
  checker = await answerChecker();
  ref = referenceRecord();
});

after(async () => {
  await app.close();
  await checker.close();
  await sample.dispose();
});

// biome-ignore lint/suspicious/noExplicitAny: answers are parsed JSON, read field by field in the assertions (and checked against their schemas)
type Json = any;

async function get(url: string): Promise<{ status: number; body: Json; headers: Record<string, unknown> }> {
  const r = await app.inject({ method: "GET", url });
  return { status: r.statusCode, body: r.json(), headers: r.headers };
}

/** A GET that must succeed and whose answer must fit the published schema `name`. */
async function getOk(url: string, name: Parameters<typeof checker.check>[0]): Promise<Json> {
  const r = await get(url);
  assert.equal(r.status, 200, `${url}: ${JSON.stringify(r.body)}`);
  assert.equal(await checker.check(name, r.body), "", `${url}: answer does not fit the ${name} schema`);
  return r.body;
}

function assertError(r: { status: number; body: Json }, status: number, code?: string): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(typeof r.body.error?.code, "string");
  assert.equal(typeof r.body.error?.message, "string");
  if (code) assert.equal(r.body.error.code, code);
}

const reference = () => ref;

test("GET /api/health answers ok with the store's engine", async () => {
  const body = await getOk("/api/health", "health");
  assert.equal(body.status, "ok");
  assert.equal(body.engine, "sqlite");
});

test("GET /api/search finds the reference article by an inflected form, one result per group of copies", async () => {
  const body = await getOk(`/api/search?q=${encodeURIComponent("والعراق")}`, "search");
  const ids = body.items.map((h: { id: string }) => h.id);
  assert.ok(ids.includes(REFERENCE_ID), JSON.stringify(ids));
  assert.ok(!ids.includes(COPY_ID), "the copy is collapsed into its original");
  const hit = body.items.find((h: { id: string }) => h.id === REFERENCE_ID);
  assert.ok(hit.copies >= 1);
  // Highlights point inside the snippet.
  for (const [s, e] of hit.highlights) assert.ok(s >= 0 && s < e && e <= hit.snippet.length);

  const all = await getOk(`/api/search?q=${encodeURIComponent("العراق")}&all_copies=1`, "search");
  assert.ok(
    all.items.some((h: { id: string }) => h.id === COPY_ID),
    "all_copies=1 shows the copy",
  );
});

test("GET /api/search counts the facets asked for, and only those", async () => {
  const body = await getOk(`/api/search?q=${encodeURIComponent("العراق")}&facets=site,entity`, "search");
  assert.deepEqual(Object.keys(body.facets).sort(), ["entity", "site"]);
  assert.ok(body.facets.site.some((f: { value: string }) => f.value === "reference-site"));
  assert.ok(body.facets.entity.length > 0);
});

test("search pagination: limit and offset are honoured and capped", async () => {
  const q = encodeURIComponent("في");
  const all = await getOk(`/api/search?q=${q}&limit=${MAX_PAGE_SIZE}`, "search");
  assert.ok(all.total >= 3, `total ${all.total}`);
  const first = await getOk(`/api/search?q=${q}&limit=1`, "search");
  assert.equal(first.limit, 1);
  assert.equal(first.items.length, 1);
  const second = await getOk(`/api/search?q=${q}&limit=1&offset=1`, "search");
  assert.equal(second.offset, 1);
  assert.equal(second.items[0].id, all.items[1].id);
  assert.notEqual(second.items[0].id, first.items[0].id);
  for (const bad of [
    `limit=${MAX_PAGE_SIZE + 1}`,
    "limit=0",
    "limit=-1",
    "limit=abc",
    "limit=1.5",
    "offset=-1",
    "offset=100001",
    "offset=x",
  ]) {
    assertError(await get(`/api/search?q=${q}&${bad}`), 400, "bad_request");
  }
});

test("search without q lists every article; q is capped, parameters are typed, unknown ones refused", async () => {
  const everything = await getOk("/api/search?all_copies=1", "search");
  assert.equal(everything.total, sample.ids.length);
  assertError(await get(`/api/search?q=${"ب".repeat(MAX_QUERY_LENGTH + 1)}`), 400, "bad_request");
  assertError(await get("/api/search?q=a&q=b"), 400, "bad_request");
  assertError(await get("/api/search?q=a&facets=entity,nope"), 400, "bad_request");
  assertError(await get("/api/search?q=a&all_copies=maybe"), 400, "bad_request");
  const r = await get("/api/search?q=a&speakr=x");
  assertError(r, 400, "bad_request");
  assert.match(r.body.error.message, /speakr/);
});

test("a malformed query answers 400 with the query language's error code and position", async () => {
  const unclosed = await get(`/api/search?q=${encodeURIComponent('"العراق')}`);
  assertError(unclosed, 400, "unclosed_quote");
  assert.equal(unclosed.body.error.at, 0);
  assertError(await get(`/api/search?q=${encodeURIComponent("العراق OR")}`), 400, "dangling_or");
  assertError(await get(`/api/search?q=${encodeURIComponent("date:2015-13")}`), 400, "bad_date");
});

test("GET /api/articles/:id gives the record, its copies and story; raw and tokens only when asked", async () => {
  const body = await getOk(`/api/articles/${REFERENCE_ID}`, "article");
  assert.equal(body.record.id, REFERENCE_ID);
  assert.equal(body.record.text, reference().text);
  assert.deepEqual(body.record.quotes, reference().quotes);
  assert.equal(body.record.raw, undefined);
  assert.deepEqual(body.record.tokens, []);
  assert.ok(body.copies.some((c: { id: string }) => c.id === COPY_ID));

  const raw = await getOk(`/api/articles/${REFERENCE_ID}?raw=1&tokens=true`, "article");
  assert.equal(
    raw.record.raw,
    readFileSync(new URL(`../../samples/articles/${REFERENCE_ID}.txt`, import.meta.url), "utf8"),
  );
  assert.equal(raw.record.tokens.length, reference().tokens.length);

  const copy = await getOk(`/api/articles/${COPY_ID}`, "article");
  assert.equal(copy.record.duplicate_of, REFERENCE_ID);
  assert.ok(copy.copies.some((c: { id: string; kind: string }) => c.id === REFERENCE_ID && c.kind === "original"));
});

test("unknown ids answer 404 not_found, for every route with an id", async () => {
  for (const route of ["articles", "entities", "stories"]) {
    const r = await get(`/api/${route}/no-such-id-${route}`);
    assertError(r, 404, "not_found");
    assert.match(r.body.error.message, /no-such-id/);
  }
  assertError(await get("/api/no-such-route"), 404, "not_found");
  assertError(await get("/"), 404, "not_found");
});

test("ids with slashes, colons and Arabic letters travel percent-encoded", async () => {
  assertError(await get(`/api/articles/${encodeURIComponent("a/b:c")}`), 404, "not_found");
  const entities = await getOk("/api/entities?limit=100", "entities");
  const named = entities.items.find((e: { id: string }) => /[^\x00-\x7f]/.test(e.id)) ?? entities.items[0];
  const detail = await getOk(`/api/entities/${encodeURIComponent(named.id)}`, "entity");
  assert.equal(detail.id, named.id);
});

test("GET /api/quotes lists statements by article, speaker and date range", async () => {
  const ref = reference();
  const recordQuotes = ref.quotes as { speaker?: { text: string } | null; content: { text: string } }[];
  assert.ok(recordQuotes.length > 0, "the reference article has quotes");

  const byArticle = await getOk(`/api/quotes?article=${REFERENCE_ID}&limit=100`, "quotes");
  assert.ok(byArticle.total > 0);
  for (const q of byArticle.items) assert.equal(q.article_id, REFERENCE_ID);
  const contents = new Set(recordQuotes.map((q) => q.content.text));
  assert.ok(
    byArticle.items.every((q: { content: string }) => contents.has(q.content)),
    "quotes come from the record",
  );

  const named = byArticle.items.find((q: { speaker: string | null }) => q.speaker);
  assert.ok(named, "a quote with a named speaker");
  const bySpeaker = await getOk(`/api/quotes?speaker=${encodeURIComponent(named.speaker)}`, "quotes");
  assert.ok(bySpeaker.items.some((q: { content: string }) => q.content === named.content));

  const inRange = await getOk(`/api/quotes?article=${REFERENCE_ID}&from=2024-04-01&to=2024-04-30`, "quotes");
  assert.equal(inRange.total, byArticle.total);
  const future = await getOk(`/api/quotes?from=2090-01-01`, "quotes");
  assert.equal(future.total, 0);
  assertError(await get("/api/quotes?from=2024-4-1"), 400, "bad_request");
  assertError(await get(`/api/quotes?limit=${MAX_PAGE_SIZE + 1}`), 400, "bad_request");
});

test("GET /api/entities lists entities by type and name; /api/entities/:id gives one in depth", async () => {
  const list = await getOk("/api/entities?limit=50", "entities");
  assert.ok(list.total > 0);
  for (let i = 1; i < list.items.length; i++)
    assert.ok(list.items[i - 1].mentions >= list.items[i].mentions, "most mentioned first");
  const type = list.items[0].type;
  const typed = await getOk(`/api/entities?type=${type}`, "entities");
  assert.ok(typed.items.length > 0 && typed.items.every((e: { type: string }) => e.type === type));
  const one = await getOk(`/api/entities/${encodeURIComponent(list.items[0].id)}`, "entity");
  assert.equal(one.name, list.items[0].name);
  assert.ok(one.latest.length > 0);
  const byName = await getOk(`/api/entities?q=${encodeURIComponent(list.items[0].name)}`, "entities");
  assert.ok(byName.items.some((e: { id: string }) => e.id === list.items[0].id));
  assertError(await get("/api/entities?type=per-son"), 400, "bad_request");
});

test("GET /api/stories and /api/stories/:id", async () => {
  const list = await getOk("/api/stories", "stories");
  assert.ok(list.total > 0, "the reference article and its copy make a story");
  const story = list.items.find((s: { articles: number }) => s.articles >= 2) ?? list.items[0];
  const detail = await getOk(`/api/stories/${encodeURIComponent(story.id)}`, "story");
  assert.equal(detail.id, story.id);
  assert.equal(detail.members.length, story.articles);
});

test("GET /api/stats counts the store's articles", async () => {
  const stats = await getOk("/api/stats", "stats");
  assert.equal(stats.articles, sample.ids.length);
  assert.equal(stats.duplicates, 1, "the copy of the reference article");
  assert.ok(stats.sites.some((s: { value: string }) => s.value === "reference-site"));
});

test("POST /api/process runs the real pipeline on posted text and HTML, storing nothing", async () => {
  const raw = readFileSync(new URL(`../../samples/articles/${REFERENCE_ID}.txt`, import.meta.url), "utf8");
  const r = await app.inject({
    method: "POST",
    url: "/api/process",
    payload: { text: raw, title: "t", date: "2024-04-10" },
  });
  assert.equal(r.statusCode, 200, r.body);
  const record = r.json();
  assert.equal(await checker.check("process", record), "");
  assert.equal(record.text, reference().text);
  assert.deepEqual(record.quotes, reference().quotes);
  assert.equal(record.source.title, "t");

  const html = `<!doctype html><html><head><title>عنوان</title></head><body><article><h1>عنوان الخبر</h1>${raw
    .split("\n")
    .filter((l) => l.length > 60)
    .map((l) => `<p>${l.replace(/</g, "&lt;")}</p>`)
    .join("")}</article></body></html>`;
  const h = await app.inject({ method: "POST", url: "/api/process", payload: { html, tokens: false, raw: false } });
  assert.equal(h.statusCode, 200, h.body);
  const fromHtml = h.json();
  assert.equal(fromHtml.status, "ok");
  assert.match(fromHtml.text, /الولايات المتحدة/);
  assert.deepEqual(fromHtml.tokens, []);
  assert.equal(fromHtml.raw, undefined);

  const blank = await app.inject({ method: "POST", url: "/api/process", payload: { text: "   \n " } });
  assert.equal(blank.statusCode, 200);
  assert.equal(blank.json().status, "rejected");

  const stats = await getOk("/api/stats", "stats");
  assert.equal(stats.articles, sample.ids.length, "nothing was stored");
});

test("POST /api/process validates its body and caps its size", async () => {
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url: "/api/process", payload: payload as string, headers });
  for (const body of [{}, { text: "a", html: "<p>a</p>" }, { text: 5 }, { text: "a", extra: 1 }, { text: "" }, [1]]) {
    const r = await post(body);
    assertError({ status: r.statusCode, body: r.json() }, 400);
  }
  const notJson = await post("text", { "content-type": "text/plain" });
  assertError({ status: notJson.statusCode, body: notJson.json() }, 415, "unsupported_media_type");
  const broken = await post("{", { "content-type": "application/json" });
  assertError({ status: broken.statusCode, body: broken.json() }, 400);
  const big = await post({ text: "ا".repeat(MAX_BODY_BYTES / 2 + 10) });
  assertError({ status: big.statusCode, body: big.json() }, 413, "payload_too_large");
  // Other routes take no body of any size worth mentioning.
  const wrong = await app.inject({ method: "POST", url: "/api/search", payload: { q: "x" } });
  assertError({ status: wrong.statusCode, body: wrong.json() }, 404, "not_found");
});

test("security headers on every answer: API, errors, 404s", async () => {
  for (const url of ["/api/health", "/api/search?limit=0", "/api/articles/nope", "/nowhere", "/api/openapi.json"]) {
    const r = await app.inject({ url });
    const csp = String(r.headers["content-security-policy"]);
    assert.match(csp, /default-src 'self'/, url);
    assert.match(csp, /script-src 'self'(;|$)/, url);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
    assert.equal(r.headers["x-content-type-options"], "nosniff", url);
    assert.ok(r.headers["referrer-policy"], url);
    assert.equal(r.headers["x-powered-by"], undefined, url);
    assert.match(String(r.headers["content-type"]), /^application\/json/, url);
  }
});

test("GET /api/openapi.json documents every route with its parameters and answers", async () => {
  const doc = (await get("/api/openapi.json")).body;
  assert.equal(doc.openapi, "3.1.0");
  const expected: [string, string][] = [
    ["get", "/api/health"],
    ["get", "/api/search"],
    ["get", "/api/articles/{id}"],
    ["get", "/api/quotes"],
    ["get", "/api/entities"],
    ["get", "/api/entities/{id}"],
    ["get", "/api/stories"],
    ["get", "/api/stories/{id}"],
    ["get", "/api/stats"],
    ["post", "/api/process"],
    ["get", "/api/openapi.json"],
  ];
  assert.deepEqual(
    Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`))
      .sort(),
    expected.map(([m, p]) => `${m} ${p}`).sort(),
  );
  for (const [method, path] of expected) {
    const op = doc.paths[path][method];
    assert.ok(op.operationId && op.summary, path);
    assert.ok(op.responses["200"].content["application/json"].schema.type, `${path}: 200 schema`);
    assert.equal(op.responses["500"].content["application/json"].schema.$ref, "#/components/schemas/Error");
    for (const name of path.match(/\{(\w+)\}/g) ?? []) {
      assert.ok(
        op.parameters.some((p: { in: string; name: string }) => p.in === "path" && `{${p.name}}` === name),
        `${path} ${name}`,
      );
    }
    // Every documented route answers something other than "no such route".
    const url = path.replace("{id}", "x");
    const r = await app.inject({
      method: method.toUpperCase() as "GET",
      url,
      ...(method === "post" ? { payload: { text: "نص" } } : {}),
    });
    assert.ok(!(r.statusCode === 404 && r.json().error.message.startsWith("no route")), `${method} ${path}`);
  }
  const search = doc.paths["/api/search"].get;
  const limit = search.parameters.find((p: { name: string }) => p.name === "limit");
  assert.equal(limit.schema.maximum, MAX_PAGE_SIZE);
  assert.equal(search.parameters.find((p: { name: string }) => p.name === "q").schema.maxLength, MAX_QUERY_LENGTH);
  assert.ok(doc.paths["/api/process"].post.requestBody.content["application/json"].schema.properties.text);
  assert.ok(doc.components.schemas.Error.properties.error);
});

test("a failing store answers 500 internal, without the error's message or stack", async () => {
  const broken = await openSampleStore();
  const errors: unknown[] = [];
  const app2 = buildApp({ store: broken.store, webRoot: "/nonexistent-khabar-web", onError: (e) => errors.push(e) });
  await broken.store.close();
  try {
    const r = await app2.inject({ url: "/api/stats" });
    assertError({ status: r.statusCode, body: r.json() }, 500, "internal");
    assert.equal(r.json().error.message, "internal error");
    assert.doesNotMatch(r.body, /at |\.ts|sqlite|database/i);
    assert.equal(errors.length, 1, "the error reaches the operator's log");
  } finally {
    await app2.close();
    await broken.dispose().catch(() => {});
  }
});
