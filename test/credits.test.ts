import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { clean } from "../src/clean/clean.ts";
import { findCredits } from "../src/clean/find-credits.ts";
import type { Doc } from "../src/model/doc.ts";
import { badSpans } from "../src/model/span.ts";
import { commitText } from "../src/run/commit-text.ts";
import { runPipeline } from "../src/run/pipeline.ts";
import type { NamedStage } from "../src/run/stage.ts";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");

// Segmentation runs between commit and credits once it exists; until then credits splits lines itself.
const segmentUrl = new URL("../src/segment/segment.ts", import.meta.url);
const segmentModule: Record<string, unknown> = existsSync(segmentUrl) ? await import(segmentUrl.href) : {};
const segment = segmentModule.segment as ((options?: object) => NamedStage["run"]) | undefined;

const stages: NamedStage[] = [
  { name: "clean", run: clean() },
  { name: "commit", run: commitText() },
  ...(segment ? [{ name: "segment", run: segment() }] : []),
  { name: "credits", run: findCredits() },
];

function run(raw: string): Doc {
  const doc = runPipeline(stages, { id: "t", raw, source: { path: "t.txt" } });
  assert.equal(doc.status, "ok", doc.error?.message);
  assert.deepEqual(badSpans(doc.text, doc.captions), []);
  assert.deepEqual(badSpans(doc.text, doc.credits), []);
  assert.deepEqual(
    badSpans(
      doc.text,
      doc.credits.flatMap((c) => (c.place ? [c.place] : [])),
    ),
    [],
  );
  return doc;
}

const credits = (doc: Doc) =>
  doc.credits.map((c) => ({ kind: c.kind, text: c.text, name: c.name, place: c.place?.text }));
const body = "وقال المتحدث إن الاجتماع سيعقد الأسبوع المقبل.";

describe("credits: the reference article", () => {
  const doc = run(fixture("seed.txt"));

  it("reads the first line as a caption credited to Getty Images", () => {
    assert.equal(doc.captions.length, 1);
    const caption = doc.captions[0]!;
    assert.equal(caption.start, 0);
    assert.equal(caption.text, "ويوجد حاليًا حوالي 2500 جندي أمريكي في العراق و900 في سوريا (غيتي)");
    assert.equal(caption.credit?.text, "غيتي");
    assert.equal(caption.credit?.name, "Getty Images");
    assert.equal(caption.credit?.kind, "photo");
  });

  it("lists the photo credit, and no credit for 'قال ... لرويترز' inside a sentence", () => {
    assert.deepEqual(credits(doc), [{ kind: "photo", text: "غيتي", name: "Getty Images", place: undefined }]);
  });
});

describe("credits: captions", () => {
  const cases: [string, string, string][] = [
    ["متظاهرون أمام مقر البرلمان في بغداد (رويترز)", "رويترز", "Reuters"],
    ["جانب من الدمار في مدينة غزة (الأناضول)", "الأناضول", "Anadolu Agency"],
    ["الرئيس الفرنسي خلال مؤتمر صحفي في باريس (أ ف ب)", "أ ف ب", "AFP"],
    ["الرئيس الفرنسي خلال مؤتمر صحفي في باريس (أ.ف.ب)", "أ.ف.ب", "AFP"],
    ["مقاتلون من المعارضة السورية في ريف حلب (الجزيرة)", "الجزيرة", "Al Jazeera"],
    ["مبنى وزارة الخارجية الأمريكية - أرشيف", "أرشيف", "Archive"],
  ];
  for (const [line, credit, name] of cases) {
    it(line, () => {
      const doc = run(`${line}\n${body}`);
      assert.equal(doc.captions.length, 1);
      assert.equal(doc.captions[0]!.text, line);
      assert.equal(doc.captions[0]!.credit?.text, credit);
      assert.equal(doc.captions[0]!.credit?.name, name);
      assert.deepEqual(credits(doc), [{ kind: "photo", text: credit, name, place: undefined }]);
      assert.ok(doc.text.startsWith(line), "the caption stays in the text");
    });
  }

  it("a sentence ending with (رويترز). in the body is not a caption", () => {
    const doc = run(`${body}\nوقالت الشرطة إن ثلاثة أشخاص قتلوا في الانفجار (رويترز).`);
    assert.deepEqual(doc.captions, []);
    assert.deepEqual(doc.credits, []);
  });

  it("a paragraph of several sentences ending with a credit is not a caption", () => {
    const doc = run(`${body}\nقتل ثلاثة أشخاص. وأصيب عشرة آخرون في الانفجار (رويترز)`);
    assert.deepEqual(doc.captions, []);
  });

  it("an unknown party in parentheses is not a credit", () => {
    const doc = run(`اجتماع مجلس الوزراء في الرياض (الثلاثاء)\n${body}`);
    assert.deepEqual(doc.captions, []);
  });
});

