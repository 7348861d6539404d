import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { readNumber } from "../src/extract/numbers/read-number.ts";
import { readOrdinal } from "../src/extract/numbers/read-ordinal.ts";
import { parseFigure } from "../src/extract/numbers/parse-figure.ts";
import { type SpellOptions, spellNumber } from "../src/extract/numbers/spell-number.ts";
import { isFigureTrigger } from "../src/extract/numbers/figure-triggers.ts";
import { buildWords, setFigureWindows, wordsOf } from "../src/extract/numbers/word-view.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { commitText } from "../src/run/commit-text.ts";
import { runPipeline } from "../src/run/pipeline.ts";
import { segment } from "../src/segment/segment.ts";
import { figures } from "./helpers/figures.ts";

const stages = [
  { name: "commit", run: commitText() },
  { name: "segment", run: segment() },
];

/** The number read from the start of `text` (after a leading minus sign), with how much of the text it took. */
function read(text: string): { value: number | undefined; whole: boolean; span: string } {
  const doc = runPipeline(stages, { id: "t", raw: text, source: {} });
  const words = buildWords(doc.text, doc.tokens, doc.sentences);
  const i = words[0]?.text === "-" ? 1 : 0;
  const m = readNumber(words, doc.text, i);
  return {
    value: m?.value,
    whole: m !== undefined && m.to === words.length,
    span: m ? doc.text.slice(m.start, m.end) : "",
  };
}

describe("parseFigure", () => {
  it("reads digits of three scripts and both separator conventions", () => {
    assert.equal(parseFigure("2500"), 2500);
    assert.equal(parseFigure("٢٥٠٠"), 2500);
    assert.equal(parseFigure("۲۵۰۰"), 2500);
    assert.equal(parseFigure("12.5"), 12.5);
    assert.equal(parseFigure("١٢٫٥"), 12.5);
    assert.equal(parseFigure("١٠٠٬٠٠٠"), 100000);
    assert.equal(parseFigure("١٠٠٬٠٠٠٫٥"), 100000.5);
    assert.equal(parseFigure("10,000"), 10000);
    assert.equal(parseFigure("1,234.5"), 1234.5);
    assert.equal(parseFigure("1.234,5"), 1234.5);
    assert.equal(parseFigure(".77"), 0.77);
    assert.equal(parseFigure("2,5"), 2.5);
  });
  it("reads a dot before three digits as a thousands separator unless the context asks for a fraction", () => {
    assert.equal(parseFigure("741.500"), 741500);
    assert.equal(parseFigure("1.500.000"), 1500000);
    assert.equal(parseFigure("2.500", true), 2.5);
    assert.equal(parseFigure("0.500"), 0.5);
    assert.equal(parseFigure("1.10"), 1.1);
  });
  it("reads ر between digit groups as wire copy writes it, last group first", () => {
    // KUNA, dpa, Egyptian papers: 5ر32 is 32.5 (read right to left: 32ر5); SPA: 540ر999ر45 is 45,999,540.
    assert.equal(parseFigure("5ر32"), 32.5);
    assert.equal(parseFigure("88ر0"), 0.88);
    assert.equal(parseFigure("03ر33"), 33.03);
    assert.equal(parseFigure("٧ر٥"), 5.7);
    assert.equal(parseFigure("540ر999ر45"), 45999540);
    // One ر before three digits, as a dot before three digits: thousands unless a scale or % follows.
    assert.equal(parseFigure("000ر22"), 22000);
    assert.equal(parseFigure("935ر6", true), 6.935);
    assert.equal(parseFigure("54ر999ر45"), undefined);
    assert.equal(parseFigure("5ر"), undefined);
  });
  it("rejects malformed figures", () => {
    assert.equal(parseFigure("1.2.3"), undefined);
    assert.equal(parseFigure("12a"), undefined);
    assert.equal(parseFigure(""), undefined);
  });
});

