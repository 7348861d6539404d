import {
  END,
  type FeatureSet,
  featureKey,
  gazetteerHash,
  pairHash,
  START,
  TEMPLATE_ID as ID,
  TEMPLATES,
  type WordInfo,
  wordKey,
} from "./features.ts";
import type { KnowledgeBase } from "./kb.ts";
import type { TaggerModel } from "./perceptron.ts";
import { WordClasses } from "./word-classes.ts";

/** A tagged chunk: words `start..end` (half-open) of one sentence, with its type. */
export interface Chunk {
  start: number;
  end: number;
  type: string;
}

// A word's features and summed weights, cached per distinct word. `sums` holds
// 5 blocks of one score per tag: block 0 the sum of the rows of its word-only
// features; blocks 1-4 the sums of the rows it gives the word 2 after, 1
// after, 1 before and 2 before it (as w-2/b-2, as w-1/b-1/wc-1/s2-1, ...).
// Summing once per word turns ~25 scattered row reads per token into 5
// reads of memory the word owns; the pair features are looked up per token.
interface CachedWord extends WordInfo {
  sums: Float32Array;
}

const NO_GAZ = gazetteerHash("");
const BB = ID.bb;
const BN = ID.bn;
const GB = ID.gb;
const WCC = ID.wcc;
const G = ID.g;
const G_1 = ID["g-1"];
const G1 = ID["g+1"];

// Block of `sums` for a neighbour at distance d (ROLE's second field).
const blockOf = (d: number) => (d === -2 ? 1 : d === -1 ? 2 : d === 1 ? 3 : 4);

// Single-word context templates: [template, which neighbour, which hash]. A word
// at distance d before (d < 0) or after the current one gives these.
const ROLE = [
  ["w-1", -1, "wordHash"],
  ["w-2", -2, "wordHash"],
  ["w+1", 1, "wordHash"],
  ["w+2", 2, "wordHash"],
  ["b-1", -1, "bareHash"],
  ["b+1", 1, "bareHash"],
  ["b-2", -2, "bareHash"],
  ["b+2", 2, "bareHash"],
  ["wc-1", -1, "classHash"],
  ["wc+1", 1, "classHash"],
  ["s2-1", -1, "suffixHash"],
  ["s2+1", 1, "suffixHash"],
] as const;

const CACHE_LIMIT = 100_000;

/**
 * The sequence tagger: features (with the knowledge base as gazetteer), the
 * perceptron's scores, Viterbi. A word's hashes and the rows of its word-only
 * features are cached per distinct word (bounded), so a token costs its
 * context keys (integer mixes) and a score row per feature; work buffers are
 * reused across sentences. The features are features.ts's, the ones training
 * uses.
 */
export class Tagger {
  private readonly model: TaggerModel;
  private readonly kb: KnowledgeBase;
  private readonly classes: WordClasses;
  private readonly features: FeatureSet;
  private readonly cache = new Map<string, CachedWord>();
  private readonly gazHashes = new Map<string, number>();
  private scores = new Float32Array(0);
  // Blocks 1-4 of the sentence boundary (START before the first word, END after the last).
  private readonly edge: Float32Array;
  // g=, g-1=, g+1= rows summed for a word with no gazetteer tag on it or its neighbours.
  private readonly noGaz: Float32Array;
  private readonly gazRows = new Map<number, number>();
  private gaz = new Uint32Array(0);
  private info: CachedWord[] = [];

  /**
   * @param model trained weights
   * @param kb the gazetteer (the same knowledge base the model was trained with gives the best results)
   */
  constructor(model: TaggerModel, kb: KnowledgeBase) {
    this.model = model;
    this.kb = kb;
    this.classes = new WordClasses(kb);
    this.features = model.features;
    const T = model.tags.length;
    this.edge = new Float32Array(5 * T);
    for (const [t, d] of ROLE) model.addRow(this.roleRow(t, d < 0 ? START : END), this.edge, blockOf(d) * T);
    this.noGaz = new Float32Array(T);
    for (const t of [ID.g, ID["g-1"], ID["g+1"]]) model.addRow(this.gazRow(t, NO_GAZ), this.noGaz, 0);
  }

