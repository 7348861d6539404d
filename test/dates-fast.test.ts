import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DateMention } from "../src/extract/dates.ts";
import { readFileSync } from "node:fs";
import { findDates, oneForm } from "../src/extract/dates/find-dates.ts";
import { bareForms, wordsOf } from "../src/extract/numbers/word-view.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { figures } from "./helpers/figures.ts";

/*
 * The shortcuts of the dates reader (session 6: a unit of time looked for before a duration is read, the
 * weekday of a day found without regexes, figures sent to four matchers only, results completed in place, words
 * read without their forms) must not change what it finds: each case here goes through one of them, on both
 * sides of its test.
 */

const pairs = (text: string): [string, string][] =>
  ((figures(text, "2019-08-20").layers.dates ?? []) as DateMention[]).map((d) => [d.text, d.value]);

const found = (text: string) => {
  const doc = figures(text, "2019-08-20");
  return findDates(wordsOf(doc), { text: doc.text });
};

describe("dates: durations with the unit of time looked for first", () => {
  it("reads a duration whose unit comes right after the preposition or the number", () => {
    assert.deepEqual(pairs("بعد أسبوع من الاتفاق"), [["بعد أسبوع", "FUTURE_REF:P1W"]]);
    assert.deepEqual(pairs("قتل 3 أشخاص قبل 3 أيام في القصف"), [["قبل 3 أيام", "PAST_REF:P3D"]]);
    assert.deepEqual(pairs("سيبقى بعد ثلاثة أشهر"), [["بعد ثلاثة أشهر", "FUTURE_REF:P3M"]]);
    assert.deepEqual(pairs("منذ أكثر من شهر"), [["منذ أكثر من شهر", "DURATION:P1M"]]);
    assert.deepEqual(pairs("استمر الإضراب 45 يوما"), [["45 يوما", "DURATION:P45D"]]);
  });

  it("finds none when the only unit of time is in another sentence or before the figure", () => {
    assert.deepEqual(pairs("وصل عدد الزوار إلى 5 ملايين. وبعد أيام قليلة غادروا"), []);
    assert.deepEqual(pairs("منذ أيام قتل 5 أشخاص"), []);
  });
});

describe("dates: the weekday before a day of the month", () => {
  it("gives the day its weekday when they are close", () => {
    const f = found("وقع الهجوم الخميس 15 أغسطس في المدينة");
    assert.deepEqual(
      f.map((d) => [d.value, d.weekday]),
      [
        ["XXXX-WXX-4", undefined],
        ["XXXX-08-15", 4],
      ],
    );
  });

  it("leaves it out when they are more than three units apart or the day has a year", () => {
    const far = found("وقع الهجوم الخميس ثم بعد ذلك في 15 أغسطس");
    assert.equal(far.length, 2);
    assert.equal(far[1]!.weekday, undefined);
    const year = found("وقع الهجوم الخميس 15 أغسطس 2019 في المدينة");
    assert.deepEqual(
      year.map((d) => [d.value, d.weekday]),
      [
        ["XXXX-WXX-4", undefined],
        ["2019-08-15", undefined],
      ],
    );
  });
});

describe("dates: figures, days and parts", () => {
  it("reads numeric dates, and a long figure as none", () => {
    assert.deepEqual(pairs("الموعد 15/1/2024 صباحا والرقم 12345678901234567 ليس تاريخا"), [
      ["15/1/2024", "2024-01-15"],
    ]);
    assert.deepEqual(pairs("وصل 2000 جندي في 2014"), [["2014", "2014"]]);
  });

  it("keeps the fields of a part of a period and of a range of days", () => {
    const doc = figures("بدأ البناء مطلع آذار 2015 وانتهى", "2019-08-20");
    const [d] = (doc.layers.dates ?? []) as DateMention[];
    assert.deepEqual([d?.text, d?.value, d?.mod], ["مطلع آذار 2015", "2015-03", "START"]);
    const range = ((figures("الاجتماع بين 18 و22 أكتوبر المقبل", "2019-08-20").layers.dates ?? []) as DateMention[])[0];
    assert.deepEqual(
      [range?.text, range?.value, range?.direction],
      ["بين 18 و22 أكتوبر المقبل", "XXXX-10-18/XXXX-10-22", "future"],
    );
    assert.deepEqual(pairs("من 13 الى 15 تموز"), [["من 13 الى 15 تموز", "XXXX-07-13/XXXX-07-15"]]);
  });

  it("reads ordinal days and definite counts after a plural period", () => {
    assert.deepEqual(pairs("في الرابع من أبريل"), [["الرابع من أبريل", "XXXX-04-04"]]);
    assert.deepEqual(pairs("خلال السنوات العشر المقبلة"), [["السنوات العشر المقبلة", "DURATION:P10Y"]]);
  });
});

describe("dates: words read without their forms", () => {
  it("oneForm says a word is its only form exactly when bareForms agrees", () => {
    const text = readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8");
    const words = new Set(text.split(/[\s،.:؛()«»"]+/).map(matchForm));
    for (const w of ["في", "على", "نحو", "أكثر", "بعد", "وفي", "لل", "لله", "للعام", "وال", "الا", "ال", "فصل", "كما"])
      words.add(matchForm(w));
    let one = 0;
    for (const w of words) {
      if (!w) continue;
      if (oneForm(w)) {
        one++;
        assert.deepEqual(bareForms(w), [[w, 0]], w);
      }
    }
    assert.ok(one > 50, `only ${one} words of one form`);
  });

  it("matches words with and without clitics as before", () => {
    const cases: [string, [string, string][]][] = [
      ["وصل ويوم الأحد الماضي", [["يوم الأحد الماضي", "XXXX-WXX-7"]]],
      ["قال صباح اليوم إن", [["صباح اليوم", "PRESENT_REF"]]],
      [
        "واليوم الخميس",
        [
          ["اليوم", "PRESENT_REF"],
          ["الخميس", "XXXX-WXX-4"],
        ],
      ],
      ["وفي الأحد القادم", [["الأحد القادم", "XXXX-WXX-7"]]],
      ["بالاثنين", [["الاثنين", "XXXX-WXX-1"]]],
      ["منذ نحو عامين", [["منذ نحو عامين", "DURATION:P2Y"]]],
      ["قبل حوالي ثلاثة أسابيع", [["قبل حوالي ثلاثة أسابيع", "PAST_REF:P3W"]]],
      ["في الرابع عشر من تموز", [["الرابع عشر من تموز", "XXXX-07-14"]]],
      ["ذي القعدة 1436 هـ", [["ذي القعدة 1436 هـ", "1436-11H"]]],
      ["الذي قال في عام 2014", [["عام 2014", "2014"]]],
      ["للعام الحالي 2015م", [["للعام الحالي 2015م", "2015"]]],
      ["خلال هذا الأسبوع", [["هذا الأسبوع", "PRESENT_REF:P1W"]]],
      ["فصل الشتاء الماضي", [["فصل الشتاء الماضي", "XXXX-WI"]]],
    ];
    for (const [text, want] of cases) assert.deepEqual(pairs(text), want, text);
  });
});
