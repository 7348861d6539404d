/**
 * A span over a document's cleaned `text`: half-open UTF-16 offsets, so
 * `text.slice(start, end) === span.text` always holds.
 */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Make a span of `text` from `start` to `end`.
 *
 * @param text the document's cleaned text
 * @param start first UTF-16 offset (inclusive)
 * @param end last UTF-16 offset (exclusive)
 * @returns `{start, end, text: text.slice(start, end)}`
 * @throws KhabarError `span_out_of_range` when the bounds do not fit the text
 */
export function makeSpan(text: string, start: number, end: number): Span {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new KhabarError("span_out_of_range", `khabar: span ${start}-${end} does not fit a text of length ${text.length}`);
  }
  return { start, end, text: text.slice(start, end) };
}

/** An error raised on misuse of the API: a stable `code` and an exact message. */
export class KhabarError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = "KhabarError";
  }
}

/**
 * Check that every span in `spans` slices `text` to its own `text`.
 *
 * @returns the offending spans (empty when all agree)
 */
export function badSpans(text: string, spans: readonly Span[]): Span[] {
  return spans.filter((s) => text.slice(s.start, s.end) !== s.text || s.start > s.end || s.start < 0 || s.end > text.length);
}
