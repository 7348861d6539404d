import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { chunks } from "../src/extract/entities/decode.ts";
import { type Demonym, type Entity, extractEntities } from "../src/extract/entities/extract-entities.ts";
import { KnowledgeBase } from "../src/extract/entities/kb.ts";
import { DocumentLinker } from "../src/extract/entities/link.ts";
import { createTagger } from "../src/extract/entities/tagger.ts";
import { Doc } from "../src/model/doc.ts";
import { badSpans } from "../src/model/span.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { segment } from "../src/segment/segment.ts";

const stage = extractEntities();
const segmentStage = segment();

function run(raw: string): { doc: Doc; entities: Entity[]; demonyms: Demonym[] } {
  const doc = new Doc({ id: "t", raw, source: {} });
  doc.commit();
  segmentStage(doc);
  stage(doc);
  return { doc, entities: doc.layers.entities as Entity[], demonyms: doc.layers.demonyms as Demonym[] };
}
const find = (es: Entity[], text: string) => es.find((e) => e.text === text);

test("the reference article: every gold entity, typed and linked, spans slicing the text", () => {
  const { doc, entities } = run(readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8"));
  assert.deepEqual(badSpans(doc.text, entities), []);
  const expect: [string, string, string][] = [
    ["العراق", "GPE", "gpe:iraq"],
    ["سوريا", "GPE", "gpe:syria"],
    ["الولايات المتحدة", "GPE", "gpe:usa"],
    ["واشنطن", "GPE", "gpe:washington"],
    ["بغداد", "GPE", "gpe:baghdad"],
    ["طهران", "GPE", "gpe:tehran"],
    ["غزة", "GPE", "gpe:gaza"],
    ["رويترز", "ORG", "org:reuters"],
    ["غيتي", "ORG", "org:getty-images"],
    ["تنظيم الدولة الإسلامية", "ORG", "org:islamic-state"],
    ["داعش", "ORG", "org:islamic-state"],
    ["هيئة التنسيق الشيعية", "ORG", "org:coordination-framework"],
    ["حيدر العبادي", "PER", "per:haider-al-abadi"],
    ["صدام حسين", "PER", "per:saddam-hussein"],
  ];
  for (const [text, type, id] of expect) {
    const e = find(entities, text);
    assert.ok(e, `missing ${text}`);
    assert.equal(e.type, type, text);
    assert.equal(e.id, id, text);
  }
  // `لرويترز` is written with its preposition; the span leaves it out
  const reuters = find(entities, "رويترز")!;
  assert.equal(doc.text.slice(reuters.start - 1, reuters.end), "لرويترز");
  assert.equal(find(entities, "رويترز")?.name, "Reuters");
});

test("proclitics stay out of spans; names that begin with the same letters stay whole", () => {
  const { entities } = run(
    "وصل الوفد إلى بالعراق ثم زار وبغداد ولبنان، وقال للصحفيين إن والولايات المتحدة تدعم لبنان.",
  );
  assert.equal(find(entities, "العراق")?.id, "gpe:iraq");
  assert.equal(find(entities, "بغداد")?.id, "gpe:baghdad");
  assert.equal(find(entities, "الولايات المتحدة")?.id, "gpe:usa");
  assert.ok(entities.some((e) => e.text === "لبنان" && e.id === "gpe:lebanon"));
  assert.ok(!entities.some((e) => e.text.startsWith("و") || e.text === "بنان"));
});

test("spelling variants link to one entry", () => {
  const { entities } = run("وقالت أمريكا إن أميركا لن تنسحب. وأعلن تنظيم الدولة مسؤوليته، وهاجم داعش القوات.");
  const usa = entities.filter((e) => e.id === "gpe:usa").map((e) => e.text);
  assert.deepEqual(usa.sort(), ["أمريكا", "أميركا"].sort());
  const is = entities.filter((e) => e.id === "org:islamic-state").map((e) => e.text);
  assert.ok(is.includes("داعش"), JSON.stringify(entities));
});

test("a later short form links to the earlier full name", () => {
  const { entities } = run(
    "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة مستعدة. وأضاف العبادي أن المحادثات مستمرة.",
  );
  const abadi = entities.filter((e) => e.id === "per:haider-al-abadi").map((e) => e.text);
  assert.deepEqual(abadi, ["حيدر العبادي", "العبادي"]);
  assert.equal(entities[0]?.name, "Haider al-Abadi");
});

test("a family name repeated later is a mention of the same person, under proclitics too", () => {
  const { entities } = run("وصل طلعت رضوان إلى تيرانا. وقال رضوان إن الرحلة تأخرت، ونقل عن لرضوان مرافقوه ذلك.");
  const per = entities.filter((e) => e.type === "PER").map((e) => e.text);
  assert.deepEqual(per, ["طلعت رضوان", "رضوان", "رضوان"]);
});

test("short-form coreference works for people the knowledge base does not know", () => {
  const kb = new KnowledgeBase([
    { id: "per:test-person", type: "PER", name_en: "Samir Test", name_ar: "سمير الفلاني", aliases: [] },
  ]);
  const linker = new DocumentLinker(kb);
  const words = (s: string) => s.split(" ").map(matchForm);
  assert.equal(linker.link({ words: words("سمير الفلاني"), type: "PER" }).entry?.id, "per:test-person");
  const short = linker.link({ words: words("الفلاني"), type: "PER" });
  assert.equal(short.entry?.id, "per:test-person");
  assert.equal(short.antecedent, 0);
  // a different type does not corefer
  assert.equal(linker.link({ words: words("الفلاني"), type: "ORG" }).entry, undefined);
});

test("nisba adjectives are demonyms, not entities", () => {
  const { entities, demonyms } = run("وقال مسؤول عراقي إن القوات الأمريكية والأميركيين باقون في العراق.");
  assert.ok(!entities.some((e) => /ير?كي/u.test(e.text)), JSON.stringify(entities));
  assert.ok(demonyms.some((d) => d.text === "الأمريكية" && d.id === "gpe:usa"));
  assert.ok(demonyms.some((d) => d.text === "عراقي" && d.id === "gpe:iraq"));
});

test("a feminine nisba after a definite noun is an adjective, the same word after a preposition a country", () => {
  const { entities, demonyms } = run("وانتقدت المعارضة السورية الحكومة، ووصل الوفد إلى السعودية أمس.");
  assert.ok(!entities.some((e) => e.text === "السورية"), JSON.stringify(entities));
  assert.ok(demonyms.some((d) => d.text === "السورية" && d.id === "gpe:syria"));
  assert.ok(entities.some((e) => e.text === "السعودية" && e.id === "gpe:saudi-arabia"));
});

test("the cached tagger agrees with the plain feature path", () => {
  const tagger = createTagger();
  const sentences = [
    "قال الرئيس الأمريكي باراك أوباما في نيروبي إن كينيا شريك مهم",
    "وأعلنت وزارة الخارجية الفرنسية أن الوزير سيزور بيروت الأسبوع المقبل",
  ];
  for (const s of sentences) {
    const w = s.split(" ").map(matchForm);
    assert.deepEqual(tagger.tag(w), tagger.tagPlain(w));
  }
});

test("chunks follow conlleval: a stray I- opens a chunk", () => {
  assert.deepEqual(chunks(["O", "I-PER", "I-PER", "B-GPE", "I-ORG"]), [
    { start: 1, end: 3, type: "PER" },
    { start: 3, end: 4, type: "GPE" },
    { start: 4, end: 5, type: "ORG" },
  ]);
});

test("a document without tokens gets empty layers", () => {
  const doc = new Doc({ id: "e", raw: "", source: {} });
  doc.commit();
  stage(doc);
  assert.deepEqual(doc.layers.entities, []);
});
