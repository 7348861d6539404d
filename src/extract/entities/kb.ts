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
  private readonly listed = new Set<string>();
  private readonly demonymForms = new Map<string, KbEntry>();
  // Words repeat; a miss is remembered as null.
  private readonly demonymCache = new Map<string, KbEntry | null>();
  /** The first word of every alias (matching form, with and without article): names a proclitic split should keep. */
  readonly words = new Set<string>();
  /** Longest alias, in words. */
  maxWords = 1;

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
    this.entries.push(e);
    for (const a of [e.name_ar, ...e.aliases]) this.index(this.strong, aliasKey(a), e, true);
    for (const a of e.weak_aliases ?? []) this.index(this.weak, aliasKey(a), e, false);
    for (const d of e.demonyms ?? []) {
      const stem = withoutArticle(aliasKey(d));
      for (const end of NISBA_ENDINGS) if (!this.demonymForms.has(stem + end)) this.demonymForms.set(stem + end, e);
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
  lookup(key: string, withWeak = true): KbEntry[] {
    const s = this.strong.get(key) ?? [];
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
    for (const split of splitsOf(w)) if (this.prefixes.has(split.base)) return true;
    return false;
  }

  /**
   * Longest strong-alias match starting at word `i` of `words` (matching forms),
   * allowing proclitics on the first word.
   *
   * @param end the match stays before this index (default: the end of `words`)
   * @returns the match, or undefined
   */
  matchAt(words: readonly string[], i: number, end: number = words.length): KbMatch | undefined {
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
        key = key === "عبد" || key.endsWith(" عبد") ? key + next : `${key} ${next}`;
        n++;
      }
    }
    return best;
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
