import type { DocRecord } from "../model/record.ts";
import { groupRecords } from "../stories/group-records.ts";
import type { StoryParams } from "../stories/group-stories.ts";
import type { PostgresStore } from "../store/postgres.ts";

/**
 * Story grouping across workers, as a second pass: stories need every
 * article of a time window, which no single worker has, so once the queue is
 * done the stored records are read back in publication order (a page at a
 * time) through `StoryGrouper` (src/stories) and the stories replace the
 * stored ones. Copies were already marked by the workers' shared dedup, so
 * they join their originals' stories.
 *
 * @param pageSize records read per query (memory holds a page of records, and the grouper's vectors)
 * @returns how many stories and articles were written
 */
export async function groupStoredStories(
  store: PostgresStore,
  params: Partial<StoryParams> = {},
  pageSize = 500,
): Promise<{ stories: number; articles: number }> {
  async function* records(): AsyncGenerator<DocRecord> {
    let after: [string, string, string] = ["", "", ""];
    for (;;) {
      // Keyset paging in (day, published, id) order; undated articles last ('~' sorts after digits).
      const r = await store.pool.query(
        `SELECT record, coalesce(to_char(day, 'YYYY-MM-DD'), '~') AS d, coalesce(published, '') AS p, id FROM articles
          WHERE status <> 'rejected'
            AND (coalesce(to_char(day, 'YYYY-MM-DD'), '~'), coalesce(published, ''), id) > ($1, $2, $3)
          ORDER BY 2, 3, 4 LIMIT $4`,
        [...after, pageSize],
      );
      for (const row of r.rows as { record: DocRecord }[]) yield row.record;
      if (r.rows.length < pageSize) return;
      const last = r.rows[r.rows.length - 1] as { d: string; p: string; id: string };
      after = [last.d, last.p, last.id];
    }
  }
  const grouped = await groupRecords(records(), { stories: params });
  await store.putStories(grouped.stories);
  return { stories: grouped.stories.length, articles: grouped.read };
}
