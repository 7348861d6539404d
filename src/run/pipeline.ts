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
 * document with code `internal` and the stage's name.
 *
 * @returns the finished document
 */
export function runPipeline(stages: readonly NamedStage[], input: RawDoc): Doc {
  const doc = new Doc(input);
  for (const stage of stages) {
    try {
      stage.run(doc);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      doc.reject("internal", `stage ${stage.name} failed: ${message}`);
      break;
    }
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
 * A stage that fails rejects that document only.
 *
 * @param stages the pipeline
 * @param inputs a small batch (the worker pool's, 8 by default)
 * @returns the finished documents, in input order
 */
export function runPipelineBatch(stages: readonly NamedStage[], inputs: readonly RawDoc[]): Doc[] {
  const docs = inputs.map((input) => new Doc(input));
  for (const stage of stages) {
    for (const doc of docs) {
      if (doc.status === "rejected") continue;
      try {
        stage.run(doc);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        doc.reject("internal", `stage ${stage.name} failed: ${message}`);
      }
    }
  }
  return docs;
}
