import type { Diagnostic, Rejection } from "./diagnostic.ts";
import type { Doc, SourceInfo, Status } from "./doc.ts";
import type { Caption, Credit, Paragraph, Removal, Replacement, Sentence, Token, TokenKind } from "./layers.ts";

/** Field order of a token in its compact record form. */
export const TOKEN_FIELDS = ["start", "end", "kind", "norm", "stem", "prefix", "suffix"] as const;

/** A token in compact form: `[start, end, kind, norm, stem, prefix, suffix]`. */
export type TokenRow = [number, number, TokenKind, string, string, string, string];

/** The JSON form of a document: one JSONL line of khabar's output. */
export interface DocRecord {
  id: string;
  source: SourceInfo;
  status: Status;
  error?: Rejection;
  duplicate_of?: string;
  duplicate_kind?: "exact" | "near" | "contained" | "extended";
  similarity?: number;
  contained_in?: string;
  content_hash?: string;
  lang?: string;
  encoding: string;
  text: string;
  raw?: string;
  removed: Removal[];
  replaced: Replacement[];
  captions: Caption[];
  credits: Credit[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  token_fields: readonly string[];
  tokens: TokenRow[];
  diagnostics: Diagnostic[];
  [layer: string]: unknown;
}

/** Options for `toRecord`. */
export interface RecordOptions {
  /** Include the raw input (default true): needed to trace spans back without the source file. */
  raw?: boolean;
  /** Include tokens (default true). */
  tokens?: boolean;
}

/**
 * The JSON form of a document, the output contract.
 *
 * @returns a plain object; `JSON.stringify` it for one JSONL line
 */
export function toRecord(doc: Doc, options: RecordOptions = {}): DocRecord {
  const withRaw = options.raw ?? true;
  const withTokens = options.tokens ?? true;
  const committed = doc.committed;
  const record: DocRecord = {
    id: doc.id,
    source: doc.source,
    status: doc.status,
    ...(doc.error ? { error: doc.error } : {}),
    ...(doc.duplicateOf ? { duplicate_of: doc.duplicateOf } : {}),
    ...(doc.dedup?.kind ? { duplicate_kind: doc.dedup.kind, similarity: doc.dedup.similarity ?? 1 } : {}),
    ...(doc.dedup?.kind === "contained" && doc.duplicateOf ? { contained_in: doc.duplicateOf } : {}),
    ...(doc.dedup ? { content_hash: doc.dedup.contentHash } : {}),
    ...(doc.lang ? { lang: doc.lang } : {}),
    encoding: doc.encoding,
    text: committed ? doc.text : "",
    ...(withRaw ? { raw: doc.raw } : {}),
    removed: committed ? doc.removed : [],
    replaced: committed ? doc.replaced : [],
    captions: doc.captions,
    credits: doc.credits,
    paragraphs: doc.paragraphs,
    sentences: doc.sentences,
    token_fields: TOKEN_FIELDS,
    tokens: withTokens ? doc.tokens.map(tokenRow) : [],
    diagnostics: doc.diagnostics,
  };
  for (const [name, spans] of Object.entries(doc.layers)) record[name] = spans;
  return record;
}

/** A token in its compact form. */
export function tokenRow(t: Token): TokenRow {
  return [t.start, t.end, t.kind, t.norm, t.stem, t.prefix, t.suffix];
}

/**
 * Rebuild a token from its compact form and the record's text.
 */
export function tokenFromRow(text: string, row: TokenRow): Token {
  const [start, end, kind, norm, stem, prefix, suffix] = row;
  return { start, end, text: text.slice(start, end), kind, norm, stem, prefix, suffix };
}
