import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// V8's optimization status bits (src/runtime/runtime.h, OptimizationStatus): the function has optimized code.
const OPTIMIZED = 16;

describe("holdShape: a full GC between documents keeps the figure readers' optimized code", () => {
  it("findDates stays optimized across two full GCs with no Finder alive", () => {
    const probe = fileURLToPath(new URL("./helpers/shape-probe.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--expose-gc", "--import", "tsx", probe], {
      encoding: "utf8",
    });
    const { before, after } = JSON.parse(out.trim().split("\n").at(-1)!) as { before: number; after: number };
    assert.notEqual(before & OPTIMIZED, 0, `not optimized to begin with (status ${before})`);
    assert.notEqual(after & OPTIMIZED, 0, `optimized code dropped by the GC (status ${after})`);
  });
});
