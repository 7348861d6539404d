import { DedupIndex, type DedupParams } from "../dedupe/dedup-index.ts";
import { dedupeRecord } from "../dedupe/dedupe-records.ts";
import type { DocRecord } from "../model/record.ts";
import { type Story, StoryGrouper, type StoryParams, storyInputOf } from "./group-stories.ts";

/** What a story listing shows of each article. */
export interface ArticleRef {
  id: string;
  date: string | null;
  site: string | null;
  title: string | null;
  /** The original, for a copy. */
  duplicate_of: string | null;
}

/** Options for `groupRecords`. */
export interface GroupRecordsOptions {
  stories?: Partial<StoryParams>;
  dedup?: Partial<DedupParams>;
}

/** The result of grouping a stream of records. */
export interface GroupedRecords {
  stories: Story[];
  articles: Map<string, ArticleRef>;
  /** Records read, and how many were copies. */
  read: number;
  copies: number;
}

/**
 * Group a stream of khabar records into stories. Records not yet compared for copies (no `content_hash`)
 * go through a streaming dedup index first (the first copy seen is the original), so copies join their
 * originals' stories; records already marked by `khabar dedupe` or `process --dedupe` keep their marks.
 * Rejected records are skipped. Memory holds per article its listing fields, not its text.
 *
 * @param records records in (roughly) publication order: the time window is applied as they come
 * @returns the stories, largest first, and each article's listing fields
 */
export async function groupRecords(
  records: AsyncIterable<DocRecord> | Iterable<DocRecord>,
  options: GroupRecordsOptions = {},
): Promise<GroupedRecords> {
  const grouper = new StoryGrouper(options.stories ?? {});
  const index = new DedupIndex(options.dedup ?? {});
  const articles = new Map<string, ArticleRef>();
  let read = 0;
  let copies = 0;
  for await (const record of records) {
    if (record.status === "rejected") continue;
    read++;
    if (record.content_hash === undefined && record.status !== "duplicate") dedupeRecord(index, record);
    if (record.status === "duplicate") copies++;
    const source = record.source ?? {};
    articles.set(record.id, {
      id: record.id,
      date: typeof source.date === "string" ? source.date : null,
      site: typeof source.site === "string" ? source.site : null,
      title: typeof source.title === "string" ? source.title : null,
      duplicate_of: record.status === "duplicate" ? (record.duplicate_of ?? null) : null,
    });
    grouper.add(storyInputOf(record));
  }
  return { stories: grouper.stories(), articles, read, copies };
}
