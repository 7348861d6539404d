import { bareForm, type CliticSplit, cliticSplits, nameKeyStarts, withoutArticle } from "./clitics.ts";
import {
  bareSuffixHash,
  END,
  type FeatureSet,
  featureKey,
  gazetteerHash,
  hashSlice,
  hashString,
  pairHash,
  START,
  TEMPLATE_ID as ID,
  TEMPLATES,
  wordKey,
} from "./features.ts";
import type { KbEntry, KbStart, KnowledgeBase } from "./kb.ts";
import type { TaggerModel } from "./perceptron.ts";
import { CLASS_COUNT, WordClasses } from "./word-classes.ts";

/** A proclitic reading of a word with its article-less base (`Tagger.nameKeysOf`), and the base's hash. */
export interface NameKey extends CliticSplit {
  /** `hashString(base)` as int32. */
  hash: number;
}

/** A tagged chunk: words `start..end` (half-open) of one sentence, with its type. */
export interface Chunk {
  start: number;
  end: number;
  type: string;
}

/**
 * What tagging and the entities stage need about one distinct word, computed
 * once and cached (`Tagger.entry`). `sums` holds 5 blocks of one score per
 * tag: block 0 the sum of the rows of its word-only features; blocks 1-4 the
 * sums of the rows it gives the word 2 after, 1 after, 1 before and 2 before
 * it (as w-2/b-2, as w-1/b-1/wc-1/s2-1, ...). Summing once per word turns
 * ~25 scattered row reads per token into 5 reads of memory the word owns; the
 * pair features are looked up per token. The knowledge-base facts a token
 * would otherwise look up by string again (can a name start here? is it a
 * demonym?) ride along, so a token costs one string lookup in all.
 */
export interface WordEntry {
  /** The word (matching form). */
  word: string;
  /** Hash of its `bareForm`, as int32 (the same 32 bits as `hashString` gives: a small integer, never boxed). */
  bareHash: number;
  /** Where its 5 blocks of summed scores are: `sums[at..at + 5 × tags)` (a slab shared by many words). */
  sums: Float32Array;
  at: number;
  /** Row of the `gb` feature when no gazetteer name covers the word (-1: none). */
  gbRow: number;
  /** Its word class as a number (`WordClasses.bitsOf`), which indexes the `wcc` memo. */
  classBits: number;
  /** Whether a knowledge-base alias can begin with this word (`KnowledgeBase.startsName`). */
  startsName: boolean;
  /** Where a knowledge-base alias can begin in it (`KnowledgeBase.startsOf`), for `KnowledgeBase.matchFrom`. */
  starts: readonly KbStart[];
  /** The word without a leading article (`withoutArticle`). */
  noArticle: string;
  /**
   * The hashes (`hashString`, as int32) of the bases of its proclitic readings as `nameKeysOf` gives them,
   * in order; a word with fewer readings repeats the first. They let a caller rule out string lookups
   * (a filter of hashes says no) without reading the readings themselves.
   */
  keyHash0: number;
  keyHash1: number;
  keyHash2: number;
  /** The country it names as a nisba adjective (`KnowledgeBase.demonym`); null: none; undefined: not asked yet. */
  demonym: KbEntry | null | undefined;
  /** Its proclitic splits with the article-less base as `base` (`splitsOf` + `withoutArticle`); undefined until asked. */
  nameKeys: readonly NameKey[] | undefined;
}

const NO_GAZ = gazetteerHash("");
// The hashes `tagIndices` keeps in its gazetteer buffer, as int32 (the same 32 bits): read back and passed
// on, an unsigned hash above 2^31 would be boxed as a heap number at every call.
const NO_GAZ32 = NO_GAZ | 0;
const START32 = START | 0;
const END32 = END | 0;
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
// Words whose sums share one Float32Array: one allocation per 2,048 new words instead of one per word.
const SLAB_WORDS = 2048;

// The `wcc` memo is indexed by (class before, class, class after); EDGE stands for START/END.
const EDGE = CLASS_COUNT;
const wccIndex = (p: number, c: number, n: number) => (p * CLASS_COUNT + c) * (CLASS_COUNT + 1) + n;

/**
 * The sequence tagger: features (with the knowledge base as gazetteer), the
 * perceptron's scores, Viterbi. A word's hashes and the rows of its word-only
 * features are cached per distinct word (bounded), so a token costs its
 * context keys (integer mixes) and a score row per feature; work buffers are
 * reused across sentences. The features are features.ts's, the ones training
 * uses. The knowledge base must not change after the tagger is built (its
 * facts are cached per word).
 */
