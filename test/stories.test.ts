import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { type DocRecord, toRecord } from "../src/model/record.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";
import { groupRecords } from "../src/stories/group-records.ts";
import { StoryGrouper, type StoryInput, type StoryState, storyInputOf } from "../src/stories/group-stories.ts";

const stages = createPipeline();
const record = (id: string, raw: string, date: string, title?: string): DocRecord =>
  toRecord(runPipeline(stages, { id, raw, source: { date, ...(title ? { title } : {}) } }), { raw: false });

// The bundled sample: 30 real articles on unrelated events, the background the fixtures are grouped against.
const samples = new URL("../samples/articles/", import.meta.url);
const background = readdirSync(samples)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f, i) => record(f.replace(/\.txt$/, ""), readFileSync(new URL(f, samples), "utf8"), `2015-08-0${1 + (i % 3)}`));
const fixtures = new URL("fixtures/stories/", import.meta.url);
const fixture = (name: string, date: string, title?: string) =>
  record(name, readFileSync(new URL(`${name}.txt`, fixtures), "utf8"), date, title);

const fireA = fixture("jeddah-fire-a", "2015-08-02T04:10:00", "السيطرة على حريق مستودع أخشاب في جدة");
const fireB = fixture("jeddah-fire-b", "2015-08-02T09:30:00");
const riyadhFire = fixture("riyadh-fire", "2015-08-02T20:00:00", "3 إصابات في حريق شقة بالرياض");
const healthA = fixture("minister-statement-a", "2015-08-03", "الصحة تطلق حملة وطنية لتطعيم الأطفال ضد الحصبة");
const healthB = fixture("minister-statement-b", "2015-08-03", "الفالح يدعو الأسر لتطعيم أطفالهم ضد الحصبة");

function grouped(records: readonly DocRecord[], params = {}): StoryGrouper {
  const grouper = new StoryGrouper(params);
  for (const r of [...background, ...records]) grouper.add(storyInputOf(r));
  return grouper;
}

test("storyInputOf: reads date, title, lead, content stems, entity ids and speakers from a record", () => {
  const input = storyInputOf(fireA);
  assert.equal(input.id, "jeddah-fire-a");
  assert.equal(input.date, "2015-08-02T04:10:00");
  assert.equal(input.title, "السيطرة على حريق مستودع أخشاب في جدة");
  assert.ok(input.lead.startsWith("اندلع حريق فجر اليوم الأحد"), input.lead);
  assert.ok(input.terms.includes("حريق"), input.terms.join(" "));
  assert.ok(!input.terms.includes("في"), "function words are left out");
  assert.ok(
    input.entities.some((e) => e === "gpe:jeddah" || e.includes("جده")),
    input.entities.join(" "),
  );
  assert.ok(
    input.speakers.some((s) => s.includes("سرحان")),
    input.speakers.join(" | "),
  );
  assert.equal(input.duplicate_of, undefined);
  assert.equal(input.site, undefined);
  assert.equal(storyInputOf({ ...fireA, source: { ...fireA.source, site: "okaz" } }).site, "okaz");
  assert.equal(storyInputOf(fireB).title, null);
});

test("StoryGrouper: one event in two wordings is one story; the same topic on another event is another", () => {
  const grouper = grouped([fireA, fireB, riyadhFire, healthA, healthB]);
  const story = (id: string) => grouper.storyOfArticle(id);
  assert.equal(story("jeddah-fire-a"), story("jeddah-fire-b"));
  assert.equal(story("minister-statement-a"), story("minister-statement-b"));
  assert.notEqual(story("riyadh-fire"), story("jeddah-fire-a"));
  assert.notEqual(story("minister-statement-a"), story("jeddah-fire-a"));
  // The unrelated background articles stay apart from the fixtures' stories.
  for (const r of background) {
    assert.notEqual(story(r.id), story("jeddah-fire-a"), r.id);
    assert.notEqual(story(r.id), story("minister-statement-a"), r.id);
  }
  const fire = grouper.stories().find((s) => s.articles.includes("jeddah-fire-a"))!;
  assert.deepEqual(fire.articles, ["jeddah-fire-a", "jeddah-fire-b"]);
  assert.equal(fire.start, "2015-08-02T04:10:00");
  assert.equal(fire.end, "2015-08-02T09:30:00");
  // The label is a member's headline, or its lead when it has none.
  assert.ok(
    (fire.label_article === "jeddah-fire-a" && fire.label === "السيطرة على حريق مستودع أخشاب في جدة") ||
      (fire.label_article === "jeddah-fire-b" && fire.label.startsWith("سيطرت فرق الإطفاء")),
    `${fire.label_article}: ${fire.label}`,
  );
  assert.ok(
    fire.speakers.some((s) => s.value.includes("سرحان")),
    JSON.stringify(fire.speakers),
  );
  assert.ok(fire.entities.length > 0);
});

