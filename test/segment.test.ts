import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Doc } from "../src/model/doc.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";
import type { TokenKind } from "../src/model/layers.ts";
import { segment } from "../src/segment/segment.ts";
import { segmentationProblems } from "../src/segment/segmentation-problems.ts";
import { splitSentences } from "../src/segment/split-sentences.ts";
import { tokenize } from "../src/segment/tokenize.ts";

// Segment `text` through the real stage on a committed Doc with no edits.
function run(text: string, options: Parameters<typeof segment>[0] = {}): Doc {
  const doc = new Doc({ id: "t", raw: text, source: {} });
  doc.commit();
  segment(options)(doc);
  assert.deepEqual(segmentationProblems(doc.text, doc), []);
  return doc;
}

const sentences = (text: string): string[] => run(text).sentences.map((s) => s.text);
const tokens = (text: string): string[] => tokenize(text, 0, text.length).map((t) => t.text);
const kinds = (text: string): [string, TokenKind][] => tokenize(text, 0, text.length).map((t) => [t.text, t.kind]);

describe("segment: paragraphs", () => {
  it("makes one paragraph per non-blank line, trimmed, without the line break", () => {
    const doc = run("  السطر الأول. \n\n\t\nالسطر الثاني\r\nالثالث\n");
    assert.deepEqual(
      doc.paragraphs.map((p) => p.text),
      ["السطر الأول.", "السطر الثاني", "الثالث"],
    );
    assert.deepEqual(
      doc.sentences.map((s) => s.paragraph),
      [0, 1, 2],
    );
  });

  it("gives an empty or blank text no layers", () => {
    for (const t of ["", " \n \n", "\u200f\n"]) {
      const doc = run(t);
      assert.equal(doc.paragraphs.length + doc.sentences.length + doc.tokens.length, 0);
    }
  });
});

