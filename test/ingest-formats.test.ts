import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import type { Doc } from "../src/model/doc.ts";
import { emptySummary, processInputs, processRecords, type RunSummary } from "../src/run/process-inputs.ts";
import { buildNewsPage } from "./helpers/news-page.ts";
import { warcArchive, warcRecord } from "./helpers/warc.ts";

const samples = new URL("../samples/", import.meta.url);
const index = readFileSync(new URL("index.jsonl", samples), "utf8")
  .trim()
  .split("\n")
  .map(
    (l) =>
      JSON.parse(l) as {
        id: string;
        file: string;
        source: string;
        url: string;
        date_extracted: string;
        title: string;
        author: string;
      },
  );
// Articles with a body worth a page (a few corpus entries are a lone line).
const articles = index
  .map((m) => ({ ...m, body: readFileSync(new URL(`articles/${m.file}`, samples), "utf8") }))
  .filter((a) => a.body.split(/\s+/).length > 40);

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

function pageOf(i: number) {
  const a = articles[i]!;
  return {
    article: a,
    page: buildNewsPage(
      a.body,
      { title: a.title, date: a.date_extracted, site: a.source, url: a.url, author: a.author },
      i,
    ),
  };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "khabar-formats-"));
}

async function run(paths: string[], options = {}): Promise<{ docs: Doc[]; summary: RunSummary }> {
  const summary = emptySummary();
  const docs: Doc[] = [];
  for await (const doc of processInputs(paths, options, summary)) docs.push(doc);
  assert.equal(summary.read, docs.length, "one record per document read");
  assert.equal(summary.ok + summary.duplicate + summary.rejected, summary.read, "counts in = counts out");
  return { docs, summary };
}

/** Title, date and every paragraph of the body as a reader sees them in the page. */
function assertPage(doc: Doc | undefined, expected: { title: string; date: string; paragraphs: string[] }) {
  assert.ok(doc, "a record for the page");
  assert.equal(doc.status, "ok", JSON.stringify(doc.error));
  assert.equal(collapse(String(doc.source.title)), collapse(expected.title));
  assert.equal(String(doc.source.date).slice(0, 10), expected.date);
  assert.deepEqual(doc.raw.split("\n"), expected.paragraphs);
}

test("html: the CNN Arabic page gives its title, date, site, canonical URL and exactly the body newspaper expects", async () => {
  const { docs } = await run([new URL("./fixtures/html/cnn-arabic.html", import.meta.url).pathname]);
  const doc = docs[0]!;
  assert.equal(doc.status, "ok");
  assert.equal(doc.source.title, "معارضون يسيطرون على مخازن للصواريخ بريف دمشق");
  assert.equal(doc.source.date, "2013-08-28"); // the visible dateline "الأربعاء، 28 آب/اغسطس 2013"
  assert.equal(doc.source.site, "CNNArabic");
  assert.equal(doc.source.url, "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html");
  assert.equal(doc.source.lang, "ar");
  assert.equal(doc.source.dir, "rtl"); // not declared: from the body's script
  const expected = readFileSync(new URL("./fixtures/html/cnn-arabic.expected.txt", import.meta.url), "utf8");
  const want = expected
    .split("\n")
    .map(collapse)
    .filter((l) => l !== "");
  assert.deepEqual(doc.raw.split("\n"), want);
  assert.ok(!doc.raw.includes("ترحب شبكة CNN بالنقاش"), "the comment policy under the article is dropped");
  const extraction = doc.source.extraction as {
    html_bytes: number;
    blocks_dropped: number;
    dropped_by: Record<string, number>;
    text_chars: number;
  };
  assert.equal(extraction.html_bytes, 29099);
  assert.equal(extraction.text_chars, doc.raw.length);
  assert.ok(
    extraction.blocks_dropped > 10 && (extraction.dropped_by.boilerplate ?? 0) >= 1,
    JSON.stringify(extraction),
  );
});

test("html: built news pages in three layouts give title, date and every paragraph, and none of the chrome", async () => {
  const dir = tmp();
  const built = [0, 1, 2, 3, 4, 5].map((i) => pageOf(i));
  for (const { article, page } of built) writeFileSync(join(dir, `${article.id}.html`), page.html);
  const { docs } = await run([dir]);
  assert.equal(docs.length, built.length);
  for (const { article, page } of built) {
    const doc = docs.find((d) => d.id === article.id);
    assertPage(doc, page);
    for (const chrome of ["الأكثر قراءة", "جميع الحقوق محفوظة", "خبر مهم جدا", "اشترك في النشرة", "أخبار ذات صلة"]) {
      assert.ok(!doc!.raw.includes(chrome), `${article.id}: "${chrome}" left in the body`);
    }
  }
  const modern = docs.find((d) => d.id === built[0]!.article.id)!;
  assert.deepEqual(modern.source.captions, [
    { text: "صورة أرشيفية من موقع الحدث", credit: "تصوير: محمد العلي", src: "/img/main.jpg" },
  ]);
  assert.equal(modern.source.dir, "rtl");
  assert.equal(modern.source.site, built[0]!.article.source);
});