test("StoryGrouper: an article outside the time window starts a new story", () => {
  const late = { ...fireB, id: "jeddah-fire-b-late", source: { date: "2015-08-20" } } as DocRecord;
  const grouper = grouped([fireA, late], { windowDays: 2 });
  assert.notEqual(grouper.storyOfArticle("jeddah-fire-b-late"), grouper.storyOfArticle("jeddah-fire-a"));
  const wide = grouped([fireA, late], { windowDays: 30 });
  assert.equal(wide.storyOfArticle("jeddah-fire-b-late"), wide.storyOfArticle("jeddah-fire-a"));
});

test("StoryGrouper: a copy joins its original's story without changing its label, span or facets", () => {
  const grouper = grouped([fireA, fireB]);
  const before = grouper.stories().find((s) => s.articles.includes("jeddah-fire-a"))!;
  // A copy found later, dated days after, with another headline: listed, nothing else moves.
  const copy = {
    ...riyadhFire,
    id: "repost",
    status: "duplicate",
    duplicate_of: "jeddah-fire-b",
    source: { date: "2015-08-09", title: "عنوان آخر" },
  } as DocRecord;
  assert.equal(grouper.add(storyInputOf(copy)), before.id);
  const after = grouper.stories().find((s) => s.id === before.id)!;
  assert.deepEqual(after.articles, [...before.articles, "repost"]);
  assert.deepEqual({ ...after, articles: before.articles }, before);
});

test("StoryGrouper: copies marked by dedup join their originals through groupRecords", async () => {
  const repost = record(
    "repost",
    `اقرأ أيضا: خبر آخر\n${readFileSync(new URL("jeddah-fire-a.txt", fixtures), "utf8")}`,
    "2015-08-04",
  );
  const result = await groupRecords([...background, fireA, repost, healthA]);
  assert.equal(result.copies, 1);
  assert.equal(result.articles.get("repost")?.duplicate_of, "jeddah-fire-a");
  const fire = result.stories.find((s) => s.articles.includes("jeddah-fire-a"))!;
  assert.ok(fire.articles.includes("repost"));
  assert.equal(fire.end, "2015-08-02T04:10:00", "the copy's later date does not stretch the story");
});

test("StoryGrouper: a snapshot restored through JSON continues exactly as the original would", () => {
  const all = [...background, fireA, fireB, riyadhFire, healthA, healthB].map(storyInputOf);
  const whole = new StoryGrouper();
  const ids = all.map((i) => whole.add(i));
  const first = new StoryGrouper();
  const cut = 20;
  const idsBefore = all.slice(0, cut).map((i) => first.add(i));
  const state = JSON.parse(JSON.stringify(first.snapshot())) as StoryState;
  const restored = new StoryGrouper({}, state);
  const idsAfter = all.slice(cut).map((i) => restored.add(i));
  assert.deepEqual([...idsBefore, ...idsAfter], ids);
  assert.deepEqual(restored.stories(), whole.stories());
  assert.deepEqual(JSON.parse(JSON.stringify(restored.snapshot())), JSON.parse(JSON.stringify(whole.snapshot())));
});

test("StoryGrouper: story ids are stable as stories grow and across runs; re-adding an id changes nothing", () => {
  const g = new StoryGrouper();
  for (const r of background) g.add(storyInputOf(r));
  const id = g.add(storyInputOf(fireA));
  assert.match(id, /^st_[0-9a-f]{16}$/);
  assert.equal(g.add(storyInputOf(fireB)), id);
  assert.equal(g.add(storyInputOf(fireA)), id);
  assert.equal(g.stories().find((s) => s.id === id)!.articles.length, 2);
  const again = new StoryGrouper();
  for (const r of background) again.add(storyInputOf(r));
  assert.equal(again.add(storyInputOf(fireA)), id);
});

