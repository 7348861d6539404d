import type { RawDoc } from "../model/doc.ts";
import type { Rejection } from "../model/diagnostic.ts";

/** An input that could not become a document: it still gets a record. */
export interface RejectedInput {
  id: string;
  source: RawDoc["source"];
  error: Rejection;
}

/** What readers yield: a document to process, or a rejection to report. */
export type ReadResult = { ok: true; doc: RawDoc } | { ok: false; rejected: RejectedInput };

/** Limits applied while reading; every one is documented in the README. */
export interface ReadLimits {
  /** Largest input file, in bytes (default 16 MiB). Larger files are rejected with `too_large` without being read. */
  maxBytes: number;
  /** Deepest directory level walked below an input directory (default 32). */
  maxDepth: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 32 };
