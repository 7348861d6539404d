import { gunzipSync, inflateSync } from "node:zlib";
import { ByteReader } from "./byte-reader.ts";
import { looksLikeHtml } from "./html-reader.ts";
import { type ReadLimits, type ReadResult, rejected } from "./input.ts";
import type { InputStream, Reader } from "./reader.ts";

const MAX_HEADER_LINE = 64 * 1024;
const MAX_HEADER_LINES = 500;
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

interface Headers {
  [name: string]: string;
}

/**
 * The WARC reader (`.warc`, `.warc.gz` with one gzip member per record, as
 * Common Crawl writes them), streaming record by record. `response` records
 * (HTTP status, headers, chunked and gzip bodies handled) and `resource`
 * records with HTML bodies become pages (`kind: "html"`, extracted later,
 * with the HTTP charset as the first decoding hint). Everything else is
 * skipped and counted by reason: `warc_request`, `warc_metadata`,
 * `warc_warcinfo`, `warc_revisit`, ..., `http_404` (any status but 200),
 * `not_html`. A record that does not parse is rejected (`bad_warc_record`) and
 * reading resumes at the next `WARC/` line; an archive that ends inside a
 * record yields what it held and one `truncated_warc` rejection.
 *
 * Record ids are `FILE:N` (N counts every record of the file from 1), so they
 * stay stable across runs and with `--resume`.
 */
export const warcReader: Reader = {
  name: "warc",
  accepts: (path, head) =>
    /\.(warc|arc)$/i.test(path) || Buffer.from(head.subarray(0, 8)).toString("latin1").startsWith("WARC/"),
  async *readStream(input: InputStream, limits: ReadLimits): AsyncIterable<ReadResult> {
    const count = { n: 0 };
    if (!input.segments) {
      yield* records(new ByteReader(input.chunks), input, input.failed, limits, count);
      return;
    }
    // Member by member (.warc.gz): each damaged member costs one rejection, and reading goes on after it.
    for await (const segment of input.segments) {
      yield* records(
        new ByteReader(segment.chunks, segment.offset),
        input,
        () => segment.damage() !== undefined,
        limits,
        count,
      );
      const damage = segment.damage();
      if (!damage) continue;
      count.n++;
      yield rejected(
        "warc",
        `${input.id}:${count.n}`,
        { path: input.path, record: count.n, offset: damage.offset, gzip_offset: damage.at },
        damage.kind === "cut" ? "truncated_gzip" : "corrupt_gzip",
        `${damage.message}; the records in the damaged stretch are lost, every whole record around it was read`,
      );
    }
  },
};

// The records of one stretch of the archive; `count` numbers records across stretches.
async function* records(
  r: ByteReader,
  input: InputStream,
  failed: (() => boolean) | undefined,
  limits: ReadLimits,
  count: { n: number },
): AsyncGenerator<ReadResult> {
  for (;;) {
    // Find the next version line; anything else before it is damage.
    const start = r.offset;
    let line = await r.line(MAX_HEADER_LINE);
    while (line !== undefined && line !== null && line.length === 0) line = await r.line(MAX_HEADER_LINE);
    if (line === undefined) return;
    count.n++;
    const n = count.n;
    const id = `${input.id}:${n}`;
    const at = { path: input.path, record: n, offset: start };
    if (line === null || !line.toString("latin1").startsWith("WARC/")) {
      const resumed = await resync(r);
      yield rejected(
        "warc",
        id,
        at,
        "bad_warc_record",
        `record ${n} at byte ${start} does not start with a WARC/ version line; skipped ${resumed.skipped} bytes to ${resumed.found ? "the next record" : "the end"}`,
      );
      if (!resumed.found) return;
      continue;
    }
    const headers = await readHeaders(r);
    if (headers === "truncated") {
      if (!failed?.())
        yield rejected(
          "warc",
          id,
          at,
          "truncated_warc",
          `the archive ends inside the headers of record ${n} (byte ${start})`,
        );
      return;
    }
    const length = Number(headers === "bad" ? Number.NaN : headers["content-length"]);
    if (headers === "bad" || !Number.isInteger(length) || length < 0) {
      const resumed = await resync(r);
      yield rejected(
        "warc",
        id,
        at,
        "bad_warc_record",
        `record ${n} at byte ${start} has bad headers (no valid Content-Length)`,
      );
      if (!resumed.found) return;
      continue;
    }
    const type = (headers["warc-type"] ?? "").toLowerCase();
    const url = headers["warc-target-uri"]?.replace(/^<|>$/g, "");
    const source = {
      ...at,
      ...(url ? { url } : {}),
      ...(headers["warc-date"] ? { crawled: headers["warc-date"] } : {}),
      ...(headers["warc-record-id"] ? { warc_record_id: headers["warc-record-id"] } : {}),
    };
    const wanted = type === "response" || type === "resource";
    if (!wanted || length > limits.maxBytes + MAX_HEADER_LINE) {
      const skipped = await r.skip(length);
      if (skipped < length) {
        if (!failed?.())
          yield rejected(
            "warc",
            id,
            source,
            "truncated_warc",
            `the archive ends inside record ${n}: ${skipped} of ${length} bytes`,
          );
        return;
      }
      if (wanted)
        yield rejected(
          "warc",
          id,
          source,
          "too_large",
          `record ${n} is ${length} bytes, over the ${limits.maxBytes}-byte limit (--max-bytes)`,
        );
      else
        yield { kind: "skipped", format: "warc", skipped: { path: input.path, reason: `warc_${type || "untyped"}` } };
      await endOfRecord(r);
      continue;
    }
    const block = await r.read(length);
    if (block.length < length) {
      if (!failed?.())
        yield rejected(
          "warc",
          id,
          source,
          "truncated_warc",
          `the archive ends inside record ${n}: ${block.length} of ${length} bytes`,
        );
      return;
    }
    if (!(await endOfRecord(r))) {
      // The block was not followed by the blank lines a record ends with: its Content-Length lies.
      await resync(r);
      yield rejected(
        "warc",
        id,
        source,
        "bad_warc_record",
        `record ${n} at byte ${start} does not end where its Content-Length (${length}) says`,
      );
      continue;
    }
    yield type === "response"
      ? response(id, source, block, input.path)
      : resource(id, source, block, headers, input.path);
  }
}

