import type { DocRecord } from "../model/record.ts";
import { DedupIndex, type DedupParams, type DedupVerdict } from "./dedup-index.ts";
import { judge, matchWords } from "./dedupe.ts";

/**
 * Mark one finished record against the index (the streaming form: records
 * arrive in input order, from worker threads, and the first copy seen is the
 * canonical one). Rejected records are left alone.
 *
 * @returns the verdict (`unique` for rejected records)
 */
export function dedupeRecord(index: DedupIndex, record: DocRecord): DedupVerdict {
  if (record.status === "rejected") return { kind: "unique" };
  const words = matchWords(record.tokens.map((row) => ({ kind: row[2], norm: row[3] })));
  const [hash, verdict] = judge(index, record.id, words);
  applyToRecord(record, hash, verdict);
  return verdict;
}

/**
 * Deduplicate a whole corpus of records with the documented canonical rule:
 * within a group of copies the canonical one is the earliest published
 * (`source.date`), then the most complete (longest text), then the smallest id.
 * Records are judged in that order, so every copy points to its group's
 * canonical article. Statuses are rewritten in place; input order is kept.
 *
 * @returns the records, in their input order
 */
export function dedupeCorpus<R extends DocRecord>(records: R[], params: Partial<DedupParams> = {}): R[] {
  const index = new DedupIndex(params);
  const order = records
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.status !== "rejected")
    .sort((a, b) => compareCanonical(canonicalKey(a.r), canonicalKey(b.r)));
  for (const { r } of order) {
    dedupeRecord(index, r);
  }
  return records;
}

/** What the canonical order reads of a record. */
export interface CanonicalKey {
  id: string;
  /** Publication date (ISO 8601), if known. */
  date: string | undefined;
  /** Length of the cleaned text. */
  length: number;
}

/** The canonical key of a record. */
export function canonicalKey(r: DocRecord): CanonicalKey {
  return { id: r.id, date: typeof r.source?.date === "string" ? r.source.date : undefined, length: r.text.length };
}

/** The canonical order: earliest date first (undated last), then longest text, then id. */
export function compareCanonical(a: CanonicalKey, b: CanonicalKey): number {
  const da = a.date ?? "\uffff";
  const db = b.date ?? "\uffff";
  if (da !== db) return da < db ? -1 : 1;
  if (a.length !== b.length) return b.length - a.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Write a verdict onto a record: its content hash, and for a copy its status and how it matched. Fields a
 * previous verdict left are cleared first, so a record can be judged again.
 */
export function applyToRecord(record: DocRecord, contentHash: string, verdict: DedupVerdict): void {
  for (const key of ["duplicate_of", "duplicate_kind", "similarity", "contained_in"] as const) delete record[key];
  if (record.status === "duplicate") record.status = "ok";
  record.content_hash = contentHash;
  if (verdict.kind === "unique") return;
  record.status = "duplicate";
  record.duplicate_of = verdict.of;
  record.duplicate_kind = verdict.kind;
  record.similarity = verdict.similarity;
  if (verdict.kind === "contained") record.contained_in = verdict.of;
}
