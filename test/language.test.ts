import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Doc } from "../src/model/doc.ts";
import { detectLanguage, identifyLanguage } from "../src/normalize/detect-language.ts";

// Short news-like samples, written for these tests.
const samples: Record<string, string> = {
  ar: "قال وزير الخارجية العراقي إن المحادثات مع الولايات المتحدة ستستمر الأسبوع المقبل في بغداد، مشيراً إلى أن الجانبين اتفقا على جدول زمني لانسحاب القوات.",
  fa: "وزیر امور خارجه ایران روز دوشنبه گفت که مذاکرات با کشورهای اروپایی هفته آینده در وین ادامه خواهد یافت و هر دو طرف بر سر یک برنامه زمانی توافق کرده‌اند.",
  ur: "پاکستان کے وزیر خارجہ نے پیر کے روز کہا کہ یورپی ممالک کے ساتھ مذاکرات اگلے ہفتے جاری رہیں گے اور دونوں فریقوں نے ایک ٹائم ٹیبل پر اتفاق کر لیا ہے۔",
  en: "The foreign minister said on Monday that talks with the United States would continue next week in Baghdad, adding that both sides had agreed on a timetable for the withdrawal of troops.",
  fr: "Le ministre des Affaires étrangères a déclaré lundi que les négociations avec les États-Unis se poursuivraient la semaine prochaine à Bagdad, et que les deux parties s'étaient mises d'accord sur un calendrier.",
};

function run(raw: string): Doc {
  const doc = new Doc({ id: "t", raw, source: {} });
  doc.commit();
  detectLanguage()(doc);
  return doc;
}

describe("detectLanguage", () => {
  for (const [lang, text] of Object.entries(samples)) {
    it(`identifies ${lang}`, () => assert.equal(identifyLanguage(text).lang, lang));
  }

  it("calls Persian typed on an Arabic keyboard (ي ك) Persian by its function words", () => {
    const typed = samples.fa!.replace(/ی/g, "ي").replace(/ک/g, "ك");
    assert.equal(identifyLanguage(typed).lang, "fa");
  });

  it("keeps an Arabic article with Latin names and titles Arabic", () => {
    const text = `${samples.ar} وقالت وكالة Reuters إن الرئيس Joe Biden التقى رئيس الوزراء في البيت الأبيض.`;
    assert.equal(identifyLanguage(text).lang, "ar");
  });

  it("says und for markup debris and for text without letters", () => {
    assert.equal(identifyLanguage("div class a b c x y z padding margin 0 auto").lang, "und");
    assert.equal(identifyLanguage("2024 - 15% ... 😀").lang, "und");
  });

  it("sets doc.lang and warns (but does not reject) when the text is not Arabic", () => {
    const ar = run(samples.ar!);
    assert.equal(ar.lang, "ar");
    assert.deepEqual(ar.diagnostics, []);
    const en = run(samples.en!);
    assert.equal(en.lang, "en");
    assert.equal(en.status, "ok");
    assert.equal(en.diagnostics.length, 1);
    assert.equal(en.diagnostics[0]!.code, "non_arabic");
    assert.equal(en.diagnostics[0]!.severity, "warning");
    const fa = run(samples.fa!);
    assert.equal(fa.lang, "fa");
    assert.match(fa.diagnostics[0]!.message, /fa/);
  });

  it("samples only the start of a long text", () => {
    const text = `${samples.ar!.repeat(40)} ${samples.en!.repeat(400)}`;
    const g = identifyLanguage(text);
    assert.equal(g.lang, "ar");
    assert.equal(g.letters, 2000);
  });
});

describe("non-Arabic article through the whole pipeline", () => {
  it("is processed (status ok, tokens) and flagged non_arabic in diagnostics", async () => {
    const { createPipeline, runPipeline } = await import("../src/run/pipeline.ts");
    const doc = runPipeline(createPipeline(), {
      id: "en",
      raw: `${samples.en}\n\n${samples.en}`,
      source: { path: "en.txt" },
    });
    assert.equal(doc.status, "ok");
    assert.equal(doc.lang, "en");
    assert.ok(doc.tokens.length > 20);
    assert.ok(doc.diagnostics.some((d) => d.code === "non_arabic"));
  });
});
