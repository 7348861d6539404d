import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { RawDoc } from "../src/model/doc.ts";

/** The benchmark corpus: every article as a raw document, and its size. */
export interface Corpus {
  docs: RawDoc[];
  /** UTF-8 bytes of all raw texts. */
  bytes: number;
  /** UTF-16 code units of all raw texts. */
  chars: number;
  /** Where the texts came from, for the report. */
  sources: string[];
}

/** Where the shared corpora live, relative to the repository root. */
export const SAUDI_PATH = "corpus/saudinewsnet/articles.jsonl.gz";
const SEED_DIR = "corpus/seed";

/**
 * Load the benchmark corpus once: every `content` field of the SaudiNewsNet
 * JSONL (gzip) plus the seed article(s), in file order.
 *
 * @param shared the `../shared` folder
 * @param limit keep only the first `limit` articles (for smoke runs)
 * @returns the documents and their total size
 * @throws Error when the corpus file is missing or a line is not JSON
 */
export function loadCorpus(shared: string, limit = Number.POSITIVE_INFINITY): Corpus {
  const docs: RawDoc[] = [];
  const sources: string[] = [];
  const seedDir = join(shared, SEED_DIR);
  if (existsSync(seedDir)) {
    for (const name of readdirSync(seedDir).sort()) {
      if (!name.endsWith(".txt") || docs.length >= limit) continue;
      const path = join(seedDir, name);
      docs.push({ id: `seed/${name}`, raw: stripBom(readFileSync(path, "utf8")), source: { path } });
    }
    sources.push(SEED_DIR);
  }
  const jsonl = join(shared, SAUDI_PATH);
  const lines = gunzipSync(readFileSync(jsonl)).toString("utf8").split("\n");
  for (let i = 0; i < lines.length && docs.length < limit; i++) {
    const line = lines[i];
    if (!line) continue;
    const record = JSON.parse(line) as { id?: string; content?: unknown };
    if (typeof record.content !== "string") continue;
    docs.push({ id: record.id ?? `line-${i + 1}`, raw: record.content, source: { path: jsonl, line: i + 1 } });
  }
  sources.push(SAUDI_PATH);
  return { docs, ...measure(docs), sources };
}

/**
 * Size of a list of documents.
 *
 * @returns UTF-8 bytes and UTF-16 code units of all raw texts
 */
export function measure(docs: readonly RawDoc[]): { bytes: number; chars: number } {
  let bytes = 0;
  let chars = 0;
  for (const d of docs) {
    bytes += Buffer.byteLength(d.raw, "utf8");
    chars += d.raw.length;
  }
  return { bytes, chars };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
