import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { DateMention } from "../src/extract/dates.ts";
import { resolveDate } from "../src/extract/dates/resolve-date.ts";
import { figures } from "./helpers/figures.ts";

const dates = (text: string, date?: string, direction?: "past" | "future"): DateMention[] =>
  (figures(text, date, direction ? { defaultDirection: direction } : {}).layers.dates ?? []) as DateMention[];
const pairs = (text: string): [string, string][] => dates(text).map((d) => [d.text, d.value]);

describe("dates: the reference article", () => {
  it("finds the gold dates of the seed article, and nothing else", () => {
    const text = readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8");
    assert.deepEqual(pairs(text), [
      ["نوفمبر", "XXXX-11"],
      ["كانون الثاني/يناير", "XXXX-01"],
      ["عام 2014", "2014"],
      ["منذ أكثر من شهر", "DURATION:P1M"],
      ["عام 2017", "2017"],
      ["عام 2003", "2003"],
      ["عام 2011", "2011"],
      ["عام 2014", "2014"],
      ["الأسبوع الماضي", "PAST_REF:P1W"],
    ]);
  });
});

describe("dates: forms", () => {
  const cases: [string, string, string][] = [
    ["بدأت المحادثات في كانون الثاني/يناير الماضي", "كانون الثاني/يناير الماضي", "XXXX-01"],
    ["وصل في 15 جانفي 2024 إلى الجزائر", "15 جانفي 2024", "2024-01-15"],
    ["افتتح في جويلية 2019", "جويلية 2019", "2019-07"],
    ["أعلن عن ذلك في أوت الماضي", "أوت الماضي", "XXXX-08"],
    ["منتصف رمضان 1445 هـ", "منتصف رمضان 1445 هـ", "1445-09H"],
    ["تبدأ في 2024-01-15 رسميا", "2024-01-15", "2024-01-15"],
    ["الموعد 15/1/2024 صباحا", "15/1/2024", "2024-01-15"],
    ["المعلنة بتاريخ 4 – 9 - 1436هـ", "4 – 9 - 1436هـ", "2015-06-21"],
    ["تأسس عام 1425هـ", "عام 1425هـ", "1425H"],
    ["قال أمس إن", "أمس", "PAST_REF:P1D"],
    ["يصل غدا إلى", "غدا", "FUTURE_REF:P1D"],
    ["التقى الأسبوع الماضي", "الأسبوع الماضي", "PAST_REF:P1W"],
    ["يزور الشهر المقبل", "الشهر المقبل", "FUTURE_REF:P1M"],
    ["وقع قبل ثلاثة أيام", "قبل ثلاثة أيام", "PAST_REF:P3D"],
    ["توقفت منذ أكثر من شهر", "منذ أكثر من شهر", "DURATION:P1M"],
    ["خلال ستة أشهر", "خلال ستة أشهر", "DURATION:P6M"],
    ["منذ بداية التسعينات", "بداية التسعينات", "199X"],
    ["في الربع الثالث من العام", "الربع الثالث من العام", "XXXX-Q3"],
    ["في النصف الأول من 2015", "النصف الأول من 2015", "2015-H1"],
    ["أعلن البنك الثلاثاء عن حزمة", "الثلاثاء", "XXXX-WXX-2"],
    ["تقام بين 18 و22 أكتوبر المقبل", "بين 18 و22 أكتوبر المقبل", "XXXX-10-18/XXXX-10-22"],
    ["في مطلع آذار - مارس", "مطلع آذار - مارس", "XXXX-03"],
    ["في تموز - يوليو 2014", "تموز - يوليو 2014", "2014-07"],
    ["بحلول العام 2025", "العام 2025", "2025"],
    ["وصل ظهر اليوم إلى", "ظهر اليوم", "PRESENT_REF"],
    ["وقع عصر أمس انفجار", "عصر أمس", "PAST_REF:P1D"],
    ["في العامين الماضيين", "العامين الماضيين", "PAST_REF:P2Y"],
    ["على مدى السنوات العشر المقبلة", "السنوات العشر المقبلة", "DURATION:P10Y"],
    ["يصل إلى 11 تريليون دولار سنوياً", "سنوياً", "SET:P1Y"],
    ["بعد تاريخ ٩ شوال", "٩ شوال", "XXXX-10-09H"],
    ["الموسم الرياضي 2015/ 2016", "2015/ 2016", "2015/2016"],
    ["للعام الحالي 2015م", "للعام الحالي 2015م", "2015"],
  ];
  for (const [text, span, value] of cases) {
    it(`${span} → ${value}`, () => {
      const found = dates(text);
      assert.ok(
        found.some((d) => d.text === span && d.value === value),
        `got ${JSON.stringify(found.map((d) => [d.text, d.value]))}`,
      );
    });
  }
  it("keeps the Hijri original of a converted date", () => {
    const [d] = dates("الموافق 24- 10 - 1436هـ");
    assert.equal(d?.value, "2015-08-09");
    assert.equal(d?.hijri, "1436-10-24H");
    assert.equal(d?.calendar, "hijri");
  });
  it("marks parts of periods", () => {
    assert.equal(dates("في أواخر التسعينيات")[0]?.mod, "END");
    assert.equal(dates("في مطلع آذار")[0]?.mod, "START");
  });
});

