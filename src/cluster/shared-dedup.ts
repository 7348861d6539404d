import type pg from "pg";
import { DEFAULT_DEDUP, type DedupParams, type DedupVerdict } from "../dedupe/dedup-index.ts";
import { applyToRecord, type CanonicalKey, canonicalKey, compareCanonical } from "../dedupe/dedupe-records.ts";
import { matchWords } from "../dedupe/dedupe.ts";
import { combine, digest64 } from "../dedupe/hash.ts";
import { containment, jaccard, minhash, shingleHashes } from "../dedupe/minhash.ts";
import type { DocRecord } from "../model/record.ts";

// One advisory lock for the dedup step of every worker's commit (see `dedupeShared`).
const DEDUP_LOCK = 0x6b686164; // "khad"
// A band key shared by more articles than this is boilerplate, not evidence (as in DedupIndex).
const BAND_LIMIT = 64;

/** An article's fingerprint as compared here. */
interface Print {
  id: string;
  exact: string;
  words: number;
  shingles: Uint32Array;
  /** Its canonical article (itself when it is one). */
  canonical: string;
  key: CanonicalKey;
  /** Band keys (canonical articles with enough words only). */
  bands: number[];
}

/** What the shared dedup changed. */
export interface SharedDedupResult {
  /** Records of this batch marked as copies. */
  copies: number;
  /** Stored articles that became copies of an earlier-dated one from this batch. */
  demoted: number;
}

/**
 * Near-duplicate detection shared by every worker: fingerprints (exact hash,
 * shingle set) and MinHash LSH band keys live in PostgreSQL (`dedup_prints`,
 * `dedup_bands`), and a batch of records is compared with everything stored
 * and with itself, inside the transaction that writes it.
 *
 * Races: the step runs under one transaction-level advisory lock, taken just
 * before the lookups and held to commit, so two workers' batches are judged
 * one after the other and each sees the other's committed articles. The
 * (costly) pipeline runs outside the lock; only lookups and writes are
 * serialized.
 *
 * Who is canonical: the documented rule of `khabar dedupe` (earliest
 * publication date, then longest text, then smallest id), whatever order the
 * copies arrive in: when a new article precedes the stored original of its
 * group, it takes its place and the stored group is re-pointed to it. So the
 * result does not depend on which worker was faster.
 *
 * Call before `putRecords` in the same transaction; then `savePrints` after it.
 *
 * @returns the prints to save once the records' rows exist, and the counts
 */
