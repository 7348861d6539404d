import { type ReadOptions, readInputs } from "../ingest/read-inputs.ts";
import { Doc } from "../model/doc.ts";
import { createPipeline, type PipelineOptions, runPipeline } from "./pipeline.ts";

/** Counts of one run: counts in equal counts out (`read === ok + duplicate + rejected`). */
export interface RunSummary {
  read: number;
  ok: number;
  duplicate: number;
  rejected: number;
  /** Rejections by code. */
  rejectedBy: Record<string, number>;
  /** Diagnostics by code (documents still processed). */
  diagnosticsBy: Record<string, number>;
  /** UTF-16 code units of raw input processed. */
  chars: number;
  ms: number;
}

/** Options for `processInputs`. */
export interface ProcessOptions extends ReadOptions {
  pipeline?: PipelineOptions;
}

/**
 * Read inputs and run the pipeline on each, yielding finished documents in
 * input order: one per input document, rejections included.
 *
 * @param paths files, directories, or `-`
 * @param summary filled while the run goes on
 */
export async function* processInputs(paths: readonly string[], options: ProcessOptions = {}, summary: RunSummary = emptySummary()): AsyncGenerator<Doc> {
  const stages = createPipeline(options.pipeline);
  const started = performance.now();
  for await (const result of readInputs(paths, options)) {
    summary.read++;
    let doc: Doc;
    if (result.ok) {
      doc = runPipeline(stages, result.doc);
      summary.chars += result.doc.raw.length;
    } else {
      doc = new Doc({ id: result.rejected.id, raw: "", source: result.rejected.source });
      doc.reject(result.rejected.error.code, result.rejected.error.message);
    }
    tally(summary, doc);
    summary.ms = performance.now() - started;
    yield doc;
  }
  summary.ms = performance.now() - started;
}

/** A summary with every count at zero. */
export function emptySummary(): RunSummary {
  return { read: 0, ok: 0, duplicate: 0, rejected: 0, rejectedBy: {}, diagnosticsBy: {}, chars: 0, ms: 0 };
}

function tally(summary: RunSummary, doc: Doc): void {
  summary[doc.status]++;
  if (doc.status === "rejected" && doc.error) {
    summary.rejectedBy[doc.error.code] = (summary.rejectedBy[doc.error.code] ?? 0) + 1;
  }
  for (const d of doc.diagnostics) summary.diagnosticsBy[d.code] = (summary.diagnosticsBy[d.code] ?? 0) + 1;
}

/** One line per count, for people (the CLI prints it on stderr). */
export function formatSummary(s: RunSummary): string {
  const codes = Object.entries(s.rejectedBy)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}: ${n}`)
    .join(", ");
  const diags = Object.entries(s.diagnosticsBy)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}: ${n}`)
    .join(", ");
  const secs = s.ms / 1000;
  const rate = secs > 0 ? ` (${Math.round(s.read / secs)} docs/s)` : "";
  return [
    `khabar: read ${s.read}, ok ${s.ok}, duplicate ${s.duplicate}, rejected ${s.rejected}${codes ? ` (${codes})` : ""} in ${secs.toFixed(2)} s${rate}`,
    ...(diags ? [`khabar: diagnostics: ${diags}`] : []),
  ].join("\n");
}
