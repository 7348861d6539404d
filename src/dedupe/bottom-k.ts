/**
 * Bottom-k sketches of shingle sets: the k smallest shingle hashes. Shingle hashes are already
 * well-mixed 32-bit values, so the k smallest are a uniform random sample of the set, and the first k
 * values of a sorted shingle set are its sketch (no extra hashing). Two sketches, or a full set and a
 * sketch, estimate Jaccard similarity and containment both ways from the elements below a common cut,
 * with the accuracy of a k-permutation MinHash (standard error about sqrt(J(1 - J) / k)).
 */

/** An estimate of how two shingle sets overlap. */
export interface Overlap {
  /** Estimated Jaccard similarity |A ∩ B| / |A ∪ B|. */
  jaccard: number;
  /** Estimated share of A's shingles that B holds. */
  aInB: number;
  /** Estimated share of B's shingles that A holds. */
  bInA: number;
}

/**
 * The bottom-k sketch of a sorted, distinct shingle set.
 *
 * @param shingles sorted, distinct hashes (as `shingleHashes` returns them)
 * @param k sketch size
 * @returns a view of the k smallest hashes (the whole set when it has k or fewer)
 */
export function bottomK(shingles: Uint32Array, k: number): Uint32Array {
  return shingles.length <= k ? shingles : shingles.subarray(0, k);
}

/**
 * Estimate the overlap of set A and set B from A's sorted shingles (the whole set or its sketch) and B's
 * bottom-k sketch. Only elements at or below the smaller of the two sketches' cuts are compared: below
 * it, both samples are complete, so the counts there are a uniform sample of A ∪ B. When both inputs
 * are complete sets (no longer than k), the result is exact.
 *
 * @param a A's sorted shingles, or its bottom-k sketch
 * @param aSize |A|
 * @param b B's bottom-k sketch (sorted)
 * @param bSize |B|
 * @param k the sketch size B's sketch was cut at
 */
export function estimateOverlap(a: Uint32Array, aSize: number, b: Uint32Array, bSize: number, k: number): Overlap {
  // A sketch that holds its whole set has no cut.
  const cutA = aSize > a.length || aSize > k ? a[Math.min(k, a.length) - 1]! : 0xffffffff;
  const cutB = bSize > b.length ? b[b.length - 1]! : 0xffffffff;
  const cut = Math.min(cutA, cutB);
  let i = 0;
  let j = 0;
  let inA = 0;
  let inB = 0;
  let both = 0;
  while (i < a.length && a[i]! <= cut) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) {
      j++;
      inB++;
    }
    if (j < b.length && b[j] === x) {
      both++;
      inB++;
      j++;
    }
    inA++;
    i++;
  }
  while (j < b.length && b[j]! <= cut) {
    j++;
    inB++;
  }
  const union = inA + inB - both;
  return {
    jaccard: union === 0 ? 0 : both / union,
    aInB: inA === 0 ? 0 : both / inA,
    bInA: inB === 0 ? 0 : both / inB,
  };
}