describe("readNumber", () => {
  const cases: [string, number][] = [
    ["خمسة وعشرون", 25],
    ["ألفين وخمسمئة", 2500],
    ["ثلاثة آلاف", 3000],
    ["مليونين", 2000000],
    ["نصف مليون", 500000],
    ["2.5 مليار", 2500000000],
    ["46 ألف", 46000],
    ["ترليون و 702 مليار", 1702000000000],
    ["سبعة مليارات", 7000000000],
    ["2.94 مليون", 2940000],
    ["مئة وخمسة وعشرون", 125],
    ["ثلاثمائة وستون", 360],
    ["خمس مئة", 500],
    ["أحد عشر", 11],
    ["اثنا عشر", 12],
    ["تسعة عشر", 19],
    ["مليون ونصف", 1500000],
    ["عشرين ألفا", 20000],
    ["واحد فاصلة خمسة", 1.5],
    ["-1200000", -1200000],
    ["١٢٠٠", 1200],
  ];
  for (const [text, value] of cases) {
    it(`${text} → ${value}`, () => {
      const r = read(text);
      assert.equal(r.value, value);
      assert.ok(r.whole, `took all of "${text}", got "${r.span}"`);
    });
  }
  it("stops where the number ends and cuts a clitic off the span", () => {
    assert.equal(read("بخمسة وعشرين جنديا").span, "خمسة وعشرين");
    assert.equal(read("2500 جندي").span, "2500");
  });
  it("does not read أحد alone (a pronoun or Sunday) or a number word after a figure", () => {
    assert.equal(read("أحد الأسباب").value, undefined);
    assert.equal(read("20 خمسة").span, "20");
  });
  it("agrees with Duckling's Arabic numeral corpus", () => {
    const peer = JSON.parse(
      readFileSync(new URL("fixtures/peer/duckling-arabic-numerals.json", import.meta.url), "utf8"),
    ) as {
      cases: { input: string; value: number }[];
    };
    const misses = peer.cases
      .filter((c) => read(c.input).value !== c.value || !read(c.input).whole)
      .map((c) => `${c.input} → ${read(c.input).value}`);
    assert.deepEqual(misses, []);
  });
  it("parses back any integer up to 10^12 spelled in words (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.record({ maah: fc.boolean(), spacedAnd: fc.boolean(), oblique: fc.boolean() }),
        (n, options: SpellOptions) => {
          const text = spellNumber(n, options);
          const r = read(text);
          return r.value === n && r.whole;
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("readOrdinal", () => {
  const ord = (text: string): number | undefined => {
    const doc = runPipeline(stages, { id: "t", raw: text, source: {} });
    const words = buildWords(doc.text, doc.tokens, doc.sentences);
    const m = readOrdinal(words, 0);
    return m && m.to === words.length ? m.value : undefined;
  };
  it("reads simple, teen and compound ordinals", () => {
    assert.equal(ord("الأول"), 1);
    assert.equal(ord("ثالث"), 3);
    assert.equal(ord("الحادي عشر"), 11);
    assert.equal(ord("الثالثة عشرة"), 13);
    assert.equal(ord("الخامس والعشرين"), 25);
    assert.equal(ord("الواحد و العشرون"), 21);
    assert.equal(ord("التسعون"), 90);
    assert.equal(ord("كتاب"), undefined);
  });
  it("agrees with Duckling's Arabic ordinal corpus", () => {
    const rows = readFileSync(new URL("fixtures/peer/duckling-ar-ordinal-money-phone.tsv", import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("Ordinal_AR\t"));
    assert.ok(rows.length >= 30);
    const misses = rows
      .map((l) => l.split("\t"))
      .filter(([, exp, input]) => ord(input!) !== Number(/OrdinalData (\d+)/.exec(exp!)?.[1]))
      .map(([, exp, input]) => `${input} (${exp})`);
    assert.deepEqual(misses, []);
  });
});

describe("spellNumber", () => {
  it("spells MSA cardinals", () => {
    assert.equal(spellNumber(2525), "ألفان وخمسمئة وخمسة وعشرون");
    assert.equal(spellNumber(3000000), "ثلاثة ملايين");
    assert.equal(spellNumber(11000), "أحد عشر ألف");
    assert.throws(() => spellNumber(-1), RangeError);
  });
});

describe("word view: windows around figures and trigger words", () => {
  const fixtures = (): string[] => {
    const dir = new URL("fixtures/saudinewsnet/", import.meta.url);
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => readFileSync(new URL(f, dir), "utf8"));
    return [readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8"), ...texts];
  };
  const layers = (text: string): string => {
    const doc = figures(text, "2015-08-09");
    return JSON.stringify([doc.layers.dates, doc.layers.quantities]);
  };

  it("finds the same dates and quantities as a reading of every sentence whole", () => {
    for (const text of fixtures()) {
      const windowed = layers(text);
      setFigureWindows(false);
      try {
        assert.equal(windowed, layers(text));
      } finally {
        setFigureWindows(true);
      }
      assert.notEqual(windowed, "[[],[]]");
    }
  });
  it("leaves out the tokens far from any trigger, and keeps the triggers", () => {
    const doc = runPipeline(stages, { id: "t", raw: fixtures()[0]!, source: {} });
    const all = buildWords(doc.text, doc.tokens, doc.sentences);
    const windows = wordsOf(doc);
    assert.ok(windows.length < all.length / 2, `${windows.length} of ${all.length} units`);
    for (const w of all) if (w.kind === "num") assert.ok(windows.some((x) => x.start === w.start && x.end === w.end));
    // A marker unit stands for the tokens left out; it matches nothing.
    assert.ok(windows.some((w) => w.sentence === -1 && w.text === ""));
  });
  it("knows trigger words with their clitics, and not the words around them", () => {
    for (const w of ["يناير", "وفي", "بالعشرين", "للعام", "والأسبوع", "مليون", "عشرات", "دولارين", "أمس", "القعدة"])
      assert.equal(isFigureTrigger(matchForm(w)), w !== "وفي", w);
    for (const w of ["الذي", "كما", "بين", "قال", "الحكومة"]) assert.equal(isFigureTrigger(matchForm(w)), false, w);
  });
  it("keeps a quotation open across a sentence it leaves out (اليوم inside is not a date)", () => {
    const pairs = (text: string) => ((figures(text).layers.dates ?? []) as { text: string }[]).map((d) => d.text);
    assert.deepEqual(pairs("وقال: «الأمور صعبة جدا. نحن نعيش اليوم أزمة كبيرة»."), []);
    assert.deepEqual(pairs("وقال: «الأمور صعبة جدا». نحن نعيش اليوم أزمة كبيرة."), ["اليوم"]);
  });
});