describe("dates: years joined by و", () => {
  it("reads a year joined to a year as a year, whatever word follows it", () => {
    // SaudiNewsNet: the second year was a count of the verb after it (2012 واستخدمت، 2012 بعد).
    assert.deepEqual(pairs("تمت في الفترة ما بين عامي 2004 و2012 واستخدمت لرشوة أحزاب"), [
      ["2004", "2004"],
      ["2012", "2012"],
    ]);
    assert.deepEqual(pairs("لعب مع بشيكتاش بين 2010 و2012 بعد أن مر بانتر ميلان"), [
      ["2010", "2010"],
      ["2012", "2012"],
    ]);
    assert.deepEqual(pairs("خلال السنوات 2010 و2011 و2012 زاد العدد"), [
      ["2010", "2010"],
      ["2011", "2011"],
      ["2012", "2012"],
    ]);
  });
  it("leaves an amount after a year an amount", () => {
    assert.deepEqual(pairs("أرسلت في 2014 و2000 جندي إلى هناك"), [["2014", "2014"]]);
    assert.deepEqual(pairs("في 2014 و300 شخص"), [["2014", "2014"]]);
  });
});

describe("dates: what is not a date", () => {
  it("skips words that only look like dates", () => {
    assert.deepEqual(pairs("ترجمة لخطب الجمعة"), []);
    assert.deepEqual(pairs("في اليوم الوطني للمملكة"), []);
    assert.deepEqual(pairs("أحد الأسباب الرئيسية"), []);
    assert.deepEqual(pairs("مارس الرياضة لسنوات"), []); // مارس: "he practised"
    assert.deepEqual(pairs("استقبل 2000 جندي"), []);
  });
  it("reads a season as a date only with فصل, a year or a direction", () => {
    // SaudiNewsNet: a list of seasons' names is no date.
    assert.deepEqual(pairs("تنوعت المواسم بين الربيع والصيف والخريف"), []);
    assert.deepEqual(pairs("في فصل الشتاء"), [["فصل الشتاء", "XXXX-WI"]]);
    assert.deepEqual(pairs("خلال صيف 2014"), [["صيف 2014", "2014-SU"]]);
    assert.deepEqual(pairs("في الصيف المقبل"), [["الصيف المقبل", "XXXX-SU"]]);
  });
  it("reads اليوم in quoted speech as 'nowadays', not a date", () => {
    assert.deepEqual(pairs("وأضاف “هناك شعورا اليوم بأن وجودهم يسبب مشاكل”."), []);
    assert.deepEqual(pairs("وقال اليوم إن المحادثات مستمرة."), [["اليوم", "PRESENT_REF"]]);
  });
  it("reads a year-like figure after a preposition as an amount when a unit follows it", () => {
    // SaudiNewsNet: إلى 2000 كلم، ما لا يقل عن 2076 مقاتلا were years.
    assert.deepEqual(pairs("يصل مداه إلى 2000 كلم"), []);
    assert.deepEqual(pairs("قتل ما لا يقل عن 2076 مقاتلا"), []);
    assert.deepEqual(pairs("منذ 2011 قتل الآلاف"), [["2011", "2011"]]);
    assert.deepEqual(pairs("بني قبل 2000 عام"), [["قبل 2000 عام", "PAST_REF:P2000Y"]]);
  });
  it("skips an outlet named in a byline (عين اليوم)", () => {
    const text = "عمر إبراهيم – عين اليوم\nأبرمت الحكومة يوم الأربعاء اتفاقا.";
    assert.deepEqual(pairs(text), [["يوم الأربعاء", "XXXX-WXX-3"]]);
  });
});