test("html: a Windows-1256 page without any charset declaration decodes right", async () => {
  const dir = tmp();
  const { article, page } = pageOf(1); // the old table layout: no <meta charset>
  assert.ok(!/charset/i.test(page.html));
  writeFileSync(join(dir, "old.htm"), iconv.encode(page.html, "windows-1256"));
  const { docs } = await run([dir]);
  assert.equal(docs[0]!.encoding, "windows-1256");
  assertPage(docs[0], page);
  assert.ok(article.title.length > 0);
});

test("html: a page with no article is rejected no_article, with what was dropped", async () => {
  const dir = tmp();
  const nav = Array.from({ length: 12 }, (_, i) => `<li><a href="/s${i}">قسم ${i}</a></li>`).join("");
  writeFileSync(
    join(dir, "index.html"),
    `<!DOCTYPE html><html lang="ar"><head><title>الرئيسية</title></head><body><nav><ul>${nav}</ul></nav><div class="ad">إعلان</div><footer>جميع الحقوق محفوظة</footer></body></html>`,
  );
  const { docs, summary } = await run([dir]);
  assert.equal(docs[0]!.error?.code, "no_article");
  assert.equal(summary.rejectedBy.no_article, 1);
  assert.ok((docs[0]!.source.extraction as { blocks_dropped: number }).blocks_dropped >= 1);
});

test("html: pages nested 50,000 elements deep (unclosed tags) are read, not a stack overflow", async () => {
  const dir = tmp();
  const body = "قال الوزير إن المحادثات ستستمر أسبوعين في الرياض. ".repeat(20);
  const n = 50_000;
  writeFileSync(
    join(dir, "divs.html"),
    `<html><body>${"<div>".repeat(n)}<p>${body}</p>${"</div>".repeat(n)}</body></html>`,
  );
  writeFileSync(join(dir, "unclosed.html"), `<html><body>${"<p><b><i>".repeat(n / 3)}${body}</body></html>`);
  const { docs, summary } = await run([dir]);
  assert.equal(summary.read, 2);
  for (const doc of docs) {
    assert.equal(doc.status, "ok", doc.error?.message);
    assert.ok(collapse(doc.text).includes(collapse(body)), doc.text.slice(0, 200));
  }
});

test("html: a 200 MB page is rejected too_large from its size, without being read", async () => {
  const dir = tmp();
  const path = join(dir, "huge.html");
  writeFileSync(path, "<!DOCTYPE html><html><body><p>");
  truncateSync(path, 200 * 1024 * 1024); // sparse: reading it all would take seconds and 200 MB
  const before = process.memoryUsage().rss;
  const { docs } = await run([path]);
  assert.equal(docs[0]!.error?.code, "too_large");
  assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, "the page was not loaded");
  // Gzipped, the size is only known by decompressing: reading stops at the limit.
  const gz = join(dir, "huge.html.gz");
  writeFileSync(gz, gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)));
  const { docs: gzDocs } = await run([gz], { limits: { maxBytes: 1024 * 1024 } });
  assert.equal(gzDocs[0]!.error?.code, "too_large");
});

test("jsonl: a gzipped dump with mapped field names, a line that is not JSON, an object without text, a blank line", async () => {
  const dir = tmp();
  const rows = articles.slice(0, 4).map((a) =>
    JSON.stringify({
      article_id: a.id,
      headline: a.title,
      body: a.body,
      link: a.url,
      published_at: a.date_extracted,
    }),
  );
  const lines = [
    rows[0],
    rows[1],
    '{"article_id": "broken", "body": "نص',
    rows[2],
    "",
    JSON.stringify({ article_id: "no-text", headline: "عنوان" }),
    rows[3],
  ];
  writeFileSync(join(dir, "dump.jsonl.gz"), gzipSync(`${lines.join("\n")}\n`));
  const { docs, summary } = await run([dir], {
    jsonl: { fields: { text: "body", title: "headline", url: "link", date: "published_at" }, idField: "article_id" },
  });
  assert.equal(docs.length, 6);
  assert.equal(summary.skippedBy.blank_line, 1);
  const bad = docs.find((d) => d.error?.code === "bad_json");
  assert.ok(bad);
  assert.equal(bad.id, "dump.jsonl:3");
  assert.match(bad.error!.message, /line 3/);
  assert.equal(docs.find((d) => d.id === "no-text")?.error?.code, "no_text");
  for (const a of articles.slice(0, 4)) {
    const doc = docs.find((d) => d.id === a.id);
    assert.equal(doc?.status, "ok");
    assert.equal(doc.raw, a.body);
    assert.equal(doc.source.title, a.title);
    assert.equal(doc.source.url, a.url);
    assert.equal(doc.source.date, a.date_extracted);
  }
  // Order is the dump's order.
  assert.deepEqual(
    docs.map((d) => d.source.line),
    [1, 2, 3, 4, 6, 7],
  );
});

