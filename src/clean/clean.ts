import type { Doc } from "../model/doc.ts";
import { matchForm } from "../normalize/match-form.ts";
import type { Stage } from "../run/stage.ts";
import { type DebrisPatterns, loadDebrisPatterns } from "./debris-patterns.ts";
import { findHtml } from "./find-html.ts";
import { findTagList, findTailSourceLabel } from "./find-tail-debris.ts";
import type { LineEdit } from "./line-edit.ts";
import { type Line, splitLines } from "./split-lines.ts";

/** Options for the cleaning stage. */
export interface CleanOptions {
  /** Debris patterns (default: data/debris.json). */
  patterns?: DebrisPatterns;
}

let defaultPatterns: DebrisPatterns | undefined;

// Sentence punctuation: a line holding any of it is a sentence, not a label.
const SENTENCE_PUNCT = /[.!؟?:«»"“”()،,؛;]/u;

/**
 * The cleaning stage: finds scraper debris in `doc.raw` and records its
 * removal (`doc.remove`, kinds `ad`, `source_label`, `read_also`, `read_more`,
 * `share_prompt`, `sms_prompt`, `url`, `site_marker`, `tag_list`,
 * `dangling_label`, `html_tag`, `whitespace`) or substitution (`html_entity`).
 * Debris lines go with their line break; blank lines go; lines lose leading
 * and trailing blanks, so paragraphs are separated by exactly one `\n` and the
 * text neither starts nor ends with whitespace. Runs before `commit`.
 *
 * A line is debris only when all of it matches a pattern: a sentence that
 * mentions `المصدر` or `إعلان` stays.
 *
 * @param options patterns to use
 * @returns the stage
 * @example runPipeline([{ name: "clean", run: clean() }, { name: "commit", run: commitText() }], raw)
 */
export function clean(options: CleanOptions = {}): Stage {
  const patterns = options.patterns ?? (defaultPatterns ??= loadDebrisPatterns());
  return (doc: Doc) => cleanText(doc, patterns);
}

interface LineState {
  line: Line;
  /** Why the whole line goes; undefined when it stays. */
  kind: string | undefined;
  inline: LineEdit[];
}

function cleanText(doc: Doc, patterns: DebrisPatterns): void {
  const raw = doc.raw;
  const states: LineState[] = splitLines(raw).map((line) => ({ line, kind: undefined, inline: [] }));
  let previousKept: LineState | undefined;
  for (const s of states) {
    const { contentStart: cs, contentEnd: ce } = s.line;
    if (cs === ce) {
      s.kind = "whitespace";
      continue;
    }
    s.kind = wholeLineKind(raw, s.line, patterns, previousKept);
    if (s.kind === undefined) {
      s.inline = inlineEdits(raw, cs, ce, patterns);
      s.kind = coveredKind(raw, cs, ce, s.inline);
    }
    if (s.kind === undefined) previousKept = s;
  }
  tailDebris(raw, states, patterns);
  emit(doc, states);
}

// The kind of debris the whole line is, or undefined.
function wholeLineKind(
  raw: string,
  line: Line,
  patterns: DebrisPatterns,
  previousKept: LineState | undefined,
): string | undefined {
  if (line.contentEnd - line.contentStart > patterns.maxLineLength) return undefined;
  const folded = matchForm(raw.slice(line.contentStart, line.contentEnd));
  for (const p of patterns.line) {
    if (!p.re.test(folded)) continue;
    if (p.kind === "url" && previousKept && introducesUrl(raw, previousKept.line, patterns)) return undefined;
    return p.kind;
  }
  return undefined;
}

// True when `line` introduces the URL on the next line ("... على الرابط التالي:",
// a table row, a file name), so the URL is content. In the SaudiNewsNet corpus
// most lone URLs are such link targets; only a URL after a finished sentence
// that speaks of no link (a columnist's site under the column) is debris.
function introducesUrl(raw: string, line: Line, patterns: DebrisPatterns): boolean {
  const content = raw.slice(line.contentStart, line.contentEnd);
  if (!/[.!؟?»"”]$/u.test(content)) return true;
  for (const word of matchForm(content).split(/[\s:：.،,()«»"“”-]+/u)) {
    if (patterns.urlLeadWords.has(word) || patterns.urlLeadWords.has(word.replace(/^(?:و|ب|ل|ف)(?=ال)/u, "")))
      return true;
  }
  return false;
}

function inlineEdits(raw: string, cs: number, ce: number, patterns: DebrisPatterns): LineEdit[] {
  const found: LineEdit[] = findHtml(raw, cs, ce);
  const line = raw.slice(cs, ce);
  for (const p of patterns.inline) {
    if (p.requires !== undefined && !line.includes(p.requires)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(line); m !== null; m = p.re.exec(line)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      found.push({ start: cs + m.index, end: cs + m.index + m[0].length, replacement: "", kind: p.kind });
    }
  }
  return disjoint(found);
}

// Sort edits and drop any that overlap an earlier (longer-first) one.
function disjoint(edits: LineEdit[]): LineEdit[] {
  if (edits.length < 2) return edits;
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LineEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && e.start < last.end) continue;
    out.push(e);
  }
  return out;
}

// When the inline debris leaves nothing but blanks, the whole line is debris of the first kind found.
function coveredKind(raw: string, cs: number, ce: number, edits: readonly LineEdit[]): string | undefined {
  if (edits.length === 0) return undefined;
  let at = cs;
  for (const e of edits) {
    if (raw.slice(at, e.start).trim() !== "") return undefined;
    if (e.replacement.trim() !== "") return undefined;
    at = e.end;
  }
  return raw.slice(at, ce).trim() === "" ? edits[0]!.kind : undefined;
}

// Debris that can only be told apart at the end of the article.
function tailDebris(raw: string, states: LineState[], patterns: DebrisPatterns): void {
  const kept = states.filter((s) => s.kind === undefined);
  const last = kept[kept.length - 1];
  if (!last) return;
  if (kept.length > 1 && isDanglingLabel(raw, last.line, patterns)) {
    last.kind = "dangling_label";
    last.inline = [];
    tailDebris(raw, states, patterns);
    return;
  }
  const cs = last.line.contentStart;
  // Inline edits at the very end (a "// انتهى //" marker) come before the tail debris.
  let ce = last.line.contentEnd;
  const tail: LineEdit[] = [];
  for (let i = 0; i < 2; i++) {
    const found = findTagList(raw, cs, ce, patterns) ?? findTailSourceLabel(raw, cs, ce, patterns);
    if (!found) break;
    tail.push(found);
    ce = found.start;
  }
  if (tail.length === 0) return;
  const limit = tail[tail.length - 1]!.start;
  // Tail debris swallows inline edits inside it.
  last.inline = disjoint([...last.inline.filter((e) => e.end <= limit), ...tail]);
  last.kind = coveredKind(raw, cs, last.line.contentEnd, last.inline);
  if (last.kind !== undefined) tailDebris(raw, states, patterns);
}

function isDanglingLabel(raw: string, line: Line, patterns: DebrisPatterns): boolean {
  const content = raw.slice(line.contentStart, line.contentEnd);
  if (SENTENCE_PUNCT.test(content) || /\d/u.test(content)) return false;
  const words = matchForm(content).split(/\s+/u);
  return words.length >= 2 && words.length <= patterns.danglingMaxWords && patterns.danglingOpeners.has(words[0]!);
}

// Record the edits: whole lines with their break; trims and inline edits on kept lines.
function emit(doc: Doc, states: readonly LineState[]): void {
  let lastKept = -1;
  for (let i = states.length - 1; i >= 0; i--) {
    if (states[i]!.kind === undefined) {
      lastKept = i;
      break;
    }
  }
  const record = guardedEditor(doc);
  let i = 0;
  while (i < states.length) {
    const s = states[i]!;
    const { line } = s;
    if (s.kind !== undefined) {
      // Merge a run of blank lines into one removal.
      let end = line.next;
      if (s.kind === "whitespace") {
        while (i + 1 < states.length && states[i + 1]!.kind === "whitespace") end = states[++i]!.line.next;
      }
      record(line.start, end, "", s.kind);
      i++;
      continue;
    }
    if (line.contentStart > line.start) record(line.start, line.contentStart, "", "whitespace");
    for (const e of s.inline) record(e.start, e.end, e.replacement, e.kind);
    // The last kept line also loses its line break: the text must not end with whitespace.
    const trimEnd = i === lastKept ? line.next : line.end;
    if (trimEnd > line.contentEnd) record(line.contentEnd, trimEnd, "", "whitespace");
    i++;
  }
}

// An editor that leaves out any edit that would partially overlap an edit an
// earlier stage (normalization) made, so the document is never rejected for
// it: leaving debris is better than losing the document. Edits must come in
// order of their start.
function guardedEditor(doc: Doc): (start: number, end: number, replacement: string, kind: string) => void {
  const earlier = [...doc.pendingEdits].sort((a, b) => a.start - b.start);
  let k = 0;
  return (start, end, replacement, kind) => {
    while (k < earlier.length && earlier[k]!.end <= start) k++;
    for (let j = k; j < earlier.length && earlier[j]!.start < end; j++) {
      const e = earlier[j]!;
      const nested = (e.start >= start && e.end <= end) || (start >= e.start && end <= e.end);
      if (!nested) return;
    }
    doc.edit(start, end, replacement, kind);
  };
}
