import type { TokenView } from "./token-view.ts";

/** An entity mention of `doc.layers.entities` as the quote stage reads it. */
export interface EntityMention {
  start: number;
  end: number;
  type: string;
  id?: unknown;
  name?: unknown;
}

/** Type code of a person (`typeOf`). */
export const PER = 0;
const TYPE_CODES: Readonly<Record<string, number>> = { PER, ORG: 1, GPE: 2, LOC: 3, MISC: 4 };
/** Type code of a type string the stage does not name. */
const OTHER = 5;
/** Type code of a mention without numeric offsets or a type string: `mentionAt` skips it. */
const INVALID = -1;

/**
 * The entities layer of one document, read field by field on demand. The quote stage binary-searches the
 * layer around every speaker, several times per statement. The entities stage builds each mention with its own
 * hidden class, so every read of a mention's field is a megamorphic lookup costing a hundred-odd nanoseconds:
 * this index reads a mention's offsets and type once, the first time a search or scan reaches it, into columns
 * that later lookups read directly. Mentions no speaker comes near are never read.
 */
export interface EntityIndex {
  /** Mentions in the layer (text order). */
  count: number;
  /** The mentions themselves, for the fields read once per speaker (`id`, `name`, `type`). */
  list: readonly Partial<EntityMention>[];
  /** Which entries of the shared columns hold this index's mentions (see `stamps`). */
  stamp: number;
}

const NONE: readonly Partial<EntityMention>[] = [];
/**
 * Columns reused from one document to the next, as the token view's: an entry belongs to the index whose
 * `stamp` it carries, and is read again from the mention otherwise.
 */
let starts = new Int32Array(64);
let ends = new Int32Array(64);
let types = new Int8Array(64);
let stamps = new Int32Array(64);
let lastStamp = 0;

/**
 * The entities layer of the view's document (empty without one), in text order as the entities stage writes
 * it; made on first use and kept on the view.
 *
 * @returns the index; read mentions through `startOf`, `endOf`, `typeOf`, `mentionAt`
 */
export function entitiesOf(view: TokenView): EntityIndex {
  let ix = view.entities;
  if (ix === undefined) {
    const layer = view.doc.layers.entities;
    const list = Array.isArray(layer) ? (layer as Partial<EntityMention>[]) : NONE;
    const count = list.length;
    if (stamps.length < count) {
      const cap = Math.max(count, 2 * stamps.length);
      starts = new Int32Array(cap);
      ends = new Int32Array(cap);
      types = new Int8Array(cap);
      stamps = new Int32Array(cap);
    }
    lastStamp = (lastStamp + 1) | 0;
    if (lastStamp === 0) {
      // The stamps wrapped around: old entries could match again.
      stamps.fill(0);
      lastStamp = 1;
    }
    ix = { count, list, stamp: lastStamp };
    view.entities = ix;
  }
  return ix;
}

/** Read mention `k`'s offsets and type into the columns. */
function load(ix: EntityIndex, k: number): void {
  const e = ix.list[k];
  const s = e?.start;
  const x = e?.end;
  const t = e?.type;
  // As `start ?? -1` in a search: a mention without a start sorts before every offset.
  starts[k] = typeof s === "number" ? s : -1;
  ends[k] = typeof x === "number" ? x : -1;
  types[k] =
    typeof s !== "number" || typeof x !== "number" || typeof t !== "string" ? INVALID : (TYPE_CODES[t] ?? OTHER);
  stamps[k] = ix.stamp;
}

/** Start offset of mention `k` (-1 when it has none). */
export function startOf(ix: EntityIndex, k: number): number {
  if (stamps[k] !== ix.stamp) load(ix, k);
  return starts[k]!;
}

/** End offset of mention `k` (-1 when it has none). */
export function endOf(ix: EntityIndex, k: number): number {
  if (stamps[k] !== ix.stamp) load(ix, k);
  return ends[k]!;
}

/** Type code of mention `k`: `PER`, another code for ORG, GPE, LOC, MISC or any other type, -1 when invalid. */
export function typeOf(ix: EntityIndex, k: number): number {
  if (stamps[k] !== ix.stamp) load(ix, k);
  return types[k]!;
}

/**
 * Whether mention `k` has numeric offsets and a type (and, when `type` is given, that type code).
 */
export function mentionAt(ix: EntityIndex, k: number, type?: number): boolean {
  const t = typeOf(ix, k);
  return t !== INVALID && (type === undefined || t === type);
}

/** Index of the first mention (in text order) that starts at or after `offset`. */
export function firstFrom(ix: EntityIndex, offset: number): number {
  let lo = 0;
  let hi = ix.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (startOf(ix, mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether mention `k` starts at or after `offset`: where a scan from `firstFrom` stops. */
export function startsFrom(ix: EntityIndex, k: number, offset: number): boolean {
  return startOf(ix, k) >= offset;
}

/** Whether a mention starts exactly at `offset`. */
export function mentionStartsAt(ix: EntityIndex, offset: number): boolean {
  const k = firstFrom(ix, offset);
  return k < ix.count && startOf(ix, k) === offset;
}
