import { bareForm } from "./clitics.ts";

/**
 * The tagger's features, as 32-bit keys rather than strings.
 *
 * A feature is a template (`w`, `b-1`, `bb`, ...) and a value (a word, an
 * affix, a gazetteer tag). Its key is the hash of the template id mixed with
 * the value's hash; a pair feature mixes two value hashes. Words are hashed
 * once (and cached by the tagger), so a token costs a few integer mixes and
 * table probes, with no string built per token and per class. Training
 * (scripts/train-ner.ts) and tagging (`Tagger`) call the same functions, so
 * the keys agree by construction. Collisions are possible (the hashing trick)
 * and cost a little accuracy, not correctness.
 *
 * Words are matching forms. The word and its bare form (proclitics and
 * article off) let `والولايات`, `بالولايات` and `الولايات` share evidence;
 * affixes and shape catch unseen names; ±2 neighbours catch titles
 * (`الرئيس`, `وزير`) and cues (`في`, `قال`); the gazetteer tag says whether
 * the knowledge base has a name here; word classes say which kinds of names a
 * word appears in.
 */

/** Template ids; the names are the ones `--drop` in scripts/train-ner.ts takes. */
export const TEMPLATES = [
  "bias",
  "w",
  "b",
  "p1",
  "p2",
  "p3",
  "p4",
  "s1",
  "s2",
  "s3",
  "s4",
  "bs2",
  "bs3",
  "sh",
  "cl",
  "wc",
  "len",
  "w-1",
  "w-2",
  "w+1",
  "w+2",
  "b-1",
  "b+1",
  "b-2",
  "b+2",
  "bb",
  "bn",
  "g",
  "g-1",
  "g+1",
  "gb",
  "wc-1",
  "wc+1",
  "wcc",
  "s2-1",
  "s2+1",
] as const;

/** A template name. */
export type Template = (typeof TEMPLATES)[number];

const T = Object.fromEntries(TEMPLATES.map((t, i) => [t, i + 1])) as Record<Template, number>;

/** The id of each template (its index in `TEMPLATES` plus one), as `featureKey` takes it. */
export const TEMPLATE_ID: Readonly<Record<Template, number>> = T;

/**
 * 32-bit FNV-1a over UTF-16 code units, finalized (murmur3 fmix) so nearby strings spread.
 *
 * @param s any string
 * @returns an unsigned 32-bit hash
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix(h);
}

/**
 * `hashString(s.slice(start, end))` without building the slice (same
 * arguments as `String.prototype.slice`: negative counts from the end).
 *
 * @returns an unsigned 32-bit hash
 */
export function hashSlice(s: string, start: number, end: number): number {
  const n = s.length;
  const from = start < 0 ? Math.max(n + start, 0) : Math.min(start, n);
  const to = end < 0 ? Math.max(n + end, 0) : Math.min(end, n);
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix(h);
}

/**
 * Hash of the last two letters of a bare form (`WordInfo.suffixHash`).
 *
 * @param bare `bareForm` of a word
 */
