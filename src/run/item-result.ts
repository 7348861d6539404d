import type { ReadResult } from "../ingest/input.ts";
import { Doc } from "../model/doc.ts";
import { type RecordOptions, toRecord } from "../model/record.ts";

/*
 * What a run's main thread needs of a processed item, without the pipeline: with workers, the thread that
 * reads never loads a stage (nor its models), so it starts at once and leaves both cores to the workers.
 */

/** Work for the pipeline: a decoded document, or an HTML page still to extract. */
export type WorkItem = Extract<ReadResult, { kind: "doc" } | { kind: "html" }>;

/** What processing one item gives back: the JSONL line and what the summary counts. */
export interface ItemResult {
  id: string;
  /** The record as one JSON line (no trailing newline). */
  line: string;
  status: Doc["status"];
  /** The rejection code, when rejected. */
  code?: string;
  /** Diagnostic codes on the document. */
  diagnostics: string[];
  /** UTF-16 code units of raw text processed. */
  chars: number;
}

/** A document that never reached the pipeline: rejected with `code`. */
export function rejectedDoc(id: string, source: Doc["source"], code: string, message: string): Doc {
  const doc = new Doc({ id, raw: "", source });
  doc.reject(code, message);
  return doc;
}

/** The record line and counts of a finished document. */
export function resultOf(doc: Doc, options: RecordOptions): ItemResult {
  return {
    id: doc.id,
    line: JSON.stringify(toRecord(doc, options)),
    status: doc.status,
    ...(doc.status === "rejected" && doc.error ? { code: doc.error.code } : {}),
    diagnostics: doc.diagnostics.map((d) => d.code),
    chars: doc.raw.length,
  };
}
