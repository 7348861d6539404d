import { combine, fmix32, hashString } from "./hash.ts";

/** MinHash parameters, chosen from measurements (see the README's dedup section). */
export interface MinHashParams {
  /** Words per shingle. */
  shingle: number;
  /** Number of hash functions (signature length). */
  permutations: number;
}

/** The defaults: 2-word shingles, 128 permutations (measured: README, dedup section). */
export const DEFAULT_MINHASH: MinHashParams = { shingle: 2, permutations: 128 };

// Seeds for the hash family, fixed so signatures are comparable across runs and machines.
function seeds(n: number): { xor: Uint32Array; mul: Uint32Array } {
  const xor = new Uint32Array(n);
  const mul = new Uint32Array(n);
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s = fmix32(s + 0x6d2b79f5);
    xor[i] = s;
    s = fmix32(s + 0x6d2b79f5);
    mul[i] = s | 1; // odd: multiplication by it is a bijection mod 2^32
  }
  return { xor, mul };
}
const seedCache = new Map<number, { xor: Uint32Array; mul: Uint32Array }>();

/**
 * The distinct shingle hashes of a word sequence: each run of `k` consecutive
 * words hashed to 32 bits. A text shorter than `k` words gives one shingle of
 * all its words (none when empty).
 *
 * @param words words in matching form
 * @param k words per shingle
 * @returns sorted, distinct hashes
 */
export function shingleHashes(words: readonly string[], k: number): Uint32Array {
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = hashString(words[i]!);
  const n = words.length === 0 ? 0 : Math.max(1, words.length - k + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x2f1a3c5d;
    const end = Math.min(words.length, i + k);
    for (let j = i; j < end; j++) h = combine(h, wordHashes[j]!);
    out[i] = h;
  }
  out.sort();
  let w = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[w - 1]) out[w++] = out[i]!;
  return out.subarray(0, w);
}

/**
 * The MinHash signature of a set of shingle hashes: for each of `permutations`
 * hash functions, the least value over the set. Two signatures agree at a
 * position with probability equal to the sets' Jaccard similarity.
 *
 * @returns the signature (all 0xffffffff for an empty set)
 */
export function minhash(shingles: Uint32Array, permutations = DEFAULT_MINHASH.permutations): Uint32Array {
  let family = seedCache.get(permutations);
  if (!family) seedCache.set(permutations, (family = seeds(permutations)));
  const { xor, mul } = family;
  const sig = new Uint32Array(permutations).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < permutations; i++) {
      let h = Math.imul(x ^ xor[i]!, mul[i]!);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h = (h ^ (h >>> 12)) >>> 0;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of positions where two signatures agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** Exact Jaccard similarity of two sorted, distinct hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** Exact containment of `a` in `b`: the share of `a`'s shingles that `b` holds. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  return a.length === 0 ? 0 : intersectionSize(a, b) / a.length;
}

function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
