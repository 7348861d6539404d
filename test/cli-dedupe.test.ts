import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../src/cli/main.ts";

const samples = new URL("../samples/articles/", import.meta.url).pathname;

test("process --dedupe marks a re-posted copy, and khabar dedupe re-marks a file by the canonical rule", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-dedupe-"));
  const names = readdirSync(samples).sort().slice(0, 6);
  for (const name of names) copyFileSync(join(samples, name), join(dir, name));
  const seed = readFileSync(join(samples, "000_1f433a90f6971253.txt"), "utf8");
  writeFileSync(join(dir, "zz-repost.txt"), `اقرأ أيضاً: خبر آخر\n${seed.replace(/أ/g, "ا")}\nشارك هذا المقال`);
  const out = join(dir, "out.jsonl");
  assert.equal(await main(["process", dir, "--dedupe", "--jobs", "0", "--quiet", "--no-tokens", "--out", out]), 0);
  const records = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(records.length, names.length + 1);
  const repost = records.find((r) => r.id === "zz-repost");
  assert.equal(repost.status, "duplicate");
  assert.equal(repost.duplicate_of, "000_1f433a90f6971253");
  assert.deepEqual(repost.tokens, [], "--no-tokens is still honoured");
  assert.equal(records.filter((r) => r.status === "duplicate").length, 1);

  // With dates, the earlier-dated copy becomes the original even when it comes later in the file.
  const withTokens = join(dir, "tokens.jsonl");
  assert.equal(await main(["process", dir, "--jobs", "0", "--quiet", "--out", withTokens]), 0);
  const dated = readFileSync(withTokens, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l))
    .map((r) => ({ ...r, source: { ...r.source, date: r.id === "zz-repost" ? "2024-01-01" : "2024-02-01" } }));
  writeFileSync(withTokens, `${dated.map((r) => JSON.stringify(r)).join("\n")}\n`);
  const marked = join(dir, "marked.jsonl");
  assert.equal(await main(["dedupe", withTokens, "--out", marked, "--quiet"]), 0);
  const after = readFileSync(marked, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(after.find((r) => r.id === "zz-repost").status, "ok");
  const seedRecord = after.find((r) => r.id === "000_1f433a90f6971253");
  assert.equal(seedRecord.status, "duplicate");
  assert.equal(seedRecord.duplicate_of, "zz-repost");
});
