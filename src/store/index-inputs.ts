import { DedupIndex, fingerprint, type DedupVerdict } from "../dedupe/dedup-index.ts";
import { applyToRecord } from "../dedupe/dedupe-records.ts";
import { matchWords } from "../dedupe/dedupe.ts";
import { digest64 } from "../dedupe/hash.ts";
import type { DocRecord } from "../model/record.ts";
import { emptySummary, processRecords, type RecordRunOptions, type RunSummary } from "../run/process-inputs.ts";
import { StoryGrouper, type StoryState, storyInputOf } from "../stories/group-stories.ts";
import type { FingerprintRow, SqliteStore } from "./sqlite.ts";
import type { PutResult, Store } from "./types.ts";

/** Options for `indexInputs`. */
export interface IndexOptions extends Omit<RecordRunOptions, "record" | "ordered"> {
  /** Records per write transaction (default 500). */
  batch?: number;
  /** Keep each record's raw input in the store (default true: spans trace back without the source file). */
  raw?: boolean;
  /** Called after each batch is written. */
  onBatch?: (done: PutResult) => void;
}

/** What an index run did. */
export interface IndexResult {
  /** The processing counts, as `khabar process` reports them (copies counted as `duplicate`). */
  summary: RunSummary;
  /** What the store did with the records. */
  put: PutResult;
  /** Fingerprints of earlier runs loaded into the dedup index, and the time that took. */
  dedup: { loaded: number; ms: number };
  /** Stories stored after the run (null when the store keeps no stories). */
  stories: number | null;
}

/** The optional parts of a store that let `khabar index` find copies across runs (the SQLite store has them). */
type DedupState = Pick<SqliteStore, "putFingerprints" | "fingerprints" | "copyOf">;
/** The optional parts of a store that keep stories and the grouper's state between runs. */
type StoryStore = Pick<SqliteStore, "putStories" | "getMeta" | "setMeta">;

function hasStoryState(store: Store): store is Store & StoryStore {
  const s = store as Partial<StoryStore>;
  return typeof s.putStories === "function" && typeof s.getMeta === "function" && typeof s.setMeta === "function";
}

/** Meta key of the story grouper's snapshot. */
export const STORY_STATE_KEY = "story_state";

function hasDedupState(store: Store): store is Store & DedupState {
  const s = store as Partial<DedupState>;
  return (
    typeof s.putFingerprints === "function" && typeof s.fingerprints === "function" && typeof s.copyOf === "function"
  );
}

/**
 * Process inputs exactly as `khabar process` does (worker threads, every
 * reader) and store the records, marking copies against everything the store
 * already holds: the dedup index is rebuilt from the fingerprints earlier runs
 * stored (no text is re-read), so copies are found across runs and days.
 *
 * @param paths files, directories, or `-`
 * @param store where the records go
 * @returns the counts (read = ok + duplicate + rejected) and what the store did
 */
export async function indexInputs(
  paths: readonly string[],
  store: Store,
  options: IndexOptions = {},
): Promise<IndexResult> {
  const summary = emptySummary();
  const put: PutResult = { inserted: 0, replaced: 0, unchanged: 0, rejected: 0 };
  const index = new DedupIndex();
  const stored = new Map<string, string>(); // id → exact hash, for articles the store already holds
  const started = performance.now();
  const state = hasDedupState(store) ? store : undefined;
  if (state) {
    for (const fp of state.fingerprints()) {
      index.add(fp.id, { exact: fp.exact, shingles: fp.shingles, words: fp.words });
      stored.set(fp.id, fp.exact);
    }
  }
  const dedup = { loaded: stored.size, ms: Math.round(performance.now() - started) };
  // Stories continue from the grouper's snapshot of the last run.
  const storyStore = hasStoryState(store) ? store : undefined;
  const saved = storyStore?.getMeta(STORY_STATE_KEY);
  const grouper = storyStore ? new StoryGrouper({}, saved ? (JSON.parse(saved) as StoryState) : undefined) : undefined;
  const batchSize = Math.max(1, options.batch ?? 500);
  let batch: DocRecord[] = [];
  let prints: FingerprintRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await store.put(batch);
    put.inserted += r.inserted;
    put.replaced += r.replaced;
    put.unchanged += r.unchanged;
    put.rejected += r.rejected;
    state?.putFingerprints(prints);
    batch = [];
    prints = [];
    options.onBatch?.(put);
  };
  const { batch: _b, raw, onBatch: _o, ...run } = options;
  for await (const r of processRecords(
    paths,
    { ...run, ordered: true, record: { raw: raw ?? true, tokens: true } },
    summary,
  )) {
    const record = JSON.parse(r.line) as DocRecord;
    if (record.status !== "rejected") {
      const words = matchWords(record.tokens.map((row) => ({ kind: row[2], norm: row[3] })));
      const exact = digest64(words.join(" "));
      let verdict: DedupVerdict;
      const before = stored.get(record.id);
      if (before === exact && state) {
        // Indexed before with the same content: keep the verdict it got then.
        const copy = state.copyOf(record.id);
        verdict = copy
          ? ({ kind: copy.kind, of: copy.of, similarity: copy.similarity } as DedupVerdict)
          : { kind: "unique" };
      } else {
        const fp = fingerprint(words, exact, index.params);
        verdict = index.add(record.id, fp);
        if (verdict.kind !== "unique" && verdict.of === record.id) verdict = { kind: "unique" };
        // A copy of a stored copy is a copy of its original.
        if (verdict.kind !== "unique" && state) {
          const up = state.copyOf(verdict.of);
          if (up) verdict = { ...verdict, of: up.of };
        }
        stored.set(record.id, exact);
        prints.push({
          id: record.id,
          exact,
          words: verdict.kind === "unique" ? fp.words : 0,
          shingles: verdict.kind === "unique" ? fp.shingles : EMPTY,
        });
      }
      applyToRecord(record, exact, verdict);
      // Copies join their original's story; an article grouped in an earlier run keeps its story.
      if (grouper && grouper.storyOfArticle(record.id) === undefined) grouper.add(storyInputOf(record));
      if (record.status === "duplicate") {
        summary.ok--;
        summary.duplicate++;
      }
    }
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  let stories: number | null = null;
  if (grouper && storyStore) {
    const list = grouper.stories();
    storyStore.putStories(list);
    storyStore.setMeta(STORY_STATE_KEY, JSON.stringify(grouper.snapshot()));
    stories = list.length;
  }
  return { summary, put, dedup, stories };
}

const EMPTY = new Uint32Array(0);