test("StoryGrouper: undated articles are grouped without a window; a bad state version throws", () => {
  const strip = (r: DocRecord): StoryInput => ({ ...storyInputOf(r), date: null });
  const g = new StoryGrouper();
  for (const r of background) g.add(strip(r));
  const id = g.add(strip(fireA));
  assert.equal(g.add(strip(fireB)), id);
  const story = g.stories().find((s) => s.id === id)!;
  assert.equal(story.start, null);
  assert.throws(() => new StoryGrouper({}, { ...g.snapshot(), version: 3 as 2 }), /story_state/);
});

// Small inline inputs: an article is its content stems; the background gives the stems their rarity.
const synthetic = (id: string, date: string | null, terms: string): StoryInput => ({
  id,
  date,
  title: null,
  lead: terms,
  terms: terms.split(" "),
  entities: [],
  speakers: [],
});
const syntheticBackground = Array.from({ length: 40 }, (_, i) =>
  synthetic(`bg${i}`, "2015-08-01T00:00:00", `خلفيه${i} موضوع${i} مقال${i} عام${i % 5}`),
);
function groupedInputs(inputs: readonly StoryInput[], params = {}): StoryGrouper {
  const g = new StoryGrouper(params);
  for (const i of [...syntheticBackground, ...inputs]) g.add(i);
  return g;
}
const event = "حريق مستودع اخشاب جده اطفاء سيطر دفاع مدني";

test("StoryGrouper: the window runs from the story's first report, not from its ever-extending end", () => {
  // The same report re-published every 36 hours: each is within 2 days of the previous one, the third is not
  // within 2 days of the first.
  const chain = [0, 1, 2].map((k) => synthetic(`r${k}`, `2015-08-0${2 + k}T${k % 2 ? "12" : "00"}:00:00`, event));
  chain[1]!.date = "2015-08-03T12:00:00";
  chain[2]!.date = "2015-08-05T00:00:00";
  const g = groupedInputs(chain);
  assert.equal(g.storyOfArticle("r1"), g.storyOfArticle("r0"));
  assert.notEqual(g.storyOfArticle("r2"), g.storyOfArticle("r0"));
  // Within the window of the first report the same report joins however many came in between.
  const wide = groupedInputs(chain, { windowDays: 4 });
  assert.equal(wide.storyOfArticle("r2"), wide.storyOfArticle("r0"));
});

test("StoryGrouper: the similarity needed rises with the time since the first report", () => {
  // Half the stems shared: a cosine of about 0.5, enough within hours, not 40 hours later (bar 0.3 · (1 + 40/48)).
  const other = "حريق مستودع اخشاب جده غرفه تجاريه معرض بضاءع";
  const soon = groupedInputs([
    synthetic("a", "2015-08-02T00:00:00", event),
    synthetic("b", "2015-08-02T06:00:00", other),
  ]);
  assert.equal(soon.storyOfArticle("b"), soon.storyOfArticle("a"));
  const late = groupedInputs([
    synthetic("a", "2015-08-02T00:00:00", event),
    synthetic("b", "2015-08-03T16:00:00", other),
  ]);
  assert.notEqual(late.storyOfArticle("b"), late.storyOfArticle("a"));
  // The identical report 40 hours later still clears the raised bar.
  const same = groupedInputs([
    synthetic("a", "2015-08-02T00:00:00", event),
    synthetic("c", "2015-08-03T16:00:00", event),
  ]);
  assert.equal(same.storyOfArticle("c"), same.storyOfArticle("a"));
});