export async function dedupeShared(
  client: pg.PoolClient,
  records: DocRecord[],
  params: DedupParams = DEFAULT_DEDUP,
): Promise<{ prints: Print[]; result: SharedDedupResult }> {
  const result: SharedDedupResult = { copies: 0, demoted: 0 };
  await client.query("SELECT pg_advisory_xact_lock($1)", [DEDUP_LOCK]);
  const rows = params.permutations / params.bands;
  // Records already stored unchanged keep their verdict; the rest are judged.
  const ids = records.map((r) => r.id);
  const stored = new Set(
    ((await client.query("SELECT article_id FROM dedup_prints WHERE article_id = ANY($1::text[])", [ids])).rows as { article_id: string }[]).map(
      (r) => r.article_id,
    ),
  );
  const fresh = records
    .filter((r) => r.status !== "rejected" && !stored.has(r.id))
    .sort((a, b) => compareCanonical(canonicalKey(a), canonicalKey(b)));
  const mine: Print[] = fresh.map((r) => {
    const words = matchWords(r.tokens.map((row) => ({ kind: row[2], norm: row[3] })));
    const exact = digest64(words.join(" "));
    const shingles = shingleHashes(words, params.shingle);
    const bands: number[] = [];
    if (words.length >= params.minWords) {
      const sig = minhash(shingles, params.permutations);
      for (let b = 0; b < params.bands; b++) {
        let h = combine(0x51ed270b, b);
        for (let i = b * rows; i < (b + 1) * rows; i++) h = combine(h, sig[i]!);
        bands.push(h >>> 0);
      }
    }
    return { id: r.id, exact, words: words.length, shingles, canonical: r.id, key: canonicalKey(r), bands };
  });
  if (mine.length === 0) return { prints: [], result };

  // Stored candidates: exact matches and articles sharing a band key.
  const cand = await client.query(
    `WITH hits AS (
       SELECT p.article_id FROM dedup_prints p WHERE p.exact = ANY($1::text[])
       UNION
       SELECT b.article_id FROM dedup_bands b WHERE b.band_key = ANY($2::bigint[])
     )
     SELECT p.article_id, p.exact, p.words, p.shingles, a.duplicate_of, a.published, a.text_length,
            c.published AS c_published, c.text_length AS c_length
       FROM hits JOIN dedup_prints p USING (article_id) JOIN articles a ON a.id = p.article_id
       LEFT JOIN articles c ON c.id = a.duplicate_of
      WHERE NOT (p.article_id = ANY($3::text[]))`,
    [mine.map((p) => p.exact), [...new Set(mine.flatMap((p) => p.bands))], ids],
  );
  const bandRows = await client.query(
    "SELECT band_key, article_id FROM dedup_bands WHERE band_key = ANY($1::bigint[])",
    [[...new Set(mine.flatMap((p) => p.bands))]],
  );
  const byExact = new Map<string, Print>();
  const byBand = new Map<number, Print[]>();
  const all = new Map<string, Print>();
  const canonicalKeys = new Map<string, CanonicalKey>();
  for (const row of cand.rows as Record<string, unknown>[]) {
    const id = row.article_id as string;
    const canonical = (row.duplicate_of as string | null) ?? id;
    const p: Print = {
      id,
      exact: row.exact as string,
      words: Number(row.words),
      shingles: Uint32Array.from(row.shingles as number[], (x) => x >>> 0),
      canonical,
      key: { id, date: (row.published as string | null) ?? undefined, length: Number(row.text_length) },
      bands: [],
    };
    all.set(id, p);
    if (!byExact.has(p.exact)) byExact.set(p.exact, p);
    if (row.duplicate_of)
      canonicalKeys.set(canonical, {
        id: canonical,
        date: (row.c_published as string | null) ?? undefined,
        length: Number(row.c_length ?? 0),
      });
    else canonicalKeys.set(id, p.key);
  }
  for (const row of bandRows.rows as { band_key: string; article_id: string }[]) {
    const p = all.get(row.article_id);
    if (!p) continue;
    const k = Number(row.band_key);
    let list = byBand.get(k);
    if (!list) byBand.set(k, (list = []));
    if (list.length < BAND_LIMIT) list.push(p);
  }

  const verdicts = new Map<string, DedupVerdict>();
  // Stored canonical articles that lose their place to one of this batch: old canonical → new.
  const demote = new Map<string, { to: string; kind: DedupVerdict["kind"]; similarity: number }>();
  const resolve = (id: string): string => {
    let c = id;
    for (let i = 0; i < 8; i++) {
      const next = all.get(c)?.canonical ?? c;
      const moved = demote.get(next)?.to;
      const to = moved ?? next;
      if (to === c) return c;
      c = to;
    }
    return c;
  };
  for (const p of mine) {
    let found: { of: string; kind: DedupVerdict["kind"]; similarity: number } | undefined;
    const ex = byExact.get(p.exact);
    if (ex) found = { of: resolve(ex.id), kind: "exact", similarity: 1 };
    else if (p.bands.length > 0) {
      const seen = new Set<string>();
      let best = 0;
      for (const k of p.bands)
        for (const o of byBand.get(k) ?? []) {
          if (seen.has(o.id)) continue;
          seen.add(o.id);
          const j = jaccard(p.shingles, o.shingles);
          if (j >= params.threshold && j > best) {
            best = j;
            found = { of: resolve(o.id), kind: "near", similarity: round(j) };
            continue;
          }
          const shorter = p.shingles.length <= o.shingles.length;
          const c = shorter ? containment(p.shingles, o.shingles) : containment(o.shingles, p.shingles);
          if (c >= params.containment && c > best && best < params.threshold) {
            best = c;
            found = { of: resolve(o.id), kind: shorter ? "contained" : "extended", similarity: round(c) };
          }
        }
    }
    all.set(p.id, p);
    if (!byExact.has(p.exact)) byExact.set(p.exact, p);
    canonicalKeys.set(p.id, p.key);
    if (found && found.of !== p.id) {
      const other = canonicalKeys.get(found.of);
      if (other && compareCanonical(p.key, other) < 0) {
        // This one is earlier: it becomes the group's original, the old original a copy of it.
        const flipped = found.kind === "contained" ? "extended" : found.kind === "extended" ? "contained" : found.kind;
        if (verdicts.has(found.of)) {
          verdicts.set(found.of, { kind: flipped, of: p.id, similarity: found.similarity } as DedupVerdict);
          for (const [id, v] of verdicts) if (v.kind !== "unique" && v.of === found.of) verdicts.set(id, { ...v, of: p.id });
          all.get(found.of)!.canonical = p.id;
        } else {
          demote.set(found.of, { to: p.id, kind: flipped, similarity: found.similarity });
        }
        verdicts.set(p.id, { kind: "unique" });
        // It now stands for the group in later lookups.
        for (const k of p.bands) {
          let list = byBand.get(k);
          if (!list) byBand.set(k, (list = []));
          list.unshift(p);
        }
        continue;
      }
      p.canonical = found.of;
      p.bands = [];
      verdicts.set(p.id, { kind: found.kind, of: found.of, similarity: found.similarity } as DedupVerdict);
      continue;
    }
    verdicts.set(p.id, { kind: "unique" });
    for (const k of p.bands) {
      let list = byBand.get(k);
      if (!list) byBand.set(k, (list = []));
      list.unshift(p);
    }
  }
  const printOf = new Map(mine.map((p) => [p.id, p]));
  for (const r of records) {
    const v = verdicts.get(r.id);
    const p = printOf.get(r.id);
    if (!v || !p) continue;
    applyToRecord(r, p.exact, v);
    if (v.kind !== "unique") result.copies++;
  }
  for (const [old, to] of demote) {
    const r = await client.query(
      `UPDATE articles SET status = 'duplicate', duplicate_of = $2,
              duplicate_kind = CASE WHEN id = $1 THEN $3 ELSE duplicate_kind END,
              similarity = CASE WHEN id = $1 THEN $4::real ELSE similarity END,
              record = (record::jsonb || jsonb_build_object('status', 'duplicate', 'duplicate_of', $2::text,
                 'duplicate_kind', CASE WHEN id = $1 THEN $3 ELSE duplicate_kind END,
                 'similarity', CASE WHEN id = $1 THEN $4::real ELSE similarity END))::json
        WHERE id = $1 OR duplicate_of = $1`,
      [old, to.to, to.kind, to.similarity],
    );
    result.demoted += r.rowCount ?? 0;
  }
  return { prints: mine, result };
}

/**
 * Save the fingerprints of a batch once its article rows exist (same
 * transaction as `dedupeShared`): every article's exact hash and shingles,
 * band keys for the canonical ones.
 */
export async function savePrints(client: pg.PoolClient, prints: readonly Print[]): Promise<void> {
  if (prints.length === 0) return;
  await client.query(
    `INSERT INTO dedup_prints (article_id, exact, words, shingles)
     SELECT u.id, u.exact, u.words, string_to_array(u.sh, ',')::int[]
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS u(id, exact, words, sh)
     ON CONFLICT (article_id) DO NOTHING`,
    [prints.map((p) => p.id), prints.map((p) => p.exact), prints.map((p) => p.words), prints.map((p) => Array.from(p.shingles, (x) => x | 0).join(","))],
  );
  const bands = prints.flatMap((p) => p.bands.map((k) => [k, p.id] as const));
  if (bands.length > 0)
    await client.query("INSERT INTO dedup_bands (band_key, article_id) SELECT * FROM unnest($1::bigint[], $2::text[])", [
      bands.map((b) => b[0]),
      bands.map((b) => b[1]),
    ]);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
