import { decodeHtml } from "./decode.ts";
import { extractArticle } from "./extract-article.ts";
import { type HtmlInput, type ReadResult, rejected } from "./input.ts";
import type { InputBytes, Reader } from "./reader.ts";

const HTML_EXT = /\.(html?|xhtml|shtml|php|aspx?|jsp)$/i;

/**
 * True when the first bytes look like HTML: a doctype, `<html>`, `<head>` or
 * `<body>` (after a BOM, whitespace and comments).
 */
export function looksLikeHtml(head: Uint8Array): boolean {
  const s = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024))
    .toString("latin1")
    .replace(/^\xef\xbb\xbf/, "")
    .trimStart();
  return /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)/i.test(s);
}

/**
 * The HTML reader: one page per file. Reading only hands the bytes on
 * (`kind: "html"`); `htmlToDoc` decodes and extracts where the pipeline runs.
 */
export const htmlReader: Reader = {
  name: "html",
  accepts: (path, head) => HTML_EXT.test(path) || looksLikeHtml(head),
  *read(input: InputBytes): Iterable<ReadResult> {
    const source = { path: input.path };
    if (input.bytes.length === 0) {
      yield rejected("html", input.id, source, "empty", "the input is empty (0 bytes)");
      return;
    }
    yield { kind: "html", format: "html", page: { id: input.id, source, bytes: input.bytes } };
  },
};

/**
 * Decode a page and extract its article into a document: `raw` is the body
 * (paragraphs one a line), `source` gets the page's metadata (title, date
 * (published),
 * modified, author, url, site, lang, dir), its captions and the extraction
 * account (`extraction`: HTML bytes, characters kept, blocks dropped by reason).
 *
 * @returns a `doc` result, or a `rejected` one (`binary`, `no_article`)
 */
export function htmlToDoc(page: HtmlInput, format = "html"): ReadResult {
  const decoded = decodeHtml(page.bytes, page.charset);
  if (!("text" in decoded)) return rejected(format, page.id, page.source, decoded.code, decoded.message);
  const article = extractArticle(decoded.text);
  const { text, paragraphs: _paragraphs, captions, summary, url, published, ...meta } = article;
  const source = {
    ...page.source,
    ...meta,
    ...(published ? { date: published } : {}),
    ...(url && !page.source.url ? { url } : {}),
    ...(url && page.source.url && url !== page.source.url ? { canonical: url } : {}),
    ...(captions.length ? { captions } : {}),
    extraction: { html_bytes: page.bytes.length, ...snake(summary) },
  };
  if (text.trim() === "") {
    return rejected(
      format,
      page.id,
      source,
      "no_article",
      `no article text found in ${page.bytes.length} bytes of HTML (${summary.blocksDropped} blocks dropped)`,
    );
  }
  return {
    kind: "doc",
    format,
    doc: { id: page.id, raw: text, source, encoding: decoded.encoding, diagnostics: decoded.diagnostics },
  };
}

function snake(s: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  return out;
}
