import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.ts";
import { serve } from "../../src/server/serve.ts";
import { openStore } from "../../src/store/open-store.ts";
import { openSampleStore, REFERENCE_ID, type SampleStore } from "./sample-store.ts";

// Hostile input against the API and the static UI, in-process and over a real socket.

let sample: SampleStore;
let app: FastifyInstance;
let web: string;

before(async () => {
  sample = await openSampleStore();
  // A stand-in for the built UI, with a secret beside it that must never be served.
  const dir = mkdtempSync(join(tmpdir(), "khabar-web-"));
  web = join(dir, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(
    join(web, "index.html"),
    '<!doctype html><html><head><script src="/assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(web, "assets", "app.js"), "console.log('ui')");
  writeFileSync(join(web, ".env"), "TOKEN=hidden-dotfile");
  writeFileSync(join(dir, "secret.txt"), "SECRET-OUTSIDE-WEBROOT");
  app = buildApp({ store: sample.store, webRoot: web });
});

after(async () => {
  await app.close();
  await sample.dispose();
  rmSync(join(web, ".."), { recursive: true, force: true });
});

/** Every table of the store and its row count, read straight from the file. */
function tableCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const out: Record<string, number> = {};
    for (const { name } of names) {
      out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    }
    return out;
  } finally {
    db.close();
  }
}

const ATTACKS = [
  "' OR 1=1 --",
  '"; DROP TABLE articles; --',
  "'; DELETE FROM articles; --",
  "%00",
  "a\u0000b",
  "%' OR '%'='",
  "\\",
  '"',
  "*",
  "NEAR(a b)",
  "a OR",
  "title:",
  "^",
  ")",
  "((((",
  "x".repeat(5000),
  "ع".repeat(3000),
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "1; SELECT * FROM sqlite_master",
  "-1",
  "1e999",
];

/** Every parameter of every route, with a valid base URL to add it to. */
const TARGETS: [string, string][] = [
  ["/api/search?q=العراق", "q"],
  ["/api/search?q=العراق", "facets"],
  ["/api/search?q=العراق", "all_copies"],
  ["/api/search?q=العراق", "limit"],
  ["/api/search?q=العراق", "offset"],
  ["/api/quotes?limit=5", "speaker"],
  ["/api/quotes?limit=5", "from"],
  ["/api/quotes?limit=5", "to"],
  ["/api/quotes?limit=5", "article"],
  ["/api/entities?limit=5", "type"],
  ["/api/entities?limit=5", "q"],
  ["/api/stories?limit=5", "q"],
  [`/api/articles/${REFERENCE_ID}?tokens=0`, "raw"],
];

test("injection attempts in every parameter answer 200, 400 or 404, never 500, and leave the tables intact", async () => {
  const before = tableCounts(sample.path);
  assert.ok((before.articles ?? Object.values(before)[0] ?? 0) > 0, JSON.stringify(before));
  const seen = new Map<number, number>();
  for (const attack of ATTACKS) {
    const value = attack === "%00" ? "%00" : encodeURIComponent(attack);
    const urls = [
      ...TARGETS.map(([base, name]) => {
        const sep = base.includes("?") ? "&" : "?";
        // Replace the parameter when the base already sets it.
        const stripped = base.replace(new RegExp(`([?&])${name}=[^&]*&?`), "$1").replace(/[?&]$/, "");
        return `${stripped}${stripped.includes("?") ? "&" : sep}${name}=${value}`;
      }),
      `/api/articles/${value}`,
      `/api/entities/${value}`,
      `/api/stories/${value}`,
    ];
    for (const url of urls) {
      const r = await app.inject({ url });
      seen.set(r.statusCode, (seen.get(r.statusCode) ?? 0) + 1);
      assert.ok(
        [200, 400, 404].includes(r.statusCode),
        `${url.slice(0, 120)} → ${r.statusCode} ${r.body.slice(0, 200)}`,
      );
      const body = r.json();
      if (r.statusCode !== 200) assert.ok(body.error.code && body.error.message);
      assert.doesNotMatch(r.body, /<script>/, "input never comes back unescaped");
    }
    const posted = await app.inject({
      method: "POST",
      url: "/api/process",
      payload: { text: attack, title: attack, url: attack.slice(0, 3000) },
    });
    assert.ok([200, 400].includes(posted.statusCode), `process ${attack.slice(0, 40)} → ${posted.statusCode}`);
  }
  assert.deepEqual(tableCounts(sample.path), before, "no table changed");
  const still = await app.inject({ url: `/api/articles/${REFERENCE_ID}` });
  assert.equal(still.statusCode, 200);
  // Both outcomes occur: the attacks are really exercising validation and the store, not all bouncing off one check.
  assert.ok((seen.get(200) ?? 0) > 0 && (seen.get(400) ?? 0) > 0, JSON.stringify([...seen]));
});

