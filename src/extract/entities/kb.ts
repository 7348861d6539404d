import { readFileSync } from "node:fs";
import { matchForm } from "../../normalize/match-form.ts";
import { splitsOf, withoutArticle } from "./clitics.ts";

/** The entity types khabar recognizes. */
export type EntityType = "PER" | "ORG" | "GPE" | "LOC" | "MISC";

/** One knowledge-base entry (one line of data/kb/*.jsonl). */
export interface KbEntry {
  /** Stable id, `type:slug` (`gpe:iraq`, `per:haider-al-abadi`). */
  id: string;
  type: EntityType;
  /** Canonical English name. */
  name_en: string;
  /** Canonical Arabic name. */
  name_ar: string;
  /** Other Arabic spellings, each enough to recognize the entity. */
  aliases: string[];
  /** Spellings that are also common words (`الخبر`, `فتح`): used to link a mention, never to find one. */
  weak_aliases?: string[];
  /** Id of the country it belongs to. */
  country?: string;
  /** Nisba adjectives (`عراقي`) for a country, masculine singular. */
  demonyms?: string[];
}

/**
 * A node of the alias trie: one word-prefix of a strong alias (`الولايات`, `الولايات المتحده`). Walking the
 * trie token by token finds what looking up `${key} ${next}` strings in the prefix set finds, without building them.
 */
export interface KbNode {
  /** The node after one more token, by that token (matching form). */
  readonly next: Map<string, KbNode>;
  /** The strong entries whose alias is exactly this prefix, or undefined. */
  readonly entries: KbEntry[] | undefined;
  /** Whether this prefix is a strong alias as listed (not only its article-less form). */
  readonly listed: boolean;
}

/** Where an alias may begin in one word: the trie node of its base after `cut` proclitic characters. */
export interface KbStart {
  cut: number;
  node: KbNode;
}

/** A gazetteer hit: `length` tokens from `start`, the first cut after `cut` characters of proclitics. */
export interface KbMatch {
  start: number;
  length: number;
  cut: number;
  entries: KbEntry[];
  /** True when the words spell an alias as listed (not only its article-less form). */
  exact: boolean;
}

const TYPES = new Set(["PER", "ORG", "GPE", "LOC", "MISC"]);
// Nisba endings after the final ي of a demonym: -ة (ه), plural -ون/-ين, dual -ان/-ين.
const NISBA_ENDINGS = ["", "ه", "ون", "ين", "ان", "تان", "تين", "ات"];

/**
 * The lookup key of a name: matching form, words separated by one space,
 * punctuation (dots of `أ.ف.ب`, hyphens) dropped.
 *
 * @example aliasKey("الولايات  المتحدة الأمريكية") === "الولايات المتحده الامريكيه"
 */
export function aliasKey(s: string): string {
  return joinCompounds(
    matchForm(s)
      .replace(/[^\p{L}\p{N}+]+/gu, " ")
      .trim(),
  );
}

/**
 * Write `عبد X` as one word (`عبد العزيز` and `عبدالعزيز` are both common), in a key of space-separated words.
 */
export function joinCompounds(key: string): string {
  return key.includes("عبد ") ? key.replace(/(^| )عبد /gu, "$1عبد") : key;
}

/**
 * The knowledge base: entries and their alias index, built once.
 * Lookups take matching forms; every alias is indexed with and without its
 * leading article so `عراق`/`العراق` and `ولايات`/`الولايات` agree.
 */
export class KnowledgeBase {
  readonly entries: KbEntry[] = [];
  readonly byId = new Map<string, KbEntry>();
  private readonly strong = new Map<string, KbEntry[]>();
  private readonly weak = new Map<string, KbEntry[]>();
  // Every word-prefix of a strong alias ("الولايات", "الولايات المتحده"), so a scan stops at the first miss.
  private readonly prefixes = new Set<string>();
  // The prefixes as a trie (built on first use, dropped when an entry is added): node by prefix key.
  private trie: Map<string, KbNode> | undefined;
  private readonly listed = new Set<string>();
  private readonly demonymForms = new Map<string, KbEntry>();
  // The last 3 letters of every demonym form: every form `demonym` may look up ends a word, so a word whose
  // last 3 letters end no form names no country (exact while every form has 3 letters or more).
  private readonly demonymTails = new Set<string>();
  private shortDemonym = false;
  // Words repeat; a miss is remembered as null.
  private readonly demonymCache = new Map<string, KbEntry | null>();
  /** The first word of every alias (matching form, with and without article): names a proclitic split should keep. */
  readonly words = new Set<string>();
  /** Longest alias, in words. */
  maxWords = 1;
  /** Longest key of `lookup`, weak aliases included, in words: a longer key is in no list. */
  maxKeyWords = 1;

