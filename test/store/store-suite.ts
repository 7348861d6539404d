// The store contract's test suite, independent of the engine: SQLite runs it in
// test/store/sqlite.test.ts, PostgreSQL in its own test file. Fixture records come from the real
// pipeline run on the bundled sample (samples/articles, with samples/index.jsonl metadata), so the
// suite needs nothing outside the repository.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { DedupIndex } from "../../src/dedupe/dedup-index.ts";
import { dedupeRecord } from "../../src/dedupe/dedupe-records.ts";
import { type DocRecord, toRecord } from "../../src/model/record.ts";
import { createPipeline, runPipeline } from "../../src/run/pipeline.ts";
import { rejectedDoc } from "../../src/run/process-item.ts";
import { MAX_PAGE_SIZE, QueryError, type SearchHit, type Store } from "../../src/store/types.ts";

const SAMPLES = new URL("../../samples/", import.meta.url);

/** The copy the suite adds: the same agency story re-posted by another site two days later. */
export const COPY_ID = "copy-of-aawsat-54f5c6fd24";
const COPIED = "aawsat-54f5c6fd24";

let cached: DocRecord[] | undefined;

/**
 * Records of the bundled sample through the real pipeline, with their sites,
 * titles, URLs and dates, plus one re-posted copy; marked by dedup in order.
 */
export function fixtureRecords(): DocRecord[] {
  if (cached) return structuredClone(cached);
  const meta = new Map<string, Record<string, string>>();
  for (const line of readFileSync(new URL("index.jsonl", SAMPLES), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as Record<string, string>;
    meta.set(m.id!, m);
  }
  const stages = createPipeline();
  const files = readdirSync(new URL("articles/", SAMPLES))
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const records: DocRecord[] = [];
  const index = new DedupIndex();
  const add = (id: string, raw: string, source: Record<string, string>) => {
    const record = toRecord(runPipeline(stages, { id, raw, source }));
    dedupeRecord(index, record);
    records.push(record);
  };
  for (const f of files) {
    const id = f.replace(/\.txt$/, "");
    const m = meta.get(id);
    const raw = readFileSync(new URL(`articles/${f}`, SAMPLES), "utf8");
    const source: Record<string, string> = { path: `samples/articles/${f}` };
    if (m) {
      source.site = m.source!;
      source.url = m.url!;
      source.title = m.title!;
      source.date = m.date_extracted!;
    }
    add(id, raw, source);
  }
  const original = records.find((r) => r.id === COPIED)!;
  add(COPY_ID, original.raw as string, {
    site: "sabq",
    title: original.source.title as string,
    date: "2015-08-11 10:00:00",
  });
  // A rejected input (as a reader rejects an undecodable file): the store keeps it for the report, never in search.
  records.push(toRecord(rejectedDoc("unreadable-page", { site: "sabq" }, "bad_encoding", "not text")));
  cached = records;
  return structuredClone(records);
}

const ids = (hits: readonly SearchHit[]) => hits.map((h) => h.id);

async function expectQueryError(run: () => Promise<unknown>, code?: string): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(
      e instanceof QueryError || (e as Error)?.name === "QueryError",
      `expected a QueryError, got ${String(e)}`,
    );
    if (code) assert.equal((e as QueryError).code, code);
    return true;
  });
}

/**
 * The backend-independent store suite.
 *
 * @param name engine name, for test titles
 * @param open opens an empty store
 */
