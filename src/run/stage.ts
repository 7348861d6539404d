import type { Doc } from "../model/doc.ts";

/**
 * A pipeline stage: configured once in a closure, then run on each document.
 * It reads what earlier stages wrote and adds its own edits (before commit) or
 * layers (after commit). It never re-tokenizes or re-normalizes.
 */
export type Stage = (doc: Doc) => void;

/** A named stage, so the runner can time it and report where a failure happened. */
export interface NamedStage {
  name: string;
  run: Stage;
}
