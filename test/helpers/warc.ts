// Build WARC 1.0 archives in tests (ISO 28500): warcinfo, request and response/resource records, each record
// optionally its own gzip member (as Common Crawl writes .warc.gz).
import { gzipSync } from "node:zlib";

/** One record to write. */
export interface WarcRecordSpec {
  type: "warcinfo" | "request" | "response" | "resource" | "metadata";
  url?: string;
  /** For response records: the HTTP status (default 200) and headers. */
  status?: number;
  httpHeaders?: Record<string, string>;
  /** Content-Type of a resource record (or of the HTTP response when no httpHeaders). */
  contentType?: string;
  body: Uint8Array | string;
}

let serial = 0;

/** One record's bytes (uncompressed). */
export function warcRecord(spec: WarcRecordSpec): Buffer {
  const body = typeof spec.body === "string" ? Buffer.from(spec.body, "utf8") : Buffer.from(spec.body);
  let block: Buffer;
  let type = spec.contentType ?? "text/html";
  if (spec.type === "response") {
    const status = spec.status ?? 200;
    const headers = spec.httpHeaders ?? { "Content-Type": type };
    const head = [
      `HTTP/1.1 ${status} ${status === 200 ? "OK" : "Not Found"}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      `Content-Length: ${body.length}`,
      "",
      "",
    ].join("\r\n");
    block = Buffer.concat([Buffer.from(head, "latin1"), body]);
    type = "application/http; msgtype=response";
  } else if (spec.type === "request") {
    block = Buffer.from(`GET / HTTP/1.1\r\nHost: example.com\r\n\r\n`, "latin1");
    type = "application/http; msgtype=request";
  } else {
    block = body;
  }
  serial++;
  const headers = [
    "WARC/1.0",
    `WARC-Type: ${spec.type}`,
    `WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-${String(serial).padStart(12, "0")}>`,
    "WARC-Date: 2015-07-21T02:51:32Z",
    ...(spec.url ? [`WARC-Target-URI: ${spec.url}`] : []),
    `Content-Type: ${type}`,
    `Content-Length: ${block.length}`,
    "",
    "",
  ].join("\r\n");
  return Buffer.concat([Buffer.from(headers, "utf8"), block, Buffer.from("\r\n\r\n", "latin1")]);
}

/** A whole archive: records concatenated, each gzipped on its own when `gzip`. */
export function warcArchive(records: readonly (WarcRecordSpec | Buffer)[], gzip: boolean): Buffer {
  const parts = records.map((r) => (Buffer.isBuffer(r) ? r : warcRecord(r)));
  return Buffer.concat(gzip ? parts.map((p) => gzipSync(p)) : parts);
}