  /**
   * @param entries the entries; a later entry with an id already seen replaces nothing and is skipped
   */
  constructor(entries: Iterable<KbEntry> = []) {
    for (const e of entries) this.add(e);
  }

  /**
   * Load entries from JSONL files (one entry per line; `#` lines and blank lines skipped).
   *
   * @throws Error `kb_invalid` naming the file and line of a malformed entry
   */
  static fromFiles(paths: readonly (string | URL)[]): KnowledgeBase {
    const kb = new KnowledgeBase();
    for (const p of paths) kb.addFile(p);
    return kb;
  }

  /** Add the entries of one JSONL file. @throws Error `kb_invalid` */
  addFile(path: string | URL): void {
    const lines = readFileSync(path, "utf8").split("\n");
    lines.forEach((line, i) => {
      const t = line.trim();
      if (!t || t.startsWith("#")) return;
      let e: unknown;
      try {
        e = JSON.parse(t);
      } catch {
        throw new Error(`khabar: kb_invalid: ${String(path)}:${i + 1} is not JSON`);
      }
      const entry = e as Partial<KbEntry>;
      if (typeof entry.id !== "string" || !TYPES.has(String(entry.type)) || typeof entry.name_ar !== "string") {
        throw new Error(
          `khabar: kb_invalid: ${String(path)}:${i + 1} needs id, type (PER|ORG|GPE|LOC|MISC) and name_ar`,
        );
      }
      this.add({
        ...entry,
        id: entry.id,
        type: entry.type as EntityType,
        name_en: entry.name_en ?? entry.name_ar,
        name_ar: entry.name_ar,
        aliases: Array.isArray(entry.aliases) ? entry.aliases : [],
      });
    });
  }

  /** Add one entry (skipped when its id is already there). */
  add(e: KbEntry): void {
    if (this.byId.has(e.id)) return;
    this.byId.set(e.id, e);
    this.demonymCache.clear();
    this.trie = undefined;
    this.entries.push(e);
    for (const a of [e.name_ar, ...e.aliases]) this.index(this.strong, aliasKey(a), e, true);
    for (const a of e.weak_aliases ?? []) this.index(this.weak, aliasKey(a), e, false);
    for (const d of e.demonyms ?? []) {
      const stem = withoutArticle(aliasKey(d));
      for (const end of NISBA_ENDINGS) {
        const form = stem + end;
        if (this.demonymForms.has(form)) continue;
        this.demonymForms.set(form, e);
        this.demonymTails.add(form.slice(-3));
        if (form.length < 3) this.shortDemonym = true;
      }
    }
  }

  private index(map: Map<string, KbEntry[]>, key: string, e: KbEntry, findable: boolean): void {
    if (!key) return;
    const words = key.split(" ");
    const keys = [key];
    const bare = withoutArticle(words[0]!);
    if (bare !== words[0]) keys.push([bare, ...words.slice(1)].join(" "));
    for (const k of keys) {
      const list = map.get(k);
      if (!list) map.set(k, [e]);
      else if (!list.includes(e)) list.push(e);
    }
    // Only first words: an inner word may carry a proclitic (`للامم` in `الجمعيه العامه للامم المتحده`).
    this.words.add(words[0]!);
    this.words.add(withoutArticle(words[0]!));
    this.maxKeyWords = Math.max(this.maxKeyWords, words.length);
    if (!findable) return;
    this.listed.add(key);
    this.maxWords = Math.max(this.maxWords, words.length);
    for (const k of keys) {
      let p = "";
      for (const w of k.split(" ")) {
        // `عبدالعزيز` may come as two tokens `عبد` `العزيز`: the scan passes through `عبد`.
        if (w.length > 3 && w.startsWith("عبد")) this.prefixes.add(p ? `${p} عبد` : "عبد");
        p = p ? `${p} ${w}` : w;
        this.prefixes.add(p);
      }
    }
  }

