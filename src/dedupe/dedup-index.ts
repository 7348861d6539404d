import { BandTable } from "./band-table.ts";
import { combine } from "./hash.ts";
import { containment, DEFAULT_MINHASH, jaccard, type MinHashParams, minhash, shingleHashes } from "./minhash.ts";

/** Dedup settings; the defaults come from measurements (README, dedup section). */
export interface DedupParams extends MinHashParams {
  /** LSH bands; `permutations / bands` rows each. */
  bands: number;
  /** Least exact Jaccard similarity of shingle sets for a near-duplicate. */
  threshold: number;
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
  /** Sorted distinct shingle hashes (kept for exact verification of candidates). */
  shingles: Uint32Array;
  words: number;
}

/**
 * Fingerprint a word sequence (matching forms).
 */
export function fingerprint(words: readonly string[], exactKey: string, params: DedupParams = DEFAULT_DEDUP): Fingerprint {
  return { exact: exactKey, shingles: shingleHashes(words, params.shingle), words: words.length };
}

/**
 * An in-memory, incremental near-duplicate index: exact hashes in a Map,
 * MinHash band keys in an LSH table, shingle sets for verifying candidates.
 * Articles are compared with everything added before them; the first one
 * added of a group is its canonical copy (add in canonical order: earliest
 * date, then most complete, for the documented rule).
 */
export class DedupIndex {
  readonly params: DedupParams;
  private readonly ids: string[] = [];
  private readonly canonical: number[] = [];
  private readonly sets: Uint32Array[] = [];
  private readonly exact = new Map<string, number>();
  private readonly table: BandTable;
  private readonly rows: number;

  constructor(params: Partial<DedupParams> = {}) {
    this.params = { ...DEFAULT_DEDUP, ...params };
    if (this.params.permutations % this.params.bands !== 0) {
      throw new Error(`khabar: dedup_params: ${this.params.permutations} permutations do not split into ${this.params.bands} bands`);
    }
    this.rows = this.params.permutations / this.params.bands;
    this.table = new BandTable(this.params.bands);
  }

  /** Number of articles added. */
  get size(): number {
    return this.ids.length;
  }

  /** Approximate bytes held (typed arrays and per-article sets). */
  get bytes(): number {
    let sets = 0;
    for (const s of this.sets) sets += s.byteLength + 64;
    return this.table.bytes + sets + this.exact.size * 80 + this.ids.length * 48;
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
    this.sets.push(verdict.kind === "unique" ? fp.shingles : EMPTY);
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
        const other = this.sets[doc]!;
        const j = jaccard(fp.shingles, other);
        if (j >= this.params.threshold && j > bestScore) {
          best = [{ kind: "near", of: this.ids[doc]!, similarity: round(j) }, doc];
          bestScore = j;
          return;
        }
        // One-sided: a trimmed copy (this one inside the other) or an extended one (the other inside this).
        const shorter = fp.shingles.length <= other.length;
        const c = shorter ? containment(fp.shingles, other) : containment(other, fp.shingles);
        if (c >= this.params.containment && c > bestScore && bestScore < this.params.threshold) {
          best = [{ kind: shorter ? "contained" : "extended", of: this.ids[doc]!, similarity: round(c) }, doc];
          bestScore = c;
        }
      });
    }
    return best;
  }

  private bandKey(sig: Uint32Array, band: number): number {
    let h = combine(0x51ed270b, band);
    const from = band * this.rows;
    for (let i = from; i < from + this.rows; i++) h = combine(h, sig[i]!);
    return h;
  }
}

const EMPTY = new Uint32Array(0);

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
