import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { FeatureSet } from "./features.ts";

/**
 * A structured (averaged) perceptron over BIO tags: per-feature weights for
 * each tag plus tag-to-tag transition weights, decoded with Viterbi.
 * Features are 32-bit keys (see features.ts); a key's weight row is found in
 * an open-addressing table of typed arrays, so scoring allocates nothing and
 * touches no strings. Training lives in `trainPerceptron`; the shipped
 * weights are int16-quantized in a gzip'd binary file (see `serializeModel`).
 */
export class TaggerModel {
  readonly tags: readonly string[];
  /** The feature templates the model was trained with. */
  readonly features: FeatureSet;
  // Open addressing: slot i holds a key at 2i (as int32; 0 = empty) and its row at 2i + 1, so a probe reads one place.
  private readonly table: Int32Array;
  private readonly mask: number;
  // One bit per key hash (its high bits): most keys probed are not in the model (92% of word-pair
  // keys), and this 128 KB filter answers most of them without touching the table.
  private readonly filter: Int32Array;
  private readonly weights: Float32Array;
  /** (tags + 1) × tags: row `tags.length` is the sentence start. */
  private readonly trans: Float32Array;
  private readonly allowed: Uint8Array;
  private readonly rowCount: number;
  /**
   * Subtracted from every word's `O` score before decoding: a perceptron
   * trained to zero errors is shy of names it has not seen, and a small
   * push toward entity tags, tuned on held-out training sentences, buys
   * recall for less precision.
   */
  oBias = 0;
  // Viterbi work buffers, grown on demand and reused (one model serves one thread).
  private delta = new Float64Array(0);
  private back = new Int32Array(0);
  // The best path of the last `decode` (its result is a view of it).
  private path = new Int32Array(0);
  // The allowed predecessors of each tag t, ascending: prevs[prevAt[t]..prevAt[t + 1]), with their
  // transition weights beside them (BIO allows 2 of 11 before an I- tag: no test of forbidden pairs).
  private readonly prevAt: Int32Array;
  private readonly prevs: Int32Array;
  private readonly prevTrans: Float64Array;

