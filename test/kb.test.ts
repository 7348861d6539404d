import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { aliasKey, DEFAULT_KB_FILES, defaultKnowledgeBase, KnowledgeBase } from "../src/extract/entities/kb.ts";
import { matchForm } from "../src/normalize/match-form.ts";

const kb = defaultKnowledgeBase();
const ids = (s: string) => kb.lookup(aliasKey(s)).map((e) => e.id);
const words = (s: string) => s.split(" ").map(matchForm);

test("every shipped entry has an id, a type, names, and a unique id", () => {
  const seen = new Set<string>();
  for (const e of kb.entries) {
    assert.match(e.id, /^(per|org|gpe|loc|misc):[a-z0-9-]+$/, e.id);
    assert.ok(!seen.has(e.id), `duplicate ${e.id}`);
    seen.add(e.id);
    assert.ok(e.name_en && e.name_ar, e.id);
    if (e.country) assert.ok(kb.byId.has(e.country), `${e.id}: unknown country ${e.country}`);
  }
  assert.ok(kb.entries.length > 500);
});

test("spelling variants of one entity share its id", () => {
  for (const v of [
    "الولايات المتحدة",
    "أمريكا",
    "أميركا",
    "الولايات المتحدة الأمريكية",
    "الولايات المتحدة الأميركية",
  ]) {
    assert.deepEqual(ids(v), ["gpe:usa"], v);
  }
  for (const v of ["داعش", "تنظيم الدولة الإسلامية", "تنظيم الدولة", "تنظيم داعش"])
    assert.deepEqual(ids(v), ["org:islamic-state"], v);
  for (const v of ["هيئة التنسيق", "الإطار التنسيقي", "الاطار التنسيقي"])
    assert.deepEqual(ids(v), ["org:coordination-framework"], v);
  // hamza, alef and taa marbuta variants fold through the matching form
  assert.deepEqual(ids("اثيوبيا"), ["gpe:ethiopia"]);
  assert.deepEqual(ids("غزه"), ["gpe:gaza"]);
  assert.deepEqual(ids("أ.ف.ب"), ["org:afp"]);
});

test("the article is optional in a lookup key", () => {
  assert.deepEqual(ids("عراق"), ["gpe:iraq"]);
});

test("the gazetteer finds names under proclitics, longest match first", () => {
  assert.deepEqual(kb.gazetteer(words("وقال إن والولايات المتحدة وبغداد")), ["", "", "B-GPE", "I-GPE", "B-GPE"]);
  const m = kb.matchAt(words("لرويترز"), 0);
  assert.equal(m?.cut, 1);
  assert.equal(m?.entries[0]?.id, "org:reuters");
  const un = kb.matchAt(words("للأمم المتحدة"), 0);
  assert.equal(un?.entries[0]?.id, "org:united-nations");
  assert.equal(un?.length, 2);
});

test("names that begin with a proclitic letter stay whole", () => {
  assert.equal(kb.matchAt(words("لبنان"), 0)?.cut, 0);
  assert.equal(kb.matchAt(words("واشنطن"), 0)?.entries[0]?.id, "gpe:washington");
  assert.equal(kb.matchAt(words("بغداد"), 0)?.cut, 0);
});

test("weak aliases link but are never found by the gazetteer", () => {
  assert.equal(kb.matchAt(words("الخبر"), 0), undefined);
  assert.deepEqual(
    kb.lookup(aliasKey("الخبر")).map((e) => e.id),
    ["gpe:khobar"],
  );
  assert.deepEqual(kb.lookup(aliasKey("الخبر"), false), []);
});

test("demonyms name their country in every nisba form", () => {
  for (const w of ["العراقي", "العراقية", "العراقيين", "والعراقيون"])
    assert.equal(kb.demonym(matchForm(w))?.id, "gpe:iraq", w);
  for (const w of ["الأمريكية", "الأميركيين"]) assert.equal(kb.demonym(matchForm(w))?.id, "gpe:usa", w);
  assert.equal(kb.demonym(matchForm("الحكومة")), undefined);
});

test("extra entries load from a user file and add to the shipped ones", () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-kb-"));
  const file = join(dir, "extra.jsonl");
  writeFileSync(
    file,
    `# my entries\n${JSON.stringify({ id: "org:acme", type: "ORG", name_en: "Acme", name_ar: "شركة أكمي", aliases: ["أكمي"] })}\n`,
  );
  const mine = KnowledgeBase.fromFiles([...DEFAULT_KB_FILES, file]);
  assert.deepEqual(
    mine.lookup(aliasKey("اكمي")).map((e) => e.id),
    ["org:acme"],
  );
  assert.deepEqual(
    mine.lookup(aliasKey("العراق")).map((e) => e.id),
    ["gpe:iraq"],
  );
  writeFileSync(file, '{"id": "x"}\n');
  assert.throws(() => KnowledgeBase.fromFiles([file]), /kb_invalid: .*extra\.jsonl:1/);
});
