import type { Doc } from "../../model/doc.ts";

/** An entity mention of `doc.layers.entities` as the quote stage reads it. */
export interface EntityMention {
  start: number;
  end: number;
  type: string;
  id?: unknown;
  name?: unknown;
}

const NONE: readonly Partial<EntityMention>[] = [];

/**
 * The entities layer of `doc`, in text order as the entities stage writes it
 * (empty without one). The quote stage only binary-searches it around each
 * speaker: walking the whole layer per document would pull every mention back
 * into the CPU caches for the few the speakers hold.
 *
 * @returns the layer's mentions; read each through `mentionAt`
 */
export function entitiesOf(doc: Doc): readonly Partial<EntityMention>[] {
  const layer = doc.layers.entities;
  return Array.isArray(layer) ? (layer as Partial<EntityMention>[]) : NONE;
}

/**
 * Mention `k` of `list` when it has numeric offsets and a type (and, when
 * `type` is given, that type), else `undefined`.
 */
export function mentionAt(
  list: readonly Partial<EntityMention>[],
  k: number,
  type?: string,
): EntityMention | undefined {
  const e = list[k];
  if (!e || typeof e.start !== "number" || typeof e.end !== "number" || typeof e.type !== "string") return undefined;
  if (type !== undefined && e.type !== type) return undefined;
  return e as EntityMention;
}

/** Index of the first mention of `list` (in text order) that starts at or after `offset`. */
export function firstFrom(list: readonly Partial<EntityMention>[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]!.start ?? -1) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether mention `k` starts at or after `offset`: where a scan from `firstFrom` stops. */
export function startsFrom(list: readonly Partial<EntityMention>[], k: number, offset: number): boolean {
  return (list[k]!.start ?? -1) >= offset;
}
