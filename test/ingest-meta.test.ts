import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadMeta } from "../src/ingest/meta.ts";
import { readInputs } from "../src/ingest/read-inputs.ts";

const dir = mkdtempSync(join(tmpdir(), "khabar-meta-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("metadata sidecar (--meta)", () => {
  it("fills a text file's title, date and site by id or file name; what an input says itself wins", async () => {
    writeFileSync(join(dir, "a1.txt"), "قال مسؤول إن المحادثات مستمرة.");
    writeFileSync(join(dir, "b2.txt"), "أعلنت الوزارة أن الدوام يبدأ الأحد.");
    writeFileSync(
      join(dir, "dump.jsonl"),
      `${JSON.stringify({ id: "c3", text: "خبر ثالث.", title: "عنوان من الملف" })}\n`,
    );
    const meta = join(dir, "index.meta");
    writeFileSync(
      meta,
      [
        JSON.stringify({ id: "a1", title: "المحادثات", date: "2015-08-09", site: "sabq", ignored: 1 }),
        JSON.stringify({ file: "b2.txt", url: "http://example.org/b2" }),
        JSON.stringify({ id: "c3", title: "عنوان من الفهرس", site: "okaz" }),
      ].join("\n"),
    );
    const m = loadMeta(meta);
    const sources = new Map<string, Record<string, unknown>>();
    for await (const r of readInputs([join(dir, "a1.txt"), join(dir, "b2.txt"), join(dir, "dump.jsonl")], { meta: m }))
      if (r.kind === "doc") sources.set(r.doc.id, r.doc.source);
    assert.equal(sources.get("a1")?.title, "المحادثات");
    assert.equal(sources.get("a1")?.date, "2015-08-09");
    assert.equal(sources.get("a1")?.site, "sabq");
    assert.equal(sources.get("a1")?.ignored, undefined);
    assert.equal(sources.get("b2")?.url, "http://example.org/b2");
    assert.equal(sources.get("c3")?.title, "عنوان من الملف");
    assert.equal(sources.get("c3")?.site, "okaz");
  });

  it("names the line of a malformed entry", () => {
    const meta = join(dir, "bad.meta");
    writeFileSync(meta, `${JSON.stringify({ id: "x" })}\n{not json\n`);
    assert.throws(() => loadMeta(meta), /bad\.meta:2/);
    writeFileSync(meta, `${JSON.stringify({ title: "no key" })}\n`);
    assert.throws(() => loadMeta(meta), /needs an "id" or a "file"/);
  });
});
