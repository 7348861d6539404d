import assert from "node:assert/strict";
import { test } from "node:test";
import * as khabar from "../src/index.ts";

// The public API, pinned: adding or removing an export is a decision, made here on purpose.
test("the package exports exactly its public API", () => {
  assert.deepEqual(Object.keys(khabar).sort(), [
    "DEFAULT_DEDUP",
    "DEFAULT_MAX_MS",
    "DedupIndex",
    "Doc",
    "ENCODINGS",
    "KhabarError",
    "OffsetMap",
    "TOKEN_FIELDS",
    "analyzeWord",
    "applyEdits",
    "badSpans",
    "canonicalKey",
    "clean",
    "compareCanonical",
    "createPipeline",
    "decode",
    "decodeHtml",
    "dedupe",
    "dedupeCorpus",
    "dedupeRecord",
    "defaultReaders",
    "detectLanguage",
    "emptySummary",
    "findCredits",
    "fingerprint",
    "formatSummary",
    "guessArabicCodePage",
    "isFoldedAway",
    "judge",
    "looksBinary",
    "makeSpan",
    "matchForm",
    "matchWords",
    "normalizeLabel",
    "normalizeText",
    "processInputs",
    "processRecords",
    "readInputs",
    "reportOf",
    "resolveEdits",
    "runPipeline",
    "runPipelineBatch",
    "segment",
    "sniffMetaCharset",
    "toRecord",
    "tokenFromRow",
    "tokenRow",
  ]);
});

test("the README's library example works", () => {
  const stages = khabar.createPipeline();
  const doc = khabar.runPipeline(stages, {
    id: "a1",
    raw: "[ad_1]\nقال مسؤول عراقي إن المحادثات مستمرة.",
    source: { path: "a1.txt" },
  });
  assert.equal(doc.text, "قال مسؤول عراقي إن المحادثات مستمرة.");
  assert.equal(doc.map.toRaw(0), 7);
  const record = JSON.parse(JSON.stringify(khabar.toRecord(doc)));
  assert.equal(record.removed[0].text, "[ad_1]\n");
});
