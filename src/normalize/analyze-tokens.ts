import type { Stage } from "../run/stage.ts";
import { analyzeWord } from "./analyze-word.ts";

/** Options for `analyzeTokens` (none yet). */
export type AnalyzeOptions = Record<string, never>;

/**
 * The token-analysis stage (after segmentation): gives each Arabic word token
 * its proclitics `prefix`, enclitic `suffix` and `stem` (see `analyzeWord`).
 * Other tokens keep what the segmenter gave them (`norm` = `stem` = matching
 * form, no clitics).
 *
 * @param _options reserved
 * @returns the stage
 */
export function analyzeTokens(_options: AnalyzeOptions = {}): Stage {
  return (doc) => {
    for (const t of doc.tokens) {
      if (t.kind !== "word") continue;
      const a = analyzeWord(t.text, t.norm);
      t.norm = a.norm;
      t.prefix = a.prefix;
      t.suffix = a.suffix;
      t.stem = a.stem;
    }
  };
}