describe("dates: resolution against the publication date", () => {
  it("resolves relative days, weeks, months and years", () => {
    const found = dates("قال أمس إن الاجتماع عقد الأسبوع الماضي وسيعقد الشهر المقبل وليس غدا.", "2015-08-09");
    const r = Object.fromEntries(found.map((d) => [d.text, d.resolved]));
    assert.equal(r.أمس, "2015-08-08");
    assert.equal(r["الأسبوع الماضي"], "2015-W31");
    assert.equal(r["الشهر المقبل"], "2015-09");
    assert.equal(r.غدا, "2015-08-10");
    assert.ok(found.every((d) => d.anchor === "2015-08-09"));
  });
  it("resolves a weekday to the last such day, or the next one when the text says so", () => {
    assert.equal(dates("أعلن الثلاثاء", "2015-08-09")[0]?.resolved, "2015-08-04");
    assert.equal(dates("يصل يوم الثلاثاء المقبل", "2015-08-09")[0]?.resolved, "2015-08-11");
  });
  it("uses a weekday written beside a day to pick the year", () => {
    const found = dates("الخميس 15 اغسطس", "2013-02-12");
    assert.equal(found[1]?.resolved, "2013-08-15");
  });
  it("reads a year after عام with no marker as Hijri when it is not after the publication's Hijri year", () => {
    // SaudiNewsNet: بدأ سوق عكاظ في العام 1428، منذ عام 1396 (Saudi papers leave out هـ) were Gregorian years.
    const y = (text: string, date?: string) => dates(text, date).map((d) => [d.text, d.value, d.calendar]);
    assert.deepEqual(y("بدأ سوق عكاظ في العام 1428 بجائزة واحدة", "2015-08-09"), [["العام 1428", "1428H", "hijri"]]);
    // After the publication's Hijri year (1436), or with م, or with no publication date: Gregorian.
    assert.deepEqual(y("ولد كوبرنيك في عام 1473", "2015-08-09"), [["عام 1473", "1473", "gregorian"]]);
    assert.deepEqual(y("بني عام 1420م", "2015-08-09"), [["عام 1420م", "1420", "gregorian"]]);
    assert.deepEqual(y("بدأ سوق عكاظ في العام 1428 بجائزة واحدة"), [["العام 1428", "1428", "gregorian"]]);
  });
  it("resolves a part of last or next year to that year", () => {
    // SaudiNewsNet: الربع الأول من العام الماضي resolved to this year's first quarter; المقبل was left out.
    const r = (text: string) => dates(text, "2015-08-09").map((d) => [d.text, d.value, d.resolved]);
    assert.deepEqual(r("في الربع الأول من العام الماضي"), [["الربع الأول من العام الماضي", "XXXX-Q1", "2014-Q1"]]);
    assert.deepEqual(r("في النصف الأول من العام القادم"), [["النصف الأول من العام القادم", "XXXX-H1", "2016-H1"]]);
    assert.deepEqual(r("نهاية النصف الأول للعام الحالي"), [["نهاية النصف الأول للعام الحالي", "XXXX-H1", "2015-H1"]]);
    assert.deepEqual(r("في الربع الأول من العام"), [["الربع الأول من العام", "XXXX-Q1", "2015-Q1"]]);
  });
  it("writes a resolved year with four digits at least", () => {
    assert.equal(resolveDate("PAST_REF:P2000Y", "2015-08-01"), "0015");
    assert.equal(resolveDate("PAST_REF:P3000Y", "2015-08-01"), "-0985");
    assert.equal(resolveDate("PAST_REF:P30Y", "2015-08-01"), "1985");
  });
  it("resolves a Hijri day without a year to the nearest year", () => {
    assert.equal(resolveDate("XXXX-10-09H", "2015-07-01"), "2015-07-25");
  });
  it("agrees with Duckling's Arabic time corpus (bare weekdays forward, as Duckling reads them)", () => {
    const peer = JSON.parse(
      readFileSync(new URL("fixtures/peer/duckling-arabic-time.json", import.meta.url), "utf8"),
    ) as {
      reference: string;
      cases: { input: string; resolved: string }[];
    };
    const misses = peer.cases
      .filter((c) => !dates(c.input, peer.reference, "future").some((d) => (d.resolved ?? d.value) === c.resolved))
      .map((c) => c.input);
    assert.deepEqual(misses, []);
  });
});