export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let records: DocRecord[];
    const byId = (id: string) => records.find((r) => r.id === id)!;

    before(async () => {
      records = fixtureRecords();
      store = await open();
      const result = await store.put(records);
      assert.equal(result.inserted + result.rejected, records.length);
    });
    after(async () => {
      await store?.close();
    });

    test("put then get gives the record back, with copies and story", async () => {
      const r = byId("000_1f433a90f6971253");
      const got = await store.get(r.id);
      assert.ok(got);
      assert.deepEqual(got.record, JSON.parse(JSON.stringify(r)));
      assert.equal(got.story_id === null || typeof got.story_id === "string", true);
      assert.equal(await store.get("no-such-article"), null);
      const orig = await store.get(COPIED);
      assert.deepEqual(
        orig!.copies.map((c) => c.id),
        [COPY_ID],
      );
      assert.equal(orig!.copies[0]!.kind, "exact");
      const copy = await store.get(COPY_ID);
      assert.equal(copy!.record.status, "duplicate");
      assert.deepEqual(
        copy!.copies.map((c) => [c.id, c.kind]),
        [[COPIED, "original"]],
      );
    });

    test("put is idempotent by id and content", async () => {
      const again = await store.put(fixtureRecords());
      assert.equal(again.inserted, 0);
      assert.equal(again.replaced, 0);
      assert.equal(again.unchanged, records.length - again.rejected);
      const stats = await store.stats();
      assert.equal(stats.articles, records.length);
    });

    test("a changed article replaces all its rows", async () => {
      const stages = createPipeline();
      const id = "replace-me";
      const first = toRecord(
        runPipeline(stages, {
          id,
          raw: "زار وفد من هيئة السياحة حديقة الزرافات في مدينة تبوك يوم أمس لبحث مشاريع الفنادق الجديدة في المنطقة الشمالية.",
          source: { site: "test" },
        }),
      );
      const second = toRecord(
        runPipeline(stages, {
          id,
          raw: "افتتحت جامعة الملك سعود مختبرا جديدا لأبحاث البطاريق والطاقة الشمسية بحضور عدد من الباحثين والطلاب.",
          source: { site: "test" },
        }),
      );
      assert.equal((await store.put([first])).inserted, 1);
      assert.deepEqual(ids((await store.search({ q: "الزرافات تبوك" })).items), [id]);
      const r = await store.put([second]);
      assert.equal(r.replaced, 1);
      assert.equal((await store.search({ q: "الزرافات" })).total, 0);
      assert.deepEqual(ids((await store.search({ q: "البطاريق" })).items), [id]);
      assert.equal((await store.get(id))!.record.text, second.text);
    });

    test("Arabic variants: clitics, spelling, hamza seats, diacritics, taa marbuta typed as haa", async () => {
      // 3alyoum-071abff1e4 writes أمريكي only; the query spells it أميركيين with the article.
      assert.ok(!byId("3alyoum-071abff1e4").text.includes("أميرك"));
      assert.ok(ids((await store.search({ q: "الأميركيين", limit: 50 })).items).includes("3alyoum-071abff1e4"));
      // والعراق and العراق find the same articles.
      const a = ids((await store.search({ q: "العراق", limit: 50 })).items).sort();
      const b = ids((await store.search({ q: "والعراق", limit: 50 })).items).sort();
      assert.ok(a.includes("000_1f433a90f6971253"));
      assert.deepEqual(a, b);
      // Diacritics fold.
      assert.deepEqual(ids((await store.search({ q: "العِرَاقِ", limit: 50 })).items).sort(), a);
      // مسؤول finds مسئول.
      assert.ok(!byId("almadina-033d48f39c").text.includes("مسؤول"));
      assert.ok(ids((await store.search({ q: "مسؤول", limit: 50 })).items).includes("almadina-033d48f39c"));
      // السعوديه (ه typed for ة) finds السعودية.
      assert.ok(ids((await store.search({ q: "السعوديه", limit: 50 })).items).includes("aawsat-54f5c6fd24"));
    });

    test("ranking puts title matches first; snippets highlight the words as written", async () => {
      const res = await store.search({ q: "ألبانيا" });
      assert.ok(res.total >= 1);
      const top = res.items[0]!;
      assert.equal(top.id, COPIED, "one hit per group of copies: the original");
      assert.ok(top.score > 0);
      assert.ok(top.highlights.length > 0);
      for (const [s, e] of top.highlights) assert.match(top.snippet.slice(s, e), /ألبانيا/);
    });

    test("phrases match consecutive words only", async () => {
      const text = byId("000_1f433a90f6971253").text;
      assert.ok(text.includes("الولايات المتحدة"));
      const hits = ids((await store.search({ q: '"الولايات المتحدة"', limit: 50 })).items);
      assert.ok(hits.includes("000_1f433a90f6971253"));
      for (const id of hits)
        assert.match(byId(id).text + (byId(id).source.title ?? ""), /ال?ولايات ال?متحدة|الولايات المتحدة/);
      const reversed = ids((await store.search({ q: '"المتحدة الولايات"', limit: 50 })).items);
      assert.ok(!reversed.includes("000_1f433a90f6971253"));
    });

    test("exclusion and OR", async () => {
      const iraq = ids((await store.search({ q: "العراق", limit: 50 })).items);
      const withoutSyria = ids((await store.search({ q: "العراق -سوريا", limit: 50 })).items);
      assert.ok(!withoutSyria.includes("000_1f433a90f6971253"), "the reference article mentions سوريا");
      assert.ok(withoutSyria.every((id) => iraq.includes(id)));
      const either = (await store.search({ q: "ألبانيا OR تيرانا OR العراق", limit: 50 })).total;
      const albania = (await store.search({ q: "ألبانيا", limit: 50 })).total;
      assert.ok(either >= albania + 1);
      const onlyNot = (await store.search({ q: "-العراق", limit: 100 })).items;
      assert.ok(onlyNot.length > 0 && !ids(onlyNot).includes("000_1f433a90f6971253"));
    });

    test("filters: entity (id and name), site, date, lang, has:quote", async () => {
      const byEntity = ids((await store.search({ q: "entity:gpe:iraq", limit: 50 })).items);
      assert.ok(byEntity.includes("000_1f433a90f6971253"));
      const byName = ids((await store.search({ q: "entity:العراق", limit: 50 })).items).sort();
      assert.deepEqual(byName, [...byEntity].sort());
      const site = await store.search({ q: "site:aawsat", limit: 50 });
      assert.ok(site.total >= 3);
      for (const h of site.items) assert.equal(h.site, "aawsat");
      const dated = byId("aawsat-54f5c6fd24").source.date as string;
      const day = dated.slice(0, 10);
      const onDay = await store.search({ q: `date:${day}`, limit: 100 });
      assert.ok(ids(onDay.items).includes("aawsat-54f5c6fd24"));
      for (const h of onDay.items) assert.equal(h.date!.slice(0, 10), day);
      const expectedOnDay = new Set(
        records.filter((r) => r.status === "ok" && String(r.source.date ?? "").startsWith(day)).map((r) => r.id),
      );
      assert.equal(onDay.total, expectedOnDay.size);
      assert.equal((await store.search({ q: "date:1990..1991" })).total, 0);
      assert.ok((await store.search({ q: "lang:ar" })).total > 20);
      assert.equal((await store.search({ q: "lang:en" })).total, 0);
      const quoted = ids((await store.search({ q: "has:quote", limit: 100 })).items);
      assert.ok(!quoted.includes("arreyadi-09e8de03c2"), "an article with no quotes");
      assert.ok(quoted.includes("000_1f433a90f6971253"));
    });

    test("filters: speaker, unit and value, mentioned dates", async () => {
      const spoke = ids((await store.search({ q: "speaker:مسؤول", limit: 50 })).items);
      assert.ok(spoke.includes("000_1f433a90f6971253"), "قال مسؤول حكومي عراقي كبير");
      const troops = ids((await store.search({ q: "unit:جندي value>1000", limit: 50 })).items);
      assert.ok(troops.includes("000_1f433a90f6971253"), "2500 جندي");
      assert.ok(
        !ids((await store.search({ q: "unit:جندي value>5000", limit: 50 })).items).includes("000_1f433a90f6971253"),
      );
      assert.ok(
        ids((await store.search({ q: "unit:person value:2000..3000", limit: 50 })).items).includes(
          "000_1f433a90f6971253",
        ),
      );
      // almadina-2215133250 mentions 2015-06-21.
      assert.ok((byId("almadina-2215133250").dates as { value: string }[]).some((d) => d.value === "2015-06-21"));
      const mentions = ids((await store.search({ q: "mentions:2015-06-21", limit: 50 })).items);
      assert.ok(mentions.includes("almadina-2215133250"));
      assert.ok(ids((await store.search({ q: "mentions:2015-06", limit: 50 })).items).includes("almadina-2215133250"));
      assert.ok(
        !ids((await store.search({ q: "mentions:2015-06-22..2015-06-30", limit: 50 })).items).includes(
          "almadina-2215133250",
        ),
      );
    });

    test("facets count the matches", async () => {
      const res = await store.search({ q: "السعودية", facets: ["entity", "speaker", "site", "date", "unit", "lang"] });
      assert.ok(res.total > 0);
      const sites = res.facets.site!;
      assert.equal(
        sites.reduce((s, f) => s + f.count, 0),
        res.total,
      );
      assert.equal(res.facets.lang!.find((f) => f.value === "ar")?.count, res.total);
      assert.ok(res.facets.entity!.some((f) => f.value === "gpe:saudi-arabia" && f.label === "Saudi Arabia"));
      for (const f of res.facets.date!) assert.match(f.value, /^\d{4}-\d{2}$/);
      for (const name of ["entity", "speaker", "unit"] as const)
        for (let i = 1; i < res.facets[name]!.length; i++)
          assert.ok(res.facets[name]![i - 1]!.count >= res.facets[name]![i]!.count);
    });

    test("copies collapse by default; allCopies lists them", async () => {
      const collapsed = await store.search({ q: "ألبانيا" });
      assert.ok(!ids(collapsed.items).includes(COPY_ID));
      const hit = collapsed.items.find((h) => h.id === COPIED)!;
      assert.equal(hit.copies, 1);
      const all = await store.search({ q: "ألبانيا", allCopies: true });
      assert.ok(ids(all.items).includes(COPY_ID));
      assert.equal(all.total, collapsed.total + 1);
      assert.equal(all.items.find((h) => h.id === COPY_ID)!.duplicate_of, COPIED);
      assert.ok(ids((await store.search({ q: "has:copies" })).items).includes(COPIED));
    });

    test("quotes by speaker, article and date", async () => {
      const page = await store.quotes({ speaker: "مسؤول" });
      assert.ok(page.total >= 1);
      assert.ok(page.items.some((q) => q.article_id === "000_1f433a90f6971253" && q.speaker!.includes("مسؤول")));
      const ofArticle = await store.quotes({ article: "000_1f433a90f6971253", limit: 100 });
      assert.equal(ofArticle.total, (byId("000_1f433a90f6971253").quotes as unknown[]).length);
      const all = await store.quotes({ limit: 100 });
      for (let i = 1; i < all.items.length; i++)
        assert.ok((all.items[i - 1]!.date ?? "") >= (all.items[i]!.date ?? ""));
      assert.equal((await store.quotes({ from: "2030-01-01" })).total, 0);
    });

    test("entities, one entity in depth", async () => {
      const list = await store.entities({ limit: 10 });
      assert.ok(list.total > 10);
      for (let i = 1; i < list.items.length; i++) assert.ok(list.items[i - 1]!.mentions >= list.items[i]!.mentions);
      const gpe = await store.entities({ type: "GPE", limit: 100 });
      assert.ok(gpe.items.every((e) => e.type === "GPE"));
      const found = await store.entities({ q: "العراق" });
      assert.ok(found.items.some((e) => e.id === "gpe:iraq"));
      const iraq = await store.entity("gpe:iraq");
      assert.ok(iraq);
      assert.equal(iraq.name, "Iraq");
      assert.ok(iraq.aliases.some((a) => a.value === "العراق"));
      assert.ok(iraq.latest.some((h) => h.id === "000_1f433a90f6971253"));
      assert.ok(iraq.cooccurring.length > 0 && iraq.cooccurring.every((c) => c.id !== "gpe:iraq" && c.shared > 0));
      assert.equal(await store.entity("gpe:atlantis"), null);
    });

    test("stories: listing and lookup", async () => {
      const page = await store.stories({});
      assert.equal(page.items.length, Math.min(page.total, page.limit));
      for (const s of page.items) {
        const detail = await store.story(s.id);
        assert.ok(detail);
        assert.equal(detail.members.length, s.articles);
      }
      assert.equal(await store.story("no-such-story"), null);
    });

    test("stats: composition", async () => {
      const s = await store.stats();
      assert.equal(s.articles, s.ok + s.duplicates + s.rejected);
      assert.ok(s.duplicates >= 1);
      assert.ok(s.rejected >= 1);
      assert.ok(s.sites.some((x) => x.value === "aawsat"));
      assert.ok(s.entities.length > 0 && s.speakers.length > 0);
      for (let i = 1; i < s.days.length; i++) assert.ok(s.days[i - 1]!.date < s.days[i]!.date);
      assert.ok(s.rejections.length >= 1);
    });

    test("malformed queries raise QueryError with a code and offset", async () => {
      await expectQueryError(() => store.search({ q: '"مجلس الأمن' }), "unclosed_quote");
      await expectQueryError(() => store.search({ q: "color:red" }), "unknown_field");
      await expectQueryError(() => store.search({ q: "date:2015-13-01" }), "bad_date");
      await expectQueryError(() => store.search({ q: "date:2015-08..2015-07" }), "bad_range");
      await expectQueryError(() => store.search({ q: "value>abc" }), "bad_value");
      await expectQueryError(() => store.search({ q: "العراق OR" }), "dangling_or");
      await expectQueryError(() => store.search({ q: "has:video" }), "bad_has");
      await expectQueryError(() => store.search({ q: "ا".repeat(501) }), "query_too_long");
      await expectQueryError(
        () => store.search({ q: Array.from({ length: 40 }, (_, i) => `كلمة${i}`).join(" ") }),
        "too_many_terms",
      );
      await expectQueryError(() => store.search({ q: "العراق", facets: ["color" as "site"] }), "bad_facet");
      await expectQueryError(() => store.search({ q: "العراق", limit: -1 }), "bad_paging");
      await expectQueryError(() => store.search({ q: "العراق", offset: 1.5 }), "bad_paging");
      await expectQueryError(() => store.quotes({ from: "yesterday" }), "bad_date");
      try {
        await store.search({ q: "site:x speaker:" });
      } catch (e) {
        assert.equal((e as QueryError).code, "empty_value");
        assert.equal((e as QueryError).at, 7);
      }
    });

    test("paging is capped at MAX_PAGE_SIZE", async () => {
      const res = await store.search({ q: "", limit: 1000 });
      assert.equal(res.limit, MAX_PAGE_SIZE);
      assert.ok(res.items.length <= MAX_PAGE_SIZE);
      assert.equal((await store.quotes({ limit: 5000 })).limit, MAX_PAGE_SIZE);
      assert.equal((await store.entities({ limit: 5000 })).limit, MAX_PAGE_SIZE);
      assert.equal((await store.stories({ limit: 5000 })).limit, MAX_PAGE_SIZE);
      const p1 = await store.search({ q: "lang:ar", limit: 5 });
      const p2 = await store.search({ q: "lang:ar", limit: 5, offset: 5 });
      assert.equal(p1.items.length, 5);
      assert.ok(p2.items.every((h) => !ids(p1.items).includes(h.id)));
    });

    test("SQL injection attempts in every string parameter return normally or raise QueryError", async () => {
      const before = await store.stats();
      const attacks = [
        "'; DROP TABLE articles; --",
        '" OR 1=1 --',
        "x') OR ('1'='1",
        "%' UNION SELECT * FROM sqlite_master --",
        "\\'; DELETE FROM quotes; --",
        "NEAR(a b) * ^title:x",
        "\u0000'",
      ];
      const safe = async (run: () => Promise<unknown>) => {
        try {
          await run();
        } catch (e) {
          assert.ok(e instanceof QueryError || (e as Error)?.name === "QueryError", `not a QueryError: ${String(e)}`);
        }
      };
      for (const a of attacks) {
        await safe(() => store.search({ q: a }));
        for (const field of ["entity", "speaker", "site", "unit", "lang", "date", "mentions", "has"])
          await safe(() => store.search({ q: `${field}:"${a.replace(/"/g, "")}"` }));
        await safe(() => store.search({ q: `"${a.replace(/"/g, "")}"` }));
        await safe(() => store.get(a));
        await safe(() => store.quotes({ speaker: a, from: a, to: a, article: a }));
        await safe(() => store.quotes({ speaker: a }));
        await safe(() => store.quotes({ article: a }));
        await safe(() => store.entities({ type: a, q: a }));
        await safe(() => store.entities({ q: a }));
        await safe(() => store.entity(a));
        await safe(() => store.stories({ q: a }));
        await safe(() => store.story(a));
      }
      const afterStats = await store.stats();
      assert.deepEqual(afterStats, before);
      assert.ok((await store.search({ q: "العراق" })).total > 0);
    });
  });
}
