import { createHash } from "node:crypto";
import type { DocRecord } from "../model/record.ts";
import { matchForm } from "../normalize/match-form.ts";
import { bodyTerms, textTerms } from "../search/search-terms.ts";

/** One entity of an article, its mentions summed. */
export interface EntityRow {
  /** KB id, or `name:NORMALIZED` outside the KB. */
  entity: string;
  name: string;
  type: string;
  count: number;
  /** Surface forms with their counts. */
  forms: Map<string, number>;
}

/** One attributed statement. */
export interface QuoteRow {
  seq: number;
  speaker: string | null;
  /** Search terms of the speaker phrase and the speaker entity's name, space-padded (` t1 t2 `). */
  speaker_key: string;
  speaker_entity: string | null;
  speaker_name: string | null;
  cue: string;
  content: string;
  outlet: string | null;
  direct: boolean;
  anonymous: boolean;
}

/** One quantity. */
export interface QuantityRow {
  value: number;
  unit: string | null;
  /** Search terms of the unit as written. */
  unit_key: string | null;
  unit_canonical: string | null;
  text: string;
}

/** One mentioned date, as the inclusive day range it covers. */
export interface MentionRow {
  value: string;
  from_day: string;
  to_day: string;
}

/** Everything a store writes for one record. */
export interface IndexRows {
  id: string;
  /** Change key: a stored record with the same key is left as is. */
  hash: string;
  status: string;
  error_code: string | null;
  duplicate_of: string | null;
  duplicate_kind: string | null;
  similarity: number | null;
  site: string | null;
  url: string | null;
  title: string | null;
  date: string | null;
  /** `YYYY-MM-DD` of the publication date, when it has one. */
  day: string | null;
  lang: string | null;
  text: string;
  /** Title search terms. */
  title_terms: string[];
  /** Body search terms in text order, and `[start, end]` of each in `text`. */
  body_terms: string[];
  offsets: Uint32Array;
  entities: EntityRow[];
  quotes: QuoteRow[];
  quantities: QuantityRow[];
  mentions: MentionRow[];
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const spanText = (v: unknown): string | null =>
  v && typeof v === "object" && typeof (v as { text?: unknown }).text === "string"
    ? (v as { text: string }).text
    : null;

/**
 * The key an entity is stored under: its KB id, else `name:` and the matching form of its text.
 */
export function entityKey(id: unknown, text: string): string {
  return typeof id === "string" && id !== "" ? id : `name:${matchForm(text).trim()}`;
}

/**
 * What a store indexes of one record: article columns, search terms, and the
 * rows of its entities, quotes, quantities and mentioned dates. Shared by the
 * SQLite and PostgreSQL stores so they index the same things.
 *
 * @throws TypeError when the record has no string id
 */
export function indexRowsOf(record: DocRecord): IndexRows {
  if (!record || typeof record !== "object" || typeof record.id !== "string" || record.id === "")
    throw new TypeError("khabar: store: a record needs a non-empty string id");
  const source = record.source ?? {};
  const date = str(source.date);
  const day = date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null;
  const title = str(source.title);
  const rejected = record.status === "rejected";
  const text = typeof record.text === "string" ? record.text : "";
  const body = rejected ? { terms: [], offsets: new Uint32Array(0) } : bodyTerms(record);
  const contentHash =
    record.content_hash ??
    createHash("sha1")
      .update(text)
      .update("\u0000")
      .update(title ?? "")
      .digest("hex")
      .slice(0, 16);
  const hash = [contentHash, record.status, record.duplicate_of ?? "", record.duplicate_kind ?? ""].join("|");
  const rows: IndexRows = {
    id: record.id,
    hash,
    status: record.status,
    error_code: record.error?.code ?? null,
    duplicate_of: str(record.duplicate_of),
    duplicate_kind: str(record.duplicate_kind),
    similarity: typeof record.similarity === "number" ? record.similarity : null,
    site: str(source.site),
    url: str(source.url),
    title,
    date,
    day,
    lang: str(record.lang),
    text,
    title_terms: rejected || !title ? [] : textTerms(title),
    body_terms: body.terms,
    offsets: body.offsets,
    entities: [],
    quotes: [],
    quantities: [],
    mentions: [],
  };
  if (rejected) return rows;

  const entities = new Map<string, EntityRow>();
  for (const e of arrayOf(record.entities)) {
    const surface = spanText(e);
    if (!surface) continue;
    const key = entityKey(e.id, surface);
    let row = entities.get(key);
    if (!row) {
      row = { entity: key, name: str(e.name) ?? surface, type: str(e.type) ?? "MISC", count: 0, forms: new Map() };
      entities.set(key, row);
    }
    row.count++;
    row.forms.set(surface, (row.forms.get(surface) ?? 0) + 1);
  }
  rows.entities = [...entities.values()];

  let seq = 0;
  for (const q of arrayOf(record.quotes)) {
    const cue = spanText(q.cue);
    const content = spanText(q.content);
    if (cue === null || content === null) continue;
    const speaker = spanText(q.speaker);
    const se = q.speaker_entity as { id?: unknown; name?: unknown; text?: unknown } | undefined;
    const seText = se && typeof se.text === "string" ? se.text : null;
    const speakerEntity = seText ? entityKey(se!.id, seText) : null;
    const speakerName = se ? (str(se.name) ?? seText) : null;
    const keyTerms = [...textTerms(speaker ?? ""), ...textTerms(speakerName ?? "")];
    rows.quotes.push({
      seq: seq++,
      speaker,
      speaker_key: keyTerms.length ? ` ${keyTerms.join(" ")} ` : "",
      speaker_entity: speakerEntity,
      speaker_name: speakerName,
      cue,
      content,
      outlet: spanText(q.outlet),
      direct: q.direct === true,
      anonymous: q.anonymous === true,
    });
  }

  for (const x of arrayOf(record.quantities)) {
    if (typeof x.value !== "number" || !Number.isFinite(x.value)) continue;
    const unit = str(x.unit);
    const unitTerms = unit ? textTerms(unit) : [];
    rows.quantities.push({
      value: x.value,
      unit,
      unit_key: unitTerms.length ? unitTerms.join(" ") : null,
      unit_canonical: str(x.unit_canonical),
      text: spanText(x) ?? "",
    });
  }

  for (const d of arrayOf(record.dates)) {
    const value = str(d.value);
    const range = value ? dayRange(value) : null;
    if (value && range) rows.mentions.push({ value, from_day: range[0], to_day: range[1] });
  }
  return rows;
}

function arrayOf(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as Record<string, unknown>[]) : [];
}

/**
 * The inclusive day range a normalized date value covers (`2015-07` → July),
 * or null when its year is unknown (`XXXX-11`).
 */
export function dayRange(value: string): [string, string] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T[\d:.]+Z?)?)?)?$/.exec(value);
  if (!m) return null;
  const y = m[1]!;
  if (m[3]) return [`${y}-${m[2]}-${m[3]}`, `${y}-${m[2]}-${m[3]}`];
  if (m[2]) {
    const last = new Date(Date.UTC(Number(y), Number(m[2]), 0)).getUTCDate();
    return [`${y}-${m[2]}-01`, `${y}-${m[2]}-${String(last).padStart(2, "0")}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}
