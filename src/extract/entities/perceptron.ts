import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/**
 * A structured (averaged) perceptron over BIO tags: per-feature weights for
 * each tag plus tag-to-tag transition weights, decoded with Viterbi.
 * Training lives in `trainPerceptron`; the shipped weights are quantized to
 * 16-bit integers (see `serializeModel`).
 */
export class TaggerModel {
  readonly tags: readonly string[];
  private readonly index: Map<string, number>;
  private readonly weights: Float32Array;
  /** (tags + 1) × tags: row `tags.length` is the sentence start. */
  private readonly trans: Float32Array;
  private readonly allowed: Uint8Array;
  // Viterbi work buffers, grown on demand and reused (one model serves one thread).
  private delta = new Float64Array(0);
  private back = new Int32Array(0);

  /**
   * @param tags tag names, `O` first, then `B-X`/`I-X`
   * @param index feature → row
   * @param weights rows × tags
   * @param trans (tags + 1) × tags transition weights
   */
  constructor(tags: readonly string[], index: Map<string, number>, weights: Float32Array, trans: Float32Array) {
    this.tags = tags;
    this.index = index;
    this.weights = weights;
    this.trans = trans;
    this.allowed = allowedTransitions(tags);
  }

  /** Number of features with weights. */
  get size(): number {
    return this.index.size;
  }

  /** The weight row of feature `f`, or -1 when the model has none. */
  rowOf(f: string): number {
    return this.index.get(f) ?? -1;
  }

  /**
   * The words on each side of the model's pair features with these prefixes
   * (`bb=a|b` gives `a` left and `b` right), so a tagger can skip pairs the model cannot know.
   */
  pairWords(prefixes: readonly string[]): { left: Set<string>; right: Set<string> } {
    const left = new Set<string>();
    const right = new Set<string>();
    for (const f of this.index.keys()) {
      const p = prefixes.find((x) => f.startsWith(x));
      if (!p) continue;
      const bar = f.indexOf("|", p.length);
      left.add(f.slice(p.length, bar));
      right.add(f.slice(bar + 1));
    }
    return { left, right };
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
   * Add the emission scores of `features` to `scores` at `offset`.
   */
  score(features: readonly string[], scores: Float32Array, offset: number): void {
    const T = this.tags.length;
    const w = this.weights;
    for (const f of features) {
      const row = this.index.get(f);
      if (row === undefined) continue;
      const base = row * T;
      for (let t = 0; t < T; t++) scores[offset + t]! += w[base + t]!;
    }
  }

  /**
   * Best tag sequence for emission scores (n × tags), respecting BIO (no `I-X` after anything but `B-X`/`I-X`).
   *
   * @returns tag indices, one per word
   */
  decode(scores: Float32Array, n: number): Int32Array {
    const T = this.tags.length;
    if (this.delta.length < n * T) {
      this.delta = new Float64Array(n * T * 2);
      this.back = new Int32Array(n * T * 2);
    }
    return viterbi(scores, n, T, this.trans, this.allowed, this.delta, this.back);
  }

  /**
   * Load a model written by `serializeModel` (gzip-compressed JSON).
   *
   * @throws Error `model_invalid` when the file is not a tagger model
   */
  static load(path: string | URL): TaggerModel {
    const json = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as SerializedModel;
    if (json.format !== "khabar-ner/1")
      throw new Error(`khabar: model_invalid: ${String(path)} is not a khabar-ner/1 model`);
    const features = json.features.split("\n");
    const q = Buffer.from(json.weights, "base64");
    const ints = new Int16Array(q.buffer, q.byteOffset, q.byteLength / 2);
    const weights = new Float32Array(ints.length);
    for (let i = 0; i < ints.length; i++) weights[i] = ints[i]! * json.scale;
    const index = new Map<string, number>();
    for (let i = 0; i < features.length; i++) index.set(features[i]!, i);
    return new TaggerModel(json.tags, index, weights, Float32Array.from(json.trans));
  }
}

/** The on-disk form of a model. */
export interface SerializedModel {
  format: "khabar-ner/1";
  /** Where the training data came from, and its licence. */
  source: string;
  tags: string[];
  /** Weight = stored int16 × scale. */
  scale: number;
  trans: number[];
  /** Feature names, `\n`-joined, in row order. */
  features: string;
  /** Little-endian int16 rows × tags, base64. */
  weights: string;
}

/**
 * Quantize and serialize weights: features whose weights are all below
 * `prune` (absolute) are dropped; the rest become int16.
 *
 * @returns the JSON-ready model
 */
export function serializeModel(
  tags: readonly string[],
  index: Map<string, number>,
  weights: Float32Array,
  trans: Float32Array,
  prune: number,
  source: string,
): SerializedModel {
  const T = tags.length;
  let max = 0;
  for (const v of weights) max = Math.max(max, Math.abs(v));
  for (const v of trans) max = Math.max(max, Math.abs(v));
  const scale = max / 32767 || 1;
  const names: string[] = [];
  const rows: number[] = [];
  for (const [f, row] of index) {
    let keep = false;
    for (let t = 0; t < T; t++) if (Math.abs(weights[row * T + t]!) >= prune) keep = true;
    if (keep) {
      names.push(f);
      rows.push(row);
    }
  }
  const q = new Int16Array(rows.length * T);
  rows.forEach((row, i) => {
    for (let t = 0; t < T; t++) q[i * T + t] = Math.round(weights[row * T + t]! / scale);
  });
  return {
    format: "khabar-ner/1",
    source,
    tags: [...tags],
    scale,
    trans: Array.from(trans, (v) => Math.round(v / scale) * scale),
    features: names.join("\n"),
    weights: Buffer.from(q.buffer).toString("base64"),
  };
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
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    if (delta[(n - 1) * T + t]! > best) {
      best = delta[(n - 1) * T + t]!;
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

/** One training sentence: feature lists per word and gold tag indices. */
export interface TrainingSentence {
  features: string[][];
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
): { index: Map<string, number>; weights: Float32Array; trans: Float32Array } {
  const T = tags.length;
  const counts = new Map<string, number>();
  for (const s of data) for (const fs of s.features) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
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
