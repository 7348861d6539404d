import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { loadCorpus, SAUDI_PATH } from "../bench/corpus.ts";
import { CONSTRUCT, type KhabarApi, plainPass, stagedPass } from "../bench/measure-pipeline.ts";
import { copyEscape, findPostgres } from "../bench/peers/postgres.ts";
import { PYTHON_PEERS, pythonPeerAvailable, runPythonPeer } from "../bench/peers/python-peer.ts";
import { HEADLINE_STAGES, stageRows } from "../bench/run.ts";
import { Doc, type RawDoc } from "../src/model/doc.ts";
import { createPipeline, runPipeline, runPipelineBatch } from "../src/run/pipeline.ts";

// No timing assertions here: only that the benchmark measures the real pipeline and reports what it ran.
const api: KhabarApi = { createPipeline, runPipeline, runPipelineBatch, Doc };
const fixtureDir = new URL("fixtures/saudinewsnet/", import.meta.url);
const docs: RawDoc[] = [
  { id: "seed", raw: readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8"), source: {} },
  ...readdirSync(fixtureDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ id: f, raw: readFileSync(new URL(f, fixtureDir), "utf8"), source: {} })),
];

describe("bench: the timed loop", () => {
  it("times every stage of createPipeline(), in order, on every document", () => {
    const pass = stagedPass(api, docs);
    assert.deepEqual(pass.stages, [CONSTRUCT, ...createPipeline().map((s) => s.name)]);
    assert.equal(pass.docs[0], docs.length);
    assert.equal(pass.ms.length, pass.stages.length);
    for (const ms of pass.ms) assert.ok(Number.isFinite(ms) && ms >= 0);
  });

  it("produces the same output as runPipeline (the timers change nothing)", () => {
    const staged = stagedPass(api, docs).counts;
    const plain = plainPass(api, docs).counts;
    assert.deepEqual(staged, plain);
    assert.equal(plain.ok + plain.duplicate + plain.rejected, docs.length);
    assert.ok(plain.edits > 0, "the fixtures hold debris, so cleaning edits something");
    const expectedChars = docs.reduce((n, d) => n + runPipeline(createPipeline(), d).text.length, 0);
    assert.equal(plain.textChars, expectedChars);
  });

  it("reports a row per stage and marks the headline group", () => {
    const pass = stagedPass(api, docs);
    const rows = stageRows([pass, pass], { bytes: 1_000_000, docs });
    assert.deepEqual(
      rows.map((r) => r.name),
      pass.stages,
    );
    for (const r of rows) assert.equal(r.inHeadline, HEADLINE_STAGES.includes(r.name));
    assert.ok(rows.some((r) => r.name === "commit" && r.inHeadline));
  });
});

describe("bench: corpus and peers' input", () => {
  it("loads every content field of the gzip JSONL plus the seed, and counts UTF-8 bytes", () => {
    const shared = mkdtempSync(join(tmpdir(), "khabar-bench-test-"));
    try {
      mkdirSync(join(shared, "corpus/seed"), { recursive: true });
      mkdirSync(join(shared, "corpus/saudinewsnet"), { recursive: true });
      writeFileSync(join(shared, "corpus/seed/a.txt"), "\ufeffنص");
      const lines = [
        { id: "x", content: "قال\nهنا" },
        { id: "y", title: "no content" },
        { id: "z", content: "é" },
      ];
      writeFileSync(join(shared, SAUDI_PATH), gzipSync(lines.map((l) => JSON.stringify(l)).join("\n") + "\n"));
      const corpus = loadCorpus(shared);
      assert.deepEqual(
        corpus.docs.map((d) => d.raw),
        ["نص", "قال\nهنا", "é"],
      );
      assert.equal(corpus.bytes, 4 + 13 + 2);
      assert.equal(loadCorpus(shared, 2).docs.length, 2);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it("escapes texts for COPY so that every row comes back whole", () => {
    const text = "سطر\tأول\\n\nسطر\r\nثان\\";
    const escaped = copyEscape(text);
    assert.ok(!/[\n\r\t]/.test(escaped));
    const back = escaped.replace(/\\(.)/g, (_, c: string) =>
      c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c,
    );
    assert.equal(back, text);
  });

  for (const peer of PYTHON_PEERS) {
    const available = pythonPeerAvailable(peer);
    it(`python peer ${peer.name} stems exactly the Arabic words of its input`, {
      skip: !available && `${peer.install}`,
    }, () => {
      const dir = mkdtempSync(join(tmpdir(), "khabar-bench-test-"));
      try {
        const file = join(dir, "texts.jsonl");
        const texts = ["قالَ الرئيسُ، في ٢٠٢٤: «الكتاب» abc", "والمعلمون\nذهبوا"];
        writeFileSync(file, texts.map((t) => JSON.stringify(t)).join("\n") + "\n");
        const result = runPythonPeer(peer, file, 1);
        assert.equal(result.docs, 2);
        assert.equal(result.words, 6);
        assert.equal(result.bytes, Buffer.byteLength(texts.join(""), "utf8"));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

// The PostgreSQL peer itself needs a server install and root; `npm run bench` runs it. Here: that it finds the binaries.
describe("bench: postgres peer", () => {
  it("finds initdb, pg_ctl and psql when PostgreSQL is installed", {
    skip: spawnSync("sh", ["-c", "command -v psql"]).status !== 0,
  }, () => {
    const bin = findPostgres();
    assert.ok(bin, "psql is installed, so the server binaries should be found");
    for (const tool of ["initdb", "pg_ctl", "psql"]) assert.ok(existsSync(join(bin, tool)), `${tool} in ${bin}`);
  });
});