  /**
   * BIO tags for one sentence.
   *
   * @param words the sentence's words, matching form
   * @returns one tag per word (`O`, `B-PER`, `I-PER`, ...)
   */
  tag(words: readonly string[]): string[] {
    const n = words.length;
    if (n === 0) return [];
    const m = this.model;
    const T = m.tags.length;
    if (this.scores.length < n * T) this.scores = new Float32Array(Math.max(n * T, this.scores.length * 2));
    if (this.gaz.length < n) this.gaz = new Uint32Array(Math.max(n, this.gaz.length * 2));
    const scores = this.scores.subarray(0, n * T);
    scores.fill(0);
    const info = this.info;
    info.length = n;
    for (let i = 0; i < n; i++) info[i] = this.word(words[i]!);
    const gazTags = this.kb.gazetteer(words);
    const gaz = this.gaz;
    for (let i = 0; i < n; i++) gaz[i] = this.gazHash(gazTags[i]!);
    const on = this.features.on;
    const edge = this.edge;
    for (let i = 0; i < n; i++) {
      const o = i * T;
      const cur = info[i]!;
      addBlock(cur.sums, 0, scores, o, T);
      addBlock(i > 1 ? info[i - 2]!.sums : edge, 1, scores, o, T);
      addBlock(i > 0 ? info[i - 1]!.sums : edge, 2, scores, o, T);
      addBlock(i + 1 < n ? info[i + 1]!.sums : edge, 3, scores, o, T);
      addBlock(i + 2 < n ? info[i + 2]!.sums : edge, 4, scores, o, T);
      const p1 = i > 0 ? info[i - 1]!.bareHash : START;
      const n1 = i + 1 < n ? info[i + 1]!.bareHash : END;
      const g = gaz[i]!;
      if (on[BB]) m.addRow(m.row(featureKey(BB, pairHash(p1, cur.bareHash))), scores, o);
      if (on[BN]) m.addRow(m.row(featureKey(BN, pairHash(cur.bareHash, n1))), scores, o);
      // Most words are outside any gazetteer name: their three rows are summed once (`noGaz`).
      const gp = i > 0 ? gaz[i - 1]! : START;
      const gn = i + 1 < n ? gaz[i + 1]! : END;
      if (g === NO_GAZ && gp === NO_GAZ && gn === NO_GAZ) addBlock(this.noGaz, 0, scores, o, T);
      else {
        if (on[G]) m.addRow(this.gazRow(G, g), scores, o);
        if (on[G_1]) m.addRow(this.gazRow(G_1, gp), scores, o);
        if (on[G1]) m.addRow(this.gazRow(G1, gn), scores, o);
      }
      if (on[GB]) m.addRow(m.row(featureKey(GB, pairHash(g, cur.bareHash))), scores, o);
      if (on[WCC]) {
        const c = pairHash(
          pairHash(i > 0 ? info[i - 1]!.classHash : START, cur.classHash),
          i + 1 < n ? info[i + 1]!.classHash : END,
        );
        m.addRow(m.row(featureKey(WCC, c)), scores, o);
      }
    }
    const best = m.decode(scores, n);
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = m.tags[best[i]!]!;
    return out;
  }

  /**
   * Whether the model has a weight for this whole word (it was seen in training often enough).
   *
   * @param word matching form
   */
  knows(word: string): boolean {
    return this.model.row(wordKey(word)) >= 0;
  }

  /** The word classes the tagger uses (for training with the same features). */
  get wordClasses(): WordClasses {
    return this.classes;
  }

  /**
   * BIO tags computed without the caches (every key of every word looked up
   * afresh); must agree with `tag`. For tests.
   */
  tagPlain(words: readonly string[]): string[] {
    const n = words.length;
    const m = this.model;
    const T = m.tags.length;
    const scores = new Float32Array(n * T);
    const info = words.map((w) => this.features.wordInfo(w, this.classOf));
    const gaz = Uint32Array.from(this.kb.gazetteer(words), gazetteerHash);
    const keys = new Uint32Array(TEMPLATES.length);
    for (let i = 0; i < n; i++) {
      m.score(info[i]!.self, 0, info[i]!.self.length, scores, i * T);
      const end = this.features.contextKeys(info, gaz, i, keys, 0);
      m.score(keys, 0, end, scores, i * T);
    }
    return Array.from(m.decode(scores, n), (t) => m.tags[t]!);
  }

  private readonly classOf = (bare: string) => this.classes.of(bare);

  // The row of a context template for a value hash; -1 when the template is off or the model has no weight.
  private roleRow(template: (typeof ROLE)[number][0], value: number): number {
    const id = ID[template];
    return this.features.on[id] ? this.model.row(featureKey(id, value)) : -1;
  }

  // Rows of g=, g-1=, g+1= by gazetteer tag hash (a dozen values), memoized.
  private gazRow(template: number, value: number): number {
    const k = value * 64 + template;
    let r = this.gazRows.get(k);
    if (r === undefined) {
      r = this.features.on[template] ? this.model.row(featureKey(template, value)) : -1;
      this.gazRows.set(k, r);
    }
    return r;
  }

  private gazHash(tag: string): number {
    let h = this.gazHashes.get(tag);
    if (h === undefined) {
      h = gazetteerHash(tag);
      this.gazHashes.set(tag, h);
    }
    return h;
  }

  private word(w: string): CachedWord {
    const hit = this.cache.get(w);
    if (hit) return hit;
    const info = this.features.wordInfo(w, this.classOf);
    const m = this.model;
    const T = m.tags.length;
    const sums = new Float32Array(5 * T);
    for (const key of info.self) m.addRow(m.row(key), sums, 0);
    for (const [t, d, h] of ROLE) m.addRow(this.roleRow(t, info[h]), sums, blockOf(d) * T);
    const cached: CachedWord = { ...info, sums };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(w, cached);
    return cached;
  }
}

// scores[o..o+T) += sums[block*T..]
function addBlock(sums: Float32Array, block: number, scores: Float32Array, o: number, T: number): void {
  const b = block * T;
  for (let t = 0; t < T; t++) scores[o + t]! += sums[b + t]!;
}

/**
 * Chunks of a BIO tag sequence (an `I-X` without a `B-X` opens a chunk, as conlleval does).
 *
 * @returns chunks in order
 */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let open: Chunk | undefined;
  tags.forEach((tag, i) => {
    const type = tag === "O" ? "" : tag.slice(2);
    if (open && (tag === "O" || tag.startsWith("B-") || type !== open.type)) {
      open.end = i;
      out.push(open);
      open = undefined;
    }
    if (tag !== "O" && !open) open = { start: i, end: i + 1, type };
  });
  if (open) {
    open.end = tags.length;
    out.push(open);
  }
  return out;
}
