import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DAY_PARTS,
  DECADES,
  DEICTIC,
  MONTHS,
  PERIOD_PARTS,
  PERIODS,
  type PhraseTable,
  type PhraseUnit,
  SEASONS,
  SETS,
  WEEKDAYS,
  YEAR_PARTS,
} from "../src/extract/dates/calendar-lexicon.ts";
import {
  cliticVariants,
  F_TIME_UNIT,
  F_TRIGGER,
  isFigureTrigger,
  lexiconFlags,
  phraseTrigger,
  scanFlags,
  wordFlags,
} from "../src/extract/numbers/figure-triggers.ts";
import { readNumber } from "../src/extract/numbers/read-number.ts";
import { lookupUnitWord, unitForms } from "../src/extract/numbers/unit-lexicon.ts";
import { setFigureWindows, wordsOf } from "../src/extract/numbers/word-view.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { figures } from "./helpers/figures.ts";

/** Dates and quantities of `text` (JSON), read through the trigger windows or every sentence whole. */
function layers(text: string, windowed: boolean): string {
  setFigureWindows(windowed);
  try {
    const doc = figures(text, "2015-08-09");
    return JSON.stringify([doc.layers.dates, doc.layers.quantities]);
  } finally {
    setFigureWindows(true);
  }
}

/** Every phrase table of the calendar lexicon. */
const TABLES = [
  MONTHS,
  WEEKDAYS,
  DECADES,
  PERIOD_PARTS,
  SEASONS,
  DAY_PARTS,
  DEICTIC,
  PERIODS,
  SETS,
  YEAR_PARTS,
] as PhraseTable<unknown>[];

describe("PhraseTable: the word trie", () => {
  const tables = TABLES;
  // Every phrase, every proper prefix of it, and each followed by words that do and do not go on.
  const cases = (table: PhraseTable<unknown>): string[][] => {
    const out: string[][] = [];
    for (const phrase of table.phrases()) {
      const words = phrase.split(" ");
      for (let n = 1; n <= words.length; n++) {
        out.push(words.slice(0, n));
        out.push([...words.slice(0, n), "الماضي", "2015"]);
        out.push([...words.slice(0, n), "كانون", "الثاني"]);
      }
    }
    return out;
  };

  // The lookup the trie replaces: the longest run of words that is a phrase, by joined keys.
  const joined = <V>(table: PhraseTable<V>, norms: string[]): { value: V; words: number } | undefined => {
    const keys = new Set(table.phrases());
    for (let n = norms.length; n >= 1; n--) {
      const key = norms.slice(0, n).join(" ");
      if (keys.has(key)) return { value: table.get(key)!, words: n };
    }
    return undefined;
  };

  it("match and matchWords find the longest phrase, as a lookup of joined words does", () => {
    let checked = 0;
    for (const table of tables) {
      for (const norms of cases(table)) {
        const units: PhraseUnit[] = norms.map((norm) => ({ norm, sentence: 0 }));
        const expected = joined(table, norms.slice(0, 4));
        assert.deepEqual(table.match(norms.slice(0, 4)), expected, norms.join(" "));
        assert.deepEqual(
          table.matchWords(norms[0]!, units, 1, Math.min(units.length, 4), 0),
          expected,
          norms.join(" "),
        );
        checked++;
      }
    }
    assert.ok(checked > 500, `${checked} cases`);
  });

  it("matchWords stops at a sentence boundary and at `to`", () => {
    const units: PhraseUnit[] = [
      { norm: "كانون", sentence: 0 },
      { norm: "الثاني", sentence: 1 },
    ];
    // كانون alone names no month: across a sentence boundary nothing is found.
    assert.equal(MONTHS.matchWords("كانون", units, 1, 2, 0), undefined);
    assert.equal(MONTHS.matchWords("كانون", units, 1, 1, 1), undefined);
    assert.equal(MONTHS.matchWords("كانون", units, 1, 2, 1)?.words, 2);
  });
});

