import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { type DocRecord, toRecord } from "../../src/model/record.ts";
import { createPipeline, runPipeline } from "../../src/run/pipeline.ts";
import { answers } from "../../src/server/schemas.ts";
import { indexInputs } from "../../src/store/index-inputs.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/types.ts";
import { groupRecords } from "../../src/stories/group-records.ts";
import type { Story } from "../../src/stories/group-stories.ts";

const SAMPLES = new URL("../../samples/", import.meta.url);

/** The reference article's id in the sample store. */
export const REFERENCE_ID = "000_1f433a90f6971253";
/** The id given to an exact copy of the reference article, so the store has a group of copies. */
export const COPY_ID = "copy_of_reference";

/** Sample articles the store is filled with (the reference article plus a few SaudiNewsNet ones with metadata). */
const SAMPLE_IDS = [REFERENCE_ID, "3alyoum-071abff1e4", "3alyoum-b5ccd68165", "3alyoum-cf531435a8"];

interface SampleMeta {
  id: string;
  url?: string;
  title?: string;
  source?: string;
  date_extracted?: string;
}

/** One line of the sample JSONL the store is indexed from. */
interface SampleLine {
  id: string;
  text: string;
  title?: string;
  url?: string;
  site?: string;
  date?: string;
}

/**
 * A few bundled sample articles as a JSONL dump (text plus metadata from
 * samples/index.jsonl), and one exact copy of the reference article under
 * another id, site and a later date.
 */
export function sampleLines(extra = 0): SampleLine[] {
  const meta = new Map<string, SampleMeta>();
  for (const line of readFileSync(new URL("index.jsonl", SAMPLES), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as SampleMeta;
    meta.set(m.id, m);
  }
  const ids = [...SAMPLE_IDS];
  if (extra > 0) ids.push(...[...meta.keys()].filter((id) => !ids.includes(id)).slice(0, extra));
  const lines: SampleLine[] = ids.map((id) => {
    const m = meta.get(id);
    return {
      id,
      text: readFileSync(new URL(`articles/${id}.txt`, SAMPLES), "utf8"),
      ...(m?.title ? { title: m.title } : {}),
      ...(m?.url ? { url: m.url } : {}),
      ...(m?.source ? { site: m.source } : {}),
      ...(m?.date_extracted ? { date: m.date_extracted.replace(" ", "T") } : {}),
    };
  });
  Object.assign(lines[0]!, {
    title: "محادثات بين الولايات المتحدة والعراق",
    site: "reference-site",
    date: "2024-04-10T09:00:00",
  });
  lines.push({ ...lines[0]!, id: COPY_ID, title: "نسخة", site: "copy-site", date: "2024-04-11T10:00:00" });
  return lines;
}

/** The reference article's record as the real pipeline makes it (what the store must give back). */
export function referenceRecord(): DocRecord {
  const raw = readFileSync(new URL(`articles/${REFERENCE_ID}.txt`, SAMPLES), "utf8");
  return toRecord(runPipeline(createPipeline(), { id: REFERENCE_ID, raw, source: {} }));
}

/** A SQLite store in a temporary directory, filled from `sampleLines()`. */
export interface SampleStore {
  store: Store;
  path: string;
  /** Ids of the stored articles. */
  ids: string[];
  /** Close the store and delete the directory. */
  dispose(): Promise<void>;
}

/**
 * Open a fresh SQLite store in a temporary directory and index the sample
 * articles into it the way `khabar index` does (real pipeline, dedup, stories).
 *
 * @param extra how many more sample articles to add beyond the four fixed ones
 */
export async function openSampleStore(extra = 0): Promise<SampleStore> {
  const dir = mkdtempSync(join(tmpdir(), "khabar-server-"));
  const path = join(dir, "sample.db");
  const lines = sampleLines(extra);
  const dump = join(dir, "sample.jsonl");
  writeFileSync(dump, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  const store = await openStore(path);
  await indexInputs([dump], store, { jobs: 0 });
  await groupStoriesIfMissing(
    store,
    lines.map((l) => l.id),
  );
  return {
    store,
    path,
    ids: lines.map((l) => l.id),
    dispose: async () => {
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Group the stored records into stories with the real grouper and store them,
 * when indexing did not (stories are being wired into `khabar index` in
 * parallel; once they are, this does nothing).
 */
async function groupStoriesIfMissing(store: Store, ids: readonly string[]): Promise<void> {
  if ((await store.stats()).stories > 0) return;
  const withStories = store as Store & { putStories?: (stories: readonly Story[]) => void | Promise<void> };
  if (!withStories.putStories) return;
  const records: DocRecord[] = [];
  for (const id of ids) {
    const stored = await store.get(id);
    if (stored) records.push(stored.record);
  }
  records.sort((a, b) => String(a.source.date ?? "").localeCompare(String(b.source.date ?? "")));
  await withStories.putStories((await groupRecords(records)).stories);
}

/**
 * A checker of answers against the API's published response schemas, using
 * fastify's own validator (strict: no type coercion, nothing removed), so the
 * OpenAPI document is tested against what the server really sends.
 *
 * @returns `check(name, body)` → the validation error message, or "" when the body fits
 */
export async function answerChecker(): Promise<{
  check: (name: keyof typeof answers, body: unknown) => Promise<string>;
  close: () => Promise<void>;
}> {
  const app = Fastify({
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: true } },
  });
  for (const [name, schema] of Object.entries(answers)) {
    app.post(`/check/${name}`, { schema: { body: schema }, bodyLimit: 64 * 1024 * 1024 }, async (_req, reply) =>
      reply.code(204).send(),
    );
  }
  await app.ready();
  return {
    check: async (name, body) => {
      const r = await app.inject({ method: "POST", url: `/check/${name}`, payload: body as object });
      return r.statusCode === 204 ? "" : r.body;
    },
    close: () => app.close(),
  };
}
