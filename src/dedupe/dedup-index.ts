import { BandTable } from "./band-table.ts";
import { bottomK, estimateOverlap } from "./bottom-k.ts";
import { combine } from "./hash.ts";
import { DEFAULT_MINHASH, type MinHashParams, minhash, shingleHashes } from "./minhash.ts";

/** Dedup settings; the defaults come from measurements (README, dedup section). */
export interface DedupParams extends MinHashParams {
  /** LSH bands; `permutations / bands` rows each. */
  bands: number;
  /** Least Jaccard similarity of shingle sets for a near-duplicate (estimated on bottom-k sketches). */
  threshold: number;
  /**
   * Shingles kept per original for verifying candidates: a bottom-k sketch (the k smallest hashes), which
   * estimates Jaccard similarity and containment both ways; articles with at most k shingles are compared
   * exactly. 4 bytes each.
   */
  sketch: number;
  /** Least share of a shorter article's shingles found in a longer one for `contained_in`. */
  containment: number;
  /** Articles with fewer words than this are only matched exactly (too short to tell copies from shared phrasing). */
  minWords: number;
}

/** The measured defaults. */
export const DEFAULT_DEDUP: DedupParams = {
  ...DEFAULT_MINHASH,
  bands: 32,
  threshold: 0.8,
  sketch: 128,
  containment: 0.9,
  minWords: 20,
};

/** What the index says about an article. */
export type DedupVerdict =
  | { kind: "unique" }
  | { kind: "exact"; of: string; similarity: 1 }
  | { kind: "near"; of: string; similarity: number }
  | { kind: "contained"; of: string; similarity: number }
  | { kind: "extended"; of: string; similarity: number };

/** The fingerprint of an article: all the index keeps of it (no text). */
export interface Fingerprint {
  /** 64-bit hash of the whole matching form. */
  exact: string;
  /** Sorted distinct shingle hashes (the index keeps only their bottom-k sketch). */
  shingles: Uint32Array;
  words: number;
}

/**
 * Fingerprint a word sequence (matching forms).
 */
export function fingerprint(
  words: readonly string[],
  exactKey: string,
  params: DedupParams = DEFAULT_DEDUP,
): Fingerprint {
  return { exact: exactKey, shingles: shingleHashes(words, params.shingle), words: words.length };
}

/**
 * An in-memory, incremental near-duplicate index: exact hashes in a Map,
 * MinHash band keys in an LSH table, bottom-k sketches of the originals'
 * shingle sets (in one flat typed array) for verifying candidates.
 * Articles are compared with everything added before them; the first one
 * added of a group is its canonical copy (add in canonical order: earliest
 * date, then most complete, for the documented rule).
 */
export class DedupIndex {
  readonly params: DedupParams;
  private readonly ids: string[] = [];
  private readonly canonical: number[] = [];
  /** Per article: its sketch number, or -1 for copies. */
  private slots = new Int32Array(1024);
  /**
   * Sketches in fixed-size chunks (never copied as the index grows, so memory rises by one chunk at a time);
   * each sketch takes `sketch + 2` values: its length, its set's size, then the k smallest hashes.
   */
  private readonly chunks: Uint32Array[] = [];
  private readonly perChunk: number;
  private sketches = 0;
  private readonly exact = new Map<string, number>();
  private readonly table: BandTable;
  private readonly rows: number;

  constructor(params: Partial<DedupParams> = {}) {
    this.params = { ...DEFAULT_DEDUP, ...params };
    if (this.params.permutations % this.params.bands !== 0) {
      throw new Error(
        `khabar: dedup_params: ${this.params.permutations} permutations do not split into ${this.params.bands} bands`,
      );
    }
    this.rows = this.params.permutations / this.params.bands;
    if (!Number.isInteger(this.params.sketch) || this.params.sketch < 1) {
      throw new Error(`khabar: dedup_params: sketch must be a whole number of at least 1 (got ${this.params.sketch})`);
    }
    this.table = new BandTable(this.params.bands);
    this.perChunk = Math.max(1, Math.floor(CHUNK_VALUES / (this.params.sketch + 2)));
  }

  /** Number of articles added. */
  get size(): number {
    return this.ids.length;
  }