describe("credits: datelines and bylines", () => {
  it("بغداد - رويترز: an agency dateline with its place", () => {
    const doc = run("بغداد - رويترز: قال مسؤولون إن المحادثات ستستمر.");
    assert.deepEqual(credits(doc), [{ kind: "agency", text: "بغداد - رويترز", name: "Reuters", place: "بغداد" }]);
  });

  it("القاهرة (أ ش أ) -: agency in parentheses", () => {
    const doc = run("القاهرة (أ ش أ) - أعلنت وزارة الصحة المصرية ارتفاع عدد الإصابات.");
    assert.deepEqual(credits(doc), [{ kind: "agency", text: "القاهرة (أ ش أ)", name: "MENA", place: "القاهرة" }]);
  });

  it("واس- الرياض: agency first, then the place", () => {
    const doc = run("واس- الرياض: توقعت الرئاسة العامة للأرصاد وحماية البيئة هطول أمطار.");
    assert.deepEqual(credits(doc), [
      { kind: "agency", text: "واس- الرياض", name: "Saudi Press Agency", place: "الرياض" },
    ]);
  });

  it('وبحسب "الألمانية"،: a paragraph that names the wire it comes from', () => {
    const doc = run(`${body}\nوبحسب "الألمانية"، فقد ذكر أوباما أمام أكثر من ألف من المقاولين أن إفريقيا تتقدم.`);
    assert.deepEqual(credits(doc), [
      { kind: "agency", text: "الألمانية", name: "Deutsche Presse-Agentur (dpa)", place: undefined },
    ]);
  });

  it("place – reporter: a byline (the real 3alyoum article)", () => {
    const doc = run(fixture("saudinewsnet/3alyoum-b5ccd68165.txt"));
    assert.deepEqual(credits(doc), [
      { kind: "byline", text: "مكة المكرمة – حامد القرشي", name: "حامد القرشي", place: "مكة المكرمة" },
    ]);
  });

  it("reporter – outlet: a byline; outlet – place: the outlet's dateline", () => {
    assert.deepEqual(credits(run(`عمر إبراهيم – عين اليوم\n${body}`)), [
      { kind: "byline", text: "عمر إبراهيم – عين اليوم", name: "عمر إبراهيم", place: undefined },
    ]);
    assert.deepEqual(credits(run(`عين اليوم – الرياض\n${body}`)), [
      { kind: "dateline", text: "عين اليوم – الرياض", name: "Ain Alyoum", place: "الرياض" },
    ]);
  });

  it("an agency named inside a sentence is no credit", () => {
    const doc = run("وقال مسؤول حكومي لرويترز إن المحادثات مستمرة، وأكدت وكالة الأنباء السعودية (واس) ذلك.");
    assert.deepEqual(doc.credits, []);
  });

  it("a sentence with a dash is not a byline", () => {
    const doc = run("وأكد الوزير - في كلمته أمام المؤتمر - أن المملكة ماضية في الإصلاح.");
    assert.deepEqual(doc.credits, []);
  });
});

describe("credits: photographer lines", () => {
  it("تصوير: name is a photo credit; the line stays", () => {
    const doc = run(`${body}\nتصوير : صالح العبداللطيف`);
    assert.deepEqual(credits(doc), [
      { kind: "photo", text: "صالح العبداللطيف", name: "صالح العبداللطيف", place: undefined },
    ]);
    assert.ok(doc.text.endsWith("تصوير : صالح العبداللطيف"));
  });
});
