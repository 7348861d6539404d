import type { GzipSegment } from "./gzip-members.ts";
import type { ReadLimits, ReadResult } from "./input.ts";

/** One whole input handed to a reader: a file's (decompressed) bytes, or stdin's. */
export interface InputBytes {
  path: string;
  id: string;
  bytes: Uint8Array;
}

/** One input handed to a streaming reader: its (decompressed) bytes as a stream of chunks. */
export interface InputStream {
  path: string;
  id: string;
  chunks: AsyncIterable<Uint8Array>;
  /** True once the stream has failed (e.g. truncated gzip): the caller reports that, the reader does not report the cut again. */
  failed?: () => boolean;
  /**
   * For a gzip stream decoded member by member (`.warc.gz`): the input cut at
   * each damaged member. A reader that takes these reads each segment as it
   * reads `chunks` (which are then unused), yields one rejection per damage
   * (`corrupt_gzip`, or `truncated_gzip` for a cut at the end) and goes on
   * with the next segment.
   */
  segments?: AsyncIterable<GzipSegment>;
}

/**
 * A reader turns one input into documents, pages, rejections or skips. Plain
 * text and HTML give one document per file (`read`, whole bytes, bounded by
 * `--max-bytes`); JSONL and WARC give one per line or record and stream
 * (`readStream`, no total-size limit). Chosen by `accepts` or `--format`.
 */
export interface Reader {
  /** Name used by `--format` and in the summary's `byFormat`. */
  name: string;
  /**
   * True when this reader handles the input.
   *
   * @param path the file's path without a trailing `.gz`
   * @param head its first (decompressed) bytes, up to 4 KiB
   */
  accepts(path: string, head: Uint8Array): boolean;
  /** Read one whole input. Never throws for bad data: it yields rejections. */
  read?(input: InputBytes, limits: ReadLimits): Iterable<ReadResult> | AsyncIterable<ReadResult>;
  /** Read one input as a stream. Never throws for bad data: it yields rejections. */
  readStream?(input: InputStream, limits: ReadLimits): AsyncIterable<ReadResult>;
}