  /**
   * @param tags tag names, `O` first, then `B-X`/`I-X`
   * @param features the templates the keys come from
   * @param keys feature key of each weight row (non-zero, distinct)
   * @param weights rows × tags
   * @param trans (tags + 1) × tags transition weights
   */
  constructor(
    tags: readonly string[],
    features: FeatureSet,
    keys: Uint32Array,
    weights: Float32Array,
    trans: Float32Array,
  ) {
    this.tags = tags;
    this.features = features;
    this.weights = weights;
    this.trans = trans;
    this.allowed = allowedTransitions(tags);
    const T = tags.length;
    this.prevAt = new Int32Array(T + 1);
    const prevs: number[] = [];
    for (let t = 0; t < T; t++) {
      this.prevAt[t] = prevs.length;
      for (let p = 0; p < T; p++) if (this.allowed[p * T + t]) prevs.push(p);
    }
    this.prevAt[T] = prevs.length;
    this.prevs = Int32Array.from(prevs);
    this.prevTrans = new Float64Array(prevs.length);
    for (let t = 0; t < T; t++) {
      for (let k = this.prevAt[t]!; k < this.prevAt[t + 1]!; k++) this.prevTrans[k] = trans[this.prevs[k]! * T + t]!;
    }
    this.rowCount = keys.length;
    let size = 16;
    while (size < keys.length * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(2 * size);
    this.filter = new Int32Array(1 << (FILTER_BITS - 5));
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]! | 0;
      let at = key & this.mask;
      while (this.table[2 * at] !== 0 && this.table[2 * at] !== key) at = (at + 1) & this.mask;
      this.table[2 * at] = key;
      this.table[2 * at + 1] = r;
      const f = key >>> (32 - FILTER_BITS);
      this.filter[f >>> 5]! |= 1 << (f & 31);
    }
  }

  /** The weights, row-major (row × tags), for callers that fuse several `addRow`s into one pass. Do not modify. */
  get weightRows(): Float32Array {
    return this.weights;
  }

  /** Number of features with weights. */
  get size(): number {
    return this.rowCount;
  }

  /**
   * The weight row of a feature key, or -1 when the model has none.
   *
   * @param key a key from features.ts (`featureKey`)
   */
  row(key: number): number {
    const f = key >>> (32 - FILTER_BITS);
    if ((this.filter[f >>> 5]! & (1 << (f & 31))) === 0) return -1;
    const table = this.table;
    const mask = this.mask;
    const k32 = key | 0;
    let at = key & mask;
    for (;;) {
      const k = table[2 * at]!;
      if (k === k32) return table[2 * at + 1]!;
      if (k === 0) return -1;
      at = (at + 1) & mask;
    }
  }

  /** Add row `row`'s weights (one per tag) to `scores` at `offset`; a negative row adds nothing. */
  addRow(row: number, scores: Float32Array, offset: number): void {
    if (row < 0) return;
    const T = this.tags.length;
    const w = this.weights;
    const base = row * T;
    for (let t = 0; t < T; t++) scores[offset + t]! += w[base + t]!;
  }

  /**
   * Add the emission scores of feature keys `keys[from..to)` to `scores` at `offset`.
   */
  score(keys: Uint32Array, from: number, to: number, scores: Float32Array, offset: number): void {
    for (let k = from; k < to; k++) this.addRow(this.row(keys[k]!), scores, offset);
  }

  /**
   * Best tag sequence for emission scores (n × tags), respecting BIO (no `I-X` after anything but `B-X`/`I-X`).
   *
   * @returns tag indices, one per word (a view of a reused buffer: copy it to keep it)
   */
  decode(scores: Float32Array, n: number): Int32Array {
    const T = this.tags.length;
    if (this.delta.length < n * T) {
      this.delta = new Float64Array(n * T * 2);
      this.back = new Int32Array(n * T * 2);
    }
    if (this.oBias !== 0) for (let i = 0; i < n; i++) scores[i * T]! -= this.oBias;
    if (this.path.length < n) this.path = new Int32Array(Math.max(n, this.path.length * 2));
    return this.viterbi(scores, n, T, this.path.subarray(0, n));
  }

  // `viterbi` over the allowed predecessors only: the same sums in the same order, so the same path.
  private viterbi(scores: Float32Array, n: number, T: number, out: Int32Array): Int32Array {
    if (n === 0) return out;
    const delta = this.delta;
    const back = this.back;
    const trans = this.trans;
    const allowed = this.allowed;
    const prevAt = this.prevAt;
    const prevs = this.prevs;
    const prevTrans = this.prevTrans;
    for (let t = 0; t < T; t++) {
      delta[t] = allowed[T * T + t] ? scores[t]! + trans[T * T + t]! : Number.NEGATIVE_INFINITY;
    }
    for (let i = 1; i < n; i++) {
      const o = i * T;
      const po = o - T;
      for (let t = 0; t < T; t++) {
        let best = Number.NEGATIVE_INFINITY;
        let arg = 0;
        const to = prevAt[t + 1]!;
        for (let k = prevAt[t]!; k < to; k++) {
          const p = prevs[k]!;
          const v = delta[po + p]! + prevTrans[k]!;
          if (v > best) {
            best = v;
            arg = p;
          }
        }
        delta[o + t] = best + scores[o + t]!;
        back[o + t] = arg;
      }
    }
    return bestPath(delta, back, n, T, out);
  }

  /**
   * Load a model written by `serializeModel`.
   *
   * @throws Error `model_invalid` when the file is not a khabar-ner/2 model
   */
  static load(path: string | URL): TaggerModel {
    return TaggerModel.fromBuffer(readFileSync(path), String(path));
  }

  /**
   * Read a model from the bytes `serializeModel` wrote (gzip'd).
   *
   * @param name for error messages
   * @throws Error `model_invalid`
   */
  static fromBuffer(gz: Uint8Array, name = "model"): TaggerModel {
    const buf = gunzipSync(gz);
    const nl = buf.indexOf(10);
    const invalid = () => new Error(`khabar: model_invalid: ${name} is not a khabar-ner/2 model`);
    if (nl < 0 || buf.subarray(0, nl).toString("latin1") !== MAGIC) throw invalid();
    const hlen = buf.readUInt32LE(nl + 1);
    const head = JSON.parse(buf.subarray(nl + 5, nl + 5 + hlen).toString("utf8")) as ModelHeader;
    if (head.format !== MAGIC) throw invalid();
    const T = head.tags.length;
    const F = head.features;
    let at = nl + 5 + hlen;
    at += (4 - (at % 4)) % 4;
    if (buf.length < at + F * 4 + F * T * 2) throw invalid();
    // Copy into aligned typed arrays: the Buffer's offset into its pool need not be aligned.
    const deltas = new Uint32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + F * 4));
    const keys = new Uint32Array(F);
    let key = 0;
    for (let i = 0; i < F; i++) {
      key = (key + deltas[i]!) >>> 0;
      keys[i] = key;
    }
    at += F * 4;
    const ints = new Int16Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + F * T * 2));
    const weights = new Float32Array(F * T);
    // Stored tag-major (all rows' weight for tag 0, then tag 1, ...): long zero runs compress well.
    for (let t = 0; t < T; t++) for (let r = 0; r < F; r++) weights[r * T + t] = ints[t * F + r]! * head.scale;
    const model = new TaggerModel(
      head.tags,
      new FeatureSet(head.templates),
      keys,
      weights,
      Float32Array.from(head.trans),
    );
    model.oBias = head.oBias ?? 0;
    return model;
  }
}

