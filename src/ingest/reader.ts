import type { ReadLimits, ReadResult } from "./input.ts";

/** One input unit handed to a reader: a file's bytes (or stdin's) and where they came from. */
export interface InputBytes {
  path: string;
  id: string;
  bytes: Uint8Array;
}

/**
 * A reader turns the bytes of one input into documents or rejections. Plain
 * text gives one document per file; HTML, JSONL and WARC readers plug in here
 * (one page, one line, one record each), chosen by `accepts`.
 */
export interface Reader {
  /** Name used by `--format`. */
  name: string;
  /** True when this reader handles the input (by extension, then by sniffing its first bytes). */
  accepts(path: string, head: Uint8Array): boolean;
  /** Read one input. Never throws for bad data: it yields rejections. */
  read(input: InputBytes, limits: ReadLimits): Iterable<ReadResult> | AsyncIterable<ReadResult>;
}
