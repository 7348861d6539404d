import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/types.ts";
import { REFERENCE_ID } from "./sample-store.ts";

// POST /api/process runs the pipeline on a worker thread, with a queue cap and a timeout.

const raw = readFileSync(new URL(`../../samples/articles/${REFERENCE_ID}.txt`, import.meta.url), "utf8");
let dir: string;
let store: Store;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "khabar-process-"));
  store = await openStore(join(dir, "empty.db"));
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a large posted document does not hold up other requests: they answer while it is processed", async () => {
  const app = buildApp({ store, webRoot: join(dir, "no-web") });
  try {
    // Start the worker first, so the order below is about the document, not about start-up.
    assert.equal((await app.inject({ method: "POST", url: "/api/process", payload: { text: raw } })).statusCode, 200);
    const big = Array.from({ length: 60 }, () => raw).join("\n");
    const order: string[] = [];
    const processing = app
      .inject({ method: "POST", url: "/api/process", payload: { text: big, tokens: false } })
      .then((r) => {
        order.push("process");
        return r;
      });
    const health = app.inject({ url: "/api/health" }).then((r) => {
      order.push("health");
      return r;
    });
    const [p, h] = await Promise.all([processing, health]);
    assert.equal(h.statusCode, 200);
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().status, "ok");
    assert.deepEqual(order, ["health", "process"]);
  } finally {
    await app.close();
  }
});

test("more documents than the queue holds are answered 503 busy; a document over the time limit 503 timeout", async () => {
  const busy = buildApp({ store, webRoot: join(dir, "no-web"), limits: { processPending: 1 } });
  try {
    const [a, b] = await Promise.all([
      busy.inject({ method: "POST", url: "/api/process", payload: { text: raw } }),
      busy.inject({ method: "POST", url: "/api/process", payload: { text: raw } }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 503]);
    const refused = a.statusCode === 503 ? a : b;
    assert.equal(refused.json().error.code, "busy");
  } finally {
    await busy.close();
  }
  // 1 ms is less than any document (or the worker's start) takes.
  const slow = buildApp({ store, webRoot: join(dir, "no-web"), limits: { processTimeoutMs: 1 } });
  try {
    const r = await slow.inject({ method: "POST", url: "/api/process", payload: { text: raw } });
    assert.equal(r.statusCode, 503, r.body);
    assert.equal(r.json().error.code, "timeout");
    // The stuck worker was replaced: the next document gets a fresh one (and times out the same way, not "busy").
    const again = await slow.inject({ method: "POST", url: "/api/process", payload: { text: raw } });
    assert.equal(again.json().error.code, "timeout");
  } finally {
    await slow.close();
  }
});