const MAGIC = "khabar-ner/2";

// log2 of the key filter's size in bits (2^20 bits = 128 KB; about 8% of its bits are set for the shipped model).
const FILTER_BITS = 20;

/** The JSON header of a model file. */
export interface ModelHeader {
  format: "khabar-ner/2";
  /** Where the training data came from, and its licence. */
  source: string;
  tags: string[];
  /** Feature template names (features.ts). */
  templates: string[];
  /** Weight = stored int16 × scale. */
  scale: number;
  trans: number[];
  /** Number of weight rows. */
  features: number;
  /** See `TaggerModel.oBias`. */
  oBias?: number;
}

/**
 * Quantize and serialize weights: features whose weights are all below
 * `prune` (absolute) are dropped; the rest become int16. Layout (then gzip'd):
 * the line `khabar-ner/2`, a uint32 header length and the JSON header
 * (`ModelHeader`), padding to 4 bytes, the sorted feature keys as uint32
 * deltas, and the int16 weights tag-major. All little-endian.
 *
 * @param oBias see `TaggerModel.oBias`
 * @returns the gzip'd bytes and the number of rows kept
 */
export function serializeModel(
  tags: readonly string[],
  features: FeatureSet,
  index: Map<number, number>,
  weights: Float32Array,
  trans: Float32Array,
  prune: number,
  source: string,
  oBias = 0,
): { bytes: Buffer; kept: number } {
  const T = tags.length;
  let max = 0;
  for (const v of weights) max = Math.max(max, Math.abs(v));
  for (const v of trans) max = Math.max(max, Math.abs(v));
  const scale = max / 32767 || 1;
  const rows: [number, number][] = [];
  for (const [key, row] of index) {
    let keep = false;
    for (let t = 0; t < T; t++) if (Math.abs(weights[row * T + t]!) >= prune) keep = true;
    if (keep) rows.push([key, row]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const F = rows.length;
  const deltas = new Uint32Array(F);
  const q = new Int16Array(F * T);
  let prev = 0;
  rows.forEach(([key, row], i) => {
    deltas[i] = (key - prev) >>> 0;
    prev = key;
    for (let t = 0; t < T; t++) q[t * F + i] = Math.round(weights[row * T + t]! / scale);
  });
  const head: ModelHeader = {
    format: MAGIC,
    source,
    tags: [...tags],
    templates: [...features.names],
    scale,
    trans: Array.from(trans, (v) => Math.round(v / scale) * scale),
    features: F,
    oBias,
  };
  const json = Buffer.from(JSON.stringify(head), "utf8");
  const magic = Buffer.from(`${MAGIC}\n`, "latin1");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const used = magic.length + 4 + json.length;
  const pad = Buffer.alloc((4 - (used % 4)) % 4);
  const body = Buffer.concat([magic, len, json, pad, Buffer.from(deltas.buffer), Buffer.from(q.buffer)]);
  return { bytes: gzipSync(body, { level: 9 }), kept: F };
}

/**
 * Which transitions BIO allows: `allowed[prev * T + t]`, with `prev = T` for the sentence start.
 */
export function allowedTransitions(tags: readonly string[]): Uint8Array {
  const T = tags.length;
  const a = new Uint8Array((T + 1) * T);
  for (let p = 0; p <= T; p++) {
    for (let t = 0; t < T; t++) {
      const tag = tags[t]!;
      if (!tag.startsWith("I-")) a[p * T + t] = 1;
      else if (p < T) {
        const prev = tags[p]!;
        a[p * T + t] = prev.slice(2) === tag.slice(2) && prev !== "O" ? 1 : 0;
      }
    }
  }
  return a;
}

/**
 * First-order Viterbi.
 *
 * @param scores n × T emission scores
 * @param trans (T + 1) × T transition scores (row T = start)
 * @param allowed (T + 1) × T, 0 where a transition is forbidden
 * @param delta work buffer of at least n × T (allocated when absent)
 * @param back work buffer of at least n × T (allocated when absent)
 * @returns the best tag index per position
 */
export function viterbi(
  scores: Float32Array,
  n: number,
  T: number,
  trans: Float32Array,
  allowed: Uint8Array,
  delta: Float64Array = new Float64Array(n * T),
  back: Int32Array = new Int32Array(n * T),
): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  for (let t = 0; t < T; t++) {
    delta[t] = allowed[T * T + t] ? scores[t]! + trans[T * T + t]! : Number.NEGATIVE_INFINITY;
  }
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!allowed[p * T + t]) continue;
        const v = delta[(i - 1) * T + p]! + trans[p * T + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[i * T + t] = best + scores[i * T + t]!;
      back[i * T + t] = arg;
    }
  }
  return bestPath(delta, back, n, T, out);
}