  /** True when `key` is a strong alias exactly as listed (not only its article-less form). */
  isListed(key: string): boolean {
    return this.listed.has(key);
  }

  /**
   * Entries whose alias is `key` (see `aliasKey`); weak aliases too when `withWeak`.
   *
   * @returns the entries, strong matches first; empty when none
   */
  lookup(key: string, withWeak = true): readonly KbEntry[] {
    const s = this.strong.get(key) ?? NO_ENTRIES;
    if (!withWeak) return s;
    const w = this.weak.get(key);
    return w ? [...s, ...w.filter((e) => !s.includes(e))] : s;
  }

  /**
   * The country a nisba adjective names (`العراقية`, `الأمريكيين` → Iraq, United States).
   *
   * @param w one word, matching form
   * @returns the entry, or undefined
   */
  demonym(w: string): KbEntry | undefined {
    // The forms looked up are `w` less some leading letters (proclitics, article): each ends as `w` does.
    if (!this.shortDemonym && (w.length < 3 || !this.demonymTails.has(w.slice(-3)))) return undefined;
    const hit = this.demonymCache.get(w);
    if (hit !== undefined) return hit ?? undefined;
    let found: KbEntry | null = null;
    const splits = splitsOf(w);
    for (let k = splits.length - 1; k >= 0; k--) {
      const e = this.demonymForms.get(withoutArticle(splits[k]!.base));
      if (e) {
        found = e;
        break;
      }
    }
    if (this.demonymCache.size > 100_000) this.demonymCache.clear();
    this.demonymCache.set(w, found);
    return found ?? undefined;
  }

  /**
   * Whether a strong alias can begin with this word, proclitics allowed: when
   * not, `matchAt` finds nothing where it stands. Most words begin no name,
   * and this is a property of the word alone, so a caller can cache it per
   * distinct word and skip `matchAt`.
   *
   * @param w one word, matching form
   */
  startsName(w: string): boolean {
    return this.startsOf(w).length > 0;
  }

  /**
   * Where a strong alias can begin in this word: one trie node per proclitic
   * split whose base begins an alias, shortest cut first. A property of the
   * word alone: a caller may cache it per distinct word and pass it to `matchFrom`.
   *
   * @param w one word, matching form
   * @returns the starts (empty for most words)
   */
  startsOf(w: string): readonly KbStart[] {
    const trie = this.nodes();
    const splits = splitsOf(w);
    let n = 0;
    for (const split of splits) if (trie.has(split.base)) n++;
    if (n === 0) return NO_STARTS;
    // Sized once (most words have one start): an array grown from empty would reserve room for 17.
    const out = new Array<KbStart>(n);
    n = 0;
    for (const split of splits) {
      const node = trie.get(split.base);
      if (node !== undefined) out[n++] = { cut: split.cut, node };
    }
    return out;
  }

  /**
   * Longest strong-alias match starting at word `i` of `words` (matching forms),
   * allowing proclitics on the first word.
   *
   * @param end the match stays before this index (default: the end of `words`)
   * @returns the match, or undefined
   */
  matchAt(words: readonly string[], i: number, end: number = words.length): KbMatch | undefined {
    return this.matchFrom(this.startsOf(words[i]!), words, i, end);
  }

  /**
   * `matchAt` with the starts of `words[i]` already known (`startsOf(words[i])`).
   *
   * @param starts `startsOf(words[i])`, from this knowledge base as it is now
   */
  matchFrom(starts: readonly KbStart[], words: readonly string[], i: number, end: number): KbMatch | undefined {
    let bestNode: KbNode | undefined;
    let bestLength = 0;
    let bestCut = 0;
    const limit = this.maxWords + 1;
    for (let s = 0; s < starts.length; s++) {
      const start = starts[s]!;
      let node: KbNode | undefined = start.node;
      let n = 1;
      while (node !== undefined) {
        if (node.entries !== undefined && n > bestLength) {
          bestNode = node;
          bestLength = n;
          bestCut = start.cut;
        }
        if (i + n >= end || n >= limit) break;
        const next = words[i + n];
        if (next === undefined) break;
        node = node.next.get(next);
        n++;
      }
    }
    if (bestNode === undefined) return undefined;
    return { start: i, length: bestLength, cut: bestCut, entries: bestNode.entries!, exact: bestNode.listed };
  }

