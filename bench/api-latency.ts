/**
 * Latency of `GET /api/search` on the bundled sample (30 articles indexed into a
 * temporary SQLite store): the store call alone, through fastify's `inject`
 * (in-process, no socket) and over loopback HTTP with keep-alive, interleaved
 * in one run so that load on the machine hits all three alike.
 *
 *   node --import tsx bench/api-latency.ts [--rounds 200]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/server/app.ts";
import { indexInputs } from "../src/store/index-inputs.ts";
import { openStore } from "../src/store/open-store.ts";

const roundsArg = process.argv.indexOf("--rounds");
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 200;
const QUERIES = [
  "العراق",
  "والعراق",
  "الولايات المتحدة",
  '"الولايات المتحدة"',
  "السعودية",
  "وزير الخارجية",
  "جندي",
  "الأمير",
];
const FACETS = ["entity", "speaker", "site", "date"] as const;

const dir = mkdtempSync(join(tmpdir(), "khabar-api-bench-"));
const store = await openStore(join(dir, "bench.db"));
const indexed = await indexInputs([new URL("../samples/articles/", import.meta.url).pathname], store, { jobs: 0 });
const app = buildApp({ store, webRoot: join(dir, "no-web") });
await app.listen({ host: "127.0.0.1", port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

const times = { store: [] as number[], inject: [] as number[], loopback: [] as number[] };
// CPU time per call (this process: for loopback that is server and client): unlike wall time, it does not
// count the waits for a core that a loaded machine adds to every event-loop turn.
const cpu = { store: 0, inject: 0, loopback: 0 };
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const url = (q: string) => `/api/search?q=${encodeURIComponent(q)}&facets=${FACETS.join(",")}&limit=20`;
// Warm-up: statement caches, JIT.
for (const q of QUERIES) {
  await store.search({ q, facets: FACETS, limit: 20 });
  await app.inject({ url: url(q) });
  await (await fetch(base + url(q))).arrayBuffer();
}
for (let i = 0; i < rounds; i++) {
  const q = QUERIES[i % QUERIES.length]!;
  let t = performance.now();
  let c = cpuNow();
  await store.search({ q, facets: FACETS, limit: 20 });
  times.store.push(performance.now() - t);
  cpu.store += cpuNow() - c;
  t = performance.now();
  c = cpuNow();
  const r = await app.inject({ url: url(q) });
  if (r.statusCode !== 200) throw new Error(`${q}: ${r.statusCode} ${r.body}`);
  times.inject.push(performance.now() - t);
  cpu.inject += cpuNow() - c;
  t = performance.now();
  c = cpuNow();
  const f = await fetch(base + url(q));
  await f.arrayBuffer();
  if (f.status !== 200) throw new Error(`${q}: ${f.status}`);
  times.loopback.push(performance.now() - t);
  cpu.loopback += cpuNow() - c;
}
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
console.log(
  `articles indexed: ${indexed.put.inserted}; ${rounds} rounds over ${QUERIES.length} queries, facets ${FACETS.join(",")}`,
);
for (const [name, xs] of Object.entries(times)) {
  const cpuMs = cpu[name as keyof typeof cpu] / rounds;
  console.log(
    `${name.padEnd(9)} wall p50 ${pct(xs, 50).toFixed(2)} ms  p95 ${pct(xs, 95).toFixed(2)} ms  mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2)} ms  cpu/call ${cpuMs.toFixed(2)} ms`,
  );
}
console.log(
  `CPU overhead over the store call: inject +${((cpu.inject - cpu.store) / rounds).toFixed(2)} ms, loopback +${((cpu.loopback - cpu.store) / rounds).toFixed(2)} ms per request`,
);
