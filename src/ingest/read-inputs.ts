import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import type { SourceInfo } from "../model/doc.ts";
import { gzipSegments } from "./gzip-members.ts";
import { htmlReader } from "./html-reader.ts";
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult, rejected } from "./input.ts";
import { type JsonlOptions, jsonlReader } from "./jsonl-reader.ts";
import { withMeta } from "./meta.ts";
import type { Reader } from "./reader.ts";
import { textReader } from "./text-reader.ts";
import { walk } from "./walk.ts";
import { warcReader } from "./warc-reader.ts";

/** Options for `readInputs`. */
export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** Readers to try in order (default: WARC, JSONL, HTML); the text reader is the fallback. */
  readers?: readonly Reader[];
  /** Force one reader by name (`--format text|html|jsonl|warc`). */
  format?: string;
  /** Field mapping for JSONL dumps (`--field`, `--id-field`). */
  jsonl?: JsonlOptions;
  /** Where `-` reads from (default: process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Called with the number of (compressed) input bytes read, as they are read: for progress. */
  onBytes?: (n: number) => void;
  /** Metadata by document id (`--meta`, see `loadMeta`): fills what the inputs do not say themselves. */
  meta?: ReadonlyMap<string, SourceInfo>;
}

const HEAD = 4096;

/** The readers tried by default, in order (the text reader comes last, as the fallback). */
export function defaultReaders(jsonl?: JsonlOptions): Reader[] {
  return [warcReader, jsonlReader(jsonl), htmlReader];
}

/**
 * Read every input path (files, directories, `-`) into documents, pages,
 * rejections and skips, in a stable order. Every file found yields at least
 * one result. Gzip is undone wherever it is (by its magic bytes). The format
 * is `--format`, else the first reader that accepts the file's extension
 * (without `.gz`) or first 4 KiB. Whole-file readers (text, HTML) get at most
 * `maxBytes` bytes (a larger file is rejected `too_large` after reading only
 * its head); streaming readers (JSONL, WARC) read any size in bounded memory.
 * A truncated or corrupt gzip stream ends its file with one `truncated_gzip`
 * rejection after everything readable was yielded; a `.warc.gz` is decoded
 * member by member instead, so a corrupt member in the middle costs one
 * `corrupt_gzip` rejection and the records after it are still read.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const readers = [...(options.readers ?? defaultReaders(options.jsonl)), textReader];
  const forced = options.format ? readers.find((r) => r.name === options.format) : undefined;
  if (options.format && !forced)
    throw new Error(`khabar: unknown format "${options.format}" (known: ${readers.map((r) => r.name).join(", ")})`);
  for await (const entry of walk(paths, limits.maxDepth)) {
    if (entry.kind === "error") {
      yield rejected("unknown", entry.id, { path: entry.path }, entry.code, entry.message);
      continue;
    }
    const raw: AsyncIterable<Uint8Array> =
      entry.kind === "stdin"
        ? ((options.stdin ?? process.stdin) as AsyncIterable<Uint8Array>)
        : createReadStream(entry.path, { highWaterMark: 1 << 16 });
    const source = new Source(raw, options.onBytes);
    try {
      const results = readOne(
        source,
        entry.path,
        entry.id,
        entry.kind === "file" ? entry.size : undefined,
        readers,
        forced,
        limits,
      );
      if (options.meta) for await (const r of results) yield withMeta(r, options.meta);
      else yield* results;
    } finally {
      await source.close();
    }
  }
}

async function* readOne(
  source: Source,
  path: string,
  id: string,
  size: number | undefined,
  readers: readonly Reader[],
  forced: Reader | undefined,
  limits: ReadLimits,
): AsyncGenerator<ReadResult> {
  let head: Buffer;
  try {
    head = await source.head(HEAD);
  } catch (error) {
    yield rejected(
      forced?.name ?? "unknown",
      id,
      { path },
      "unreadable",
      error instanceof Error ? error.message : String(error),
    );
    return;
  }
  const gzipped = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const plainPath = path.replace(/\.gz$/i, "");
  const warc = forced ? forced === warcReader : warcReader.accepts(plainPath, new Uint8Array(0));
  if (gzipped && warc && warcReader.readStream) {
    // A .warc.gz is one gzip member per record: decoded member by member, a damaged member costs its
    // records only, and reading goes on at the next member that starts a record.
    const segments = gzipSegments(source.chunks(), {
      plausible: (b) => b.subarray(0, 5).toString("latin1") === "WARC/",
    });
    yield* warcReader.readStream({ path, id, chunks: (async function* () {})(), segments }, limits);
    return;
  }
  if (gzipped) {
    source.gunzip();
    try {
      head = await source.head(HEAD);
    } catch {
      head = Buffer.alloc(0);
    }
  }
  const reader = forced ?? readers.find((r) => r.accepts(plainPath, head)) ?? textReader;
  if (reader.readStream) {
    yield* reader.readStream({ path, id, chunks: source.chunks(), failed: () => source.error !== undefined }, limits);
  } else if (reader.read) {
    if (!gzipped && size !== undefined && size > limits.maxBytes) {
      yield rejected(
        reader.name,
        id,
        { path },
        "too_large",
        `the input is ${size} bytes, over the ${limits.maxBytes}-byte limit (--max-bytes)`,
      );
      return;
    }
    const bytes = await source.all(limits.maxBytes);
    if (bytes === undefined) {
      yield rejected(
        reader.name,
        id,
        { path },
        "too_large",
        `the input is over the ${limits.maxBytes}-byte limit (--max-bytes)${gzipped ? " once decompressed" : ""}`,
      );
      return;
    }
    if (source.error && !gzipped) {
      yield rejected(reader.name, id, { path }, "unreadable", source.error.message);
      return;
    }
    if (source.error && bytes.length === 0) {
      yield rejected(
        reader.name,
        id,
        { path },
        "truncated_gzip",
        `the gzip stream is damaged before any content: ${source.error.message}`,
      );
      return;
    }
    for await (const r of reader.read({ path, id, bytes }, limits)) {
      if (source.error && r.kind === "doc")
        r.doc.diagnostics = [
          ...(r.doc.diagnostics ?? []),
          {
            code: "truncated_gzip",
            message: `the gzip stream is cut: ${source.error.message}; the text read before the cut is kept`,
            severity: "warning",
          },
        ];
      yield r;
    }
    return;
  }
  if (source.error && gzipped) {
    yield rejected(
      reader.name,
      `${id}:gzip`,
      { path },
      "truncated_gzip",
      `the gzip stream is cut or damaged after ${source.decompressed} bytes: ${source.error.message}; everything before the damage was read`,
    );
  } else if (source.error) {
    yield rejected(reader.name, `${id}:read`, { path }, "unreadable", source.error.message);
  }
}

/**
 * One input's bytes: lets the head be looked at before a reader is chosen,
 * undoes gzip, and turns a stream error (a cut gzip, an I/O error) into
 * `error` instead of an exception, so what was read before it still counts.
 */
