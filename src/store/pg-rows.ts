import { createHash } from "node:crypto";
import type { DocRecord } from "../model/record.ts";
import { matchForm } from "../normalize/match-form.ts";
import { textTerms } from "../search/search-terms.ts";
import { recordTsvector } from "./pg-terms.ts";

/** The columns and child rows one record becomes in PostgreSQL. */
export interface ArticleRows {
  id: string;
  contentHash: string;
  status: string;
  rejectCode: string | null;
  site: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  day: string | null;
  lang: string | null;
  duplicateOf: string | null;
  duplicateKind: string | null;
  similarity: number | null;
  storyId: string | null;
  textLength: number;
  /** `tsvector` literal, or null for rejected records (not searchable). */
  terms: string | null;
  /** The record as JSON text, made safe for PostgreSQL. */
  json: string;
  mentions: { entityId: string; name: string; type: string; surface: string; norm: string }[];
  quotes: {
    speaker: string | null;
    speakerTerms: string[];
    speakerEntity: string | null;
    cue: string;
    content: string;
    outlet: string | null;
    direct: boolean;
    anonymous: boolean;
  }[];
  quantities: { value: number | null; unit: string | null; unitCanonical: string | null; unitTerms: string[] }[];
  dates: { value: string; from: string | null; to: string | null }[];
}

const DEDUP_FIELDS = ["duplicate_of", "duplicate_kind", "similarity", "contained_in"];

/** A record's JSON and content hash, from one serialization (the record is large: raw text, tokens). */
export interface SerializedRecord {
  /** The record as JSON text, made safe for PostgreSQL. */
  json: string;
  /** SHA-1 of the record without the fields dedup writes: what idempotency is keyed on. */
  hash: string;
}

/**
 * Serialize a record once for both its content hash and its stored JSON: the
 * record without the dedup fields is serialized and hashed (a record judged
 * again is the same content), then the dedup fields are appended to that text.
 */
export function serializeRecord(record: DocRecord): SerializedRecord {
  const base: Record<string, unknown> = {};
  const dedup: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (DEDUP_FIELDS.includes(k)) dedup[k] = v;
    else base[k] = v;
  }
  const duplicate = base.status === "duplicate";
  if (duplicate) base.status = "ok";
  const text = JSON.stringify(base);
  const hash = createHash("sha1").update(text).digest("hex");
  if (duplicate) dedup.status = "duplicate";
  let json = text;
  const extra = JSON.stringify(dedup);
  // Later keys win in PostgreSQL's json operators and in JSON.parse, so appending `status` overrides it.
  if (extra !== "{}") json = `${text.slice(0, -1)},${extra.slice(1)}`;
  return { json: jsonbSafe(json), hash };
}

/** The content hash the store keys idempotency on (see `serializeRecord`). */
export function storeHash(record: DocRecord): string {
  return serializeRecord(record).hash;
}

/** A record turned into rows. */
export function articleRows(record: DocRecord, serialized: SerializedRecord = serializeRecord(record)): ArticleRows {
  const src = record.source ?? {};
  const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? clean(v) : null);
  const title = str(src.title);
  const published = str(src.date);
  const searchable = record.status !== "rejected";
  const rows: ArticleRows = {
    id: clean(record.id),
    contentHash: serialized.hash,
    status: record.status,
    rejectCode: record.error?.code ?? null,
    site: str(src.site) ?? siteOf(str(src.url)),
    url: str(src.url),
    title,
    published,
    day: dayOf(published),
    lang: str(record.lang),
    duplicateOf: str(record.duplicate_of),
    duplicateKind: str(record.duplicate_kind),
    similarity: typeof record.similarity === "number" ? record.similarity : null,
    storyId: str(record.story_id),
    textLength: record.text.length,
    terms: searchable ? recordTsvector(record, title) : null,
    json: serialized.json,
    mentions: [],
    quotes: [],
    quantities: [],
    dates: [],
  };
  if (!searchable) return rows;
  for (const e of layer(record, "entities")) {
    const surface = str(e.text);
    if (!surface) continue;
    const norm = matchForm(surface);
    const id = str(e.id) ?? `name:${norm}`;
    rows.mentions.push({ entityId: id, name: str(e.name) ?? surface, type: str(e.type) ?? "MISC", surface, norm });
  }
  for (const q of layer(record, "quotes")) {
    const speaker = spanText(q.speaker);
    const se = q.speaker_entity as { id?: unknown; text?: unknown } | undefined;
    const seId = se ? (str(se.id) ?? (str(se.text) ? `name:${matchForm(str(se.text)!)}` : null)) : null;
    rows.quotes.push({
      speaker,
      speakerTerms: speaker ? [...new Set(textTerms(speaker))] : [],
      speakerEntity: seId,
      cue: spanText(q.cue) ?? "",
      content: spanText(q.content) ?? "",
      outlet: spanText(q.outlet),
      direct: q.direct === true,
      anonymous: q.anonymous === true,
    });
  }
  for (const q of layer(record, "quantities")) {
    rows.quantities.push({
      value: typeof q.value === "number" && Number.isFinite(q.value) ? q.value : null,
      unit: str(q.unit),
      unitCanonical: str(q.unit_canonical),
      unitTerms: str(q.unit) ? [...new Set(textTerms(str(q.unit)!))] : [],
    });
  }
  for (const d of layer(record, "dates")) {
    const v = str(d.value);
    if (v) rows.dates.push({ value: v, ...dateRange(v) });
  }
  return rows;
}

/** The days a mentioned date covers (`2015-08` → all of August), or nulls when its year is unknown. */
export function dateRange(value: string): { from: string | null; to: string | null } {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return { from: null, to: null };
  const y = Number(m[1]);
  const mo = m[2] === undefined ? undefined : Number(m[2]);
  if (mo !== undefined && (mo < 1 || mo > 12)) return { from: null, to: null };
  const from = `${m[1]}-${m[2] ?? "01"}-${m[3] ?? "01"}`;
  const lastMonth = mo ?? 12;
  const last = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  const to = `${m[1]}-${String(lastMonth).padStart(2, "0")}-${m[3] ?? String(last).padStart(2, "0")}`;
  return dayOf(from) && dayOf(to) ? { from, to } : { from: null, to: null };
}

function layer(record: DocRecord, name: string): Record<string, unknown>[] {
  const v = record[name];
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as Record<string, unknown>[]) : [];
}

function spanText(v: unknown): string | null {
  if (!v || typeof v !== "object") return null;
  const t = (v as { text?: unknown }).text;
  return typeof t === "string" && t !== "" ? clean(t) : null;
}

/** `YYYY-MM-DD` of an ISO date, or null when it has no valid day. */
export function dayOf(date: string | null): string | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}` ? null : d.toISOString().slice(0, 10);
}

function siteOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

// PostgreSQL text cannot hold NUL; U+FFFD keeps the UTF-16 length, so offsets stay right.
function clean(s: string): string {
  return s.includes("\0") ? s.replace(/\0/g, "\ufffd") : s;
}

/**
 * JSON text PostgreSQL's `jsonb` accepts: it refuses the escape `\u0000` and
 * unpaired surrogates, which scraped text can hold. Each becomes U+FFFD, one
 * UTF-16 unit for one, so every span offset in the record stays right.
 */
export function jsonbSafe(json: string): string {
  if (!json.includes("\\u")) return json;
  return json.replace(/\\u0000|\\u(d[89ab][0-9a-f]{2})(\\ud[c-f][0-9a-f]{2})?|\\ud[c-f][0-9a-f]{2}/gi, (m, hi, lo) =>
    hi && lo ? m : "\\ufffd",
  );
}