test("the UI is served at /, with index.html for page URLs that accept HTML, and JSON 404s otherwise", async () => {
  const root = await app.inject({ url: "/", headers: { accept: "text/html" } });
  assert.equal(root.statusCode, 200);
  assert.match(String(root.headers["content-type"]), /^text\/html/);
  assert.match(root.body, /<script src="\/assets\/app.js">/);
  const asset = await app.inject({ url: "/assets/app.js" });
  assert.equal(asset.statusCode, 200);
  assert.match(String(asset.headers["content-type"]), /javascript/);
  const page = await app.inject({ url: "/article/abc?x=1", headers: { accept: "text/html,application/xhtml+xml" } });
  assert.equal(page.statusCode, 200);
  assert.equal(page.body, root.body);
  // A missing asset, or an API path, never gets the page.
  const missing = await app.inject({ url: "/assets/nope.js", headers: { accept: "*/*" } });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, "not_found");
  const api = await app.inject({ url: "/api/nope", headers: { accept: "text/html" } });
  assert.equal(api.statusCode, 404);
  assert.match(String(api.headers["content-type"]), /^application\/json/);
  // Dotfiles stay hidden.
  const dot = await app.inject({ url: "/.env", headers: { accept: "*/*" } });
  assert.notEqual(dot.statusCode, 200);
  for (const r of [root, asset, page, missing, dot]) {
    assert.match(String(r.headers["content-security-policy"]), /script-src 'self'/);
    assert.equal(r.headers["x-content-type-options"], "nosniff");
    assert.equal(r.headers["x-powered-by"], undefined);
  }
});

const TRAVERSALS = [
  "/..%2fsecret.txt",
  "/..%2f..%2fpackage.json",
  "/%2e%2e/secret.txt",
  "/%2e%2e%2fsecret.txt",
  "/%252e%252e%252fsecret.txt",
  "/..%252fsecret.txt",
  "/assets/..%2f..%2fsecret.txt",
  "/assets/%2e%2e/%2e%2e/secret.txt",
  "/..%5csecret.txt",
  "/..\\secret.txt",
  "/%c0%ae%c0%ae/secret.txt",
  "/....//secret.txt",
  "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
  "/../../../../etc/passwd",
  "/assets/../../secret.txt",
  "/.env",
  "/%2eenv",
];

/** Raw GET over a socket: the path goes out byte for byte, no client-side normalization. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: "GET", headers: { accept: "*/*", ...headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("no path traversal: encoded and double-encoded dot segments never leave the web root (in-process and over a socket)", async () => {
  for (const path of TRAVERSALS) {
    for (const accept of ["*/*", "text/html"]) {
      const r = await app.inject({ url: path, headers: { accept } });
      assert.doesNotMatch(
        r.body,
        /SECRET-OUTSIDE-WEBROOT|hidden-dotfile|"name": "khabar"|root:x:0/,
        `${path}: ${r.statusCode}`,
      );
      assert.ok(r.statusCode !== 500, path);
      if (r.statusCode === 200) assert.match(r.body, /<!doctype html>/, `${path}: only the UI page may answer 200`);
    }
  }
  const server = buildApp({ store: sample.store, webRoot: web });
  await server.listen({ host: "127.0.0.1", port: 0 });
  try {
    const address = server.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    for (const path of TRAVERSALS) {
      const r = await rawGet(port, path);
      assert.doesNotMatch(
        r.body,
        /SECRET-OUTSIDE-WEBROOT|hidden-dotfile|"name": "khabar"|root:x:0/,
        `${path}: ${r.status}`,
      );
      assert.ok(r.status !== 500 && r.status !== 200, `${path} → ${r.status}`);
    }
  } finally {
    await server.close();
  }
});

test("khabar serve's server over loopback: answers the API, refuses foreign Host headers, closes the store on close", async () => {
  const store = await openStore(sample.path);
  const running = await serve({ store, host: "127.0.0.1", port: 0, webRoot: web });
  let closed = false;
  try {
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(`${running.url}api/search?q=${encodeURIComponent("العراق")}&facets=site`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as { items: { id: string }[] };
    assert.ok(body.items.some((h) => h.id === REFERENCE_ID));
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    const page = await fetch(`${running.url}story/1`, { headers: { accept: "text/html" } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<!doctype html>/);
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still names its own host.
    const port = Number(new URL(running.url).port);
    const rebound = await rawGet(port, "/api/health", { host: `evil.example:${port}` });
    assert.equal(rebound.status, 403);
    assert.equal(JSON.parse(rebound.body).error.code, "forbidden_host");
    const named = await rawGet(port, "/api/health", { host: `localhost:${port}` });
    assert.equal(named.status, 200);
    await running.close();
    closed = true;
    await assert.rejects(() => store.stats(), "the store was closed after the server");
    await assert.rejects(() => fetch(`${running.url}api/health`));
  } finally {
    if (!closed) await running.close();
  }
});
