// Relevance evaluation of khabar search (issue 8): the judged queries in data/eval/search-queries.json run through
// khabar's SQLite store (our analyzer's terms, BM25 with title boost) and through SQLite FTS5 with its stock
// unicode61 tokenizer on the raw title + content (the baseline), on the same articles. Reports precision@10 and recall
// of the judged relevant articles (all results, up to 1,000) per query and on average.
//
//   npx tsx scripts/eval-search.ts [--records FILE.jsonl] [--jobs N]
//
// Needs ../shared (the corpus). --records reuses `khabar process` output (with tokens) for the same subset
// (every 9th article) instead of running the pipeline again.
import { createReadStream, readFileSync } from "node:fs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import Database from "better-sqlite3";
import type { DocRecord } from "../src/model/record.ts";
import { processRecords } from "../src/run/process-inputs.ts";
import { parseQuery } from "../src/search/query.ts";
import { openSqliteStore } from "../src/store/sqlite.ts";

const { values: args } = parseArgs({ options: { records: { type: "string" }, jobs: { type: "string" } } });
const judged = JSON.parse(readFileSync(new URL("../data/eval/search-queries.json", import.meta.url), "utf8")) as {
  subset: { every: number };
  queries: { q: string; relevant: string[] }[];
};
const corpus = new URL("../../shared/corpus/saudinewsnet/articles.jsonl.gz", import.meta.url);

// The subset, raw (for the baseline) and as JSONL input for the pipeline.
const raw: { id: string; source: string; date_extracted?: string; title: string; content: string }[] = [];
let n = 0;
for await (const line of createInterface({ input: createReadStream(corpus).pipe(createGunzip()) })) {
  if (n++ % judged.subset.every === 0) raw.push(JSON.parse(line));
}
const dir = mkdtempSync(join(tmpdir(), "khabar-eval-search-"));
const store = await openSqliteStore(join(dir, "khabar.db"));
let records = 0;
const put = async (batch: DocRecord[]) => {
  await store.put(batch);
  records += batch.length;
};
const batch: DocRecord[] = [];
if (args.records) {
  for await (const line of createInterface({ input: createReadStream(args.records) })) {
    if (!line.trim()) continue;
    batch.push(JSON.parse(line) as DocRecord);
    if (batch.length >= 500) await put(batch.splice(0));
  }
} else {
  const input = join(dir, "subset.jsonl");
  writeFileSync(input, `${raw.map((r) => JSON.stringify(r)).join("\n")}\n`);
  const jobs = args.jobs === undefined ? {} : { jobs: Number(args.jobs) };
  for await (const r of processRecords([input], { ...jobs, record: { raw: false, tokens: true } })) {
    batch.push(JSON.parse(r.line) as DocRecord);
    if (batch.length >= 500) await put(batch.splice(0));
  }
}
await put(batch);

// Baseline: FTS5, stock tokenizer, raw text.
const base = new Database(":memory:");
base.exec(
  "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61'); CREATE TABLE meta (n INTEGER PRIMARY KEY, id TEXT, site TEXT, day TEXT)",
);
const insF = base.prepare("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)");
const insM = base.prepare("INSERT INTO meta (n, id, site, day) VALUES (?, ?, ?, ?)");
base.transaction(() => {
  raw.forEach((r, i) => {
    insF.run(i + 1, r.title, r.content);
    insM.run(i + 1, r.id, r.source, r.date_extracted?.slice(0, 10) ?? null);
  });
})();

function baseline(q: string): string[] {
  // The same query language, words as typed (no analysis): what a user of stock FTS5 gets.
  const parsed = parseQuery(q);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const atom = (text: string) => quote(text.replace(/^-/, ""));
  const must = parsed.must.map((g) =>
    g.any.length === 1 ? atom(g.any[0]!.text) : `(${g.any.map((a) => atom(a.text)).join(" OR ")})`,
  );
  let match = must.join(" AND ");
  if (parsed.not.length) match += ` NOT (${parsed.not.map((a) => atom(a.text)).join(" OR ")})`;
  const where: string[] = [];
  const params: (string | number)[] = [match];
  for (const f of parsed.filters) {
    if (f.field === "site") {
      where.push("m.site = ?");
      params.push(f.value);
    } else if (f.field === "date") {
      if (f.from) {
        where.push("m.day >= ?");
        params.push(f.from);
      }
      if (f.to) {
        where.push("m.day <= ?");
        params.push(f.to);
      }
    }
  }
  const sql = `SELECT m.id FROM fts JOIN meta m ON m.n = fts.rowid WHERE fts MATCH ? ${where.map((w) => `AND ${w}`).join(" ")} ORDER BY bm25(fts, 3.0, 1.0) LIMIT 1000`;
  try {
    return (base.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id);
  } catch {
    return [];
  }
}

async function ours(q: string): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; offset < 1000; offset += 100) {
    const res = await store.search({ q, limit: 100, offset, allCopies: true });
    out.push(...res.items.map((h) => h.id));
    if (offset + 100 >= res.total) break;
  }
  return out;
}

const score = (got: string[], relevant: Set<string>) => {
  const top = got.slice(0, 10).filter((id) => relevant.has(id)).length;
  const found = got.filter((id) => relevant.has(id)).length;
  return {
    p10: top / 10,
    p10_possible: Math.min(10, relevant.size) / 10,
    recall: relevant.size ? found / relevant.size : 1,
    results: got.length,
  };
};

const rows: Record<string, unknown>[] = [];
const sum = { ours: { p10: 0, recall: 0 }, stock: { p10: 0, recall: 0 }, possible: 0 };
for (const { q, relevant } of judged.queries) {
  const rel = new Set(relevant);
  const a = score(await ours(q), rel);
  const b = score(baseline(q), rel);
  sum.ours.p10 += a.p10;
  sum.ours.recall += a.recall;
  sum.stock.p10 += b.p10;
  sum.stock.recall += b.recall;
  sum.possible += a.p10_possible;
  rows.push({
    q,
    relevant: rel.size,
    ours_p10: a.p10,
    ours_recall: round(a.recall),
    ours_results: a.results,
    stock_p10: b.p10,
    stock_recall: round(b.recall),
    stock_results: b.results,
  });
}
const k = judged.queries.length;
console.table(rows);
console.log(
  JSON.stringify(
    {
      articles: records,
      queries: k,
      khabar: { p_at_10: round(sum.ours.p10 / k), recall: round(sum.ours.recall / k) },
      fts5_unicode61: { p_at_10: round(sum.stock.p10 / k), recall: round(sum.stock.recall / k) },
      best_possible_p_at_10: round(sum.possible / k),
    },
    null,
    2,
  ),
);
await store.close();
base.close();
rmSync(dir, { recursive: true, force: true });

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
