import type { Rejection } from "../model/diagnostic.ts";
import type { RawDoc, SourceInfo } from "../model/doc.ts";

/** An input that could not become a document: it still gets a record. */
export interface RejectedInput {
  id: string;
  source: RawDoc["source"];
  error: Rejection;
}

/**
 * An HTML page read but not yet extracted: extraction (the costly part) runs
 * where the pipeline runs, in a worker thread when there are workers.
 */
export interface HtmlInput {
  id: string;
  source: SourceInfo;
  /** The page's bytes, undecoded. */
  bytes: Uint8Array;
  /** Charset from the HTTP `Content-Type` header (WARC), if any. */
  charset?: string;
}

/**
 * A record that is not an article and gets no output record: a WARC request,
 * an image, a 404. Counted by reason in the run summary (`skipped`), so
 * records seen = read + skipped.
 */
export interface SkippedInput {
  path: string;
  /** `warc_request`, `not_html`, `http_404`, `resumed`, ... */
  reason: string;
}

/**
 * What readers yield: a document to process, a page to extract, a rejection
 * to report, or a skipped record to count. `format` names the reader.
 */
export type ReadResult =
  | { kind: "doc"; doc: RawDoc; format: string }
  | { kind: "html"; page: HtmlInput; format: string }
  | { kind: "rejected"; rejected: RejectedInput; format: string }
  | { kind: "skipped"; skipped: SkippedInput; format: string };

/** Limits applied while reading; every one is documented in the README. */
export interface ReadLimits {
  /**
   * Largest single document, in bytes (default 16 MiB): a text or HTML file, a
   * decompressed `.gz` page, one JSONL line, one WARC record body. Larger ones
   * are rejected with `too_large` without being read into memory. JSONL dumps
   * and WARC archives stream and have no total-size limit.
   */
  maxBytes: number;
  /** Deepest directory level walked below an input directory (default 32). */
  maxDepth: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 32 };

/** A rejection result. */
export function rejected(format: string, id: string, source: SourceInfo, code: string, message: string): ReadResult {
  return { kind: "rejected", format, rejected: { id, source, error: { code, message } } };
}
