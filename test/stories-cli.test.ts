import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../src/cli/main.ts";

const samples = new URL("../samples/articles/", import.meta.url).pathname;
const fixtures = new URL("fixtures/stories/", import.meta.url).pathname;

async function capture(argv: string[]): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  let out = "";
  // The command writes strings; the test runner's own reporting (bytes) passes through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== "string") return write(chunk, ...rest);
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return { code: await main(argv), out };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
}

test("khabar stories: raw inputs and JSONL records give the same stories; copies are listed with their original", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-stories-"));
  for (const name of readdirSync(samples).sort()) copyFileSync(join(samples, name), join(dir, name));
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith(".txt")))
    copyFileSync(join(fixtures, name), join(dir, name));
  // A re-posted copy of one fixture with site debris.
  copyFileSync(join(fixtures, "jeddah-fire-a.txt"), join(dir, "zz-repost.txt"));

  const raw = await capture(["stories", dir, "--json"]);
  assert.equal(raw.code, 0);
  const stories = raw.out
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  const fire = stories.find((s) => s.articles.some((a: { id: string }) => a.id === "jeddah-fire-a"));
  assert.ok(fire, raw.out);
  assert.deepEqual(fire.articles.map((a: { id: string }) => a.id).sort(), [
    "jeddah-fire-a",
    "jeddah-fire-b",
    "zz-repost",
  ]);
  assert.equal(fire.articles.find((a: { id: string }) => a.id === "zz-repost").duplicate_of, "jeddah-fire-a");
  assert.ok(
    stories.every((s) => s.articles.length >= 2),
    "--min-size defaults to 2",
  );
  assert.ok(!stories.some((s) => s.articles.some((a: { id: string }) => a.id === "riyadh-fire")));

  const records = join(mkdtempSync(join(tmpdir(), "khabar-stories-out-")), "out.jsonl");
  assert.equal(await main(["process", dir, "--jobs", "0", "--quiet", "--no-raw", "--out", records]), 0);
  const fromRecords = await capture(["stories", records, "--json"]);
  assert.equal(fromRecords.out, raw.out);

  const text = await capture(["stories", records, "--min-size", "3"]);
  assert.match(text.out, /^st_[0-9a-f]{16} {2}3 articles {2}undated\n/);
  assert.match(text.out, /zz-repost .*\[copy of jeddah-fire-a\]/);
  assert.ok(text.out.includes("\u2068"), "Arabic is isolated for the terminal");
  const inputs = readdirSync(dir).filter((f) => f.endsWith(".txt")).length;
  assert.equal(readFileSync(records, "utf8").split("\n").filter(Boolean).length, inputs);
});
