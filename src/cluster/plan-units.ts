import { createReadStream } from "node:fs";
import { realpath } from "node:fs/promises";
import { walk } from "../ingest/walk.ts";

/** One unit of work: a whole file, or a range of lines of an uncompressed JSONL file. */
export interface UnitSpec {
  /** Identity for idempotent enqueueing: the real path, plus the byte range for a chunk. */
  key: string;
  path: string;
  /** The id `khabar process` gives the file (relative to the input directory, no extension). */
  fileId: string;
  kind: "file" | "jsonl-range";
  byteStart: number | null;
  byteEnd: number | null;
  /** Line number (1-based) of the chunk's first line. */
  firstLine: number | null;
  /** File size when enqueued (a chunk's file must not change before it is read). */
  size: number;
}

/** Options for `planUnits`. */
export interface PlanOptions {
  /** Lines per JSONL chunk (default 1000). */
  chunkLines?: number;
  /** JSONL files smaller than this stay whole (default 1 MiB). */
  chunkMinBytes?: number;
  maxDepth?: number;
}

/** Paths that could not be planned, with why. */
export interface PlanError {
  path: string;
  message: string;
}

/**
 * Turn input paths into work units: each file one unit, except uncompressed
 * JSONL files over `chunkMinBytes`, which split into chunks of `chunkLines`
 * lines (byte ranges found by one scan for newlines). WARC archives and
 * gzipped files stay whole: gzip can't be entered in the middle, and a WARC
 * record's boundaries are only known by reading its headers, so a WARC file is
 * one unit (Common Crawl's 1 GB files are themselves the natural unit).
 */
export async function planUnits(
  paths: readonly string[],
  options: PlanOptions = {},
): Promise<{ units: UnitSpec[]; errors: PlanError[] }> {
  const chunkLines = Math.max(1, options.chunkLines ?? 1000);
  const minBytes = options.chunkMinBytes ?? 1024 * 1024;
  const units: UnitSpec[] = [];
  const errors: PlanError[] = [];
  for await (const entry of walk(paths, options.maxDepth ?? 32)) {
    if (entry.kind === "stdin") {
      errors.push({ path: "-", message: "standard input cannot be enqueued (workers read files)" });
      continue;
    }
    if (entry.kind === "error") {
      errors.push({ path: entry.path, message: entry.message });
      continue;
    }
    const real = await realpath(entry.path);
    if (/\.(jsonl|ndjson)$/i.test(real) && entry.size >= minBytes) {
      for (const [start, end, line] of await lineChunks(real, chunkLines))
        units.push({
          key: `${real}#${start}-${end}`,
          path: real,
          fileId: entry.id,
          kind: "jsonl-range",
          byteStart: start,
          byteEnd: end,
          firstLine: line,
          size: entry.size,
        });
      continue;
    }
    units.push({
      key: real,
      path: real,
      fileId: entry.id,
      kind: "file",
      byteStart: null,
      byteEnd: null,
      firstLine: null,
      size: entry.size,
    });
  }
  return { units, errors };
}

/**
 * Byte ranges `[start, end)` of `lines`-line chunks of a file, with the first line number of each.
 */
export async function lineChunks(path: string, lines: number): Promise<[number, number, number][]> {
  const out: [number, number, number][] = [];
  let offset = 0;
  let start = 0;
  let line = 1;
  let inChunk = 0;
  let chunkLine = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = chunk.indexOf(10);
    let from = 0;
    while (i >= 0) {
      inChunk++;
      line++;
      if (inChunk === lines) {
        const end = offset + i + 1;
        out.push([start, end, chunkLine]);
        start = end;
        chunkLine = line;
        inChunk = 0;
      }
      from = i + 1;
      i = chunk.indexOf(10, from);
    }
    offset += chunk.length;
  }
  if (offset > start) out.push([start, offset, chunkLine]);
  return out;
}