describe("figure triggers", () => {
  it("triggers a phrase by its last word, or by its first when the last is an ordinal", () => {
    assert.equal(phraseTrigger("ذي القعده"), "القعده");
    assert.equal(phraseTrigger("بعد غد"), "غد");
    assert.equal(phraseTrigger("كانون الثاني"), "كانون");
    assert.equal(phraseTrigger("ربيع الاخر"), "ربيع");
    assert.equal(phraseTrigger("جمادي الاولي"), "جمادي");
    assert.equal(phraseTrigger("الربع الاول"), "الربع");
    assert.equal(phraseTrigger("نوفمبر"), "نوفمبر");
  });

  it("leaves out ordinals, واحد, أحد and plural time units, and keeps what a date or amount needs alone", () => {
    for (const w of ["الثاني", "الأول", "الأولى", "واحد", "واحدة", "أحد", "سنوات", "أيام", "ثانية"])
      assert.equal(isFigureTrigger(matchForm(w)), false, w);
    for (const w of ["كانون", "وتشرين", "جمادى", "عام", "عامين", "سنة", "يوم", "الأحد", "أمس", "مليون", "القعدة"])
      assert.equal(isFigureTrigger(matchForm(w)), true, w);
  });

  it("keeps the flags of the words it no longer triggers on (the readers still know them)", () => {
    assert.notEqual(wordFlags(matchForm("سنوات")), 0);
    assert.notEqual(wordFlags(matchForm("الثاني")), 0);
  });

  it("finds what a reading of every sentence whole finds, on the phrases the old triggers opened", () => {
    const texts = [
      "وفي الرابع من كانون الثاني الماضي، أعلنت الوزارة النتائج.",
      "جرت الانتخابات في جمادى الأولى من العام الماضي، وقبلها في ربيع الآخر 1435 هـ.",
      "ونما الاقتصاد في الربع الأول بنسبة كبيرة، وفي النصف الثاني من 2014 تراجع.",
      "وصل يوم أحد الأسبوع الماضي، وغادر بعد أحد عشر يوما.",
      "اشترى منزلا واحدا وسيارتين، ودفع مئة وواحد دينار.",
      "عاش هناك سنوات طويلة، ثم عاد قبل ثلاث سنوات، ومكث أياما ونصف يوم.",
      // A definite noun phrase longer than the window before a figure: read back to its head.
      "يتأهل الفائزون من هذه المباريات إلى الدور الثاني للإنضمام للدول الـ27 الأعلى تصنيفا في القارة.",
      // The longest tails after a last trigger the window keeps (AFTER = 4 tokens).
      "دفعت الشركة 5 دولارات أمريكية على الأقل، ثم 200 جنيه مصري على الأقل.",
      "وقع الحادث في أكتوبر (تشرين الأول) الماضي، وسيعود في 7 و14 أكتوبر (تشرين الأول) المقبل.",
      "بلغ النمو 3.5 في المائة على الأقل.",
    ];
    for (const text of texts) assert.equal(layers(text, true), layers(text, false), text);
    assert.match(layers(texts[6]!, true), /"unit":"دور"/);
  });
});

describe("quotation state across left-out tokens", () => {
  const dates = (text: string) => ((figures(text).layers.dates ?? []) as { text: string }[]).map((d) => d.text);

  it("closes an open quotation at the end of its line, though the words between are left out", () => {
    const filler = "الأمور صعبة جدا والناس تنتظر الحلول منذ زمن بعيد دون أن يتغير شيء في حياتهم";
    assert.deepEqual(dates(`وقال: «${filler}\n${filler} ونعيش اليوم أزمة كبيرة.`), ["اليوم"]);
    assert.deepEqual(dates(`وقال: «${filler} ${filler} ونعيش اليوم أزمة كبيرة».`), []);
    for (const text of [`وقال: «${filler}\n${filler} ونعيش اليوم أزمة.`, `قال "${filler}. ${filler} اليوم".`])
      assert.equal(layers(text, true), layers(text, false), text);
  });
});

