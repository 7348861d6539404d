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
  assert.throws(() => new StoryGrouper({}, { ...g.snapshot(), version: 2 as 1 }), /story_state/);
});
