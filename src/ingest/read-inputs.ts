import { open } from "node:fs/promises";
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult } from "./input.ts";
import type { Reader } from "./reader.ts";
import { textReader } from "./text-reader.ts";
import { walk } from "./walk.ts";

/** Options for `readInputs`. */
export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** Readers to try in order; the text reader is the fallback. */
  readers?: readonly Reader[];
  /** Force one reader by name (`--format`). */
  format?: string;
  /** Where `-` reads from (default: process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Read every input path (files, directories, `-`) into documents or
 * rejections, in a stable order. Every file found yields at least one result.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const readers = [...(options.readers ?? []), textReader];
  const forced = options.format ? readers.find((r) => r.name === options.format) : undefined;
  if (options.format && !forced) throw new Error(`khabar: unknown format "${options.format}" (known: ${readers.map((r) => r.name).join(", ")})`);
  for await (const entry of walk(paths, limits.maxDepth)) {
    if (entry.kind === "error") {
      yield { ok: false, rejected: { id: entry.id, source: { path: entry.path }, error: { code: entry.code, message: entry.message } } };
      continue;
    }
    let bytes: Uint8Array;
    if (entry.kind === "stdin") {
      const read = await readStream(options.stdin ?? process.stdin, limits.maxBytes);
      if (!read) {
        yield { ok: false, rejected: { id: entry.id, source: { path: "-" }, error: tooLarge(limits.maxBytes) } };
        continue;
      }
      bytes = read;
    } else {
      if (entry.size > limits.maxBytes) {
        yield { ok: false, rejected: { id: entry.id, source: { path: entry.path }, error: tooLarge(limits.maxBytes, entry.size) } };
        continue;
      }
      try {
        bytes = await readFileBounded(entry.path, limits.maxBytes);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        yield { ok: false, rejected: { id: entry.id, source: { path: entry.path }, error: { code: "unreadable", message } } };
        continue;
      }
    }
    const head = bytes.subarray(0, 4096);
    const reader = forced ?? readers.find((r) => r.accepts(entry.path, head)) ?? textReader;
    yield* reader.read({ path: entry.path, id: entry.id, bytes }, limits);
  }
}

function tooLarge(max: number, size?: number) {
  return {
    code: "too_large",
    message: `the input is ${size === undefined ? "over" : `${size} bytes,`} over the ${max}-byte limit (--max-bytes)`,
  };
}

// Read a file, refusing to read past `max` bytes even if it grew since stat.
async function readFileBounded(path: string, max: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) throw new Error(`grew over the ${max}-byte limit while being read`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

async function readStream(stream: NodeJS.ReadableStream, max: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > max) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}
