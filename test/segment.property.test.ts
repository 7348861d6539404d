import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Doc } from "../src/model/doc.ts";
import { segment, segmentText } from "../src/segment/segment.ts";
import { segmentationProblems } from "../src/segment/segmentation-problems.ts";

// Pieces of real-looking text: Arabic letters and marks, Latin, digits of three scripts, every mark the
// sentence splitter and tokenizer treat specially, whitespace of all kinds, emoji (pairs, ZWJ, skin
// tones, flags, keycaps) and broken surrogates.
const pieces = [
  ..."ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآىةؤئ",
  ..."\u064e\u064f\u0650\u0651\u0652\u064b\u0670\u0640",
  "قال",
  "الأَمِيرْكِيّة",
  "وأ",
  "د",
  "م",
  "هـ",
  ..."abcXYZ",
  "Mr",
  "J",
  "don't",
  ..."0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳",
  ..."..،؛؟?!…:,;/٫٬'\"«»“”‘’()[]{}-_@#$€%٪+=*&",
  "...",
  "..",
  "http://",
  "https://",
  "www.",
  ".com",
  "@x.org",
  ..."    ",
  "\t",
  "\u00a0",
  "\n",
  "\n",
  "\r\n",
  "\u2028",
  "\u200c",
  "\u200d",
  "\u200f",
  "\ufeff",
  "\u00ad",
  "😀",
  "👍🏽",
  "👨‍👩‍👧",
  "🇸🇦",
  "❤️",
  "1️⃣",
  "🏳️‍🌈",
  "\ud83d",
  "\ude00",
  "𝐀",
  "\u0301",
  "Путин",
];

const mixed = fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((a) => a.join(""));
// Any UTF-16 code units at all, lone surrogates included.
const anyUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const text = fc.oneof({ arbitrary: mixed, weight: 4 }, { arbitrary: anyUnits, weight: 1 });

function layersOf(t: string): Doc {
  const doc = new Doc({ id: "p", raw: t, source: {} });
  doc.commit();
  segment()(doc);
  return doc;
}

describe("segment: properties", () => {
  it("is lossless on random Arabic/Latin/digit/punctuation/emoji text", () => {
    fc.assert(
      fc.property(text, (t) => {
        const doc = layersOf(t);
        assert.deepEqual(segmentationProblems(t, doc), []);
      }),
      { numRuns: 3000 },
    );
  });

  it("every span's text is text.slice(start, end), and tokens cover every non-space character", () => {
    fc.assert(
      fc.property(text, (t) => {
        const doc = layersOf(t);
        for (const s of [...doc.paragraphs, ...doc.sentences, ...doc.tokens])
          assert.equal(s.text, t.slice(s.start, s.end));
        // What no token covers is whitespace or invisible format characters, by Unicode's own classes.
        let rest = "";
        let at = 0;
        for (const tok of doc.tokens) {
          rest += t.slice(at, tok.start);
          at = tok.end;
        }
        rest += t.slice(at);
        assert.match(rest, /^[\s\p{Cf}]*$/u);
      }),
      { numRuns: 1000 },
    );
  });

  it("segments each paragraph the same way on its own (no context leaks across lines)", () => {
    fc.assert(
      fc.property(mixed, (t) => {
        const whole = segmentText(t);
        for (let p = 0; p < whole.paragraphs.length; p++) {
          const para = whole.paragraphs[p]!;
          const alone = segmentText(para.text);
          assert.deepEqual(
            alone.sentences.map((s) => s.text),
            whole.sentences.filter((s) => s.paragraph === p).map((s) => s.text),
          );
          assert.deepEqual(
            alone.tokens.map((k) => [k.start + para.start, k.end + para.start, k.kind]),
            whole.tokens.filter((k) => k.start >= para.start && k.end <= para.end).map((k) => [k.start, k.end, k.kind]),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic and fills norm and stem for every token", () => {
    fc.assert(
      fc.property(mixed, (t) => {
        const a = segmentText(t);
        const b = segmentText(t);
        assert.deepEqual(a, b);
        for (const tok of a.tokens) {
          assert.equal(tok.stem, tok.norm);
          assert.equal(tok.prefix + tok.suffix, "");
        }
      }),
      { numRuns: 300 },
    );
  });
});
