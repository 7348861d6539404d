import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Quantity } from "../src/extract/quantities.ts";
import { parseFigure } from "../src/extract/numbers/parse-figure.ts";
import { lookupUnit, lookupUnitWord, mayStartMultiwordUnit, unitForms } from "../src/extract/numbers/unit-lexicon.ts";
import { figures } from "./helpers/figures.ts";

/*
 * The fast paths of the quantities and number readers (session 6): each skips work where a cheap test shows the
 * slow path could find nothing. These tests pin the shortcuts to what the slow paths give, and run one sentence
 * through each path the shortcuts guard, so a shortcut that drops a case fails here before the figures snapshot.
 */

const DIGITS = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"];

describe("parseFigure: plain digits are added up in place", () => {
  it("gives what Number gives for the digits in ASCII, up to 15 digits and past them", () => {
    const figure = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 })), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(figure, (ds) => {
        const written = ds.map(([script, d]) => DIGITS[script]![d]).join("");
        const ascii = ds.map(([, d]) => String(d)).join("");
        assert.equal(parseFigure(written), Number(ascii), written);
      }),
      { numRuns: 2000 },
    );
  });

  it("still reads separators and rejects other characters", () => {
    assert.equal(parseFigure("007"), 7);
    assert.equal(parseFigure("741.500"), 741500);
    assert.equal(parseFigure("2.500", true), 2.5);
    assert.equal(parseFigure("12a"), undefined);
    assert.equal(parseFigure(""), undefined);
  });
});

describe("lookupUnit: one-word lookup where no multiword unit can start", () => {
  const forms = (["people", "currency", "measure", "time"] as const).flatMap((c) => unitForms(c));
  const words = [...forms, ...forms.map((f) => `${f}ا`), ...forms.map((f) => `ال${f}`), "منزل", "سلة", "قتيلا"];

  it("gives the entry lookupUnit gives for the words after it", () => {
    let shortcuts = 0;
    for (const w of words) {
      if (mayStartMultiwordUnit(w)) continue;
      shortcuts++;
      for (const after of [[], ["في"], ["في", "الساعة"], ["مربع", "في", "اليوم"]])
        assert.deepEqual(lookupUnitWord(w), lookupUnit([w, ...after]), `${w} ${after.join(" ")}`);
    }
    assert.ok(shortcuts > 100, `the shortcut serves most unit words (${shortcuts})`);
  });

  it("leaves the multiword forms to lookupUnit", () => {
    assert.ok(mayStartMultiwordUnit("متر"));
    assert.equal(lookupUnit(["متر", "مربع", "في"])?.words, 2);
  });
});

const quantities = (text: string): Quantity[] => (figures(text).layers.quantities ?? []) as Quantity[];
const brief = (q: Quantity) => ({
  text: q.text,
  value: q.value,
  ...(q.unit ? { unit: q.unit } : {}),
  ...(q.unit_canonical ? { canonical: q.unit_canonical } : {}),
  ...(q.qualifier ? { qualifier: q.qualifier } : {}),
  ...(q.unit_elided ? { elided: true } : {}),
});

describe("quantities: the paths the fast tests guard", () => {
  const cases: [string, ReturnType<typeof brief>[]][] = [
    // dualUnit (the ending test before the forms)
    ["دفع المشتري دولارين فقط.", [{ text: "دولارين", value: 2, unit: "دولار", canonical: "USD" }]],
    ["سجلت الحرارة درجتين تحت الصفر.", [{ text: "درجتين تحت الصفر", value: -2, unit: "درجة", canonical: "degree" }]],
    // unitAndFraction (the conjunction read first)
    ["اشترى لتر ونصف من الحليب.", [{ text: "لتر ونصف", value: 1.5, unit: "لتر", canonical: "L" }]],
    // readVague (the words around read before the forms)
    [
      "شارك عشرات الآلاف من المتظاهرين في المسيرة.",
      [{ text: "عشرات الآلاف من المتظاهرين", value: 20000, unit: "متظاهر", canonical: "person", qualifier: "vague" }],
    ],
    // definiteCardinal (the F_NUMBER test) and definiteHead (the article test)
    ["توقفت المسارات الثلاثة عن العمل.", [{ text: "المسارات الثلاثة", value: 3, unit: "مسار" }]],
    ["الدول الأعضاء الـ 188 وقعت.", [{ text: "188", value: 188, unit: "دولة" }]],
    // touchingText (joined only with a dot) and its memo
    ["بلغ سعره 42 ج.م. في السوق.", [{ text: "42 ج.م.", value: 42, unit: "ج.م.", canonical: "EGP" }]],
    // isLabelFigure (a phone number is no amount)
    ["اتصلوا على الرقم 0501234567 للاستفسار.", []],
    // percentAt (one lookup before the forms)
    [
      "ارتفع المؤشر 5 بالمئة و 3 في المائة أمس.",
      [
        { text: "5 بالمئة", value: 5, unit: "بالمئة", canonical: "percent" },
        { text: "3 في المائة", value: 3, unit: "في المائة", canonical: "percent" },
      ],
    ],
    // isCountedNoun (a preposition on a definite noun) and unitOfNoun (a noun with no clitic)
    [
      "وصل 300 متظاهر وللجنود 20 مركبة.",
      [
        { text: "300 متظاهر", value: 300, unit: "متظاهر", canonical: "person" },
        { text: "20 مركبة", value: 20, unit: "مركبة" },
      ],
    ],
    // elided (a unit carried over) and the accusative alif
    [
      "اعتقلت الشرطة 25 شخصا وأصابت 12 آخرين.",
      [
        { text: "25 شخصا", value: 25, unit: "شخص", canonical: "person" },
        { text: "12", value: 12, unit: "شخص", canonical: "person", elided: true },
      ],
    ],
    // a qualifier before, a fraction of a scale (round), a country after the currency, finish
    [
      "نحو 2.5 مليون دولار أمريكي على الأقل.",
      [{ text: "نحو 2.5 مليون دولار أمريكي", value: 2500000, unit: "دولار", canonical: "USD", qualifier: "about" }],
    ],
    ["ارتفعت الأسعار 6.7 في المائة.", [{ text: "6.7 في المائة", value: 6.7, unit: "في المائة", canonical: "percent" }]],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      assert.deepEqual(quantities(text).map(brief), expected);
    });
  }
});