test("jsonl: default field names, ids from FILE:LINE when there is no id", async () => {
  const dir = tmp();
  const a = articles[0]!;
  writeFileSync(
    join(dir, "x.ndjson"),
    `${JSON.stringify({ content: a.body, title: a.title, url: a.url, date: "2015-07-21" })}\n`,
  );
  const { docs } = await run([dir]);
  assert.equal(docs[0]!.id, "x:1");
  assert.equal(docs[0]!.raw, a.body);
  assert.equal(docs[0]!.source.title, a.title);
});

function archiveRecords(n: number) {
  const pages = Array.from({ length: n }, (_, i) => pageOf(i));
  const records = pages.flatMap(({ article, page }) => [
    warcRecord({ type: "request", url: article.url, body: "" }),
    warcRecord({
      type: "response",
      url: article.url,
      httpHeaders: { "Content-Type": "text/html; charset=UTF-8" },
      body: page.html,
    }),
  ]);
  return { pages, records };
}

test("warc.gz: response records become pages; requests, images, 404s and warcinfo are skipped and counted", async () => {
  const dir = tmp();
  const { pages, records } = archiveRecords(4);
  const cp1256 = pageOf(5);
  const all = [
    warcRecord({ type: "warcinfo", contentType: "application/warc-fields", body: "software: khabar-test\r\n" }),
    ...records,
    warcRecord({
      type: "response",
      url: "http://example.com/logo.png",
      httpHeaders: { "Content-Type": "image/png" },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    }),
    warcRecord({
      type: "response",
      url: "http://example.com/gone",
      status: 404,
      httpHeaders: { "Content-Type": "text/html" },
      body: "<html><body>not found</body></html>",
    }),
    // Windows-1256 declared only in the HTTP header: the header's charset is the first hint.
    warcRecord({
      type: "response",
      url: cp1256.article.url,
      httpHeaders: { "Content-Type": "text/html; charset=windows-1256" },
      body: iconv.encode(cp1256.page.html, "windows-1256"),
    }),
    warcRecord({ type: "resource", url: "file:///saved.html", contentType: "text/html", body: pages[0]!.page.html }),
  ];
  writeFileSync(join(dir, "crawl.warc.gz"), warcArchive(all, true));
  const { docs, summary } = await run([dir]);
  assert.equal(docs.length, 6, "4 responses + 1 cp1256 response + 1 resource");
  assert.equal(summary.skipped, 7);
  assert.deepEqual(summary.skippedBy, { warc_warcinfo: 1, warc_request: 4, not_html: 1, http_404: 1 });
  assert.equal(summary.byFormat.warc?.read, 6);
  pages.forEach(({ article, page }, i) => {
    const doc = docs[i]!;
    assert.equal(doc.source.url, article.url);
    assert.equal(doc.id, `crawl.warc:${3 + 2 * i}`, "ids number every record of the archive");
    assertPage(doc, page);
  });
  assert.equal(docs[4]!.encoding, "windows-1256");
  assertPage(docs[4], cp1256.page);
  assertPage(docs[5], pages[0]!.page);
});

test("warc: a corrupt record in the middle is rejected (once per damaged stretch) and reading resumes at the next record", async () => {
  const dir = tmp();
  const { pages, records } = archiveRecords(3);
  // The second response's Content-Length lies (too short): its block ends in the middle of the page.
  const broken = Buffer.from(
    records[3]!
      .toString("latin1")
      .replace(/Content-Length: (\d+)\r\n\r\nHTTP/, (_, n) => `Content-Length: ${Number(n) - 500}\r\n\r\nHTTP`),
    "latin1",
  );
  const garbage = Buffer.from("this is not a warc record\r\nat all\r\n\r\n");
  for (const gz of [false, true]) {
    const file = join(dir, gz ? "bad.warc.gz" : "bad.warc");
    writeFileSync(
      file,
      warcArchive([records[0]!, records[1]!, garbage, records[2]!, broken, records[4]!, records[5]!], gz),
    );
    const { docs, summary } = await run([file]);
    assert.equal(summary.rejectedBy.bad_warc_record, 2, `${file}: the lying record and the garbage`);
    const ok = docs.filter((d) => d.status === "ok");
    assert.equal(ok.length, 2);
    assertPage(ok[0], pages[0]!.page);
    assertPage(ok[1], pages[2]!.page);
  }
});

