import { htmlToDoc } from "../ingest/html-reader.ts";
import type { ReadResult } from "../ingest/input.ts";
import { Doc } from "../model/doc.ts";
import { type RecordOptions, toRecord } from "../model/record.ts";
import { runPipeline } from "./pipeline.ts";
import type { NamedStage } from "./stage.ts";

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

/**
 * Turn one item into a finished document: extract an HTML page (a page with
 * no article becomes a rejected document), then run the pipeline.
 *
 * @returns the document, rejected or not
 */
export function processItem(stages: readonly NamedStage[], item: WorkItem): Doc {
  const read = item.kind === "html" ? htmlToDoc(item.page, item.format) : item;
  if (read.kind === "doc") return runPipeline(stages, read.doc);
  if (read.kind === "rejected")
    return rejectedDoc(read.rejected.id, read.rejected.source, read.rejected.error.code, read.rejected.error.message);
  return rejectedDoc(
    item.kind === "html" ? item.page.id : item.doc.id,
    {},
    "internal",
    `unexpected ${read.kind} result`,
  );
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