describe("segment: sentence boundaries", () => {
  it("breaks after . ؟ ? ! and at line breaks", () => {
    assert.deepEqual(sentences("وصل الوفد إلى بغداد. هل تنجح المحادثات؟ نأمل ذلك! What next? لا أحد يعرف\nسطر جديد"), [
      "وصل الوفد إلى بغداد.",
      "هل تنجح المحادثات؟",
      "نأمل ذلك!",
      "What next?",
      "لا أحد يعرف",
      "سطر جديد",
    ]);
  });

  it("never breaks at the Arabic comma, nor by default at ؛ (it joins clauses in news prose)", () => {
    assert.deepEqual(sentences("لقي شخص مصرعه؛ إثر اصطدام مركبتين، في طريق عفيف."), [
      "لقي شخص مصرعه؛ إثر اصطدام مركبتين، في طريق عفيف.",
    ]);
    assert.deepEqual(
      run("لقي شخص مصرعه؛ إثر اصطدام مركبتين.", { semicolon: true }).sentences.map((s) => s.text),
      ["لقي شخص مصرعه؛", "إثر اصطدام مركبتين."],
    );
  });

  it("keeps marks that follow together (؟! !!)", () => {
    assert.deepEqual(sentences("هل يعقل هذا؟! لا!! انتهى."), ["هل يعقل هذا؟!", "لا!!", "انتهى."]);
  });

  it("lets closing quotes and brackets travel with their sentence", () => {
    assert.deepEqual(sentences("وقال المسؤول: «لن نتراجع.» ثم غادر. وأضاف (وهذا مؤكد.) أن الوفد سيعود."), [
      "وقال المسؤول: «لن نتراجع.»",
      "ثم غادر.",
      "وأضاف (وهذا مؤكد.)",
      "أن الوفد سيعود.",
    ]);
    assert.deepEqual(sentences('قال: "هذا واضح." وانصرف.'), ['قال: "هذا واضح."', "وانصرف."]);
    assert.deepEqual(sentences("وقال الوزير “...هذا واضح”. ثم انصرف."), ["وقال الوزير “...هذا واضح”.", "ثم انصرف."]);
  });

  it("splits inside a quotation by default, keeps it whole with quotes: true", () => {
    const text = "قال العبادي: “لا أعتقد أنهم يريدون انسحاباً كاملاً. هذا واضح”. ثم غادر.";
    assert.deepEqual(sentences(text), ["قال العبادي: “لا أعتقد أنهم يريدون انسحاباً كاملاً.", "هذا واضح”.", "ثم غادر."]);
    assert.deepEqual(
      run(text, { quotes: true }).sentences.map((s) => s.text),
      ["قال العبادي: “لا أعتقد أنهم يريدون انسحاباً كاملاً. هذا واضح”.", "ثم غادر."],
    );
    // An unclosed quotation keeps nothing together.
    assert.deepEqual(
      run("قال: «لن نتراجع. أبدا. ثم غادر.", { quotes: true }).sentences.map((s) => s.text),
      ["قال: «لن نتراجع.", "أبدا.", "ثم غادر."],
    );
  });

  it("does not break at a mark in brackets", () => {
    assert.deepEqual(sentences("قال إن الرقم (؟) غير صحيح (!) بالمرة. انتهى."), [
      "قال إن الرقم (؟) غير صحيح (!) بالمرة.",
      "انتهى.",
    ]);
  });

  it("does not break when a comma follows the mark", () => {
    assert.deepEqual(sentences("«هل هذا معقول؟»، تساءل الوزير. ثم صمت."), [
      "«هل هذا معقول؟»، تساءل الوزير.",
      "ثم صمت.",
    ]);
  });

  it("does not break inside decimals, dates or times", () => {
    assert.deepEqual(
      sentences("بلغ النمو 2.5 في المئة و٢٫٥ في العام الماضي. التقيا في 15.1.2024 الساعة 10:30 ثم في 2024/1/5. انتهى."),
      ["بلغ النمو 2.5 في المئة و٢٫٥ في العام الماضي.", "التقيا في 15.1.2024 الساعة 10:30 ثم في 2024/1/5.", "انتهى."],
    );
  });

  it("does not break after abbreviations and initials", () => {
    assert.deepEqual(sentences("قال د. محمد العلي إن م. أحمد وأ. سارة حضرا الاجتماع. وانتهى اللقاء."), [
      "قال د. محمد العلي إن م. أحمد وأ. سارة حضرا الاجتماع.",
      "وانتهى اللقاء.",
    ]);
    assert.deepEqual(sentences("ألّف أ.د. خالد كتابه عام 300 ق.م. ثم رحل. انظر ص. 12 من الكتاب."), [
      "ألّف أ.د. خالد كتابه عام 300 ق.م.",
      "ثم رحل.",
      "انظر ص. 12 من الكتاب.",
    ]);
    assert.deepEqual(sentences("The book by J. R. R. Tolkien was read by Mr. Smith. He liked it."), [
      "The book by J. R. R. Tolkien was read by Mr. Smith.",
      "He liked it.",
    ]);
  });

  it("breaks after an era or currency marker that follows a number", () => {
    assert.deepEqual(sentences("ولد الشاعر عام 1950م. وتوفي عام 1420هـ. وبلغ الثمن 50 د.ك. ثم ارتفع."), [
      "ولد الشاعر عام 1950م.",
      "وتوفي عام 1420هـ.",
      "وبلغ الثمن 50 د.ك.",
      "ثم ارتفع.",
    ]);
  });

  it("breaks after a Latin letter glued to a number or hyphen (a unit or model, not an initial)", () => {
    assert.deepEqual(sentences("تصور الكاميرا بدقة 4K. ومنفذ USB Type-C. وثمة إشاعات."), [
      "تصور الكاميرا بدقة 4K.",
      "ومنفذ USB Type-C.",
      "وثمة إشاعات.",
    ]);
  });

  it("keeps a numbered list item's number with its text", () => {
    assert.deepEqual(sentences("1. خطورة تجنيد العوام. 2. التطرف الجهادي."), [
      "1. خطورة تجنيد العوام.",
      "2. التطرف الجهادي.",
    ]);
  });

  it("does not break at an ellipsis inside a paragraph by default", () => {
    assert.deepEqual(sentences("إن ما تقوله وما تفعله... في الواقع, إنه أمرٌ لا يصدق. حقا…"), [
      "إن ما تقوله وما تفعله... في الواقع, إنه أمرٌ لا يصدق.",
      "حقا…",
    ]);
    assert.deepEqual(
      run("لا أدري لم اخترتها... بعد سنتين عادت.", { ellipsis: true }).sentences.map((s) => s.text),
      ["لا أدري لم اخترتها...", "بعد سنتين عادت."],
    );
  });

  it("does not break inside URLs and e-mail addresses, or before a lowercase Latin word", () => {
    assert.deepEqual(
      sentences(
        "للمزيد زوروا https://www.spa.gov.sa/news.php?id=1. أو راسلوا info@spa.gov.sa اليوم. Use one, e.g. this one.",
      ),
      [
        "للمزيد زوروا https://www.spa.gov.sa/news.php?id=1.",
        "أو راسلوا info@spa.gov.sa اليوم.",
        "Use one, e.g. this one.",
      ],
    );
  });

  it("lets a lowercase Latin word open a sentence after Arabic text", () => {
    assert.deepEqual(sentences("انتهى العرض. iPhone الجديد متاح. It works, etc. and more."), [
      "انتهى العرض.",
      "iPhone الجديد متاح.",
      "It works, etc. and more.",
    ]);
  });

  it("breaks where a period is glued to the next Arabic word", () => {
    assert.deepEqual(sentences("انتهت الحرب.وقال الرئيس كلمته."), ["انتهت الحرب.", "وقال الرئيس كلمته."]);
  });

  it("records each sentence's token range", () => {
    const doc = run("قال الوزير. ثم انصرف");
    assert.deepEqual(
      doc.sentences.map((s) => s.tokens),
      [
        [0, 3],
        [3, 5],
      ],
    );
  });

  it("splitSentences works on a range of tokens", () => {
    const text = "أولا. ثانيا.";
    const toks = tokenize(text, 0, text.length);
    assert.deepEqual(
      splitSentences(text, toks, 0, toks.length, 0).map((s) => s.text),
      ["أولا.", "ثانيا."],
    );
  });
});

