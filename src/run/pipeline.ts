import { Doc, type RawDoc } from "../model/doc.ts";
import { commitText } from "./commit-text.ts";
import type { NamedStage } from "./stage.ts";

/** Options for the whole pipeline; each stage reads its own part. */
export interface PipelineOptions {
  /** Stage names to leave out (e.g. for benchmarks of one stage). */
  skip?: readonly string[];
}

/**
 * The pipeline: every stage in order, in one place.
 * Stages before `commit` record edits in raw coordinates; stages after it add
 * layers over the committed text.
 */
export function createPipeline(options: PipelineOptions = {}): NamedStage[] {
  const stages: NamedStage[] = [
    // -- editing: raw → text
    { name: "commit", run: commitText() },
    // -- annotating: layers over text
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
