import { decode } from "./decode.ts";
import { type ReadResult, rejected } from "./input.ts";
import type { InputBytes, Reader } from "./reader.ts";

/**
 * The plain-text reader: one article per file, the whole file is the article.
 * Accepts anything (it is the fallback reader).
 */
export const textReader: Reader = {
  name: "text",
  accepts: () => true,
  *read(input: InputBytes): Iterable<ReadResult> {
    const source = { path: input.path };
    if (input.bytes.length === 0) {
      yield rejected("text", input.id, source, "empty", "the input is empty (0 bytes)");
      return;
    }
    const decoded = decode(input.bytes);
    if (!("text" in decoded)) {
      yield rejected("text", input.id, source, decoded.code, decoded.message);
      return;
    }
    if (decoded.text.trim() === "") {
      yield rejected("text", input.id, source, "empty", "the input holds only whitespace");
      return;
    }
    yield {
      kind: "doc",
      format: "text",
      doc: { id: input.id, raw: decoded.text, source, encoding: decoded.encoding, diagnostics: decoded.diagnostics },
    };
  },
};
