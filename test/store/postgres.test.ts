// The shared store suite against a throwaway PostgreSQL (skipped when PostgreSQL is not installed, except
// on CI), plus what is PostgreSQL's own: migrations under concurrent openers.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { groupStoredStories } from "../../src/cluster/group-stored-stories.ts";
import { MIGRATIONS } from "../../src/store/pg-schema.ts";
import { openPostgresStore, type PostgresStore } from "../../src/store/postgres.ts";
import { openStore } from "../../src/store/open-store.ts";
import { findPgBin, type PgCluster, startPgCluster } from "../helpers/pg-cluster.ts";
import { fixtureRecords, storeSuite } from "./store-suite.ts";

let cluster: PgCluster | null = null;
let n = 0;

// A fresh database per open: the suite expects an empty store.
async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster!.url });
  await admin.connect();
  const name = `suite_${process.pid}_${n++}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster!.url.replace(/\/[^/]+$/, `/${name}`);
}

before(async () => {
  cluster = await startPgCluster();
});
after(async () => {
  await cluster?.stop();
});

// Without PostgreSQL installed the suite is skipped (startPgCluster throws on CI instead).
if (findPgBin() || process.env.CI)
  describe("postgres", () => {
    storeSuite("postgres", async () => openStore(await freshDatabase()));
  });
else test("store contract: postgres", (t) => t.skip("PostgreSQL is not installed"));

test("concurrent openers migrate once, in order", async (t) => {
  if (!cluster) return t.skip("PostgreSQL is not installed");
  const url = await freshDatabase();
  const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStore(url, { poolSize: 2 })));
  const pool = (stores[0] as PostgresStore).pool;
  const rows = (await pool.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version);
  assert.deepEqual(rows, MIGRATIONS.map((m) => m.version));
  await Promise.all(stores.map((s) => s.close()));
});

test("stories written by a grouping pass are listed with their members", async (t) => {
  if (!cluster) return t.skip("PostgreSQL is not installed");
  const store = (await openPostgresStore(await freshDatabase())) as PostgresStore;
  await store.put(fixtureRecords());
  await store.putStories([
    {
      id: "s1",
      label: "مساعدات سعودية إلى ألبانيا",
      label_article: "aawsat-54f5c6fd24",
      articles: ["aawsat-54f5c6fd24", "copy-of-aawsat-54f5c6fd24"],
    },
  ]);
  const page = await store.stories({ q: "ألبانيا" });
  assert.equal(page.total, 1);
  assert.equal(page.items[0]!.articles, 2);
  assert.equal(page.items[0]!.sites, 2);
  const story = await store.story("s1");
  assert.deepEqual(story!.members.map((m) => m.id), ["aawsat-54f5c6fd24", "copy-of-aawsat-54f5c6fd24"]);
  assert.ok(story!.members[0]!.figures.some((f) => f.value === 180));
  assert.equal((await store.get("aawsat-54f5c6fd24"))!.story_id, "s1");
  assert.equal((await store.stories({ q: "العراق" })).total, 0);
  await store.close();
});

test("the story pass groups stored articles; a copy joins its original's story", async (t) => {
  if (!cluster) return t.skip("PostgreSQL is not installed");
  const store = (await openPostgresStore(await freshDatabase())) as PostgresStore;
  await store.put(fixtureRecords());
  const r = await groupStoredStories(store);
  assert.equal(r.articles, fixtureRecords().filter((x) => x.status !== "rejected").length);
  const original = await store.get("aawsat-54f5c6fd24");
  const copy = await store.get("copy-of-aawsat-54f5c6fd24");
  assert.ok(original!.story_id);
  assert.equal(copy!.story_id, original!.story_id);
  const story = await store.story(original!.story_id!);
  assert.ok(story!.members.some((m) => m.id === "copy-of-aawsat-54f5c6fd24"));
  assert.equal((await store.stats()).stories, r.stories);
  await store.close();
});
