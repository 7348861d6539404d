import type { Doc } from "../model/doc.ts";
import type { Token } from "../model/layers.ts";
import type { Stage } from "../run/stage.ts";
import { DedupIndex, type DedupVerdict, fingerprint } from "./dedup-index.ts";
import { digest64 } from "./hash.ts";

/** Options for the dedupe stage. */
export interface DedupeOptions {
  /** The index to compare with and add to; share one across a run. */
  index?: DedupIndex;
}

/**
 * The words an article is compared by: the matching forms of its word,
 * number and Latin tokens (punctuation, symbols and emoji left out), so
 * debris, diacritics and spelling variants don't hide a copy.
 */
export function matchWords(tokens: readonly Pick<Token, "kind" | "norm">[]): string[] {
  const words: string[] = [];
  for (const t of tokens) if (t.kind === "word" || t.kind === "number" || t.kind === "latin") words.push(t.norm);
  return words;
}

/**
 * The dedupe stage: fingerprints the document, compares it with every
 * document the index has seen, and marks it `duplicate` (with
 * `duplicate_of` and how it matched) when it is a copy. Runs on documents in
 * input order, after analysis; rejected documents are left alone.
 */
export function dedupe(options: DedupeOptions = {}): Stage {
  const index = options.index ?? new DedupIndex();
  return (doc: Doc) => {
    if (doc.status !== "ok") return;
    applyVerdict(doc, ...judge(index, doc.id, matchWords(doc.tokens)));
  };
}

/**
 * Fingerprint a word list and add it to the index.
 *
 * @returns the content hash and the verdict
 */
export function judge(index: DedupIndex, id: string, words: readonly string[]): [string, DedupVerdict] {
  const hash = digest64(words.join(" "));
  return [hash, index.add(id, fingerprint(words, hash, index.params))];
}

function applyVerdict(doc: Doc, contentHash: string, verdict: DedupVerdict): void {
  if (verdict.kind === "unique") {
    doc.dedup = { contentHash };
    return;
  }
  doc.status = "duplicate";
  doc.duplicateOf = verdict.of;
  doc.dedup = { contentHash, kind: verdict.kind, similarity: verdict.similarity };
}
