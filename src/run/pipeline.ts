import { clean } from "../clean/clean.ts";
import { findCredits } from "../clean/find-credits.ts";
import { extractDates } from "../extract/dates.ts";
import { extractEntities } from "../extract/entities/extract-entities.ts";
import { extractQuantities } from "../extract/quantities.ts";
import { extractQuotes } from "../extract/quotes/extract-quotes.ts";
import { Doc, type RawDoc } from "../model/doc.ts";
import { analyzeTokens } from "../normalize/analyze-tokens.ts";
import { detectLanguage } from "../normalize/detect-language.ts";
import { normalizeText } from "../normalize/normalize-text.ts";
import { segment } from "../segment/segment.ts";
import { commitText } from "./commit-text.ts";
import type { NamedStage } from "./stage.ts";

/** Options for the whole pipeline; each stage reads its own part. */
export interface PipelineOptions {
  /** Stage names to leave out (e.g. for benchmarks of one stage). */
  skip?: readonly string[];
  /** Extra knowledge-base files (JSONL) for the entities stage (`--kb extra.jsonl`). */
  kb?: readonly string[];
  /** Time limit per document (see `RunLimits`); carried to the workers with the rest of the options. */
  maxMs?: number;
}

/**
 * Limits of one run of the stages. A document whose stages have taken longer than `maxMs` in all is rejected
 * with code `timeout` when the stage that crossed the limit ends: the check is between stages, so a stage that
 * never ends is not stopped here (the worker pool stops its worker: see `WorkerPool`).
 */
export interface RunLimits {
  /** Most milliseconds of stage time per document (default, or 0: no limit). */
  maxMs?: number;
}

/*
 * Run one stage on one document: a stage that throws rejects the document (`internal`), and one that ends with
 * the document's stage time (`before` plus its own) over `maxMs` rejects it (`timeout`).
 * Returns the document's stage time after it.
 */
function runStage(stage: NamedStage, doc: Doc, before: number, maxMs: number): number {
  const t = performance.now();
  try {
    stage.run(doc);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    doc.reject("internal", `stage ${stage.name} failed: ${message}`);
    return before;
  }
  const spent = before + performance.now() - t;
  if (spent > maxMs && doc.status !== "rejected")
    doc.reject(
      "timeout",
      `stopped after stage ${stage.name}: ${Math.round(spent)} ms, over the ${maxMs} ms limit per document (--max-seconds)`,
    );
  return spent;
}

/**
 * The pipeline: every stage in order, in one place.
 * Stages before `commit` record edits in raw coordinates; stages after it add
 * layers over the committed text.
 */
export function createPipeline(options: PipelineOptions = {}): NamedStage[] {
  const stages: NamedStage[] = [
    // -- editing: raw → text
    { name: "normalize", run: normalizeText() },
    { name: "clean", run: clean() },
    { name: "commit", run: commitText() },
    { name: "segment", run: segment() },
    { name: "analyze", run: analyzeTokens() },
    { name: "language", run: detectLanguage() },
    // -- annotating: layers over text
    { name: "credits", run: findCredits() },
    { name: "dates", run: extractDates() },
    { name: "quantities", run: extractQuantities() },
    { name: "entities", run: extractEntities(options) },
    { name: "quotes", run: extractQuotes() },
  ];
  const skip = new Set(options.skip ?? []);
  return stages.filter((s) => !skip.has(s.name));
}

/**
 * Run `stages` on one input. Never throws: a stage that fails rejects the
 * document with code `internal` and the stage's name; one that ends past `limits.maxMs` rejects it with
 * code `timeout`.
 *
 * @returns the finished document
 */
export function runPipeline(stages: readonly NamedStage[], input: RawDoc, limits: RunLimits = {}): Doc {
  const maxMs = limits.maxMs || Number.POSITIVE_INFINITY;
  const started = performance.now();
  const doc = new Doc(input);
  for (const stage of stages) {
    runStage(stage, doc, performance.now() - started, maxMs);
    if (doc.status === "rejected") break;
  }
  return doc;
}

/**
 * Run `stages` on a batch of inputs, stage by stage: every document goes through the first stage, then every
 * document through the second, and so on. The result is the same as `runPipeline` on each input (a stage sees
 * one document at a time and keeps no state across documents); the order is faster, because a stage's code and
 * word lists stay in the CPU's caches across the batch instead of being pushed out by the stages between
 * (measured: the quote stage right after the entity model costs ~1.5× more per document than in a batch).
 * A stage that fails rejects that document only; `limits.maxMs` counts each document's own stage time.
 *
 * @param stages the pipeline
 * @param inputs a small batch (the worker pool's, 8 by default)
 * @param limits the time limit per document
 * @returns the finished documents, in input order
 */
export function runPipelineBatch(
  stages: readonly NamedStage[],
  inputs: readonly RawDoc[],
  limits: RunLimits = {},
): Doc[] {
  const maxMs = limits.maxMs || Number.POSITIVE_INFINITY;
  const docs = inputs.map((input) => new Doc(input));
  const spent = new Float64Array(docs.length);
  for (const stage of stages) {
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (doc.status === "rejected") continue;
      spent[i] = runStage(stage, doc, spent[i]!, maxMs);
    }
  }
  return docs;
}
