import type { Paragraph, Sentence, Token } from "../model/layers.ts";
import type { Stage } from "../run/stage.ts";
import { splitParagraphs } from "./split-paragraphs.ts";
import { type SentenceOptions, splitSentences } from "./split-sentences.ts";
import { tokenize } from "./tokenize.ts";

/** Options for the `segment` stage. */
export interface SegmentOptions extends SentenceOptions {}

/** Paragraphs, sentences and tokens of a text. */
export interface Segmentation {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
}

/**
 * Segment `text` losslessly: paragraphs (lines), sentences inside paragraphs,
 * tokens inside sentences. The spans cover the text in order without overlap;
 * what lies between them is whitespace (line breaks between paragraphs).
 *
 * @param text the cleaned text
 * @param options sentence-splitting options
 * @returns the three layers; token `norm`/`stem` are the matching form, `prefix`/`suffix` empty
 */
export function segmentText(text: string, options: SegmentOptions = {}): Segmentation {
  const paragraphs = splitParagraphs(text);
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    const from = tokens.length;
    tokenize(text, para.start, para.end, tokens);
    splitSentences(text, tokens, from, tokens.length, p, sentences, options);
  }
  return { paragraphs, sentences, tokens };
}

/**
 * The `segment` stage (after `commit`): fills `doc.paragraphs`,
 * `doc.sentences` and `doc.tokens` from `doc.text`.
 *
 * @param options sentence-splitting options (see `SentenceOptions`)
 * @returns the stage
 */
export function segment(options: SegmentOptions = {}): Stage {
  return (doc) => {
    const { paragraphs, sentences, tokens } = segmentText(doc.text, options);
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
    doc.tokens = tokens;
  };
}
