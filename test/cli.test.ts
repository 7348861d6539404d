import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../src/cli/main.ts";
import { badSpans } from "../src/model/span.ts";

const samples = new URL("../samples/articles/", import.meta.url).pathname;

test("khabar process writes one valid JSONL record per sample article, spans slicing the text", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "khabar-cli-")), "out.jsonl");
  const code = await main(["process", samples, "--out", out, "--quiet"]);
  assert.equal(code, 0);
  const lines = readFileSync(out, "utf8").trimEnd().split("\n");
  assert.equal(lines.length, 30);
  for (const line of lines) {
    const r = JSON.parse(line);
    assert.equal(r.status, "ok", `${r.id}: ${JSON.stringify(r.error)}`);
    assert.equal(typeof r.text, "string");
    assert.ok(r.text.length > 0);
    for (const layer of ["paragraphs", "sentences", "captions", "credits"]) {
      assert.deepEqual(badSpans(r.text, r[layer]), [], `${r.id} ${layer}`);
    }
    // Each removal's raw text is where it says in the raw input.
    for (const x of r.removed) assert.equal(r.raw.slice(x.start, x.end), x.text);
  }
});

test("khabar with no command prints help and exits 2; an unknown option exits 2", async () => {
  assert.equal(await main([]), 2);
  assert.equal(await main(["process", "--no-such-option", samples]), 2);
});
