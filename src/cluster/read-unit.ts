import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { DEFAULT_LIMITS, type ReadResult } from "../ingest/input.ts";
import { jsonlReader } from "../ingest/jsonl-reader.ts";
import { type ReadOptions, readInputs } from "../ingest/read-inputs.ts";
import type { UnitSpec } from "./plan-units.ts";

/** Raised when a unit as a whole cannot be read: the worker retries it, then dead-letters it. */
export class UnitError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "UnitError";
    this.code = code;
  }
}

/**
 * Read one work unit into the same results `readInputs` gives for its file,
 * with the same ids `khabar process DIR` would give (a chunk's line numbers
 * count from the start of the file). Problems inside the data (a bad JSON
 * line, a damaged gzip tail) are rejections, as in `khabar process`; a unit
 * whose file is gone, unreadable, changed since it was enqueued, or yields
 * nothing but a whole-file read failure throws `UnitError`, so the worker
 * retries it and, after the last attempt, dead-letters it.
 */
export async function* readUnit(unit: UnitSpec, options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  let size: number;
  try {
    const info = await stat(unit.path);
    if (!info.isFile()) throw new UnitError("not_a_file", `${unit.path} is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UnitError) throw error;
    throw new UnitError("unreadable", `${unit.path}: ${(error as Error).message}`);
  }
  if (unit.kind === "jsonl-range") {
    if (size !== unit.size)
      throw new UnitError("changed", `${unit.path} is ${size} bytes, ${unit.size} when enqueued: re-enqueue it`);
    yield* readRange(unit, options);
    return;
  }
  const own = idOf(basename(unit.path));
  const rename = (id: string): string =>
    own === unit.fileId ? id : id === own ? unit.fileId : id.startsWith(`${own}:`) ? unit.fileId + id.slice(own.length) : id;
  let results = 0;
  for await (const r of readInputs([unit.path], options)) {
    results++;
    if (r.kind === "rejected") {
      r.rejected.id = rename(r.rejected.id);
      // The whole file failed (nothing read): a unit failure to retry, not an article.
      if (r.rejected.id === unit.fileId && WHOLE_FILE_FAILURES.has(r.rejected.error.code) && results === 1)
        throw new UnitError(r.rejected.error.code, `${unit.path}: ${r.rejected.error.message}`);
    } else if (r.kind === "doc") r.doc.id = rename(r.doc.id);
    else if (r.kind === "html") r.page.id = rename(r.page.id);
    yield r;
  }
}

// Rejections that mean the file itself could not be read, as opposed to bad content.
const WHOLE_FILE_FAILURES = new Set(["unreadable", "truncated_gzip"]);

async function* readRange(unit: UnitSpec, options: ReadOptions): AsyncGenerator<ReadResult> {
  const offset = (unit.firstLine ?? 1) - 1;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  let failed: Error | undefined;
  const stream = createReadStream(unit.path, { start: unit.byteStart ?? 0, end: (unit.byteEnd ?? 0) - 1 });
  stream.on("error", (e) => {
    failed = e;
  });
  const reader = jsonlReader(options.jsonl);
  const fallback = `${unit.fileId}:`;
  for await (const r of reader.readStream!(
    { path: unit.path, id: unit.fileId, chunks: stream as AsyncIterable<Uint8Array>, failed: () => failed !== undefined },
    limits,
  )) {
    const shift = (id: string): string => {
      if (!id.startsWith(fallback)) return id;
      const n = Number(id.slice(fallback.length));
      return Number.isInteger(n) ? `${fallback}${n + offset}` : id;
    };
    if (r.kind === "doc") {
      r.doc.id = shift(r.doc.id);
      if (typeof r.doc.source.line === "number") r.doc.source.line += offset;
    } else if (r.kind === "html") {
      r.page.id = shift(r.page.id);
      if (typeof r.page.source.line === "number") r.page.source.line += offset;
    } else if (r.kind === "rejected") {
      r.rejected.id = shift(r.rejected.id);
      if (typeof r.rejected.source.line === "number") r.rejected.source.line += offset;
    }
    yield r;
  }
  if (failed) throw new UnitError("unreadable", `${unit.path}: ${failed.message}`);
}

function idOf(path: string): string {
  const ext = extname(path);
  return (ext ? path.slice(0, -ext.length) : path).split("\\").join("/");
}