  /** Approximate bytes held (typed arrays, the exact-hash map and the ids). */
  get bytes(): number {
    let arrays = this.slots.byteLength;
    for (const c of this.chunks) arrays += c.byteLength;
    return this.table.bytes + arrays + this.exact.size * 80 + this.ids.length * 48;
  }

  /**
   * Compare an article with those added before, then add it.
   *
   * @returns its verdict: unique, or a copy of an earlier canonical article
   */
  add(id: string, fp: Fingerprint): DedupVerdict {
    const n = this.ids.length;
    const exactHit = this.exact.get(fp.exact);
    let verdict: DedupVerdict = { kind: "unique" };
    let of = n;
    let sig: Uint32Array | undefined;
    if (exactHit !== undefined) {
      of = this.canonical[exactHit]!;
      verdict = { kind: "exact", of: this.ids[of]!, similarity: 1 };
    } else if (fp.words >= this.params.minWords) {
      sig = minhash(fp.shingles, this.params.permutations);
      const found = this.nearest(fp, sig);
      if (found) [verdict, of] = found;
    }
    this.ids.push(id);
    // A copy's shingles are never compared again (copies are found through their original).
    this.store(n, verdict.kind === "unique" ? fp.shingles : undefined);
    this.canonical.push(of);
    if (exactHit === undefined) this.exact.set(fp.exact, n);
    if (sig && verdict.kind === "unique") {
      // Only canonical articles go into the band table: copies are found through their original.
      for (let b = 0; b < this.params.bands; b++) this.table.add(n, b, this.bandKey(sig, b));
    }
    return verdict;
  }

  private nearest(fp: Fingerprint, sig: Uint32Array): [DedupVerdict, number] | undefined {
    const seen = new Set<number>();
    let best: [DedupVerdict, number] | undefined;
    let bestScore = 0;
    for (let b = 0; b < this.params.bands; b++) {
      this.table.forEach(b, this.bandKey(sig, b), 64, (doc) => {
        if (seen.has(doc)) return;
        seen.add(doc);
        const slot = this.slots[doc]!;
        if (slot < 0) return;
        const k = this.params.sketch;
        const chunk = this.chunks[Math.floor(slot / this.perChunk)]!;
        const at = (slot % this.perChunk) * (k + 2);
        const otherSize = chunk[at + 1]!;
        const other = chunk.subarray(at + 2, at + 2 + chunk[at]!);
        const overlap = estimateOverlap(fp.shingles, fp.shingles.length, other, otherSize, k);
        const j = overlap.jaccard;
        if (j >= this.params.threshold && j > bestScore) {
          best = [{ kind: "near", of: this.ids[doc]!, similarity: round(j) }, doc];
          bestScore = j;
          return;
        }
        // One-sided: a trimmed copy (this one inside the other) or an extended one (the other inside this).
        const shorter = fp.shingles.length <= otherSize;
        const c = shorter ? overlap.aInB : overlap.bInA;
        if (c >= this.params.containment && c > bestScore && bestScore < this.params.threshold) {
          best = [{ kind: shorter ? "contained" : "extended", of: this.ids[doc]!, similarity: round(c) }, doc];
          bestScore = c;
        }
      });
    }
    return best;
  }

  // Keep an original's sketch; copies get none.
  private store(doc: number, shingles: Uint32Array | undefined): void {
    if (doc >= this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    if (!shingles) {
      this.slots[doc] = -1;
      return;
    }
    const k = this.params.sketch;
    const slot = this.sketches++;
    if (slot % this.perChunk === 0) this.chunks.push(new Uint32Array(this.perChunk * (k + 2)));
    const chunk = this.chunks[this.chunks.length - 1]!;
    const at = (slot % this.perChunk) * (k + 2);
    const sketch = bottomK(shingles, k);
    chunk[at] = sketch.length;
    chunk[at + 1] = shingles.length;
    chunk.set(sketch, at + 2);
    this.slots[doc] = slot;
  }

  private bandKey(sig: Uint32Array, band: number): number {
    let h = combine(0x51ed270b, band);
    const from = band * this.rows;
    for (let i = from; i < from + this.rows; i++) h = combine(h, sig[i]!);
    return h;
  }
}

// Values per chunk of sketches: 32 MB (64,527 sketches of the default size).
const CHUNK_VALUES = 2 ** 23;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
