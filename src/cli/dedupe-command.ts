import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { DEFAULT_DEDUP, DedupIndex, type DedupVerdict, type Fingerprint, fingerprint } from "../dedupe/dedup-index.ts";
import { matchWords } from "../dedupe/dedupe.ts";
import { applyToRecord, type CanonicalKey, canonicalKey, compareCanonical } from "../dedupe/dedupe-records.ts";
import { digest64 } from "../dedupe/hash.ts";
import type { DocRecord } from "../model/record.ts";

/**
 * `khabar dedupe FILE`: mark the copies in a JSONL output of `khabar process`
 * with the documented canonical rule (earliest `source.date`, then the longest
 * text, then the smallest id). Two passes over the file, so memory holds
 * fingerprints (shingle hashes), never texts.
 *
 * @returns the exit code
 */
export async function dedupeCommand(file: string, opts: { out?: string; quiet?: boolean }): Promise<number> {
  interface Entry {
    line: number;
    key: CanonicalKey;
    fp: Fingerprint;
  }
  const params = DEFAULT_DEDUP;
  const entries: Entry[] = [];
  let lineNo = 0;
  let bad = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++;
    if (!line.trim()) continue;
    let record: DocRecord;
    try {
      record = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    if (record.status === "rejected") continue;
    if (!Array.isArray(record.tokens) || (record.tokens.length === 0 && record.text)) {
      process.stderr.write(`khabar: ${file}:${lineNo}: record ${record.id} has no tokens (made with --no-tokens?)\n`);
      return 2;
    }
    const words = matchWords(record.tokens.map((row) => ({ kind: row[2], norm: row[3] })));
    // Only what ordering needs is kept: the id, the date and the text's length.
    entries.push({
      line: lineNo,
      key: canonicalKey(record),
      fp: fingerprint(words, digest64(words.join(" ")), params),
    });
  }
  const index = new DedupIndex(params);
  const verdicts = new Map<number, [string, DedupVerdict]>();
  const order = [...entries].sort((a, b) => compareCanonical(a.key, b.key));
  for (const e of order) verdicts.set(e.line, [e.fp.exact, index.add(e.key.id, e.fp)]);
  if (opts.out) await mkdir(dirname(opts.out), { recursive: true });
  const out = opts.out ? createWriteStream(opts.out) : process.stdout;
  let duplicates = 0;
  lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++;
    let text = line;
    const verdict = verdicts.get(lineNo);
    if (verdict) {
      const record = JSON.parse(line) as DocRecord;
      const [hash, v] = verdict;
      applyToRecord(record, hash, v);
      if (v.kind !== "unique") duplicates++;
      text = JSON.stringify(record);
    }
    if (!out.write(`${text}\n`)) await once(out, "drain");
  }
  if (opts.out) {
    out.end();
    await once(out, "finish");
  }
  if (!opts.quiet) {
    process.stderr.write(
      `khabar: ${entries.length} records compared, ${duplicates} copies marked, ${entries.length - duplicates} originals${bad ? `; ${bad} lines were not JSON and were copied unchanged` : ""}\n`,
    );
  }
  return 0;
}
