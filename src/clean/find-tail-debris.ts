import { matchForm } from "../normalize/match-form.ts";
import type { DebrisPatterns } from "./debris-patterns.ts";
import type { LineEdit } from "./line-edit.ts";
import { isBlankChar } from "./split-lines.ts";

// Characters that end a sentence (or close a quotation ending one) before a tag list.
const SENTENCE_END = new Set([".", "!", "؟", "?", "”", '"', "»", ")", "/"]);

function isLetterOrDigit(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Find the site's tag list (`سمات` + keywords) at the end of the article's last
 * line, as 3alyoum pages leave it: `... الأحد. سمات الأهلي الشباب`.
 * The tag list must run to the end of the line, have no punctuation and few
 * words, and `سمات` must not be part of a phrase like `من سمات المجتمع`.
 *
 * @param text the raw text
 * @param from start of the line's content
 * @param to end of the line's content
 * @returns the removal (kind `tag_list`, with the blanks before it), or undefined
 */
export function findTagList(text: string, from: number, to: number, patterns: DebrisPatterns): LineEdit | undefined {
  const key = patterns.tagListKeyword;
  let at = text.lastIndexOf(key, to - key.length);
  while (at >= from) {
    const before = at > from ? text[at - 1]! : " ";
    const after = text[at + key.length] ?? "";
    if (!isLetterOrDigit(before) && after !== "" && isBlankChar(after.charCodeAt(0))) {
      let s = at;
      while (s > from && isBlankChar(text.charCodeAt(s - 1))) s--;
      const glued = s > from && isLetterOrDigit(text[s - 1]!);
      const afterSentence = s === from || SENTENCE_END.has(text[s - 1]!);
      const rest = text.slice(at + key.length, to);
      const words = rest.split(/[\s\u00a0]+/u).filter(Boolean);
      const forbidden = afterSentence ? patterns.tagListForbiddenAfterSentence : patterns.tagListForbidden;
      let clean = words.length > 0 && words.length <= patterns.tagListMaxWords;
      for (let i = 0; clean && i < rest.length; i++) if (forbidden.has(rest[i]!)) clean = false;
      if (afterSentence && rest.trimEnd().endsWith(".")) clean = false;
      if (!clean) return undefined;
      if (glued) {
        // Glued to a sentence without punctuation: reject when the word before makes it prose.
        let w = s;
        while (w > from && !isBlankChar(text.charCodeAt(w - 1))) w--;
        if (patterns.tagListProseBefore.has(matchForm(text.slice(w, s)))) return undefined;
      }
      return { start: s, end: to, replacement: "", kind: "tag_list" };
    }
    at = text.lastIndexOf(key, at - 1);
  }
  return undefined;
}

/**
 * Find a source label stuck to the end of the article's last line after the
 * final sentence (`... الحلول”. المصدر: الجزيرة نت`).
 *
 * @returns the removal (kind `source_label`), or undefined
 */
export function findTailSourceLabel(
  text: string,
  from: number,
  to: number,
  patterns: DebrisPatterns,
): LineEdit | undefined {
  const line = text.slice(from, to);
  if (!line.includes("المصدر") && !line.includes("مصدر الخبر")) return undefined;
  const m = patterns.tailSourceLabel.exec(line);
  if (!m || m.index === 0) return undefined;
  return { start: from + m.index, end: to, replacement: "", kind: "source_label" };
}