test("StoryGrouper: a story cannot drift from its core to another event through its centroid", () => {
  // Three reports of a fire, then reports that mix the fire with a storm, then storm-only reports: the centroid
  // follows the mixed reports, the core (the first three) does not.
  const fire = "حريق مستودع اخشاب جده اطفاء سيطر";
  const storm = "عاصفه رمليه امطار رعديه ارصاد تحذير";
  const mixed = "حريق مستودع اخشاب عاصفه رمليه امطار رعديه";
  const inputs = [
    ...[0, 1, 2].map((k) => synthetic(`f${k}`, `2015-08-02T0${k}:00:00`, fire)),
    ...[0, 1, 2, 3, 4, 5].map((k) => synthetic(`m${k}`, `2015-08-02T0${3 + k}:00:00`, mixed)),
    synthetic("s0", "2015-08-02T10:00:00", storm),
  ];
  const g = groupedInputs(inputs);
  assert.equal(g.storyOfArticle("m0"), g.storyOfArticle("f0"));
  assert.notEqual(g.storyOfArticle("s0"), g.storyOfArticle("f0"));
  // Without the core test the storm report joins the drifted centroid.
  const drifting = groupedInputs(inputs, { coreThreshold: 0 });
  assert.equal(drifting.storyOfArticle("s0"), drifting.storyOfArticle("f0"));
});

test("StoryGrouper: a version 1 state (before cores) is restored and continues grouping", () => {
  const g = groupedInputs([synthetic("a", "2015-08-02T00:00:00", event)]);
  const state = JSON.parse(JSON.stringify(g.snapshot())) as StoryState;
  // What a version 1 snapshot held: no core, no member vectors.
  const v1 = {
    ...state,
    version: 1 as const,
    stories: state.stories.map((s) => {
      const {
        core: _c,
        coreNorm: _n,
        coreStart: _s,
        coreFrom: _f,
        vectors: _v,
        ...rest
      } = s as typeof s & {
        core: unknown;
        coreNorm: unknown;
        coreStart: unknown;
        coreFrom: unknown;
        vectors: unknown;
      };
      return rest as typeof s;
    }),
  };
  const restored = new StoryGrouper({}, v1);
  assert.equal(restored.add(synthetic("b", "2015-08-02T05:00:00", event)), g.storyOfArticle("a"));
  assert.notEqual(
    restored.add(synthetic("c", "2015-08-02T05:00:00", "كره قدم مباراه هلال نصر دوري")),
    g.storyOfArticle("a"),
  );
  assert.equal(restored.snapshot().version, 2);
});

test("StoryGrouper: an article links to a story through another site's member, not its own site's", () => {
  // Two items of one site's recurring column, published a minute apart: alike in words, two different items.
  const column = "تطبيقات اسبوع هاتف ذكي تحميل متجر";
  const a = { ...synthetic("col-1", "2015-08-02T03:03:00", `${column} خراءط`), site: "okaz" };
  const b = { ...synthetic("col-2", "2015-08-02T03:04:00", `${column} تصوير`), site: "okaz" };
  const g = groupedInputs([a, b]);
  assert.notEqual(g.storyOfArticle("col-2"), g.storyOfArticle("col-1"));
  // The same pair from two sites is grouped; and without sites every member counts.
  const other = groupedInputs([a, { ...b, site: "sabq" }]);
  assert.equal(other.storyOfArticle("col-2"), other.storyOfArticle("col-1"));
  const unknown = groupedInputs([a, { ...b, site: null }]);
  assert.equal(unknown.storyOfArticle("col-2"), unknown.storyOfArticle("col-1"));
  // A same-site article still joins a story another site's member links it to.
  const third = { ...synthetic("col-3", "2015-08-02T03:05:00", `${column} خراءط`), site: "okaz" };
  const mixed = groupedInputs([a, { ...b, site: "sabq" }, third]);
  assert.equal(mixed.storyOfArticle("col-3"), mixed.storyOfArticle("col-1"));
});

test("StoryGrouper: the bar stays at the threshold through the grace period", () => {
  const other = "حريق مستودع اخشاب جده غرفه تجاريه معرض بضاءع";
  const first = synthetic("a", "2015-08-02T00:00:00", event);
  const tenHours = synthetic("b", "2015-08-02T10:00:00", other);
  const g = groupedInputs([first, tenHours], { threshold: 0.45 });
  assert.equal(g.storyOfArticle("b"), g.storyOfArticle("a"));
  const noGrace = groupedInputs([first, tenHours], { threshold: 0.45, graceDays: 0 });
  assert.notEqual(noGrace.storyOfArticle("b"), noGrace.storyOfArticle("a"));
});
