import type { Span } from "./span.ts";

/**
 * Dirty input becomes data: a message on the document, never an exception.
 * `code` is stable (documented in the README); `message` is for people.
 */
export interface Diagnostic {
  code: string;
  message: string;
  /** Where in the cleaned text, when it has a place there. */
  span?: Span;
  /** Where in the raw input, when the place is gone from the cleaned text. */
  raw?: { start: number; end: number };
  severity: "info" | "warning";
}

/** Why a document was rejected: a stable code and a message. */
export interface Rejection {
  code: string;
  message: string;
}
