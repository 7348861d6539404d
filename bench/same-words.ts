import type { RawDoc } from "../src/model/doc.ts";

/**
 * The word regex the Python peers use (bench/peers/words.py): Arabic letters,
 * diacritics, tatweel and extended letters; digits and punctuation outside.
 */
export const ARABIC_WORD = /[\u0621-\u065f\u0670-\u06d3]+/g;

/** khabar's word analysis on the peers' words. */
export interface SameWordsResult {
  words: number;
  /** Best time of the tokenize + analyze loop, ms. */
  ms: number;
  runs: number;
}

/**
 * Time tokenize (the peers' regex) + `analyze(word)` over every text, the loop
 * the stemmer peers time, so words/s compare on exactly the same words.
 *
 * @param docs the corpus
 * @param analyze khabar's per-word analysis (matching form, clitics, stem)
 * @param runs passes (the best counts)
 * @returns words analyzed and the best time
 */
export function sameWords(
  docs: readonly RawDoc[],
  analyze: (word: string) => { stem: string },
  runs: number,
): SameWordsResult {
  let best = Number.POSITIVE_INFINITY;
  let words = 0;
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    words = 0;
    const t0 = performance.now();
    for (const doc of docs) {
      const found = doc.raw.match(ARABIC_WORD);
      if (!found) continue;
      for (const w of found) sink += analyze(w).stem.length;
      words += found.length;
    }
    best = Math.min(best, performance.now() - t0);
  }
  if (sink < 0) throw new Error("unreachable: keeps the stems observable");
  return { words, ms: best, runs };
}