  /**
   * `matchAt` by the plain walk the trie replaces: build the key `${key} ${next}`
   * word by word and look each up in the prefix set. Must agree with `matchAt`; for tests.
   */
  matchAtPlain(words: readonly string[], i: number, end: number = words.length): KbMatch | undefined {
    let best: KbMatch | undefined;
    for (const split of splitsOf(words[i]!)) {
      let key = split.base;
      let n = 1;
      while (this.prefixes.has(key)) {
        const entries = this.strong.get(key);
        if (entries && (!best || n > best.length))
          best = { start: i, length: n, cut: split.cut, entries, exact: this.listed.has(key) };
        const next = i + n < end ? words[i + n] : undefined;
        if (next === undefined || n >= this.maxWords + 1) break;
        key = gluesNext(key) ? key + next : `${key} ${next}`;
        n++;
      }
    }
    return best;
  }

  // The trie of `prefixes`: a node per prefix, and an edge p → q by token t wherever the plain walk
  // makes q from p and t (`p t`, or `pt` after a glued `عبد`). Every such pair is found by cutting
  // each q at each space (and after each word `عبد`), so the trie answers exactly as the string walk.
  private nodes(): Map<string, KbNode> {
    if (this.trie !== undefined) return this.trie;
    const trie = new Map<string, KbNode>();
    for (const p of this.prefixes)
      trie.set(p, { next: new Map(), entries: this.strong.get(p), listed: this.listed.has(p) });
    for (const [q, to] of trie) {
      for (let j = 1; j <= q.length; j++) {
        const glued = j >= 3 && q.startsWith("عبد", j - 3) && (j === 3 || q[j - 4] === " ");
        if (!glued && q[j] !== " ") continue;
        const p = q.slice(0, j);
        const from = trie.get(p);
        if (from === undefined) continue;
        const t = gluesNext(p) ? q.slice(j) : q[j] === " " ? q.slice(j + 1) : undefined;
        if (t !== undefined) from.next.set(t, to);
      }
    }
    this.trie = trie;
    return trie;
  }

  /**
   * Gazetteer tags for a sentence: greedy longest matches, left to right.
   *
   * @param words the sentence's words, matching form
   * @returns one tag per word: `B-GPE`, `I-ORG`, ... or `""` outside any match
   */
  gazetteer(words: readonly string[]): string[] {
    const tags = new Array<string>(words.length).fill("");
    for (let i = 0; i < words.length; ) {
      const m = this.matchAt(words, i);
      if (!m) {
        i++;
        continue;
      }
      const type = m.entries[0]!.type;
      tags[i] = `B-${type}`;
      for (let k = 1; k < m.length; k++) tags[i + k] = `I-${type}`;
      i += m.length;
    }
    return tags;
  }
}

const NO_STARTS: readonly KbStart[] = [];
// What `lookup` gives for a key no alias has: one shared empty list, not a new one per miss.
const NO_ENTRIES: readonly KbEntry[] = [];

// After a key's last word `عبد` the next word is glued on (`عبد` + `العزيز`), as `joinCompounds` writes keys.
function gluesNext(key: string): boolean {
  return key === "عبد" || key.endsWith(" عبد");
}

/** The knowledge-base files shipped in data/kb/. */
export const DEFAULT_KB_FILES: readonly URL[] = ["countries", "places", "organizations", "people"].map(
  (n) => new URL(`../../../data/kb/${n}.jsonl`, import.meta.url),
);

let shared: KnowledgeBase | undefined;

/**
 * The shipped knowledge base, loaded once per process.
 *
 * @returns the shared instance (do not add to it; build your own with `fromFiles` for extra entries)
 */
export function defaultKnowledgeBase(): KnowledgeBase {
  shared ??= KnowledgeBase.fromFiles(DEFAULT_KB_FILES);
  return shared;
}
