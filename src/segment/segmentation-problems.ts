import type { Paragraph, Sentence, Token } from "../model/layers.ts";
import { C_LINE, charClass, isGap } from "./char-class.ts";

/**
 * Check the segmentation invariants of `text`: every span slices the text to
 * its own `text`; paragraphs, sentences and tokens each cover the text in
 * order without overlap; what lies between and around them is whitespace
 * (between paragraphs it holds a line break, inside a paragraph none);
 * sentences lie inside their paragraph and own a contiguous token range that
 * covers them exactly; no span starts or ends with whitespace; no token splits
 * a surrogate pair.
 *
 * @param text the document text
 * @param layers the three layers to check
 * @returns a description of each problem found (empty when all hold)
 */
export function segmentationProblems(
  text: string,
  layers: { paragraphs: readonly Paragraph[]; sentences: readonly Sentence[]; tokens: readonly Token[] },
): string[] {
  const problems: string[] = [];
  const { paragraphs, sentences, tokens } = layers;
  const spanCheck = (
    name: string,
    list: readonly { start: number; end: number; text: string }[],
    lineBetween: boolean,
  ): void => {
    let prev = 0;
    list.forEach((s, i) => {
      if (!(s.start >= 0 && s.end <= text.length && s.start < s.end))
        problems.push(`${name}[${i}] bad bounds ${s.start}-${s.end}`);
      if (text.slice(s.start, s.end) !== s.text) problems.push(`${name}[${i}] text does not slice the document`);
      if (s.start < prev) problems.push(`${name}[${i}] overlaps or is out of order`);
      const gap = text.slice(prev, s.start);
      if (!onlyGaps(gap)) problems.push(`${name}[${i}] gap before it holds non-space ${JSON.stringify(gap)}`);
      if (lineBetween && i > 0 && !hasLine(gap)) problems.push(`${name}[${i}] no line break before it`);
      if (isGap(text.charCodeAt(s.start)) || isGap(text.charCodeAt(s.end - 1)))
        problems.push(`${name}[${i}] starts or ends with space`);
      if (splitsPair(text, s.start) || splitsPair(text, s.end)) problems.push(`${name}[${i}] splits a surrogate pair`);
      prev = s.end;
    });
    if (!onlyGaps(text.slice(prev))) problems.push(`${name}: text after the last one is not space`);
  };
  spanCheck("paragraph", paragraphs, true);
  spanCheck("sentence", sentences, false);
  spanCheck("token", tokens, false);
  let nextToken = 0;
  sentences.forEach((s, i) => {
    const p = paragraphs[s.paragraph];
    if (!p || s.start < p.start || s.end > p.end) problems.push(`sentence[${i}] outside its paragraph ${s.paragraph}`);
    const [from, to] = s.tokens;
    if (from !== nextToken || to <= from)
      problems.push(`sentence[${i}] token range [${from}, ${to}) does not follow ${nextToken}`);
    if (tokens[from]?.start !== s.start || tokens[to - 1]?.end !== s.end)
      problems.push(`sentence[${i}] token range does not cover it exactly`);
    for (let t = from + 1; t < to; t++) {
      if (hasLine(text.slice(tokens[t - 1]!.end, tokens[t]!.start)))
        problems.push(`sentence[${i}] crosses a line break`);
    }
    nextToken = to;
  });
  if (nextToken !== tokens.length) problems.push(`tokens after ${nextToken} belong to no sentence`);
  return problems;
}

function onlyGaps(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isGap(s.charCodeAt(i))) return false;
  return true;
}

function hasLine(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (charClass[s.charCodeAt(i)] === C_LINE) return true;
  return false;
}

// True when offset `i` falls between the two halves of a surrogate pair.
function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