describe("word flags: one lookup for the scan and the readers", () => {
  const units = (["people", "currency", "measure", "time"] as const).flatMap((c) => unitForms(c));
  // Unit forms as written, with the accusative alif, with clitics; number words, months, ordinary words.
  const words = [
    ...units,
    ...units.map((u) => `${u}ا`),
    ...units.map((u) => `و${u}`),
    ...units.map((u) => `بال${u}`),
    ...["خمسه", "وخمسين", "الالف", "مليون", "يناير", "وكانون", "الثاني", "في", "من", "قال", "الحكومه", "والاقتصاديين"],
    // Longer than a cache slot holds: answered by the memo.
    "والاستراتيجيتين",
    "بالمستشفياتالحكوميه",
  ];

  it("sets F_TIME_UNIT exactly on the words the unit lexicon reads as a unit of time", () => {
    for (const w of words) assert.equal((wordFlags(w) & F_TIME_UNIT) !== 0, lookupUnitWord(w)?.category === "time", w);
    assert.notEqual(wordFlags("يوما") & F_TIME_UNIT, 0);
    assert.notEqual(wordFlags("اسابيع") & F_TIME_UNIT, 0);
  });

  it("gives the same flags from the slot cache as on the first lookup, and the scan agrees with them", () => {
    const first = words.map((w) => wordFlags(w));
    // Many other words pass through the cache between the two lookups (and push some out of it).
    for (let k = 0; k < 70_000; k++) wordFlags(`ال${k.toString(36)}ين`);
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      assert.equal(wordFlags(w), first[k], w);
      const scan = scanFlags(w);
      assert.ok(scan === -1 || scan === first[k], w);
      assert.equal(isFigureTrigger(w), (first[k]! & F_TRIGGER) !== 0, w);
      if (isFigureTrigger(w)) assert.equal(scan, first[k], w);
    }
  });

  it("gives every word the flags the sets give it (the ending sieve, the Bloom filter and the cache lose none)", () => {
    // Every form of every lexicon the flags come from, with every run of clitics, and words near them.
    const forms = new Set<string>([...words, ...units]);
    for (const table of TABLES) for (const phrase of table.phrases()) for (const w of phrase.split(" ")) forms.add(w);
    for (const w of [
      "خمسه",
      "عشرون",
      "الف",
      "مليون",
      "نصف",
      "عشرات",
      "الاول",
      "عام",
      "نحو",
      "اكثر",
      "بين",
      "منذ",
      "هذا",
    ])
      forms.add(w);
    let flagged = 0;
    for (const f of forms) {
      for (const w of [...cliticVariants(f), `${f}ه`, `${f}ات`, f.slice(1), `ا${f}`]) {
        const want = lexiconFlags(w);
        if (want !== 0) flagged++;
        assert.equal(wordFlags(w), want, w);
        const scan = scanFlags(w);
        assert.ok(scan === -1 ? (want & F_TRIGGER) === 0 : scan === want, w);
      }
    }
    assert.ok(flagged > 5_000, `only ${flagged} flagged words tried`);
    // Words of the news with no flags at all (most words the sieve lets through).
    for (const w of ["ايران", "فيما", "الدكتور", "الشباب", "بينما", "النادي", "الداخليه", "التواصل", "جامعه"])
      assert.equal(wordFlags(w), lexiconFlags(w), w);
  });

  it("reads the same number at every unit whether or not it was read before (the memo of readNumber)", () => {
    const doc = figures("دفع مئة وخمسة وعشرين ألف دولار و900 ريال خلال 3 أيام، ثم 2.5 مليار في 2014، وقبل عامين.");
    const words = wordsOf(doc);
    const again = words.map((_, i) => JSON.stringify(readNumber(words, doc.text, i)));
    // A copy of the view is another array: nothing read before counts for it.
    const copy = [...words];
    const fresh = copy.map((_, i) => JSON.stringify(readNumber(copy, doc.text, copy.length - 1 - i))).reverse();
    assert.deepEqual(again, fresh);
    assert.ok(again.some((m) => m?.includes('"value":125000')));
  });
});
