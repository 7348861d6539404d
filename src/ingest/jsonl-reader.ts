import { ByteReader } from "./byte-reader.ts";
import { type ReadLimits, type ReadResult, rejected } from "./input.ts";
import type { InputStream, Reader } from "./reader.ts";

/** How JSONL fields map to khabar's: `text`, `html`, `title`, `url`, `date`, `author`, `site`. */
export interface JsonlOptions {
  /** Our name → the dump's field name (`--field text=body`). Mapped fields are tried before the defaults. */
  fields?: Record<string, string>;
  /** The field that holds each article's id (`--id-field`); default `id`, else `FILE:LINE`. */
  idField?: string;
}

/** The field names tried for each of ours when no mapping is given, in order. */
export const DEFAULT_FIELDS: Record<string, readonly string[]> = {
  text: ["text", "content", "body", "article", "article_text", "maintext", "full_text"],
  html: ["html", "raw_html", "page_html"],
  title: ["title", "headline"],
  url: ["url", "link", "source_url", "canonical_url"],
  date: [
    "date",
    "published_at",
    "date_published",
    "published",
    "publish_date",
    "pubdate",
    "datetime",
    "date_extracted",
  ],
  author: ["author", "byline", "authors"],
  site: ["site", "source", "site_name", "domain", "newspaper"],
};

/** The field names `--field` accepts on our side. */
export const KNOWN_FIELDS = Object.keys(DEFAULT_FIELDS);

const utf8 = new TextDecoder("utf-8", { fatal: false });

/**
 * Make the JSONL reader (`.jsonl`, `.ndjson`, also gzipped): one article a
 * line, streamed line by line. A line that is not a JSON object is rejected
 * (`bad_json`, with its line number) and reading goes on; a line without text
 * is rejected (`no_text`); a line over `--max-bytes` is rejected (`too_large`)
 * without being held in memory; blank lines are skipped (`blank_line`). An
 * `html` field (when there is no text field) is extracted like an HTML page.
 */
export function jsonlReader(options: JsonlOptions = {}): Reader {
  const fields: Record<string, string[]> = {};
  for (const [ours, names] of Object.entries(DEFAULT_FIELDS)) {
    const mapped = options.fields?.[ours];
    fields[ours] = mapped ? [mapped] : [...names];
  }
  const idField = options.idField;
  return {
    name: "jsonl",
    accepts: (path, head) => /\.(jsonl|ndjson|json)$/i.test(path) || looksLikeJsonl(head),
    async *readStream(input: InputStream, limits: ReadLimits): AsyncIterable<ReadResult> {
      const bytes = new ByteReader(input.chunks);
      let n = 0;
      for (;;) {
        const line = await bytes.line(limits.maxBytes);
        if (line === undefined) break;
        n++;
        const fallbackId = `${input.id}:${n}`;
        const source = { path: input.path, line: n };
        if (line === null) {
          yield rejected(
            "jsonl",
            fallbackId,
            source,
            "too_large",
            `line ${n} is over the ${limits.maxBytes}-byte limit (--max-bytes)`,
          );
          continue;
        }
        const text = utf8.decode(line);
        if (text.trim() === "") {
          yield { kind: "skipped", format: "jsonl", skipped: { path: input.path, reason: "blank_line" } };
          continue;
        }
        let obj: unknown;
        try {
          obj = JSON.parse(text);
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          yield rejected("jsonl", fallbackId, source, "bad_json", `line ${n} is not JSON: ${why}`);
          continue;
        }
        if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
          yield rejected("jsonl", fallbackId, source, "bad_json", `line ${n} is JSON but not an object`);
          continue;
        }
        const o = obj as Record<string, unknown>;
        const idValue = o[idField ?? "id"];
        const id =
          typeof idValue === "string" && idValue !== ""
            ? idValue
            : typeof idValue === "number"
              ? String(idValue)
              : fallbackId;
        const src: Record<string, unknown> = { ...source };
        for (const key of ["url", "title", "date", "author", "site"]) {
          const v = pick(o, fields[key]!);
          if (v !== undefined) src[key] = v;
        }
        const body = pick(o, fields.text!);
        if (body !== undefined && body.trim() !== "") {
          yield { kind: "doc", format: "jsonl", doc: { id, raw: body, source: src } };
          continue;
        }
        const html = pick(o, fields.html!);
        if (html !== undefined && html.trim() !== "") {
          yield { kind: "html", format: "jsonl", page: { id, source: src, bytes: Buffer.from(html, "utf8") } };
          continue;
        }
        yield rejected(
          "jsonl",
          id,
          src,
          "no_text",
          `line ${n} has no text (tried fields: ${[...fields.text!, ...fields.html!].join(", ")})`,
        );
      }
    },
  };
}

function pick(o: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = o[name];
    if (typeof v === "string") return v;
    if (typeof v === "number") return String(v);
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join("، ");
  }
  return undefined;
}

/** True when the first bytes look like JSON Lines: a `{` first and a `}` ending the first line (if it is in the head). */
export function looksLikeJsonl(head: Uint8Array): boolean {
  const s = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("utf8").trimStart();
  if (!s.startsWith("{")) return false;
  const nl = s.indexOf("\n");
  // a first line longer than the head is still JSON Lines: no article text starts with "{"
  return nl < 0 || s.slice(0, nl).trimEnd().endsWith("}");
}