// Read header lines up to the blank line; names lowercased.
async function readHeaders(r: ByteReader): Promise<Headers | "truncated" | "bad"> {
  const headers: Headers = {};
  for (let i = 0; i < MAX_HEADER_LINES; i++) {
    const line = await r.line(MAX_HEADER_LINE);
    if (line === undefined) return "truncated";
    if (line === null) return "bad";
    if (line.length === 0) return headers;
    const s = line.toString("utf8");
    const colon = s.indexOf(":");
    if (colon <= 0) {
      if (s.startsWith("WARC/")) return "bad";
      continue;
    }
    headers[s.slice(0, colon).trim().toLowerCase()] = s.slice(colon + 1).trim();
  }
  return "bad";
}

// A record ends with two CRLFs; true when they are there (or the stream ends cleanly).
async function endOfRecord(r: ByteReader): Promise<boolean> {
  const next = await r.peek(4);
  if (next.length === 0) return true;
  let i = 0;
  while (i < next.length && (next[i] === 13 || next[i] === 10)) i++;
  if (i === 0) return false;
  await r.skip(i);
  return true;
}

// Skip to the next line that starts a record.
async function resync(r: ByteReader): Promise<{ found: boolean; skipped: number }> {
  const from = r.offset;
  for (;;) {
    const head = await r.peek(5);
    if (head.length === 0) return { found: false, skipped: r.offset - from };
    if (head.toString("latin1") === "WARC/") return { found: true, skipped: r.offset - from };
    const line = await r.line(MAX_HEADER_LINE);
    if (line === undefined) return { found: false, skipped: r.offset - from };
  }
}

function response(id: string, source: Record<string, unknown>, block: Buffer, path: string): ReadResult {
  const end = block.indexOf("\r\n\r\n");
  const end2 = end < 0 ? block.indexOf("\n\n") : -1;
  const headEnd = end >= 0 ? end + 4 : end2 >= 0 ? end2 + 2 : -1;
  if (headEnd < 0) return rejected("warc", id, source, "bad_http", "the response record holds no HTTP header block");
  const lines = block.subarray(0, headEnd).toString("latin1").split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? "");
  if (!status)
    return rejected(
      "warc",
      id,
      source,
      "bad_http",
      `the response record starts with "${(lines[0] ?? "").slice(0, 40)}", not an HTTP status line`,
    );
  const http: Headers = {};
  for (const l of lines.slice(1)) {
    const colon = l.indexOf(":");
    if (colon > 0) http[l.slice(0, colon).trim().toLowerCase()] = l.slice(colon + 1).trim();
  }
  const code = Number(status[1]);
  if (code !== 200) return { kind: "skipped", format: "warc", skipped: { path, reason: `http_${code}` } };
  let body: Buffer = block.subarray(headEnd);
  if (/chunked/i.test(http["transfer-encoding"] ?? "")) body = dechunk(body);
  const encoding = (http["content-encoding"] ?? "").toLowerCase();
  try {
    if (encoding === "gzip" || encoding === "x-gzip") body = gunzipSync(body);
    else if (encoding === "deflate") body = inflateSync(body);
  } catch {
    // Many crawlers store the decoded body but keep the header: use the body as it is.
  }
  return htmlPage(id, { ...source, http_status: code }, body, http["content-type"] ?? "", path);
}

function resource(
  id: string,
  source: Record<string, unknown>,
  block: Buffer,
  headers: Headers,
  path: string,
): ReadResult {
  return htmlPage(id, source, block, headers["content-type"] ?? "", path);
}

// An HTML body becomes a page for the HTML reader (charset from the content type); anything else is skipped.
function htmlPage(id: string, source: Record<string, unknown>, body: Buffer, type: string, path: string): ReadResult {
  if (type ? !HTML_TYPES.test(type) : !looksLikeHtml(body.subarray(0, 1024))) {
    return { kind: "skipped", format: "warc", skipped: { path, reason: "not_html" } };
  }
  const charset = /charset\s*=\s*["']?([A-Za-z0-9_:.-]+)/i.exec(type)?.[1];
  return {
    kind: "html",
    format: "warc",
    page: { id, source: { ...source, content_type: type }, bytes: body, ...(charset ? { charset } : {}) },
  };
}

// Undo HTTP chunked transfer coding; a damaged tail keeps what was whole.
function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const nl = body.indexOf("\r\n", pos);
    if (nl < 0) break;
    const size = Number.parseInt(body.subarray(pos, nl).toString("latin1").split(";")[0]!.trim(), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    out.push(body.subarray(nl + 2, nl + 2 + size));
    pos = nl + 2 + size + 2;
  }
  return out.length ? Buffer.concat(out) : body;
}
