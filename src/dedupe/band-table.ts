/**
 * An LSH band table in typed arrays: maps a 32-bit band key to the chain of
 * documents that produced it. Open addressing for keys, one `next` link per
 * (document, band), so memory is a few bytes per entry, not a Map entry's ~60.
 */
export class BandTable {
  private keys: Uint32Array;
  private heads: Int32Array;
  private used = 0;
  private next: Int32Array;
  private readonly bands: number;

  /** @param bands band keys per document */
  constructor(bands: number, initialDocs = 1024) {
    this.bands = bands;
    const cap = nextPow2(Math.max(16, initialDocs * bands * 2));
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(-1);
    this.next = new Int32Array(initialDocs * bands).fill(-1);
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.heads.byteLength + this.next.byteLength;
  }

  /**
   * Add document `doc`'s key for band `band`.
   * @param doc dense document number (0, 1, 2, ...)
   */
  add(doc: number, band: number, key: number): void {
    const link = doc * this.bands + band;
    if (link >= this.next.length) this.growLinks(link + 1);
    if ((this.used + 1) * 2 > this.keys.length) this.rehash();
    const slot = this.find(key);
    if (this.heads[slot] === -1) {
      this.keys[slot] = key;
      this.used++;
    }
    this.next[link] = this.heads[slot]!;
    this.heads[slot] = link;
  }

  /**
   * Call `visit(doc)` for each document that added `key` for band `band`, newest first,
   * at most `limit` of them (a key shared by very many documents is boilerplate, not evidence).
   */
  forEach(band: number, key: number, limit: number, visit: (doc: number) => void): void {
    const slot = this.find(key);
    let link = this.heads[slot]!;
    let seen = 0;
    while (link !== -1 && seen < limit) {
      if (link % this.bands === band) {
        visit(Math.floor(link / this.bands));
        seen++;
      }
      link = this.next[link]!;
    }
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while (this.heads[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.heads = new Int32Array(oldKeys.length * 2).fill(-1);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] === -1) continue;
      const slot = this.find(oldKeys[i]!);
      this.keys[slot] = oldKeys[i]!;
      this.heads[slot] = oldHeads[i]!;
    }
  }

  private growLinks(min: number): void {
    // By half, not doubling: at a million articles the links are 128 MB, and a doubling would overshoot by as much.
    const grown = new Int32Array(Math.max(min, Math.ceil(this.next.length * 1.5))).fill(-1);
    grown.set(this.next);
    this.next = grown;
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
