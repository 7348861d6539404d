import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import iconv from "iconv-lite";
import { decode, guessArabicCodePage } from "../src/ingest/decode.ts";
import type { Doc } from "../src/model/doc.ts";
import { emptySummary, processInputs } from "../src/run/process-inputs.ts";

const seed = readFileSync(new URL("./fixtures/seed.txt", import.meta.url), "utf8");

async function run(paths: string[], limits = {}) {
  const summary = emptySummary();
  const docs: Doc[] = [];
  for await (const doc of processInputs(paths, { limits }, summary)) docs.push(doc);
  return { docs, summary };
}

function byId(docs: Doc[], id: string): Doc {
  const doc = docs.find((d) => d.id === id);
  assert.ok(doc, `no record for ${id}`);
  return doc;
}

test("bad input: every file of a messy directory ends ok or rejected with a code, and the batch goes on", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-ingest-"));
  writeFileSync(join(dir, "a-empty.txt"), "");
  writeFileSync(join(dir, "b-blank.txt"), "  \n\t\n");
  const binary = Buffer.alloc(2048);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  writeFileSync(join(dir, "c-binary.bin"), binary);
  const utf8 = Buffer.from(seed.trimEnd(), "utf8");
  writeFileSync(join(dir, "d-truncated.txt"), utf8.subarray(0, utf8.length - 1)); // cut inside the last letter
  writeFileSync(join(dir, "e-cp1256.txt"), iconv.encode(seed, "windows-1256"));
  writeFileSync(join(dir, "f-big.txt"), "");
  truncateSync(join(dir, "f-big.txt"), 50 * 1024 * 1024); // 50 MB (sparse): rejected by size, never read
  symlinkSync(join(dir, "does-not-exist"), join(dir, "g-dangling.txt"));
  execFileSync("mkfifo", [join(dir, "h-fifo")]);
  writeFileSync(join(dir, "i-ok.txt"), seed);
  writeFileSync(join(dir, "j-utf16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seed, "utf-16le")]));

  const { docs, summary } = await run([dir]);
  assert.equal(docs.length, 10, "one record per entry");
  assert.equal(summary.read, 10);
  assert.equal(summary.ok + summary.rejected + summary.duplicate, summary.read, "counts in = counts out");

  assert.equal(byId(docs, "a-empty").error?.code, "empty");
  assert.equal(byId(docs, "b-blank").error?.code, "empty");
  assert.equal(byId(docs, "c-binary").error?.code, "binary");
  const truncated = byId(docs, "d-truncated");
  assert.equal(truncated.status, "ok");
  assert.ok(truncated.diagnostics.some((d) => d.code === "truncated_utf8"));
  const cp1256 = byId(docs, "e-cp1256");
  assert.equal(cp1256.status, "ok");
  assert.equal(cp1256.encoding, "windows-1256");
  assert.equal(cp1256.raw, seed); // every character of the article exists in Windows-1256
  assert.equal(byId(docs, "f-big").error?.code, "too_large");
  assert.equal(byId(docs, "g-dangling").error?.code, "unreadable");
  assert.equal(byId(docs, "h-fifo").error?.code, "not_a_file");
  assert.equal(byId(docs, "i-ok").status, "ok");
  const utf16 = byId(docs, "j-utf16");
  assert.equal(utf16.encoding, "utf-16le");
  assert.equal(utf16.raw, seed);
  for (const doc of docs.filter((d) => d.status === "rejected"))
    assert.ok(doc.error?.message, `${doc.id} has a message`);
});

test("a missing path is reported, not thrown", async () => {
  const { docs } = await run(["/nonexistent/khabar/path.txt"]);
  assert.equal(docs.length, 1);
  assert.equal(docs[0]?.error?.code, "unreadable");
});

test("decode: ISO-8859-6 and Windows-1256 are told apart", () => {
  const text = "قال مسؤول حكومي عراقي كبير إن المحادثات بين البلدين قد لا تنتهي قريبا";
  const iso = iconv.encode(text, "iso-8859-6");
  const win = iconv.encode(text, "windows-1256");
  assert.equal(guessArabicCodePage(iso), "iso-8859-6");
  assert.equal(guessArabicCodePage(win), "windows-1256");
  const d1 = decode(iso);
  const d2 = decode(win);
  assert.ok("text" in d1 && "text" in d2);
  assert.equal(d1.text, text);
  assert.equal(d2.text, text);
});

test("decode: a short UTF-8 text with one damaged character stays UTF-8; a short Windows-1256 one does not", () => {
  const text = "قال الوزير إن المحادثات ستستمر أسبوعين في الرياض.";
  // An encoded lone surrogate (ED A0 80: three bytes no UTF-8 decoder accepts) before 40 good letters.
  const damaged = Buffer.concat([Buffer.from([0xed, 0xa0, 0x80, 0x20]), Buffer.from(text, "utf8")]);
  const d = decode(damaged);
  assert.ok("text" in d);
  assert.equal(d.encoding, "utf-8");
  assert.equal(d.text, `\ufffd\ufffd\ufffd ${text}`);
  assert.deepEqual(
    d.diagnostics?.map((x) => x.code),
    ["invalid_utf8"],
  );
  // The same length of Windows-1256 (which makes valid UTF-8 pairs by chance: a letter before «،»).
  const legacy = decode(iconv.encode("الرياض، جدة، مكة، قال الوزير", "windows-1256"));
  assert.ok("text" in legacy);
  assert.equal(legacy.encoding, "windows-1256");
  assert.equal(legacy.text, "الرياض، جدة، مكة، قال الوزير");
});

test("decode: UTF-8 with BOM, UTF-16 BE with BOM and without", () => {
  const text = "مرحبا بالعالم hello";
  const withBom = decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  assert.ok("text" in withBom);
  assert.equal(withBom.text, text);
  const be = Buffer.from(iconv.encode(text, "utf-16be"));
  const beBom = decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  assert.ok("text" in beBom);
  assert.equal(beBom.text, text);
  const leNoBom = decode(iconv.encode("العراق وسوريا", "utf-16le"));
  assert.ok("text" in leNoBom);
  assert.equal(leNoBom.encoding, "utf-16le");
  assert.equal(leNoBom.text, "العراق وسوريا");
});

test("stdin is one article", async () => {
  const { Readable } = await import("node:stream");
  const summary = emptySummary();
  const docs: Doc[] = [];
  for await (const doc of processInputs(["-"], { stdin: Readable.from([Buffer.from(seed)]) }, summary)) docs.push(doc);
  assert.equal(docs.length, 1);
  assert.equal(docs[0]?.raw, seed);
  assert.equal(docs[0]?.source.path, "-");
});

test("bad input: a non-Arabic article is processed and flagged by language", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-lang-"));
  writeFileSync(
    join(dir, "english.txt"),
    "The talks between the United States and Iraq on ending the coalition may not conclude before the US presidential election in November, a senior Iraqi official told Reuters.\nBoth sides say the technical talks are a way to buy time.",
  );
  const { docs } = await run([dir]);
  assert.equal(docs.length, 1);
  const doc = docs[0]!;
  assert.equal(doc.status, "ok");
  assert.equal(doc.lang, "en");
  assert.ok(doc.diagnostics.some((d) => d.code === "non_arabic"));
  assert.ok(doc.sentences.length >= 2, "still segmented");
});