class Source {
  private it: AsyncIterator<Uint8Array>;
  private pending: Buffer[] = [];
  private readonly stream: AsyncIterable<Uint8Array>;
  private gunzipper: ReturnType<typeof createGunzip> | undefined;
  error: Error | undefined;
  decompressed = 0;

  constructor(stream: AsyncIterable<Uint8Array>, onBytes?: (n: number) => void) {
    this.stream = onBytes ? counted(stream, onBytes) : stream;
    this.it = this.stream[Symbol.asyncIterator]();
  }

  // Next chunk, or undefined at the end or on error.
  private async next(): Promise<Buffer | undefined> {
    const queued = this.pending.shift();
    if (queued) return queued;
    if (this.error) return undefined;
    try {
      const r = await this.it.next();
      if (r.done) return undefined;
      const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
      this.decompressed += b.length;
      return b;
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
      return undefined;
    }
  }

  /** The first `n` bytes (fewer if the input is shorter), kept for the reader. */
  async head(n: number): Promise<Buffer> {
    const got: Buffer[] = [...this.pending];
    this.pending = [];
    let len = got.reduce((a, b) => a + b.length, 0);
    while (len < n) {
      const b = await this.next();
      if (!b) break;
      got.push(b);
      len += b.length;
    }
    if (this.error && len === 0 && !this.gunzipper) throw this.error;
    this.pending = got;
    return Buffer.concat(got, len).subarray(0, n);
  }

  /** From here on, read through gunzip (multi-member streams included). */
  gunzip(): void {
    const gz = createGunzip();
    const upstream = this.pending;
    this.pending = [];
    const rest = this.it;
    this.decompressed = 0;
    (async () => {
      try {
        for (const b of upstream) if (!gz.write(b)) await new Promise((res) => gz.once("drain", res));
        for (;;) {
          const r = await rest.next();
          if (r.done) break;
          if (!gz.write(r.value)) await new Promise((res) => gz.once("drain", res));
        }
        gz.end();
      } catch (error) {
        gz.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    })();
    this.gunzipper = gz;
    this.it = (gz as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  }

  /** The rest of the input as chunks (errors end it and are kept in `error`). */
  async *chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const b = await this.next();
      if (!b) return;
      yield b;
    }
  }

  /** All the bytes, or undefined when there are more than `max` (reading stops there). */
  async all(max: number): Promise<Buffer | undefined> {
    const got: Buffer[] = [];
    let len = 0;
    for (;;) {
      const b = await this.next();
      if (!b) break;
      len += b.length;
      if (len > max) return undefined;
      got.push(b);
    }
    return Buffer.concat(got, len);
  }

  /** Stop reading and release the file. */
  async close(): Promise<void> {
    this.gunzipper?.destroy();
    try {
      await this.it.return?.();
    } catch {
      // already failed
    }
    const s = this.stream as { destroy?: () => void };
    s.destroy?.();
  }
}

async function* counted(stream: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    onBytes(b.length);
    yield b;
  }
}
