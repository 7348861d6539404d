import { bareForm } from "./clitics.ts";
import { wordFeatures } from "./features.ts";
import type { KnowledgeBase } from "./kb.ts";
import type { TaggerModel } from "./perceptron.ts";
import { WordClasses } from "./word-classes.ts";

/** A tagged chunk: words `start..end` (half-open) of one sentence, with its type. */
export interface Chunk {
  start: number;
  end: number;
  type: string;
}

// What the tagger needs about a word, wherever it stands: its bare form, the
// weight rows of the features it contributes as the current word, and the
// rows of the features it contributes to its neighbours (as w-1, w+2, ...).
interface WordRows {
  bare: string;
  self: Int32Array;
  prev1: number;
  prev2: number;
  next1: number;
  next2: number;
  barePrev: number;
  bareNext: number;
  gbNone: number;
  clsPrev: number;
  clsNext: number;
  cls: string;
  /** Whether the word can be the left / right side of a pair feature the model has. */
  pairLeft: boolean;
  pairRight: boolean;
  /** Rows of the pair features with the word after this one: `bb=this|next` (for next) and `bn=this|next` (for this). */
  pairs: Map<WordRows, Int32Array> | undefined;
}

const CACHE_LIMIT = 200_000;

/**
 * The sequence tagger: features (with the knowledge base as gazetteer), the
 * perceptron's scores, Viterbi. Feature rows that depend on one word only are
 * cached per word, so a word costs a few array reads once it has been seen;
 * the features are the ones `wordFeatures` lists (training uses that function).
 */
export class Tagger {
  private readonly model: TaggerModel;
  private readonly kb: KnowledgeBase;
  private readonly classes: WordClasses;
  private readonly pairVocab: { left: Set<string>; right: Set<string> };
  private readonly cache = new Map<string, WordRows>();
  private readonly rows = new Map<string, number>();
  private readonly feats: string[] = [];
  private readonly boundary: WordRows;
  private scores = new Float32Array(0);

  /**
   * @param model trained weights
   * @param kb the gazetteer (the same knowledge base the model was trained with gives the best results)
   */
  constructor(model: TaggerModel, kb: KnowledgeBase) {
    this.model = model;
    this.kb = kb;
    this.classes = new WordClasses(kb);
    this.pairVocab = model.pairWords(["bb=", "bn="]);
    this.boundary = this.wordRows("", true);
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
    const scores = this.scores.subarray(0, n * T);
    scores.fill(0);
    const info = words.map((w) => this.wordRows(w, false));
    const gaz = this.kb.gazetteer(words);
    const start = this.boundary;
    for (let i = 0; i < n; i++) {
      const o = i * T;
      const cur = info[i]!;
      for (const r of cur.self) m.addRow(r, scores, o);
      const p1 = i > 0 ? info[i - 1]! : undefined;
      const n1 = i + 1 < n ? info[i + 1]! : undefined;
      m.addRow(p1 ? p1.prev1 : start.prev1, scores, o);
      m.addRow(i > 1 ? info[i - 2]!.prev2 : start.prev2, scores, o);
      m.addRow(n1 ? n1.next1 : start.next1, scores, o);
      m.addRow(i + 2 < n ? info[i + 2]!.next2 : start.next2, scores, o);
      m.addRow(p1 ? p1.barePrev : start.barePrev, scores, o);
      m.addRow(n1 ? n1.bareNext : start.bareNext, scores, o);
      if (p1) {
        const pr = this.pairRows(p1, cur);
        m.addRow(pr[0]!, scores, o);
      } else m.addRow(this.row(`bb=<s>|${cur.bare}`), scores, o);
      if (n1) m.addRow(this.pairRows(cur, n1)[1]!, scores, o);
      else m.addRow(this.row(`bn=${cur.bare}|</s>`), scores, o);
      const g = gaz[i]!;
      m.addRow(this.gazRow(0, g), scores, o);
      m.addRow(i > 0 ? this.gazRow(1, gaz[i - 1]!) : this.gazRow(1, "<s>"), scores, o);
      m.addRow(i + 1 < n ? this.gazRow(2, gaz[i + 1]!) : this.gazRow(2, "</s>"), scores, o);
      m.addRow(g === "" ? cur.gbNone : this.row(`gb=${g}|${cur.bare}`), scores, o);
      m.addRow(p1 ? p1.clsPrev : start.clsPrev, scores, o);
      m.addRow(n1 ? n1.clsNext : start.clsNext, scores, o);
    }
    const best = m.decode(scores, n);
    return Array.from(best, (t) => m.tags[t]!);
  }

