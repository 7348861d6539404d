import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { applyEdits, type Edit, resolveEdits } from "../src/model/edit.ts";
import { OffsetMap } from "../src/model/offset-map.ts";

// Random non-overlapping edits over a random string.
const editsArb = fc
  .tuple(
    fc.string({ unit: fc.constantFrom("ا", "ب", "ت", " ", "\n", "a", "1", "ً", "😀"), maxLength: 60 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom("", "x", "لا", "\n", "yz")), { maxLength: 12 }),
  )
  .map(([raw, specs]) => {
    const edits: Edit[] = [];
    let floor = 0;
    const sorted = specs.map(([s, len, rep]) => [raw.length ? s % (raw.length + 1) : 0, len, rep] as const).sort((a, b) => a[0] - b[0]);
    for (const [s, len, rep] of sorted) {
      const start = Math.max(s, floor);
      if (start > raw.length) break;
      const end = Math.min(raw.length, start + len);
      if (start === end && rep === "") continue;
      edits.push({ start, end, replacement: rep, kind: "test" });
      floor = end === start ? end + 1 : end;
    }
    return { raw, edits };
  });

test("offset map: cleaned offsets map to raw monotonically and kept characters round-trip", () => {
  fc.assert(
    fc.property(editsArb, ({ raw, edits }) => {
      const resolved = resolveEdits(edits);
      const text = applyEdits(raw, resolved);
      const map = new OffsetMap(raw.length, resolved);
      assert.equal(map.textLength, text.length);
      let prev = -1;
      let prevEnd = -1;
      for (let c = 0; c <= text.length; c++) {
        const r = map.toRaw(c)!;
        assert.ok(r >= prev, `toRaw not monotonic at ${c}`);
        assert.ok(r >= 0 && r <= raw.length);
        prev = r;
        const e = map.toRaw(c, "end")!;
        assert.ok(e >= prevEnd, `toRaw(end) not monotonic at ${c}`);
        assert.ok(e >= 0 && e <= raw.length);
        prevEnd = e;
      }
      // Every raw character outside an edit maps to the same character in the text and back.
      const inEdit = new Uint8Array(raw.length);
      for (const e of resolved) for (let i = e.start; i < e.end; i++) inEdit[i] = 1;
      for (let r = 0; r < raw.length; r++) {
        const c = map.toClean(r);
        if (inEdit[r]) {
          const e = resolved.find((x) => x.start <= r && r < x.end)!;
          if (e.replacement === "") assert.equal(c, undefined, `deleted raw ${r} should map to undefined`);
          else assert.notEqual(c, undefined);
          continue;
        }
        assert.notEqual(c, undefined);
        assert.equal(text[c!], raw[r]);
        assert.equal(map.toRaw(c!), r);
      }
      // Any span of the text maps to a raw range whose edited form contains it.
      for (let s = 0; s <= text.length; s += 3) {
        const range = map.spanToRaw(s, Math.min(text.length, s + 4))!;
        assert.ok(range.start <= range.end);
      }
    }),
    { numRuns: 400 },
  );
});

test("offset map: lookups are total", () => {
  const map = new OffsetMap(5, [{ start: 1, end: 3, replacement: "" }]);
  assert.equal(map.toRaw(-1), undefined);
  assert.equal(map.toRaw(4), undefined);
  assert.equal(map.toRaw(1.5), undefined);
  assert.equal(map.toClean(6), undefined);
  assert.equal(map.toClean(2), undefined);
  assert.equal(map.toClean(3), 1);
  assert.equal(map.toRaw(1), 3);
  assert.equal(map.toRaw(1, "end"), 1);
  assert.equal(map.toRaw(3), 5);
  assert.equal(map.toCleanNearest(2), 1);
});

test("edits: nested edits resolve to the outer one, partial overlaps throw", () => {
  const nested = resolveEdits([
    { start: 2, end: 3, replacement: "x", kind: "inner" },
    { start: 0, end: 5, replacement: "", kind: "outer" },
  ]);
  assert.deepEqual(
    nested.map((e) => e.kind),
    ["outer"],
  );
  assert.throws(
    () =>
      resolveEdits([
        { start: 0, end: 3, replacement: "", kind: "a" },
        { start: 2, end: 5, replacement: "", kind: "b" },
      ]),
    /edit_overlap/,
  );
});
