/**
 * A stand-in segmenter for scoring and testing the entities stage before the
 * real `segment` stage exists: sentences end at . ! ? ؟ or a line break;
 * tokens are runs of Arabic letters (with their marks), Latin letters, or
 * digits, and single other characters. Fills `doc.sentences` and `doc.tokens`
 * (norm = matching form; no clitic analysis). Does nothing when the document
 * already has tokens.
 */
import type { Doc } from "../src/model/doc.ts";
import type { Sentence, Token, TokenKind } from "../src/model/layers.ts";
import { matchForm } from "../src/normalize/match-form.ts";

const TOKEN =
  /([\p{Script=Arabic}\u064B-\u065F\u0670\u0640]+)|([A-Za-z]+)|([0-9\u0660-\u0669]+(?:[.,][0-9\u0660-\u0669]+)*)|(\S)/gu;

/** Segment `doc` (committed) into sentences and tokens when no stage did. */
export function simpleSegment(doc: Doc): void {
  if (doc.tokens.length) return;
  const text = doc.text;
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let sentFrom = 0;
  const close = (end: number) => {
    if (tokens.length > sentFrom) {
      const start = tokens[sentFrom]!.start;
      sentences.push({ start, end, text: text.slice(start, end), paragraph, tokens: [sentFrom, tokens.length] });
    }
    sentFrom = tokens.length;
  };
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    if (text.slice(last, at).includes("\n")) {
      close(tokens.length ? tokens[tokens.length - 1]!.end : at);
      paragraph++;
    }
    const kind: TokenKind = m[1] ? "word" : m[2] ? "latin" : m[3] ? "number" : "punct";
    tokens.push({
      start: at,
      end: at + m[0].length,
      text: m[0],
      kind,
      norm: matchForm(m[0]),
      stem: "",
      prefix: "",
      suffix: "",
    });
    last = at + m[0].length;
    if (/^[.!?؟]$/u.test(m[0])) close(last);
  }
  close(last);
  doc.tokens = tokens;
  doc.sentences = sentences;
}
