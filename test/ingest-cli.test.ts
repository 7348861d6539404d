import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { main } from "../src/cli/main.ts";
import { formatProgress, Progress } from "../src/cli/progress.ts";
import { buildNewsPage } from "./helpers/news-page.ts";
import { warcArchive } from "./helpers/warc.ts";

const samples = new URL("../samples/articles/", import.meta.url).pathname;
const bodies = readdirSync(samples)
  .sort()
  .map((f) => ({ id: f.replace(/\.txt$/, ""), body: readFileSync(join(samples, f), "utf8") }));

// Short articles (each sample's opening) keep the pipeline's share of the test time small.
function dump(dir: string, copies: number): string {
  const path = join(dir, "dump.jsonl.gz");
  const lines: string[] = [];
  for (let c = 0; c < copies; c++)
    for (const b of bodies) lines.push(JSON.stringify({ id: `${b.id}#${c}`, text: b.body.slice(0, 400) }));
  writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
  return path;
}

function records(path: string): { id: string; status: string }[] {
  const text = readFileSync(path, "utf8");
  assert.ok(text === "" || text.endsWith("\n"), "the file ends with a whole line");
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { id: string; status: string });
}

test("cli: a mixed run writes one record per document and a JSON report whose counts add up", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-cli-mix-"));
  const page = buildNewsPage(
    bodies[1]!.body,
    { title: "عنوان الخبر", date: "2015-07-21", site: "alriyadh", url: "http://example.com/a" },
    0,
  );
  writeFileSync(
    join(dir, "crawl.warc.gz"),
    warcArchive(
      [
        { type: "request", url: "http://example.com/a", body: "" },
        { type: "response", url: "http://example.com/a", body: page.html },
        { type: "response", url: "http://example.com/b", status: 404, body: "<html></html>" },
      ],
      true,
    ),
  );
  writeFileSync(join(dir, "dump.ndjson"), `${JSON.stringify({ body: bodies[2]!.body, headline: "x" })}\n{oops\n`);
  writeFileSync(join(dir, "page.html"), page.html);
  const out = join(dir, "out", "records.jsonl");
  const report = join(dir, "out", "report.json");
  const code = await main([
    "process",
    dir,
    "--out",
    out,
    "--report",
    report,
    "--jobs",
    "2",
    "--quiet",
    "--field",
    "title=headline",
  ]);
  assert.equal(code, 0);
  const recs = records(out);
  const r = JSON.parse(readFileSync(report, "utf8"));
  assert.equal(recs.length, r.read);
  assert.equal(r.read, 4);
  assert.equal(r.ok + r.duplicate + r.rejected, r.read);
  assert.equal(r.counts_balance, true);
  assert.deepEqual(r.rejected_by, { bad_json: 1 });
  assert.deepEqual(r.skipped_by, { warc_request: 1, http_404: 1 });
  assert.deepEqual(Object.keys(r.by_format).sort(), ["html", "jsonl", "warc"]);
  assert.equal(typeof r.seconds, "number");
  assert.equal(recs[0]!.id, "crawl.warc:2");
  assert.equal((recs[1] as unknown as { source: { title: string } }).source.title, "x", "--field title=headline");
  assert.equal(await main(["process", dir, "--format", "pdf", "--quiet"]), 2);
  assert.equal(await main(["process", dir, "--resume", "--quiet"]), 2, "--resume needs --out");
});

test("cli: --resume drops a cut last line and finishes the run with every id once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-cli-resume-"));
  const input = dump(dir, 2);
  const out = join(dir, "out.jsonl");
  assert.equal(await main(["process", input, "--out", out, "--quiet", "--jobs", "0"]), 0);
  const full = records(out).map((r) => r.id);
  assert.equal(full.length, 60);
  // Simulate a crash: keep 17 records and half of the 18th.
  const lines = readFileSync(out, "utf8").split("\n");
  writeFileSync(out, `${lines.slice(0, 17).join("\n")}\n${lines[17]!.slice(0, 100)}`);
  assert.equal(await main(["process", input, "--out", out, "--quiet", "--resume", "--jobs", "2"]), 0);
  const resumed = records(out).map((r) => r.id);
  assert.deepEqual(resumed, full, "same ids, same order, none twice");
  // Nothing left to do: a second resume adds nothing.
  const size = statSync(out).size;
  assert.equal(await main(["process", input, "--out", out, "--quiet", "--resume"]), 0);
  assert.equal(statSync(out).size, size);
});

test("cli: Ctrl-C finishes the records in hand and leaves valid JSONL; --resume completes it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-cli-sigint-"));
  const input = dump(dir, 20); // 600 short articles: seconds of work
  const out = join(dir, "out.jsonl");
  const cli = new URL("../src/cli/main.ts", import.meta.url).href;
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      `import { main } from ${JSON.stringify(cli)}; process.exitCode = await main(${JSON.stringify(["process", input, "--out", out, "--quiet", "--jobs", "2"])});`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  // Wait for some output, then interrupt.
  for (let i = 0; i < 2400 && !(existsSync(out) && statSync(out).size > 30_000); i++)
    await new Promise((r) => setTimeout(r, 50));
  child.kill("SIGINT");
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  assert.equal(code, 130, stderr);
  const partial = records(out);
  assert.ok(partial.length > 0 && partial.length < 600, `${partial.length} records before the interrupt`);
  assert.equal(await main(["process", input, "--out", out, "--quiet", "--resume"]), 0);
  const ids = records(out).map((r) => r.id);
  assert.equal(ids.length, 600);
  assert.equal(new Set(ids).size, 600);
});

test("progress: the line shows percent, records, MB, rate and ETA; nothing is drawn off a TTY", async () => {
  const line = formatProgress({ records: 1200, bytes: 40e6, secs: 4, totalBytes: 100e6 });
  assert.equal(line, "khabar: 40% 1200 records, 40.0/100.0 MB, 300 rec/s ETA 0:06");
  // 59.6 s left rounds to a whole minute, never to ":60".
  assert.match(formatProgress({ records: 10, bytes: 1e6, secs: 119.2 / 2, totalBytes: 2e6 }), /ETA 1:00$/);
  // Unknown size (stdin): no percent, no ETA.
  assert.equal(
    formatProgress({ records: 5, bytes: 2.5e6, secs: 0.5, totalBytes: undefined }),
    "khabar: 5 records, 2.5 MB, 10 rec/s",
  );
  const { PassThrough } = await import("node:stream");
  const quiet = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
  let quietWrites = 0;
  quiet.write = () => {
    quietWrites++;
    return true;
  };
  const tty = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream;
  const drawn = new Promise<string>((resolve) => {
    tty.write = (s: string | Uint8Array) => {
      resolve(String(s));
      return true;
    };
  });
  const off = new Progress(quiet, () => ({ records: 1, bytes: 1 }), 10);
  const on = new Progress(tty, () => ({ records: 7, bytes: 3e6 }), 6e6);
  const keepAlive = setTimeout(() => {}, 10_000);
  const first = await drawn;
  clearTimeout(keepAlive);
  on.stop();
  off.stop();
  assert.match(first, /^\r\x1b\[Kkhabar: 50% 7 records, 3\.0\/6\.0 MB, \d+ rec\/s ETA \d+:\d\d$/);
  assert.equal(quietWrites, 0);
});
