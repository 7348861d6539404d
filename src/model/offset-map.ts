import type { Edit } from "./edit.ts";

/**
 * Maps offsets between the raw input and the cleaned text, built from the
 * edits (in raw coordinates) that turned one into the other.
 *
 * The map is a list of segments, each either an identity run (characters kept
 * as they were) or an edit (raw range replaced by a possibly empty string).
 * Lookups are total: an offset outside the text gives `undefined`.
 */
export class OffsetMap {
  readonly rawLength: number;
  readonly textLength: number;
  // Parallel arrays, one entry per segment, sorted by both starts.
  private readonly cleanStart: Int32Array;
  private readonly rawStart: Int32Array;
  private readonly cleanLen: Int32Array;
  private readonly rawLen: Int32Array;
  private readonly identity: Uint8Array;
  private readonly count: number;

  /**
   * @param rawLength length of the raw input
   * @param edits resolved edits (sorted, non-overlapping; see `resolveEdits`)
   */
  constructor(rawLength: number, edits: readonly Pick<Edit, "start" | "end" | "replacement">[]) {
    const n = edits.length * 2 + 1;
    const cs = new Int32Array(n);
    const rs = new Int32Array(n);
    const cl = new Int32Array(n);
    const rl = new Int32Array(n);
    const id = new Uint8Array(n);
    let k = 0;
    let raw = 0;
    let clean = 0;
    const push = (rawLen: number, cleanLen: number, isIdentity: boolean) => {
      if (rawLen === 0 && cleanLen === 0) return;
      cs[k] = clean;
      rs[k] = raw;
      cl[k] = cleanLen;
      rl[k] = rawLen;
      id[k] = isIdentity ? 1 : 0;
      k++;
      raw += rawLen;
      clean += cleanLen;
    };
    for (const e of edits) {
      if (e.start < raw || e.end < e.start || e.end > rawLength) {
        throw new Error(`khabar: edit_order: edit ${e.start}-${e.end} is out of order or out of range`);
      }
      push(e.start - raw, e.start - raw, true);
      push(e.end - e.start, e.replacement.length, false);
    }
    push(rawLength - raw, rawLength - raw, true);
    this.cleanStart = cs;
    this.rawStart = rs;
    this.cleanLen = cl;
    this.rawLen = rl;
    this.identity = id;
    this.count = k;
    this.rawLength = rawLength;
    this.textLength = clean;
  }

  /**
   * Map a cleaned-text offset to a raw offset.
   *
   * @param offset UTF-16 offset into the cleaned text, `0..textLength`
   * @param bias `start` maps to the raw position of the character at `offset`;
   *   `end` maps to the raw position just after the character before `offset`.
   *   They differ only at the border of a deletion or inside a replacement.
   * @returns the raw offset, or `undefined` when `offset` is outside the text
   */
  toRaw(offset: number, bias: "start" | "end" = "start"): number | undefined {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.textLength) return undefined;
    if (bias === "end") {
      if (offset === 0) return 0;
      const i = this.segmentOfCleanChar(offset - 1);
      return this.identity[i] ? this.rawStart[i]! + (offset - this.cleanStart[i]!) : this.rawStart[i]! + this.rawLen[i]!;
    }
    if (offset === this.textLength) return this.rawLength;
    const i = this.segmentOfCleanChar(offset);
    return this.identity[i] ? this.rawStart[i]! + (offset - this.cleanStart[i]!) : this.rawStart[i]!;
  }

  /**
   * Map a raw offset to a cleaned-text offset.
   *
   * @returns the cleaned offset; for a raw offset inside a replaced range, the
   *   start of its replacement; `undefined` when that raw character was deleted
   *   or the offset is outside the raw input
   */
  toClean(offset: number): number | undefined {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.rawLength) return undefined;
    if (offset === this.rawLength) return this.textLength;
    const i = this.segmentOfRawChar(offset);
    if (this.identity[i]) return this.cleanStart[i]! + (offset - this.rawStart[i]!);
    if (this.cleanLen[i] === 0) return undefined;
    return this.cleanStart[i]!;
  }

  /**
   * Like `toClean`, but a deleted raw offset maps to the cleaned offset where
   * the deletion happened (never `undefined` inside `0..rawLength`).
   */
  toCleanNearest(offset: number): number | undefined {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.rawLength) return undefined;
    if (offset === this.rawLength) return this.textLength;
    const i = this.segmentOfRawChar(offset);
    return this.identity[i] ? this.cleanStart[i]! + (offset - this.rawStart[i]!) : this.cleanStart[i]!;
  }

  /**
   * Map a cleaned span to the raw range it came from.
   *
   * @returns `{start, end}` in raw coordinates, or `undefined` when out of range
   */
  spanToRaw(start: number, end: number): { start: number; end: number } | undefined {
    if (end < start) return undefined;
    const s = this.toRaw(start, "start");
    const e = start === end ? s : this.toRaw(end, "end");
    if (s === undefined || e === undefined) return undefined;
    return { start: s, end: e };
  }

  // Index of the segment holding cleaned character `c` (0 <= c < textLength).
  private segmentOfCleanChar(c: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.cleanStart[mid]! <= c) lo = mid;
      else hi = mid - 1;
    }
    // Skip back over zero-length (deleted) segments sharing this start.
    while (this.cleanLen[lo] === 0 && lo > 0) lo--;
    while (this.cleanStart[lo]! + this.cleanLen[lo]! <= c && lo < this.count - 1) lo++;
    return lo;
  }

  // Index of the segment holding raw character `r` (0 <= r < rawLength).
  private segmentOfRawChar(r: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.rawStart[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    while (this.rawLen[lo] === 0 && lo > 0) lo--;
    while (this.rawStart[lo]! + this.rawLen[lo]! <= r && lo < this.count - 1) lo++;
    return lo;
  }
}