test("warc: a truncated archive yields what it holds and one truncated_warc; a cut .warc.gz one truncated_gzip", async () => {
  const dir = tmp();
  const { pages, records } = archiveRecords(3);
  const whole = warcArchive(records, false);
  const cutAt = whole.length - 2000; // inside the last response
  writeFileSync(join(dir, "cut.warc"), whole.subarray(0, cutAt));
  const { docs, summary } = await run([join(dir, "cut.warc")]);
  assert.equal(summary.ok, 2);
  assert.equal(summary.rejected, 1);
  assert.equal(summary.rejectedBy.truncated_warc, 1);
  assertPage(docs[1], pages[1]!.page);

  const gz = warcArchive(records, true);
  writeFileSync(join(dir, "cut.warc.gz"), gz.subarray(0, gz.length - 3000));
  const r2 = await run([join(dir, "cut.warc.gz")]);
  assert.equal(r2.summary.ok, 2);
  assert.equal(r2.summary.rejected, 1);
  assert.equal(r2.summary.rejectedBy.truncated_gzip, 1, JSON.stringify(r2.summary.rejectedBy));
});

test("gzip: a truncated .txt.gz keeps the text before the cut, marked truncated_gzip", async () => {
  const dir = tmp();
  const a = articles[0]!;
  const gz = gzipSync(a.body);
  writeFileSync(join(dir, "a.txt.gz"), gz.subarray(0, Math.floor(gz.length * 0.7)));
  writeFileSync(join(dir, "b.txt.gz"), gz.subarray(0, 12)); // the header only
  const { docs } = await run([dir]);
  assert.equal(docs[0]!.status, "ok");
  assert.ok(a.body.startsWith(docs[0]!.raw.slice(0, 200)));
  assert.ok(docs[0]!.raw.length < a.body.length);
  assert.ok(docs[0]!.diagnostics.some((d) => d.code === "truncated_gzip"));
  assert.equal(docs[1]!.error?.code, "truncated_gzip");
});

test("any mix in one run, on worker threads: records in input order, the same as on one thread", async () => {
  const dir = tmp();
  const { records } = archiveRecords(4);
  writeFileSync(join(dir, "a-crawl.warc.gz"), warcArchive(records, true));
  writeFileSync(
    join(dir, "b-dump.jsonl"),
    `${articles
      .slice(6, 10)
      .map((a) => JSON.stringify({ id: a.id, text: a.body }))
      .join("\n")}\nnot json\n`,
  );
  writeFileSync(join(dir, "c-page.html"), pageOf(5).page.html);
  writeFileSync(join(dir, "d-plain.txt"), articles[11]!.body);
  const lines = async (jobs: number, ordered = true) => {
    const summary = emptySummary();
    const out: string[] = [];
    // What readers decide (ids, status, raw text); the stages' layers are other tests' business.
    for await (const r of processRecords([dir], { jobs, ordered, inFlight: 3 }, summary)) {
      const rec = JSON.parse(r.line) as { id: string; status: string; error?: { code: string }; raw: string };
      out.push(JSON.stringify([rec.id, rec.status, rec.error?.code, rec.raw]));
    }
    assert.equal(summary.ok + summary.rejected + summary.duplicate, summary.read);
    assert.equal(out.length, summary.read);
    return { out, summary };
  };
  const one = await lines(0);
  const two = await lines(2);
  assert.deepEqual(two.out, one.out, "same records, same order, with 2 workers");
  assert.equal(one.summary.read, 4 + 5 + 1 + 1);
  assert.deepEqual(Object.keys(one.summary.byFormat).sort(), ["html", "jsonl", "text", "warc"]);
  assert.equal(one.summary.rejectedBy.bad_json, 1);
  const unordered = await lines(2, false);
  assert.deepEqual([...unordered.out].sort(), [...one.out].sort(), "unordered: the same records");
  const forced = emptySummary();
  for await (const _ of processRecords([join(dir, "c-page.html")], { jobs: 0, format: "text" }, forced));
  assert.deepEqual(Object.keys(forced.byFormat), ["text"], "--format forces the reader");
});