describe("segment: tokens", () => {
  it("keeps diacritics and tatweel inside Arabic words and fills norm/stem with the matching form", () => {
    const [t] = run("الأَمِيرْكِيّة").tokens;
    assert.equal(t?.text, "الأَمِيرْكِيّة");
    assert.equal(t?.kind, "word");
    assert.equal(t?.norm, "الاميركيه");
    assert.equal(t?.stem, "الاميركيه");
    assert.equal(t?.prefix, "");
    assert.equal(t?.suffix, "");
    assert.deepEqual(tokens("جميـــل جداً"), ["جميـــل", "جداً"]);
  });

  it("reads a tatweel standing alone as a dash, not a word", () => {
    assert.deepEqual(kinds("بغداد ـ رويترز"), [
      ["بغداد", "word"],
      ["ـ", "punct"],
      ["رويترز", "word"],
    ]);
  });

  it("reads numbers in Western, Arabic-Indic and Persian digits with their inner separators", () => {
    assert.deepEqual(kinds("2.5 1,000 ٢٫٥ ١٬٠٠٠ ۱۲۳ 2024/1/5 10:30 15.1.2024"), [
      ["2.5", "number"],
      ["1,000", "number"],
      ["٢٫٥", "number"],
      ["١٬٠٠٠", "number"],
      ["۱۲۳", "number"],
      ["2024/1/5", "number"],
      ["10:30", "number"],
      ["15.1.2024", "number"],
    ]);
    assert.equal(run("٢٫٥").tokens[0]?.norm, "2.5");
  });

  it("leaves a separator out of a number when no digit follows", () => {
    assert.deepEqual(tokens("عام 2014. وفي 2015، ثم 10:"), ["عام", "2014", ".", "وفي", "2015", "،", "ثم", "10", ":"]);
  });

  it("splits digits from letters glued after them (2024م), keeps Latin letters+digits (G7)", () => {
    assert.deepEqual(kinds("2024م G7 H1N1"), [
      ["2024", "number"],
      ["م", "word"],
      ["G7", "latin"],
      ["H1N1", "latin"],
    ]);
  });

  it("makes each punctuation mark a token, and a run of dots one", () => {
    assert.deepEqual(kinds("«نعم»... ؟! (لا) …"), [
      ["«", "punct"],
      ["نعم", "word"],
      ["»", "punct"],
      ["...", "punct"],
      ["؟", "punct"],
      ["!", "punct"],
      ["(", "punct"],
      ["لا", "word"],
      [")", "punct"],
      ["…", "punct"],
    ]);
  });

  it("reads symbols", () => {
    assert.deepEqual(kinds("$5 €3 20% ٢٠٪"), [
      ["$", "symbol"],
      ["5", "number"],
      ["€", "symbol"],
      ["3", "number"],
      ["20", "number"],
      ["%", "symbol"],
      ["٢٠", "number"],
      ["٪", "symbol"],
    ]);
  });

  it("keeps an emoji grapheme whole: ZWJ sequences, skin tones, flags, keycaps", () => {
    assert.deepEqual(kinds("مبروك👍🏽👨‍👩‍👧 🇸🇦❤️ 1️⃣ 🏳️‍🌈"), [
      ["مبروك", "word"],
      ["👍🏽", "emoji"],
      ["👨‍👩‍👧", "emoji"],
      ["🇸🇦", "emoji"],
      ["❤️", "emoji"],
      ["1️⃣", "emoji"],
      ["🏳️‍🌈", "emoji"],
    ]);
  });

  it("never splits a surrogate pair, even of a non-emoji astral character or a broken one", () => {
    const text = "𝐀 \ud83d x \ude00 𠀀";
    const toks = tokenize(text, 0, text.length);
    assert.deepEqual(
      toks.map((t) => t.text),
      ["𝐀", "\ud83d", "x", "\ude00", "𠀀"],
    );
    assert.deepEqual(segmentationProblems(text, run(text)), []);
  });

  it("makes URLs, e-mail addresses, domains, hashtags and mentions one token of kind other", () => {
    assert.deepEqual(
      kinds("(https://ar.wikipedia.org/wiki/بغداد) www.spa.gov.sa, info@spa.gov.sa aljazeera.net #عاجل_الآن @SPA_AR"),
      [
        ["(", "punct"],
        ["https://ar.wikipedia.org/wiki/بغداد", "other"],
        [")", "punct"],
        ["www.spa.gov.sa", "other"],
        [",", "punct"],
        ["info@spa.gov.sa", "other"],
        ["aljazeera.net", "other"],
        ["#عاجل_الآن", "other"],
        ["@SPA_AR", "other"],
      ],
    );
  });

  it("never ends a hashtag or word on an invisible joiner (found by the property test)", () => {
    assert.deepEqual(tokens("#ا\u200d$ بيت\u200c"), ["#ا", "$", "بيت"]);
  });

  it("keeps apostrophes inside Latin words, and reads other scripts as other", () => {
    assert.deepEqual(kinds("O'Brien don't Путин"), [
      ["O'Brien", "latin"],
      ["don't", "latin"],
      ["Путин", "other"],
    ]);
  });

  it("does not take Mr.Smith or end.The for a domain", () => {
    assert.deepEqual(tokens("Mr.Smith end.The"), ["Mr", ".", "Smith", "end", ".", "The"]);
  });
});

