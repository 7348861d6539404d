import { parseArgs } from "node:util";
import { DedupIndex, type DedupVerdict, type Fingerprint, fingerprint } from "../src/dedupe/dedup-index.ts";
import { matchWords } from "../src/dedupe/dedupe.ts";
import { type CanonicalKey, canonicalKey, compareCanonical } from "../src/dedupe/dedupe-records.ts";
import { digest64 } from "../src/dedupe/hash.ts";
import type { DocRecord } from "../src/model/record.ts";
import { corpusRecords } from "./corpus-records.ts";
import { StoryGrouper, type StoryInput, storyInputOf } from "../src/stories/group-stories.ts";

const { values } = parseArgs({
  options: {
    records: { type: "string" },
    sample: { type: "string", default: "30" },
    seed: { type: "string", default: "3" },
  },
});
const shared = new URL("../../shared/", import.meta.url);

interface Entry {
  key: CanonicalKey;
  fp: Fingerprint;
  input: StoryInput;
  site: string;
  title: string;
  opening: string;
}
const entries: Entry[] = [];
const started = performance.now();
const take = (record: DocRecord) => {
  if (record.status === "rejected") return;
  const words = matchWords(record.tokens.map((row) => ({ kind: row[2], norm: row[3] })));
  const input = storyInputOf(record);
  entries.push({
    key: canonicalKey(record),
    fp: fingerprint(words, digest64(words.join(" "))),
    input: { ...input, terms: input.terms.slice(0, 600) },
    site: String(record.source.site ?? ""),
    title: String(record.source.title ?? ""),
    opening: record.text.slice(0, 160).replace(/\s+/g, " "),
  });
};
for await (const record of corpusRecords(shared, values.records)) take(record);
const read = performance.now();

// Dedup by the canonical rule.
const index = new DedupIndex();
const verdicts = new Map<string, DedupVerdict>();
for (const e of [...entries].sort((a, b) => compareCanonical(a.key, b.key)))
  verdicts.set(e.key.id, index.add(e.key.id, e.fp));
const deduped = performance.now();
const byKind: Record<string, number> = {};
for (const v of verdicts.values()) byKind[v.kind] = (byKind[v.kind] ?? 0) + 1;

// Stories in corpus order; copies join their originals' stories.
const grouper = new StoryGrouper();
for (const e of entries) {
  const v = verdicts.get(e.key.id)!;
  grouper.add(v.kind === "unique" ? e.input : { ...e.input, duplicate_of: v.of });
}
const grouped = performance.now();
const stories = grouper.stories();
const sizes = stories.map((s) => s.articles.length);
const copies = entries.length - (byKind.unique ?? 0);
console.log(
  `${entries.length} articles (${values.records ? `records ${values.records}` : "pipeline up to analyze"}): ${copies} copies ` +
    `(${Object.entries(byKind)
      .filter(([k]) => k !== "unique")
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}), ${byKind.unique ?? 0} originals`,
);
console.log(
  `stories: ${stories.length} (${sizes.filter((n) => n >= 2).length} with 2+ articles, ${sizes.filter((n) => n >= 5).length} with 5+, largest ${sizes[0] ?? 0}); ` +
    `articles in multi-article stories ${sizes.filter((n) => n >= 2).reduce((a, b) => a + b, 0)}`,
);
console.log(
  `time: read+pipeline ${((read - started) / 1000).toFixed(1)} s, dedup ${((deduped - read) / 1000).toFixed(1)} s, stories ${((grouped - deduped) / 1000).toFixed(1)} s`,
);
for (const s of stories.slice(0, 5))
  console.log(
    `  story ${s.id} ${s.articles.length} articles ${s.start?.slice(0, 10)}..${s.end?.slice(0, 10)}: ${s.label}`,
  );

// A seeded sample of the non-exact copies, to read.
let state = Number(values.seed);
const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
const byId = new Map(entries.map((e) => [e.key.id, e]));
const fuzzy = [...verdicts].filter(([, v]) => v.kind !== "unique" && v.kind !== "exact");
for (let i = fuzzy.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [fuzzy[i], fuzzy[j]] = [fuzzy[j]!, fuzzy[i]!];
}
console.log(`\n${Math.min(Number(values.sample), fuzzy.length)} sampled non-exact copy pairs (of ${fuzzy.length}):`);
fuzzy.slice(0, Number(values.sample)).forEach(([id, v], n) => {
  if (v.kind === "unique") return;
  const a = byId.get(id)!;
  const b = byId.get(v.of)!;
  console.log(
    `#${n + 1} ${v.kind} ${v.similarity}: ${id} (${a.site}, ${a.key.length} chars) → ${v.of} (${b.site}, ${b.key.length} chars)`,
  );
  console.log(`   copy: ${a.title} | ${a.opening}`);
  console.log(`   orig: ${b.title} | ${b.opening}`);
});
