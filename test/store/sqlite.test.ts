import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { openSqliteStore, SCHEMA_VERSION } from "../../src/store/sqlite.ts";
import { defaultDbPath, openStore } from "../../src/store/open-store.ts";
import { fixtureRecords, storeSuite } from "./store-suite.ts";

const dir = mkdtempSync(join(tmpdir(), "khabar-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
storeSuite("sqlite", () => openStore(join(dir, `suite-${n++}.db`)));

test("openStore: a file path opens SQLite in WAL mode; the default path is khabar.db or $KHABAR_DB", async () => {
  const file = join(dir, "wal.db");
  const store = await openStore(file);
  assert.equal(store.engine, "sqlite");
  await store.close();
  const raw = await openSqliteStore(file);
  assert.equal(raw.db.pragma("journal_mode", { simple: true }), "wal");
  assert.equal(raw.getMeta("schema_version"), String(SCHEMA_VERSION));
  await raw.close();
  const saved = process.env.KHABAR_DB;
  delete process.env.KHABAR_DB;
  assert.equal(defaultDbPath(), "khabar.db");
  process.env.KHABAR_DB = "/tmp/elsewhere.db";
  assert.equal(defaultDbPath(), "/tmp/elsewhere.db");
  if (saved === undefined) delete process.env.KHABAR_DB;
  else process.env.KHABAR_DB = saved;
});

test("a new store's folder is made (npm start indexes into out/ on a fresh clone); a read-only open makes none", async () => {
  const file = join(dir, "new", "deeper", "samples.db");
  const store = await openStore(file);
  await store.put(fixtureRecords().slice(0, 2));
  assert.equal((await store.stats()).articles, 2);
  await store.close();
  await assert.rejects(openSqliteStore(join(dir, "absent", "x.db"), { readonly: true }));
  assert.equal(existsSync(join(dir, "absent")), false);
});

test("a store persists across opens, and refuses another schema version", async () => {
  const file = join(dir, "persist.db");
  const a = await openSqliteStore(file);
  await a.put(fixtureRecords().slice(0, 5));
  await a.close();
  const b = await openSqliteStore(file);
  assert.equal((await b.stats()).articles, 5);
  b.setMeta("schema_version", "999");
  await b.close();
  await assert.rejects(() => openSqliteStore(file), /schema 999/);
});

test("put, get and stories on a closed store throw", async () => {
  const store = await openSqliteStore(":memory:");
  await store.close();
  await assert.rejects(() => store.get("x"), /after close/);
});

test("stories written by the index are listed with their members", async () => {
  const store = await openSqliteStore(":memory:");
  const records = fixtureRecords();
  await store.put(records);
  store.putStories([
    {
      id: "s1",
      label: "مساعدات سعودية إلى ألبانيا",
      label_article: "aawsat-54f5c6fd24",
      start: "2015-07-01",
      end: "2015-08-11",
      articles: ["aawsat-54f5c6fd24", "copy-of-aawsat-54f5c6fd24"],
      entities: [{ value: "gpe:albania", label: "Albania", count: 2 }],
      speakers: [],
    },
  ]);
  const page = await store.stories({ q: "ألبانيا" });
  assert.equal(page.total, 1);
  assert.equal(page.items[0]!.articles, 2);
  assert.equal(page.items[0]!.sites, 2);
  const story = await store.story("s1");
  assert.deepEqual(
    story!.members.map((m) => m.id),
    ["aawsat-54f5c6fd24", "copy-of-aawsat-54f5c6fd24"],
  );
  assert.ok(story!.members[0]!.figures.some((f) => f.value === 180));
  assert.equal((await store.get("aawsat-54f5c6fd24"))!.story_id, "s1");
  assert.equal((await store.stories({ q: "العراق" })).total, 0);
  await store.close();
});

test("khabar index marks copies of what earlier runs stored, keeps stories across runs, and is idempotent", async () => {
  const { readFileSync, writeFileSync } = await import("node:fs");
  const { main } = await import("../../src/cli/main.ts");
  const text = (f: string) => readFileSync(new URL(`../../samples/articles/${f}.txt`, import.meta.url), "utf8");
  const line = (id: string, f: string, site: string, date: string) =>
    JSON.stringify({ id, site, date, title: text(f).split("\n")[0]!.slice(0, 60), text: text(f) });
  const day1 = join(dir, "day1.jsonl");
  const day2 = join(dir, "day2.jsonl");
  writeFileSync(
    day1,
    `${line("a1", "aawsat-54f5c6fd24", "aawsat", "2015-07-21")}\n${line("b1", "okaz-18d65cb136", "okaz", "2015-07-21")}\n`,
  );
  writeFileSync(
    day2,
    `${line("a2", "aawsat-54f5c6fd24", "sabq", "2015-07-22")}\n${line("c2", "alriyadh-e309a33fde", "alriyadh", "2015-07-22")}\n`,
  );
  const db = join(dir, "index.db");
  assert.equal(await main(["index", day1, "--db", db, "-j", "0", "-q"]), 0);
  assert.equal(await main(["index", day2, "--db", db, "-j", "0", "-q"]), 0);
  const store = await openSqliteStore(db);
  const copy = await store.get("a2");
  assert.equal(copy!.record.status, "duplicate");
  assert.equal(copy!.record.duplicate_of, "a1");
  const stats = await store.stats();
  assert.deepEqual([stats.articles, stats.ok, stats.duplicates], [4, 3, 1]);
  // The copy joined its original's story.
  const a1 = await store.get("a1");
  assert.ok(a1!.story_id);
  assert.equal(copy!.story_id, a1!.story_id);
  assert.ok(stats.stories >= 1);
  assert.ok(store.getMeta("story_state"));
  await store.close();
  // Again: nothing changes.
  assert.equal(await main(["index", day1, day2, "--db", db, "-j", "0", "-q"]), 0);
  const again = await openSqliteStore(db);
  const s2 = await again.stats();
  assert.deepEqual([s2.articles, s2.ok, s2.duplicates, s2.stories], [4, 3, 1, stats.stories]);
  assert.equal((await again.get("a2"))!.record.duplicate_of, "a1");
  await again.close();
});
