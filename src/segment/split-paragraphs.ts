import type { Paragraph } from "../model/layers.ts";
import * as cc from "./char-class.ts";

// Local copies: imported bindings can compile to getters, too slow per character.
const C_LINE = cc.C_LINE;
const charClass = cc.charClass;
const isGap = cc.isGap;

/**
 * The paragraphs of `text`: one per line (`\n`, `\r`, U+2028, U+2029 end a
 * line), trimmed of surrounding whitespace and invisible characters; blank
 * lines make none. What lies between two paragraphs is whitespace holding at
 * least one line break.
 *
 * @param text the document text
 * @returns the paragraphs, in order
 */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let lineEnd = i;
    while (lineEnd < n && charClass[text.charCodeAt(lineEnd)] !== C_LINE) lineEnd++;
    let start = i;
    let end = lineEnd;
    while (start < end && isGap(text.charCodeAt(start))) start++;
    while (end > start && isGap(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
    i = lineEnd + 1;
  }
  return out;
}
