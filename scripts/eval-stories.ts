// Story grouping scored on hand-labeled article pairs from ../shared/corpus/saudinewsnet (issue 7).
//   npx tsx scripts/eval-stories.ts [--records FILE] [--cache FILE] [--threshold 0.3] [--window 2] [--grace 0.5] [--entity-weight 1.5]
//                                   [--lead-boost 2] [--core-size 3] [--core-threshold 0.3] [--member-threshold 0.3] [--sweep]
// Every article of the corpus goes through one StoryGrouper in corpus order (the crawl's day order), copies
// first marked by a streaming DedupIndex as `khabar process --dedupe` does; then each labeled pair
// (data/eval/story-pairs.jsonl: same_event / related / different, labeled by reading before any tuning)
// counts as grouped when both articles land in one story. Pairwise precision and recall of `same_event`;
// `related` pairs (same thread, another happening: a reaction, a follow-up, a preview) count as negatives,
// and the rate at which they are grouped is shown apart.
// --records: JSONL of `khabar process` over the corpus (full pipeline: entities and speakers count);
// without it the corpus is run through the pipeline up to `analyze` (terms only, no entities).
// --cache: keep the story inputs in this file (JSON) so that sweeps re-run in seconds.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DedupIndex } from "../src/dedupe/dedup-index.ts";
import { dedupeRecord } from "../src/dedupe/dedupe-records.ts";
import type { DocRecord } from "../src/model/record.ts";
import { corpusRecords } from "./corpus-records.ts";
import {
  DEFAULT_STORY_PARAMS,
  StoryGrouper,
  type StoryInput,
  type StoryParams,
  storyInputOf,
} from "../src/stories/group-stories.ts";

const { values } = parseArgs({
  options: {
    records: { type: "string" },
    cache: { type: "string" },
    threshold: { type: "string" },
    window: { type: "string" },
    "entity-weight": { type: "string" },
    "lead-boost": { type: "string" },
    grace: { type: "string" },
    "core-size": { type: "string" },
    "core-threshold": { type: "string" },
    "member-threshold": { type: "string" },
    sweep: { type: "boolean", default: false },
  },
});
const shared = new URL("../../shared/", import.meta.url);

interface Pair {
  a: string;
  b: string;
  label: "same_event" | "related" | "different";
}
const pairs: Pair[] = readFileSync(new URL("../data/eval/story-pairs.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));

/** Story inputs of the whole corpus, in corpus order, copies marked. */
export async function corpusInputs(records?: string, cache?: string): Promise<StoryInput[]> {
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, "utf8"));
  const inputs: StoryInput[] = [];
  const index = new DedupIndex();
  const add = (record: DocRecord) => {
    if (record.status === "rejected") return;
    if (record.content_hash === undefined && record.status !== "duplicate") dedupeRecord(index, record);
    const input = storyInputOf(record);
    // Long articles: the first 600 terms carry the event; the cap keeps the cache small.
    inputs.push({ ...input, terms: input.terms.slice(0, 600) });
  };
  for await (const record of corpusRecords(shared, records)) add(record);
  if (cache) writeFileSync(cache, JSON.stringify(inputs));
  return inputs;
}

/** Pairwise scores of one grouping run. */
export function score(inputs: readonly StoryInput[], params: Partial<StoryParams>) {
  const grouper = new StoryGrouper(params);
  const started = performance.now();
  for (const input of inputs) grouper.add(input);
  const ms = performance.now() - started;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let related = 0;
  let relatedTogether = 0;
  let missing = 0;
  for (const p of pairs) {
    const sa = grouper.storyOfArticle(p.a);
    const sb = grouper.storyOfArticle(p.b);
    if (!sa || !sb) {
      missing++;
      continue;
    }
    const together = sa === sb;
    if (p.label === "same_event") {
      if (together) tp++;
      else fn++;
    } else {
      if (together) fp++;
      if (p.label === "related") {
        related++;
        if (together) relatedTogether++;
      }
    }
  }
  const stories = grouper.stories();
  return {
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
    tp,
    fp,
    fn,
    relatedTogether,
    related,
    missing,
    stories: stories.length,
    multi: stories.filter((s) => s.articles.length > 1).length,
    largest: stories[0]?.articles.length ?? 0,
    perSecond: inputs.length / (ms / 1000),
  };
}

// A cache holds whatever inputs it was made from (with entities when made with --records); say which.
const cached = values.cache !== undefined && existsSync(values.cache);
const inputs = await corpusInputs(values.records, values.cache);
const base: Partial<StoryParams> = {
  ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
  ...(values.window ? { windowDays: Number(values.window) } : {}),
  ...(values["entity-weight"] ? { entityWeight: Number(values["entity-weight"]) } : {}),
  ...(values["lead-boost"] ? { leadBoost: Number(values["lead-boost"]) } : {}),
  ...(values.grace ? { graceDays: Number(values.grace) } : {}),
  ...(values["core-size"] ? { coreSize: Number(values["core-size"]) } : {}),
  ...(values["core-threshold"] ? { coreThreshold: Number(values["core-threshold"]) } : {}),
  ...(values["member-threshold"] ? { memberThreshold: Number(values["member-threshold"]) } : {}),
};
const source = cached
  ? `cached inputs ${values.cache} (${inputs.some((i) => i.entities.length > 0) ? "with" : "no"} entities, ` +
    `${inputs.some((i) => i.site) ? "with sites" : "no sites: the same-site rule is off"})`
  : (values.records ?? "pipeline up to analyze (no entities)");
const counts = { same: 0, related: 0, different: 0 };
for (const p of pairs) counts[p.label === "same_event" ? "same" : p.label]++;
console.log(
  `${inputs.length} articles (${inputs.filter((i) => i.duplicate_of).length} copies), ${pairs.length} labeled pairs (${counts.same} same event, ${counts.related} related, ${counts.different} different); source: ${source}`,
);
const show = (params: Partial<StoryParams>) => {
  const p = { ...DEFAULT_STORY_PARAMS, ...params };
  const s = score(inputs, params);
  console.log(
    `threshold ${p.threshold} window ${p.windowDays} grace ${p.graceDays} entityWeight ${p.entityWeight} leadBoost ${p.leadBoost} ` +
      `core ${p.coreSize}/${p.coreThreshold} member ${p.memberThreshold}: ` +
      `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} (tp ${s.tp} fp ${s.fp} fn ${s.fn}; related grouped ${s.relatedTogether}/${s.related}) ` +
      `stories ${s.stories} (${s.multi} with 2+, largest ${s.largest}) ${s.perSecond.toFixed(0)} articles/s`,
  );
};
if (values.sweep) {
  // Entities only matter with --records (full pipeline); without them entityWeight changes nothing.
  const weights = values.records ? [0, 1.5, 3] : [DEFAULT_STORY_PARAMS.entityWeight];
  for (const threshold of [0.3, 0.4, 0.5, 0.6])
    for (const entityWeight of weights) show({ ...base, threshold, entityWeight });
  for (const windowDays of [1, 3]) show({ ...base, windowDays });
  for (const leadBoost of [1, 3]) show({ ...base, leadBoost });
} else show(base);
