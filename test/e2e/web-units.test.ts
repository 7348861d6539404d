import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { diffWords, splitWords } from "../../web/src/diff.ts";
import { disagreements } from "../../web/src/disagreements.ts";
import { cutRuns, highlightRuns } from "../../web/src/segments.ts";

// The web reader's pure parts (no browser needed): the copy diff and the layer runs.

const words = fc.array(fc.constantFrom("العراق", "في", "قال", "2500", "جندي", "Reuters", "و900"), { maxLength: 40 });

test("diffWords: each side joins back to its text; kept words are the same on both sides", () => {
  fc.assert(
    fc.property(words, words, (a, b) => {
      const x = a.join(" ");
      const y = b.join(" ");
      const d = diffWords(x, y);
      assert.equal(d.left.map((p) => p.text).join(""), x);
      assert.equal(d.right.map((p) => p.text).join(""), y);
      const kept = (side: typeof d.left) =>
        splitWords(
          side
            .filter((p) => p.kind === "same")
            .map((p) => p.text)
            .join(""),
        ).map((w) => w.trim());
      assert.deepEqual(kept(d.left), kept(d.right));
      assert.equal(d.deleted + kept(d.left).length, splitWords(x).length);
      assert.equal(d.inserted + kept(d.right).length, splitWords(y).length);
    }),
  );
});

test("diffWords: a copy with a changed figure differs in that word only", () => {
  const d = diffWords("يوجد 2500 جندي أمريكي في العراق", "يوجد 3000 جندي أمريكي في العراق");
  assert.deepEqual(
    d.left.filter((p) => p.kind === "del").map((p) => p.text.trim()),
    ["2500"],
  );
  assert.deepEqual(
    d.right.filter((p) => p.kind === "ins").map((p) => p.text.trim()),
    ["3000"],
  );
  assert.equal(diffWords("نفس النص", "نفس النص").deleted, 0);
});

test("cutRuns: runs cover the stretch without gaps, each with the marks over all of it", () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 0, maxLength: 60 }),
      fc.array(fc.tuple(fc.nat(70), fc.nat(70)), { maxLength: 8 }),
      (text, pairs) => {
        const marks = pairs.map(([a, b], i) => ({ start: Math.min(a, b), end: Math.max(a, b), data: i }));
        const runs = cutRuns(text, marks);
        assert.equal(runs.map((r) => r.text).join(""), text);
        let at = 0;
        for (const r of runs) {
          assert.equal(r.start, at);
          assert.ok(r.end > r.start || text.length === 0);
          at = r.end;
          const expected = marks
            .filter((m) => m.start <= r.start && m.end >= r.end && m.end > m.start)
            .map((m) => m.data)
            .sort();
          assert.deepEqual(r.marks.map((m) => m.data).sort(), expected);
        }
      },
    ),
  );
});

test("highlightRuns: marks exactly the highlighted stretches of a snippet", () => {
  const snippet = "قال مسؤول عراقي لرويترز إن المحادثات";
  const runs = highlightRuns(snippet, [
    [4, 9],
    [10, 15],
  ]);
  assert.deepEqual(
    runs.filter((r) => r.hit).map((r) => r.text),
    ["مسؤول", "عراقي"],
  );
  assert.equal(runs.map((r) => r.text).join(""), snippet);
});

test("disagreements: articles giving different figures in one unit, not one article giving two", () => {
  const fig = (text: string, value: number, unit: string | null) => ({ text, value, unit });
  const a = {
    id: "a",
    site: "aawsat",
    figures: [fig("2500 جندي", 2500, "جندي"), fig("900 جندي", 900, "جندي"), fig("3 أيام", 3, "يوم")],
  };
  const b = { id: "b", site: "sabq", figures: [fig("2500 جندي", 2500, "جندي"), fig("900", 900, "جندي")] };
  assert.deepEqual(disagreements([a, b]), []);
  const c = { id: "c", site: null, figures: [fig("3000 جندي", 3000, "جندي"), fig("3 أيام", 3, "يوم")] };
  assert.deepEqual(disagreements([a, b, c]), [
    {
      unit: "جندي",
      values: [
        { value: 900, sites: ["aawsat", "sabq"] },
        { value: 2500, sites: ["aawsat", "sabq"] },
        { value: 3000, sites: ["c"] },
      ],
    },
  ]);
});