  /** The word classes the tagger uses (for training with the same features). */
  get wordClasses(): WordClasses {
    return this.classes;
  }

  /**
   * BIO tags computed the slow, obvious way (feature strings from `wordFeatures`);
   * must agree with `tag`. For tests.
   */
  tagPlain(words: readonly string[]): string[] {
    const n = words.length;
    const T = this.model.tags.length;
    const scores = new Float32Array(n * T);
    const bare = words.map(bareForm);
    const gaz = this.kb.gazetteer(words);
    const cls = bare.map((b) => this.classes.of(b));
    for (let i = 0; i < n; i++) this.model.score(wordFeatures(words, bare, gaz, cls, i, this.feats), scores, i * T);
    return Array.from(this.model.decode(scores, n), (t) => this.model.tags[t]!);
  }

  private pairRows(a: WordRows, b: WordRows): Int32Array {
    if (!a.pairLeft || !b.pairRight) return NO_PAIR;
    a.pairs ??= new Map();
    let r = a.pairs.get(b);
    if (!r) {
      r = Int32Array.of(this.model.rowOf(`bb=${a.bare}|${b.bare}`), this.model.rowOf(`bn=${a.bare}|${b.bare}`));
      if (a.pairs.size < 512) a.pairs.set(b, r);
    }
    return r;
  }

  // Rows of g=, g-1=, g+1= by gazetteer tag (a dozen values).
  private readonly gazRows = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  private gazRow(which: 0 | 1 | 2, tag: string): number {
    const map = this.gazRows[which]!;
    let r = map.get(tag);
    if (r === undefined) {
      r = this.model.rowOf(`${which === 0 ? "g=" : which === 1 ? "g-1=" : "g+1="}${tag}`);
      map.set(tag, r);
    }
    return r;
  }

  // Rows of features with few distinct values (gazetteer tags), memoized without bound.
  private row(f: string): number {
    let r = this.rows.get(f);
    if (r === undefined) {
      r = this.model.rowOf(f);
      if (this.rows.size < CACHE_LIMIT) this.rows.set(f, r);
    }
    return r;
  }

  private wordRows(w: string, isBoundary: boolean): WordRows {
    const hit = this.cache.get(w);
    if (hit) return hit;
    const m = this.model;
    if (isBoundary) {
      return {
        bare: "<s>",
        self: new Int32Array(0),
        prev1: m.rowOf("w-1=<s>"),
        prev2: m.rowOf("w-2=<s>"),
        next1: m.rowOf("w+1=</s>"),
        next2: m.rowOf("w+2=</s>"),
        barePrev: m.rowOf("b-1=<s>"),
        bareNext: m.rowOf("b+1=</s>"),
        gbNone: -1,
        clsPrev: m.rowOf("wc-1=<s>"),
        clsNext: m.rowOf("wc+1=</s>"),
        cls: "",
        pairLeft: false,
        pairRight: false,
        pairs: undefined,
      };
    }
    // The word-only features are the ones wordFeatures emits for a one-word sentence, minus context.
    const b = bareForm(w);
    const cls = this.classes.of(b);
    const all = wordFeatures([w], [b], [""], [cls], 0, []);
    const self = all.filter((f) => SELF.has(f.slice(0, f.indexOf("="))) || f === "bias").map((f) => m.rowOf(f));
    const info: WordRows = {
      bare: b,
      self: Int32Array.from(self.filter((r) => r >= 0)),
      prev1: m.rowOf(`w-1=${w}`),
      prev2: m.rowOf(`w-2=${w}`),
      next1: m.rowOf(`w+1=${w}`),
      next2: m.rowOf(`w+2=${w}`),
      barePrev: m.rowOf(`b-1=${b}`),
      bareNext: m.rowOf(`b+1=${b}`),
      gbNone: m.rowOf(`gb=|${b}`),
      clsPrev: m.rowOf(`wc-1=${cls}`),
      clsNext: m.rowOf(`wc+1=${cls}`),
      cls,
      pairLeft: this.pairVocab.left.has(b),
      pairRight: this.pairVocab.right.has(b),
      pairs: undefined,
    };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(w, info);
    return info;
  }
}

const NO_PAIR = Int32Array.of(-1, -1);

// Feature families that depend on the word alone.
const SELF = new Set(["w", "b", "p1", "p2", "p3", "s1", "s2", "s3", "sh", "cl", "wc"]);

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
