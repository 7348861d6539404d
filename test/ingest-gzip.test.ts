import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { gzipSegments } from "../src/ingest/gzip-members.ts";
import type { Doc } from "../src/model/doc.ts";
import { emptySummary, processInputs } from "../src/run/process-inputs.ts";
import { buildNewsPage } from "./helpers/news-page.ts";
import { warcRecord } from "./helpers/warc.ts";

const samples = new URL("../samples/articles/", import.meta.url).pathname;
const bodies = readdirSync(samples)
  .sort()
  .map((f) => readFileSync(join(samples, f), "utf8"))
  .filter((b) => b.split(/\s+/).length > 40);

// Six pages, each a request + response pair, each record its own gzip member (as Common Crawl writes).
function members(): { gz: Buffer[]; urls: string[] } {
  const gz: Buffer[] = [];
  const urls: string[] = [];
  for (let i = 0; i < 6; i++) {
    const url = `http://example.com/news/${i}`;
    urls.push(url);
    const page = buildNewsPage(bodies[i]!, { title: `خبر ${i}`, date: "2015-07-21", site: "s", url }, i);
    gz.push(gzipSync(warcRecord({ type: "request", url, body: "" })));
    gz.push(
      gzipSync(
        warcRecord({
          type: "response",
          url,
          httpHeaders: { "Content-Type": "text/html; charset=utf-8" },
          body: page.html,
        }),
      ),
    );
  }
  return { gz, urls };
}

async function run(file: string): Promise<{ docs: Doc[]; summary: ReturnType<typeof emptySummary> }> {
  const summary = emptySummary();
  const docs: Doc[] = [];
  for await (const doc of processInputs([file], {}, summary)) docs.push(doc);
  assert.equal(summary.read, docs.length);
  assert.equal(summary.ok + summary.duplicate + summary.rejected, summary.read, "counts in = counts out");
  return { docs, summary };
}

// Damage the deflate data of a member (not its header): it no longer decodes.
function corrupt(member: Buffer): Buffer {
  const bad = Buffer.from(member);
  for (let k = Math.floor(bad.length / 3); k < Math.floor(bad.length / 3) + 64; k++) bad[k] = bad[k]! ^ 0xa5;
  return bad;
}

test("warc.gz: a corrupt member in the middle costs one rejection; every record after it is read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-gzip-"));
  const { gz, urls } = members();
  const file = join(dir, "crawl.warc.gz");
  writeFileSync(file, Buffer.concat([...gz.slice(0, 5), corrupt(gz[5]!), ...gz.slice(6)])); // page 2's response
  const { docs, summary } = await run(file);
  assert.equal(summary.rejected, 1, JSON.stringify(summary.rejectedBy));
  assert.equal(summary.rejectedBy.corrupt_gzip, 1);
  const ok = docs.filter((d) => d.status === "ok");
  assert.deepEqual(
    ok.map((d) => d.source.url),
    [urls[0], urls[1], urls[3], urls[4], urls[5]],
    "the pages before and after the damage",
  );
  const bad = docs.find((d) => d.status === "rejected")!;
  assert.match(bad.error!.message, /compressed byte \d+/);
  assert.equal(summary.skippedBy.warc_request, 6);
});

test("warc.gz: garbage over a member's header, two damaged members in a row, a cut last member", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-gzip-"));
  const { gz, urls } = members();
  const garbage = Buffer.from(gz[3]!);
  garbage.fill(0x41, 0, 40); // the header and the start of the deflate data are gone
  const cases: { name: string; parts: Buffer[]; ok: (string | undefined)[]; code: string }[] = [
    {
      name: "header.warc.gz",
      parts: [...gz.slice(0, 3), garbage, ...gz.slice(4)],
      ok: [urls[0], urls[2], urls[3], urls[4], urls[5]],
      code: "corrupt_gzip",
    },
    {
      name: "two.warc.gz",
      parts: [...gz.slice(0, 5), corrupt(gz[5]!), corrupt(gz[6]!), ...gz.slice(7)],
      ok: [urls[0], urls[1], urls[3], urls[4], urls[5]],
      code: "corrupt_gzip",
    },
    {
      name: "cut.warc.gz",
      parts: [...gz.slice(0, 11), gz[11]!.subarray(0, gz[11]!.length - 300)],
      ok: [urls[0], urls[1], urls[2], urls[3], urls[4]],
      code: "truncated_gzip",
    },
  ];
  for (const c of cases) {
    const file = join(dir, c.name);
    writeFileSync(file, Buffer.concat(c.parts));
    const { docs, summary } = await run(file);
    assert.deepEqual(summary.rejectedBy, { [c.code]: 1 }, c.name);
    assert.deepEqual(
      docs.filter((d) => d.status === "ok").map((d) => d.source.url),
      c.ok,
      c.name,
    );
  }
});

test("gzipSegments: whole members decode to the original bytes; damage splits the stream once", async () => {
  const parts = ["WARC/1.0 a ", "WARC/1.0 bb ", "WARC/1.0 ccc ", "WARC/1.0 dddd "].map((s) =>
    Buffer.from(s.repeat(500)),
  );
  const gz = parts.map((p) => gzipSync(p));
  async function* chunked(b: Buffer) {
    for (let i = 0; i < b.length; i += 700) yield b.subarray(i, i + 700); // members cross chunk edges
  }
  const read = async (b: Buffer) => {
    const out: { text: string; damage?: string }[] = [];
    for await (const seg of gzipSegments(chunked(b), { plausible: (h) => h.toString("latin1").startsWith("WARC/") })) {
      const got: Buffer[] = [];
      for await (const c of seg.chunks) got.push(Buffer.from(c));
      out.push({
        text: Buffer.concat(got).toString("latin1"),
        ...(seg.damage() ? { damage: seg.damage()!.kind } : {}),
      });
    }
    return out;
  };
  assert.deepEqual(await read(Buffer.concat(gz)), [{ text: parts.join("") }]);
  const damaged = await read(Buffer.concat([gz[0]!, corrupt(gz[1]!), gz[2]!, gz[3]!]));
  assert.equal(damaged.length, 2);
  assert.equal(damaged[0]!.text, parts[0]!.toString("latin1"));
  assert.equal(damaged[0]!.damage, "corrupt");
  assert.equal(damaged[1]!.text, parts[2]!.toString("latin1") + parts[3]!.toString("latin1"));
  const cut = await read(Buffer.concat([gz[0]!, gz[1]!.subarray(0, 20)]));
  assert.equal(cut.at(-1)!.damage, "cut");
});