export class Tagger {
  private readonly model: TaggerModel;
  private readonly kb: KnowledgeBase;
  private readonly classes: WordClasses;
  private readonly features: FeatureSet;
  private readonly cache = new Map<string, WordEntry>();
  private scores = new Float32Array(0);
  // Blocks 1-4 of the sentence boundary (START before the first word, END after the last).
  private readonly edge: Float32Array;
  // g=, g-1=, g+1= rows summed for a word with no gazetteer tag on it or its neighbours.
  private readonly noGaz: Float32Array;
  // By template, then by gazetteer tag hash as int32 (a small-integer key: a uint32 above 2^31 would box).
  private readonly gazRows = new Map<number, Map<number, number>>();
  // Gazetteer tag hashes of `B-X` and `I-X` by entity type (int32, as the gazetteer buffer holds them).
  private readonly gazB = new Map<string, number>();
  private readonly gazI = new Map<string, number>();
  private gaz = new Int32Array(0);
  // `wcc` rows by class triple (-2: not looked up yet); class hashes by class number.
  private readonly wccRows: Int32Array;
  private readonly classHashes: Uint32Array;
  // Per tag index: its type (`""` for O) and whether it is a `B-` tag (for `chunksOf`).
  private readonly tagType: string[];
  private readonly tagBegins: Uint8Array;
  // The enabled single-word context templates in ROLE order: template id, block of `sums`, which hash.
  private readonly roles: { id: number; block: number; hash: (typeof ROLE)[number][2] }[];
  private slab = new Float32Array(0);
  private slabUsed = 0;
  private readonly keys = new Uint32Array(TEMPLATES.length);
  private readonly cuts = new Int32Array(3);

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
    for (const type of ["PER", "ORG", "GPE", "LOC", "MISC"]) {
      this.gazB.set(type, gazetteerHash(`B-${type}`) | 0);
      this.gazI.set(type, gazetteerHash(`I-${type}`) | 0);
    }
    this.wccRows = new Int32Array(this.features.on[WCC] ? wccIndex(EDGE, CLASS_COUNT - 1, EDGE) + 1 : 0).fill(-2);
    this.classHashes = new Uint32Array(CLASS_COUNT + 1);
    for (let b = 0; b < CLASS_COUNT; b++) this.classHashes[b] = hashString(this.classes.nameOf(b));
    this.tagType = model.tags.map((t) => (t === "O" ? "" : t.slice(2)));
    this.tagBegins = Uint8Array.from(model.tags, (t) => (t.startsWith("B-") ? 1 : 0));
    this.roles = ROLE.filter(([t]) => this.features.on[ID[t]]).map(([t, d, hash]) => ({
      id: ID[t],
      block: blockOf(d),
      hash,
    }));
  }

  /**
   * BIO tags for one sentence.
   *
   * @param words the sentence's words, matching form
   * @returns one tag per word (`O`, `B-PER`, `I-PER`, ...)
   */
  tag(words: readonly string[]): string[] {
    const entries = words.map((w) => this.entry(w));
    const best = this.tagIndices(words, entries, 0, words.length);
    return Array.from(best, (t) => this.model.tags[t]!);
  }

  /**
   * Chunks of one sentence, read off the best tag sequence: `chunks(tag(words))`
   * without the tag strings. The sentence is `words[from..to)`; chunk offsets are relative to `from`.
   *
   * @param words matching forms (the whole document's may be passed, with the sentence's range)
   * @param entries `entry(words[i])` for each i in the range
   */
  chunksOf(words: readonly string[], entries: readonly WordEntry[], from: number, to: number): Chunk[] {
    const best = this.tagIndices(words, entries, from, to);
    const types = this.tagType;
    const begins = this.tagBegins;
    const n = to - from;
    // Two passes (count, then fill): most sentences have a few chunks, and an array grown from empty
    // would reserve room for 17.
    let count = 0;
    let open = "";
    for (let i = 0; i < n; i++) {
      const t = best[i]!;
      const type = types[t]!;
      if (type !== "" && (open === "" || begins[t] || type !== open)) count++;
      open = type;
    }
    const out = new Array<Chunk>(count);
    let k = -1;
    open = "";
    for (let i = 0; i < n; i++) {
      const t = best[i]!;
      const type = types[t]!;
      if (type === "") {
        if (open !== "") out[k]!.end = i;
      } else if (open === "" || begins[t] || type !== open) {
        if (open !== "") out[k]!.end = i;
        out[++k] = { start: i, end: n, type };
      }
      open = type;
    }
    return out;
  }

  /**
   * The cached facts about one word (built on first sight; the cache is bounded).
   *
   * @param w matching form
   */
  entry(w: string): WordEntry {
    const hit = this.cache.get(w);
    if (hit !== undefined) return hit;
    return this.build(w);
  }

  /**
   * The proclitic readings of a word with the article-less base (`withoutArticle` of each
   * `splitsOf` base: `وللبكري` → `وللبكري`, `للبكري`, `بكري`), remembered on its entry.
   *
   * @param e the word's entry
   */
  nameKeysOf(e: WordEntry): readonly NameKey[] {
    e.nameKeys ??= nameKeys(e.word);
    return e.nameKeys;
  }

  /**
   * The country a word names as a nisba adjective (`KnowledgeBase.demonym`), remembered on its entry.
   *
   * @param e the word's entry
   */
  demonymOf(e: WordEntry): KbEntry | undefined {
    if (e.demonym === undefined) e.demonym = this.kb.demonym(e.word) ?? null;
    return e.demonym ?? undefined;
  }

  // Best tag index per word of words[from..to) (a view of a reused buffer).
  private tagIndices(words: readonly string[], entries: readonly WordEntry[], from: number, to: number): Int32Array {
    const n = to - from;
    if (n <= 0) return new Int32Array(0);
    const m = this.model;
    const T = m.tags.length;
    if (this.scores.length < n * T) this.scores = new Float32Array(Math.max(n * T, this.scores.length * 2));
    if (this.gaz.length < n) this.gaz = new Int32Array(Math.max(n, this.gaz.length * 2));
    const scores = this.scores;
    const gaz = this.gaz;
    // Gazetteer tags: greedy longest matches, left to right (`KnowledgeBase.gazetteer`), hashed.
    gaz.fill(NO_GAZ32, 0, n);
    for (let i = from; i < to; ) {
      const starts = entries[i]!.starts;
      const m1 = starts.length > 0 ? this.kb.matchFrom(starts, words, i, to) : undefined;
      if (!m1) {
        i++;
        continue;
      }
      const type = m1.entries[0]!.type;
      gaz[i - from] = this.gazB.get(type)!;
      for (let k = 1; k < m1.length; k++) gaz[i - from + k] = this.gazI.get(type)!;
      i += m1.length;
    }
    const on = this.features.on;
    const onBB = on[BB] === 1;
    const onBN = on[BN] === 1;
    const onGB = on[GB] === 1;
    const onWCC = on[WCC] === 1;
    const edge = this.edge;
    const T2 = 2 * T;
    const T3 = 3 * T;
    const T4 = 4 * T;
    const fround = Math.fround;
    const W = m.weightRows;
    const noGaz = this.noGaz;
    for (let j = 0; j < n; j++) {
      const i = from + j;
      const o = j * T;
      const cur = entries[i]!;
      const prev = j > 0 ? entries[i - 1]! : undefined;
      const next = j + 1 < n ? entries[i + 1]! : undefined;
      // Pair features: looked up per token (most pairs are not in the model, and its key filter says so cheaply).
      // A key passes as `| 0` (the same 32 bits, signed): an unsigned key ≥ 2^31 would be boxed as a heap number.
      const rb = onBB ? m.row(featureKey(BB, pairHash(prev ? prev.bareHash : START, cur.bareHash)) | 0) : -1;
      const rn = onBN ? m.row(featureKey(BN, pairHash(cur.bareHash, next ? next.bareHash : END)) | 0) : -1;
      const g = gaz[j]!;
      const gp = j > 0 ? gaz[j - 1]! : START32;
      const gn = j + 1 < n ? gaz[j + 1]! : END32;
      // Most words are outside any gazetteer name: their three rows are summed once (`noGaz`).
      const plain = g === NO_GAZ32 && gp === NO_GAZ32 && gn === NO_GAZ32;
      const rg = plain && onGB ? cur.gbRow : -1;
      const rw =
        plain && onWCC ? this.wccRow(prev ? prev.classBits : EDGE, cur.classBits, next ? next.classBits : EDGE) : -1;
      const p2 = j > 1 ? entries[i - 2]! : undefined;
      const n2 = j + 2 < n ? entries[i + 2]! : undefined;
      const a = cur.sums;
      const b = p2 ? p2.sums : edge;
      const c = prev ? prev.sums : edge;
      const d = next ? next.sums : edge;
      const e = n2 ? n2.sums : edge;
      const ao = cur.at;
      const bo = (p2 ? p2.at : 0) + T;
      const co = (prev ? prev.at : 0) + T2;
      const dO = (next ? next.at : 0) + T3;
      const eo = (n2 ? n2.at : 0) + T4;
      const wb = rb * T;
      const wn = rn * T;
      const wg = rg * T;
      const ww = rw * T;
      // One pass per tag adding every row in the order (and with the float32 rounding) of adding
      // them one by one into `scores`: the five blocks, bb, bn, the gazetteer rows, gb, wcc.
      for (let t = 0; t < T; t++) {
        let s = fround(0 + a[ao + t]!);
        s = fround(s + b[bo + t]!);
        s = fround(s + c[co + t]!);
        s = fround(s + d[dO + t]!);
        s = fround(s + e[eo + t]!);
        if (rb >= 0) s = fround(s + W[wb + t]!);
        if (rn >= 0) s = fround(s + W[wn + t]!);
        if (plain) {
          s = fround(s + noGaz[t]!);
          if (rg >= 0) s = fround(s + W[wg + t]!);
          if (rw >= 0) s = fround(s + W[ww + t]!);
        }
        scores[o + t] = s;
      }
      if (plain) continue;
      if (on[G]) m.addRow(this.gazRow(G, g), scores, o);
      if (on[G_1]) m.addRow(this.gazRow(G_1, gp), scores, o);
      if (on[G1]) m.addRow(this.gazRow(G1, gn), scores, o);
      if (onGB) m.addRow(g === NO_GAZ32 ? cur.gbRow : m.row(featureKey(GB, pairHash(g, cur.bareHash)) | 0), scores, o);
      if (onWCC)
        m.addRow(this.wccRow(prev ? prev.classBits : EDGE, cur.classBits, next ? next.classBits : EDGE), scores, o);
    }
    return m.decode(scores, n);
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
    let rows = this.gazRows.get(template);
    if (rows === undefined) {
      rows = new Map();
      this.gazRows.set(template, rows);
    }
    const k = value | 0;
    let r = rows.get(k);
    if (r === undefined) {
      r = this.features.on[template] ? this.model.row(featureKey(template, value)) : -1;
      rows.set(k, r);
    }
    return r;
  }

  // The `wcc` row of a class triple (64 classes: a small table, filled on demand).
  private wccRow(p: number, c: number, n: number): number {
    const k = wccIndex(p, c, n);
    let r = this.wccRows[k]!;
    if (r === -2) {
      const h = this.classHashes;
      const pair = pairHash(p === EDGE ? START : h[p]!, h[c]!);
      r = this.model.row(featureKey(WCC, pairHash(pair, n === EDGE ? END : h[n]!)));
      this.wccRows[k] = r;
    }
    return r;
  }

  private build(w: string): WordEntry {
    const m = this.model;
    const T = m.tags.length;
    const size = 5 * T;
    if (this.slabUsed + size > this.slab.length) {
      this.slab = new Float32Array(SLAB_WORDS * size);
      this.slabUsed = 0;
    }
    const sums = this.slab;
    const at = this.slabUsed;
    this.slabUsed += size;
    // What `features.wordInfo` computes, without its allocations: the same keys, summed in the same order.
    const bare = bareForm(w);
    const classBits = this.classes.bitsOf(bare);
    const wordHash = hashString(w);
    const bareHash = hashString(bare);
    const classHash = this.classHashes[classBits]!;
    const suffixHash = bareSuffixHash(bare);
    const keys = this.keys;
    const end = this.features.selfKeys(w, bare, wordHash, bareHash, classHash, keys, 0);
    for (let k = 0; k < end; k++) m.addRow(m.row(keys[k]! | 0), sums, at);
    for (const r of this.roles) {
      const v =
        r.hash === "wordHash"
          ? wordHash
          : r.hash === "bareHash"
            ? bareHash
            : r.hash === "classHash"
              ? classHash
              : suffixHash;
      m.addRow(m.row(featureKey(r.id, v) | 0), sums, at + r.block * T);
    }
    const starts = this.kb.startsOf(w);
    const noArticle = withoutArticle(w);
    // The hashes of the readings' bases, as slices of `w` (the readings themselves are made only when asked).
    const cuts = this.cuts;
    const readings = nameKeyStarts(w, cuts);
    const hash0 = hashSlice(w, cuts[0]!, w.length) | 0;
    // A literal with every field (not a spread): one hidden class for all entries keeps the hot reads monomorphic.
    const e: WordEntry = {
      word: w,
      bareHash: bareHash | 0,
      sums,
      at,
      gbRow: this.features.on[GB] ? m.row(featureKey(GB, pairHash(NO_GAZ, bareHash)) | 0) : -1,
      classBits,
      startsName: starts.length > 0,
      starts,
      noArticle,
      keyHash0: hash0,
      keyHash1: readings > 1 ? hashSlice(w, cuts[1]!, w.length) | 0 : hash0,
      keyHash2: readings > 2 ? hashSlice(w, cuts[2]!, w.length) | 0 : hash0,
      demonym: undefined,
      nameKeys: undefined,
    };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(w, e);
    return e;
  }
}

// The proclitic readings of a word with article-less bases, and their hashes.
function nameKeys(w: string): NameKey[] {
  return cliticSplits(w).map((s) => {
    const base = withoutArticle(s.base);
    return { cut: s.cut, base, hash: hashString(base) | 0 };
  });
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
