// Records of the whole SaudiNewsNet corpus for the evaluation scripts: read from a `khabar process` JSONL output
// (gzipped or not) when one is given, else made by running the stages up to `language` on
// ../shared/corpus/saudinewsnet/articles.jsonl.gz (enough for dedup and story terms; no entities or quotes).
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { type DocRecord, toRecord } from "../src/model/record.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

/**
 * Every corpus record, in corpus order.
 *
 * @param shared the ../shared folder
 * @param records a JSONL file of records to read instead of running the pipeline
 */
export async function* corpusRecords(shared: URL, records?: string): AsyncGenerator<DocRecord> {
  if (records) {
    const input = createReadStream(records);
    for await (const line of createInterface({ input: records.endsWith(".gz") ? input.pipe(createGunzip()) : input }))
      if (line.trim()) yield JSON.parse(line) as DocRecord;
    return;
  }
  const stages = createPipeline({ skip: ["credits", "dates", "quantities", "entities", "quotes"] });
  const input = createReadStream(new URL("corpus/saudinewsnet/articles.jsonl.gz", shared)).pipe(createGunzip());
  for await (const line of createInterface({ input })) {
    const r = JSON.parse(line);
    const doc = runPipeline(stages, {
      id: r.id,
      raw: r.content ?? "",
      source: { title: r.title, date: r.date_extracted, site: r.source, url: r.url },
    });
    yield toRecord(doc, { raw: false });
  }
}
