import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// V8's optimization status bits (src/runtime/runtime.h, OptimizationStatus): the function has optimized code.
const OPTIMIZED = 16;

describe("holdShape: a full GC between documents keeps the optimized code of the stages", () => {
  const probe = fileURLToPath(new URL("./helpers/shape-probe.ts", import.meta.url));
  const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--expose-gc", "--import", "tsx", probe], {
    encoding: "utf8",
  });
  const { before, after } = JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, Record<string, number>>;

  for (const name of ["findDates", "findDateMentions"]) {
    it(`${name} stays optimized across two full GCs with no document alive`, () => {
      assert.notEqual(before![name]! & OPTIMIZED, 0, `not optimized to begin with (status ${before![name]})`);
      assert.notEqual(after![name]! & OPTIMIZED, 0, `optimized code dropped by the GC (status ${after![name]})`);
    });
  }
});