export function bareSuffixHash(bare: string): number {
  return hashSlice(bare, -2, bare.length);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The key of a feature: template id mixed with a value hash (never 0, which marks an empty slot).
 *
 * @param template index into `TEMPLATES` plus one
 * @param value the value's hash
 */
export function featureKey(template: number, value: number): number {
  const k = fmix(Math.imul(template, 0x9e3779b1) ^ value);
  return k === 0 ? 1 : k;
}

/** Hash of an ordered pair of value hashes. */
export function pairHash(a: number, b: number): number {
  return fmix(Math.imul(a, 0x27d4eb2f) + b);
}

/** The value hash of the position before the first word (`w-1` of the first word). */
export const START = hashString("<s>");
/** The value hash of the position after the last word. */
export const END = hashString("</s>");

/** What the features need about one word, wherever it stands; computed once per distinct word. */
export interface WordInfo {
  /** The word (matching form). */
  word: string;
  /** Its bare form (`bareForm`). */
  bare: string;
  wordHash: number;
  bareHash: number;
  /** Hash of its word class (`WordClasses.of`). */
  classHash: number;
  /** Hash of the last two letters of its bare form. */
  suffixHash: number;
  /** Keys of the features that depend on this word alone. */
  self: Uint32Array;
}

/**
 * Which templates are on: `on[id]` for the ids of `TEMPLATES` plus one. A
 * model records the names it was trained with, so a model trained without
 * some template is read with the same set.
 */
export class FeatureSet {
  readonly names: readonly Template[];
  readonly on: Uint8Array;

  /**
   * @param names template names (default: all)
   * @throws Error `feature_unknown` for a name that is not a template
   */
  constructor(names: readonly string[] = TEMPLATES) {
    this.on = new Uint8Array(TEMPLATES.length + 1);
    for (const n of names) {
      const id = T[n as Template];
      if (id === undefined) throw new Error(`khabar: feature_unknown: no feature template ${n}`);
      this.on[id] = 1;
    }
    this.names = TEMPLATES.filter((t) => this.on[T[t]]);
  }

  /**
   * The word-level part of the features.
   *
   * @param word matching form
   * @param classOf the word class of a bare form (`WordClasses.of`)
   * @returns hashes and the keys of the features that depend on this word alone
   */
  wordInfo(word: string, classOf: (bare: string) => string): WordInfo {
    const bare = bareForm(word);
    const wordHash = hashString(word);
    const bareHash = hashString(bare);
    const classHash = hashString(classOf(bare));
    const keys = new Uint32Array(TEMPLATES.length);
    const end = this.selfKeys(word, bare, wordHash, bareHash, classHash, keys, 0);
    return {
      word,
      bare,
      wordHash,
      bareHash,
      classHash,
      suffixHash: bareSuffixHash(bare),
      self: keys.slice(0, end),
    };
  }

  /**
   * Keys of the features that depend on one word alone (`wordInfo`'s `self`),
   * written into `out` from `at`: no allocation, for callers that only sum their rows.
   *
   * @param word matching form
   * @param bare `bareForm(word)`
   * @param wordHash `hashString(word)`
   * @param bareHash `hashString(bare)`
   * @param classHash hash of the word class of `bare`
   * @param out receives the keys (room for `TEMPLATES.length` from `at`)
   * @returns the index after the last key written
   */
  selfKeys(
    word: string,
    bare: string,
    wordHash: number,
    bareHash: number,
    classHash: number,
    out: Uint32Array,
    at: number,
  ): number {
    const on = this.on;
    let k = at;
    // Affixes are hashed in place (`hashSlice`), equal to hashing the sliced string.
    if (on[T.bias]) out[k++] = featureKey(T.bias, 0);
    if (on[T.w]) out[k++] = featureKey(T.w, wordHash);
    if (on[T.b]) out[k++] = featureKey(T.b, bareHash);
    if (on[T.p1]) out[k++] = featureKey(T.p1, hashSlice(bare, 0, 1));
    if (on[T.p2]) out[k++] = featureKey(T.p2, hashSlice(bare, 0, 2));
    if (on[T.p3]) out[k++] = featureKey(T.p3, hashSlice(bare, 0, 3));
    if (bare.length > 4 && on[T.p4]) out[k++] = featureKey(T.p4, hashSlice(bare, 0, 4));
    if (on[T.s1]) out[k++] = featureKey(T.s1, hashSlice(word, -1, word.length));
    if (on[T.s2]) out[k++] = featureKey(T.s2, hashSlice(word, -2, word.length));
    if (on[T.s3]) out[k++] = featureKey(T.s3, hashSlice(word, -3, word.length));
    if (word.length > 4 && on[T.s4]) out[k++] = featureKey(T.s4, hashSlice(word, -4, word.length));
    if (on[T.bs2]) out[k++] = featureKey(T.bs2, bareSuffixHash(bare));
    if (on[T.bs3]) out[k++] = featureKey(T.bs3, hashSlice(bare, -3, bare.length));
    if (on[T.sh]) out[k++] = featureKey(T.sh, hashString(shape(word)));
    if (on[T.cl]) out[k++] = featureKey(T.cl, hashSlice(word, 0, word.length - bare.length));
    if (on[T.wc]) out[k++] = featureKey(T.wc, classHash);
    if (on[T.len]) out[k++] = featureKey(T.len, Math.min(bare.length, 8));
    return k;
  }

  /**
   * Keys of the features of word `i` that depend on its neighbours, written into `out` from `at`.
   *
   * @param info the sentence's words (`wordInfo`)
   * @param gaz gazetteer tag hashes per word (`gazetteerHash`)
   * @param i the word
   * @param out receives the keys (room for `TEMPLATES.length` from `at`)
   * @param at where to start writing
   * @returns the index after the last key written
   */
  contextKeys(info: readonly WordInfo[], gaz: ArrayLike<number>, i: number, out: Uint32Array, at: number): number {
    const on = this.on;
    const n = info.length;
    const cur = info[i]!;
    const p1 = i > 0 ? info[i - 1] : undefined;
    const p2 = i > 1 ? info[i - 2] : undefined;
    const n1 = i + 1 < n ? info[i + 1] : undefined;
    const n2 = i + 2 < n ? info[i + 2] : undefined;
    const g = gaz[i]!;
    let k = at;
    if (on[W_1]) out[k++] = featureKey(W_1, p1 ? p1.wordHash : START);
    if (on[W_2]) out[k++] = featureKey(W_2, p2 ? p2.wordHash : START);
    if (on[W1]) out[k++] = featureKey(W1, n1 ? n1.wordHash : END);
    if (on[W2]) out[k++] = featureKey(W2, n2 ? n2.wordHash : END);
    if (on[B_1]) out[k++] = featureKey(B_1, p1 ? p1.bareHash : START);
    if (on[B1]) out[k++] = featureKey(B1, n1 ? n1.bareHash : END);
    if (on[B_2]) out[k++] = featureKey(B_2, p2 ? p2.bareHash : START);
    if (on[B2]) out[k++] = featureKey(B2, n2 ? n2.bareHash : END);
    if (on[BB]) out[k++] = featureKey(BB, pairHash(p1 ? p1.bareHash : START, cur.bareHash));
    if (on[BN]) out[k++] = featureKey(BN, pairHash(cur.bareHash, n1 ? n1.bareHash : END));
    if (on[G]) out[k++] = featureKey(G, g);
    if (on[G_1]) out[k++] = featureKey(G_1, i > 0 ? gaz[i - 1]! : START);
    if (on[G1]) out[k++] = featureKey(G1, i + 1 < n ? gaz[i + 1]! : END);
    if (on[GB]) out[k++] = featureKey(GB, pairHash(g, cur.bareHash));
    if (on[WC_1]) out[k++] = featureKey(WC_1, p1 ? p1.classHash : START);
    if (on[WC1]) out[k++] = featureKey(WC1, n1 ? n1.classHash : END);
    if (on[WCC])
      out[k++] = featureKey(WCC, pairHash(pairHash(p1 ? p1.classHash : START, cur.classHash), n1 ? n1.classHash : END));
    if (on[S2_1]) out[k++] = featureKey(S2_1, p1 ? p1.suffixHash : START);
    if (on[S2N]) out[k++] = featureKey(S2N, n1 ? n1.suffixHash : END);
    return k;
  }
}

const W_1 = T["w-1"];
const W_2 = T["w-2"];
const W1 = T["w+1"];
const W2 = T["w+2"];
const B_1 = T["b-1"];
const B1 = T["b+1"];
const B_2 = T["b-2"];
const B2 = T["b+2"];
const BB = T.bb;
const BN = T.bn;
const G = T.g;
const G_1 = T["g-1"];
const G1 = T["g+1"];
const GB = T.gb;
const WC_1 = T["wc-1"];
const WC1 = T["wc+1"];
const WCC = T.wcc;
const S2_1 = T["s2-1"];
const S2N = T["s2+1"];

/** Hash of a gazetteer tag (`B-GPE`, `""`), for `FeatureSet.contextKeys`. */
export const gazetteerHash: (tag: string) => number = hashString;

/**
 * A word's shape: `A` Arabic, `L` Latin, `D` digits, `P` punctuation, `X` mixed,
 * with `s` appended for short words (≤ 2 characters).
 */
export function shape(w: string): string {
  let kind = "";
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const k =
      c >= 0x0600 && c <= 0x06ff
        ? "A"
        : (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
          ? "L"
          : c >= 0x30 && c <= 0x39
            ? "D"
            : "P";
    if (kind === "") kind = k;
    else if (kind !== k) {
      kind = "X";
      break;
    }
  }
  return w.length <= 2 ? `${kind}s` : kind;
}

/**
 * The key of the `w` (whole word) feature of a word: lets a caller ask whether the model saw it.
 *
 * @param word matching form
 */
export function wordKey(word: string): number {
  return featureKey(T.w, hashString(word));
}
