import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { clean } from "../src/clean/clean.ts";
import { Doc } from "../src/model/doc.ts";
import { displayEdits, normalizeText } from "../src/normalize/normalize-text.ts";
import { commitText } from "../src/run/commit-text.ts";
import { runPipeline } from "../src/run/pipeline.ts";

/** Run display normalization and commit on `raw`. */
function normalized(raw: string): Doc {
  const doc = new Doc({ id: "t", raw, source: { path: "t.txt" } });
  normalizeText()(doc);
  doc.commit();
  for (const r of [...doc.removed, ...doc.replaced]) assert.equal(doc.raw.slice(r.start, r.end), r.text);
  return doc;
}
const kinds = (doc: Doc) => doc.edits.map((e) => e.kind);

describe("normalizeText: display normalization", () => {
  it("leaves ordinary text alone (no edits at all)", () => {
    const raw = "قال وزير الخارجية إنّ المحادثات ستستمر.\nThe talks go on, 2024.\tTab stays.";
    const doc = normalized(raw);
    assert.equal(doc.text, raw);
    assert.deepEqual(doc.edits, []);
  });

  it("keeps diacritics and tatweel in the display text", () => {
    const raw = "وَقَالَ الرَّئِيسُ أيضاً: الســلام";
    const doc = normalized(raw);
    assert.equal(doc.text, raw);
  });

  it("turns presentation forms into base letters, and the map points back at them", () => {
    const raw = "قال ﺍﻟﺴﻼﻡ عليكم";
    const doc = normalized(raw);
    assert.equal(doc.text, "قال السلام عليكم");
    assert.ok(kinds(doc).every((k) => k === "presentation_form"));
    // The ligature ﻻ (one raw char) became two letters: both map back to it.
    const la = doc.text.indexOf("لا");
    assert.equal(doc.map.toRaw(la), raw.indexOf("ﻼ"));
    assert.equal(doc.map.toRaw(la + 2, "end"), raw.indexOf("ﻼ") + 1);
    // Text after the edits maps back exactly.
    const w = doc.text.indexOf("عليكم");
    assert.deepEqual(doc.map.spanToRaw(w, w + 5), { start: raw.indexOf("عليكم"), end: raw.indexOf("عليكم") + 5 });
  });

  it("expands the ﷺ ligature and keeps marks on a presentation form with it", () => {
    const doc = normalized("محمد ﷺ وﻻَ");
    assert.equal(doc.text, "محمد صلى الله عليه وسلم ولاَ");
  });

  it("removes bidi controls and zero-width characters, keeps ZWNJ between letters and ZWJ in emoji", () => {
    const raw =
      "\u202bبغداد\u202c \u200fرويترز\u200e\u200b \u2066x\u2069 نص\u00adنص \ufeff\u061cمی\u200cخواهم 👨\u200d👩\u200d👧 a\u200db \u200cا";
    const doc = normalized(raw);
    assert.equal(doc.text, "بغداد رويترز x نصنص می\u200cخواهم 👨\u200d👩\u200d👧 ab ا");
    const byKind = new Map<string, number>();
    for (const k of kinds(doc)) byKind.set(k, (byKind.get(k) ?? 0) + 1);
    assert.equal(byKind.get("bidi_control"), 7);
    assert.equal(byKind.get("zero_width"), 5);
    // A removed control maps to undefined; its neighbours still map back.
    assert.equal(doc.map.toClean(0), undefined);
    assert.equal(doc.map.toRaw(0), 1);
  });

  it("normalizes CRLF and CR to LF, removing only the CR of a CRLF", () => {
    const raw = "سطر أول\r\nسطر ثان\rسطر ثالث\u2028رابع";
    const doc = normalized(raw);
    assert.equal(doc.text, "سطر أول\nسطر ثان\nسطر ثالث\nرابع");
    assert.deepEqual(kinds(doc), ["newline", "newline", "newline"]);
    assert.equal(doc.removed.length, 1);
    assert.equal(doc.removed[0]!.text, "\r");
    const third = doc.text.indexOf("ثالث");
    assert.equal(doc.map.toRaw(third), raw.indexOf("ثالث"));
  });

  it("removes other control characters", () => {
    const doc = normalized("نص\u0000 مع\u001a رموز\u007f\u0085تحكم");
    assert.equal(doc.text, "نص مع رموز\nتحكم");
    assert.deepEqual(kinds(doc), ["control", "control", "control", "newline"]);
  });

  it("composes to NFC per cluster: shadda order and alef + hamza", () => {
    // Shadda typed before fatha (the common keyboard order): NFC puts fatha first.
    const raw = "إن\u0651\u064e الا\u0654مر e\u0301";
    const doc = normalized(raw);
    assert.equal(doc.text, raw.normalize("NFC"));
    assert.equal(doc.text, "إن\u064e\u0651 الأمر é");
    assert.deepEqual(kinds(doc), ["nfc", "nfc", "nfc"]);
    // Each edit covers only what changed: the two marks, not the letter before them.
    assert.deepEqual(doc.edits[0], { start: 2, end: 4, replacement: "\u064e\u0651", kind: "nfc" });
    const amr = doc.text.indexOf("مر");
    assert.equal(doc.map.toRaw(amr), raw.indexOf("مر"));
  });

  it("matches a naive reference on random strings: NFC, no controls, edits disjoint, map monotonic", () => {
    // ZWNJ/ZWJ are context-dependent, so they get their own test above; everything else must equal
    // the naive definition: drop invisibles, newlines to LF, presentation forms to NFKC, then NFC.
    const reference = (raw: string) =>
      [...raw.replace(/\r\n/g, "\n")]
        .map((ch) => {
          const c = ch.codePointAt(0)!;
          if (/[\r\u2028\u2029\u0085\u000b\u000c]/.test(ch)) return "\n";
          if (
            /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u00ad\ufeff]/.test(
              ch,
            )
          )
            return "";
          if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe)) return ch.normalize("NFKC");
          return ch;
        })
        .join("")
        .normalize("NFC");
    const unit = fc.constantFrom(
      ..."ابتسلمنهوية أإآءؤئى".split(""),
      "\u064e",
      "\u0651",
      "\u0650",
      "\u0652",
      "\u0654",
      "\u0653",
      "\u0301",
      "\u0300",
      "\u0327",
      "e",
      "a",
      "C",
      " ",
      "\n",
      "\r",
      "\t",
      "\u200b",
      "\u200f",
      "\u202b",
      "\u2066",
      "\u00ad",
      "\ufeff",
      "\u0000",
      "\u001a",
      "ﻻ",
      "ﺍ",
      "ﷺ",
      "ﹰ",
      "\u2126",
      "😀",
      "\ufe0f",
      "👩",
      "\u{1d165}",
      "\u{2f800}",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (raw) => {
        const edits = displayEdits(raw);
        for (let i = 1; i < edits.length; i++) assert.ok(edits[i]!.start >= edits[i - 1]!.end, "sorted, disjoint");
        const doc = normalized(raw);
        assert.equal(doc.text, reference(raw));
        // Every character of the text maps back inside the raw input, in order.
        let prev = 0;
        for (let c = 0; c < doc.text.length; c++) {
          const r = doc.map.toRaw(c)!;
          assert.ok(r >= prev && r < raw.length);
          prev = r;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("gives NFC text with ZWNJ only between letters and ZWJ only between emoji (random strings)", () => {
    const unit = fc.constantFrom(
      "ا",
      "ب",
      "ی",
      "\u064e",
      "\u0651",
      "\u0654",
      " ",
      "a",
      "\u200c",
      "\u200d",
      "😀",
      "👩",
      "\ufe0f",
      "\u200f",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (raw) => {
        const text = normalized(raw).text;
        assert.equal(text, text.normalize("NFC"));
        assert.ok(!/\u200f/u.test(text));
        for (const m of text.matchAll(/\u200c/gu)) {
          assert.match(text.slice(0, m.index), /\p{L}\p{M}*$/u);
          assert.match(text.slice(m.index + 1), /^\p{L}/u);
        }
        for (const m of text.matchAll(/\u200d/gu)) assert.match(text.slice(m.index + 1), /^\p{Extended_Pictographic}/u);
      }),
      { numRuns: 1000 },
    );
  });

  it("runs before cleaning without overlapping its edits (reference article with CRLF and bidi marks)", () => {
    const seed = readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8");
    const raw = `\u200f${seed.replace(/\n/g, "\r\n").replace("رويترز", "\u202bرويترز\u202c")}`;
    const stages = [
      { name: "normalize", run: normalizeText() },
      { name: "clean", run: clean() },
      { name: "commit", run: commitText() },
    ];
    const doc = runPipeline(stages, { id: "seed", raw, source: { path: "seed.txt" } });
    assert.equal(doc.status, "ok", doc.error?.message);
    const plain = runPipeline(stages.slice(1), { id: "seed", raw: seed, source: { path: "seed.txt" } });
    assert.equal(doc.text, plain.text);
  });
});