describe("segment: the reference article", () => {
  const text = readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8");

  it("after cleaning, makes each line of the cleaned text exactly one paragraph", () => {
    const stages = createPipeline().filter((s) => ["clean", "commit", "segment"].includes(s.name));
    assert.deepEqual(
      stages.map((s) => s.name),
      ["clean", "commit", "segment"],
    );
    const doc = runPipeline(stages, { id: "seed", raw: text, source: {} });
    assert.equal(doc.status, "ok");
    assert.deepEqual(segmentationProblems(doc.text, doc), []);
    assert.deepEqual(
      doc.paragraphs.map((p) => p.text),
      doc.text.split("\n"),
    );
    assert.ok(!doc.tokens.some((t) => t.text === "[" || t.text.includes("ad_")));
  });

  it("segments the raw article losslessly and keeps every line a paragraph", () => {
    const doc = run(text);
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    assert.deepEqual(
      doc.paragraphs.map((p) => p.text),
      lines.map((l) => l.trim()),
    );
    // Every period that ends a line or is followed by a space ends a sentence here (no abbreviations in it).
    const dotsThatEnd = (text.match(/[.؟!](?=\s|$)/g) ?? []).length;
    const ends = doc.sentences.filter((s) => /[.؟!]$/.test(s.text)).length;
    assert.equal(ends, dotsThatEnd);
    assert.ok(doc.tokens.some((t) => t.text === "2500" && t.kind === "number"));
    assert.ok(doc.tokens.some((t) => t.text === "[" && t.kind === "punct"));
  });
});
