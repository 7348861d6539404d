/**
 * Small, fast, seeded 32-bit hashes for fingerprints. Not cryptographic: they
 * only need to spread keys evenly and be stable across runs and machines.
 */

/** FNV-1a over the UTF-16 code units of `s`, from `seed`, finished with the murmur3 mix. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** The murmur3 finalizer: a bijection on 32-bit integers that mixes every bit into every other. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine two 32-bit hashes into one (order matters). */
export function combine(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

/** A 64-bit digest of `s` as 16 hex digits (two independent 32-bit hashes). */
export function digest64(s: string): string {
  return (
    hashString(s, 0x811c9dc5).toString(16).padStart(8, "0") + hashString(s, 0x2545f491).toString(16).padStart(8, "0")
  );
}