// The end of Viterbi: the best last tag, then the back-pointers to the first (`out` filled and returned).
function bestPath(delta: Float64Array, back: Int32Array, n: number, T: number, out: Int32Array): Int32Array {
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  const last = (n - 1) * T;
  for (let t = 0; t < T; t++) {
    if (delta[last + t]! > best) {
      best = delta[last + t]!;
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) {
    arg = back[i * T + arg]!;
    out[i - 1] = arg;
  }
  return out;
}

/** One training sentence: feature keys per word and gold tag indices. */
export interface TrainingSentence {
  features: Uint32Array[];
  gold: number[];
}

/**
 * Train an averaged structured perceptron.
 *
 * @param tags tag names (`O` first)
 * @param data sentences with their features
 * @param epochs passes over the data (shuffled each pass with a fixed seed)
 * @param log progress callback
 * @param minCount features seen fewer times are left out (rare words overfit)
 * @returns averaged weights, the feature index and transitions
 */
export function trainPerceptron(
  tags: readonly string[],
  data: readonly TrainingSentence[],
  epochs: number,
  log: (msg: string) => void = () => {},
  minCount = 1,
): { index: Map<number, number>; weights: Float32Array; trans: Float32Array } {
  const T = tags.length;
  const counts = new Map<number, number>();
  for (const s of data) for (const fs of s.features) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<number, number>();
  const ids: Int32Array[][] = data.map((s) =>
    s.features.map((fs) => {
      const out: number[] = [];
      for (const f of fs) {
        if ((counts.get(f) ?? 0) < minCount) continue;
        let id = index.get(f);
        if (id === undefined) {
          id = index.size;
          index.set(f, id);
        }
        out.push(id);
      }
      return Int32Array.from(out);
    }),
  );
  const F = index.size;
  // Lazy averaging: sum of weights over time = w * c - acc, where acc accumulates c_at_update * delta.
  const w = new Float64Array(F * T);
  const acc = new Float64Array(F * T);
  const tr = new Float64Array((T + 1) * T);
  const trAcc = new Float64Array((T + 1) * T);
  const allowed = allowedTransitions(tags);
  let c = 1;
  const order = data.map((_, i) => i);
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const trans32 = new Float32Array((T + 1) * T);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    let words = 0;
    for (const si of order) {
      const sent = ids[si]!;
      const gold = data[si]!.gold;
      const n = sent.length;
      const scores = new Float32Array(n * T);
      for (let i = 0; i < n; i++) {
        for (const f of sent[i]!) for (let t = 0; t < T; t++) scores[i * T + t]! += w[f * T + t]!;
      }
      for (let k = 0; k < tr.length; k++) trans32[k] = tr[k]!;
      const pred = viterbi(scores, n, T, trans32, allowed);
      let wrong = false;
      for (let i = 0; i < n; i++) if (pred[i] !== gold[i]) wrong = true;
      words += n;
      if (wrong) {
        for (let i = 0; i < n; i++) {
          const g = gold[i]!;
          const p = pred[i]!;
          const gp = i > 0 ? gold[i - 1]! : T;
          const pp = i > 0 ? pred[i - 1]! : T;
          if (g !== p) {
            errors++;
            for (const f of sent[i]!) {
              w[f * T + g]! += 1;
              acc[f * T + g]! += c;
              w[f * T + p]! -= 1;
              acc[f * T + p]! -= c;
            }
          }
          if (g !== p || gp !== pp) {
            tr[gp * T + g]! += 1;
            trAcc[gp * T + g]! += c;
            tr[pp * T + p]! -= 1;
            trAcc[pp * T + p]! -= c;
          }
        }
      }
      c++;
    }
    log(`epoch ${e + 1}: ${errors} word errors of ${words} (${((100 * errors) / words).toFixed(2)}%)`);
  }
  const weights = new Float32Array(F * T);
  for (let k = 0; k < weights.length; k++) weights[k] = w[k]! - acc[k]! / c;
  const trans = new Float32Array((T + 1) * T);
  for (let k = 0; k < trans.length; k++) trans[k] = tr[k]! - trAcc[k]! / c;
  return { index, weights, trans };
}
