import { readFileSync } from "node:fs";

/** One whole-line or inline debris pattern, compiled. */
export interface DebrisPattern {
  kind: string;
  re: RegExp;
  /** A literal every match contains: lines without it skip the regex (most lines, so most of the cost). */
  requires?: string;
}

/** The debris patterns of data/debris.json, compiled once. */
export interface DebrisPatterns {
  /** Lines longer than this (trimmed) are never whole-line debris: debris lines are short. */
  maxLineLength: number;
  /** Tested against the matching form of a trimmed line; must match all of it. */
  line: DebrisPattern[];
  /** Tested against the raw line; remove only what they match (global regexes). */
  inline: DebrisPattern[];
  /** Last words (matching form) of a line that introduces the URL on the next line, so that URL stays. */
  urlLeadWords: Set<string>;
  /** A source label stuck to the end of the last line (raw). */
  tailSourceLabel: RegExp;
  tagListKeyword: string;
  tagListMaxWords: number;
  tagListForbidden: Set<string>;
  /** Characters a tag list may not hold when a finished sentence comes before it. */
  tagListForbiddenAfterSentence: Set<string>;
  /** Words (matching form) that put `سمات` inside a sentence ("من سمات ...") rather than opening a tag list. */
  tagListProseBefore: Set<string>;
  danglingMaxWords: number;
  /** First words (matching form) of a last line that announces content the scraper did not keep. */
  danglingOpeners: Set<string>;
}

interface RawPattern {
  kind: string;
  pattern: string;
  flags?: string;
  requires?: string;
}

interface DebrisFile {
  maxLineLength: number;
  line: RawPattern[];
  inline: RawPattern[];
  urlLeadWords: string[];
  tail: {
    sourceLabel: string;
    tagListKeyword: string;
    tagListMaxWords: number;
    tagListForbidden: string;
    tagListForbiddenAfterSentence: string;
    tagListProseBefore: string[];
  };
  danglingLabel: { maxWords: number; openers: string[] };
}

/**
 * Load and compile the debris patterns from a JSON file (default: data/debris.json).
 *
 * @param url where the pattern file is
 * @returns the compiled patterns
 * @throws Error `debris_pattern` naming the pattern that does not compile
 */
export function loadDebrisPatterns(url: URL = new URL("../../data/debris.json", import.meta.url)): DebrisPatterns {
  const file = JSON.parse(readFileSync(url, "utf8")) as DebrisFile;
  const compile = (p: RawPattern, defaultFlags: string): DebrisPattern => {
    try {
      const re = new RegExp(p.pattern, p.flags ?? defaultFlags);
      return p.requires === undefined ? { kind: p.kind, re } : { kind: p.kind, re, requires: p.requires };
    } catch (error) {
      throw new Error(`khabar: debris_pattern: ${p.kind} /${p.pattern}/ does not compile: ${String(error)}`);
    }
  };
  return {
    maxLineLength: file.maxLineLength,
    line: file.line.map((p) => compile(p, "u")),
    inline: file.inline.map((p) => {
      const c = compile(p, "gu");
      if (!c.re.global) c.re = new RegExp(c.re.source, `${c.re.flags}g`);
      return c;
    }),
    urlLeadWords: new Set(file.urlLeadWords),
    tailSourceLabel: new RegExp(file.tail.sourceLabel, "u"),
    tagListKeyword: file.tail.tagListKeyword,
    tagListMaxWords: file.tail.tagListMaxWords,
    tagListForbidden: new Set(file.tail.tagListForbidden),
    tagListForbiddenAfterSentence: new Set(file.tail.tagListForbiddenAfterSentence),
    tagListProseBefore: new Set(file.tail.tagListProseBefore),
    danglingMaxWords: file.danglingLabel.maxWords,
    danglingOpeners: new Set(file.danglingLabel.openers),
  };
}
