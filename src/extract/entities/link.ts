import { readFileSync } from "node:fs";
import { withoutArticle } from "./clitics.ts";
import { aliasKey, type EntityType, joinCompounds, type KbEntry, type KnowledgeBase } from "./kb.ts";

/** A mention to link: its words (matching form, proclitics off) and type. */
export interface MentionKey {
  words: readonly string[];
  type: EntityType;
}

/** The result of linking one mention. */
export interface Link {
  entry: KbEntry | undefined;
  /** The type to report: the knowledge base's when it refines the tagger's (GPE ↔ LOC). */
  type: EntityType;
  /** Index of the earlier mention this one repeats in short form, when it was linked that way. */
  antecedent?: number;
}

interface TitlesFile {
  titles: string[];
}

const TITLES_URL = new URL("../../../data/ner/titles.json", import.meta.url);
// Title keys by their first word, longest first: a key can only start with a title that shares its first word.
let titlesByFirst: Map<string, string[]> | undefined;
function titlesFor(key: string): readonly string[] {
  if (!titlesByFirst) {
    titlesByFirst = new Map();
    const keys = (JSON.parse(readFileSync(TITLES_URL, "utf8")) as TitlesFile).titles
      .map(aliasKey)
      .sort((a, b) => b.length - a.length);
    for (const t of keys) {
      const first = firstWord(t);
      const list = titlesByFirst.get(first);
      if (list) list.push(t);
      else titlesByFirst.set(first, [t]);
    }
  }
  return titlesByFirst.get(firstWord(key)) ?? [];
}

function firstWord(key: string): string {
  const space = key.indexOf(" ");
  return space < 0 ? key : key.slice(0, space);
}

const SPACE = 0x20;
const PLACE = new Set<EntityType>(["GPE", "LOC"]);
const compatible = (a: EntityType, b: EntityType) => a === b || (PLACE.has(a) && PLACE.has(b));

/**
 * Links the mentions of one document, in order, to knowledge-base entries.
 *
 * A mention links by its alias key (matching form, article optional), then
 * without a leading title (`الرئيس أوباما` → `أوباما`). When several entries
 * share the alias, the one of the mention's type wins, then the one tied to a
 * country the document already named. A person or organization that does not
 * link, and repeats the tail of an earlier mention of the same type
 * (`العبادي` after `حيدر العبادي`), takes that mention's link.
 */
export class DocumentLinker {
  private readonly kb: KnowledgeBase;
  private readonly seen: { words: readonly string[]; type: EntityType; entry: KbEntry | undefined }[] = [];
  private readonly countries = new Set<string>();

  /** @param kb the knowledge base */
  constructor(kb: KnowledgeBase) {
    this.kb = kb;
  }

  /** Record that the document names a country (e.g. by a demonym), as context for later choices. */
  noteCountry(id: string): void {
    this.countries.add(id);
  }

  /**
   * Link the next mention of the document.
   *
   * @returns the entry (or undefined) and the type to report
   */
  link(m: MentionKey): Link {
    const key = joinCompounds(m.words.join(" "));
    const bare = stripTitle(key);
    let entry =
      this.choose(this.candidates(key), m.type) ??
      (bare !== key ? this.choose(this.candidates(bare), m.type) : undefined) ??
      (m.type === "PER" ? this.byLineage(bare) : undefined);
    let antecedent: number | undefined;
    if (!entry || !compatible(entry.type, m.type)) {
      const prior = this.antecedent(m);
      if (prior !== undefined) {
        antecedent = prior;
        entry = this.seen[prior]!.entry;
      }
    }
    // A name the knowledge base lists as spelled (not a weak alias) keeps the
    // base's type even when the tagger guessed another (غيتي tagged MISC is Getty Images, an ORG).
    if (entry && !compatible(entry.type, m.type) && !this.isStrong(key, entry) && !this.isStrong(bare, entry))
      entry = undefined;
    const type = entry ? entry.type : m.type;
    this.seen.push({ words: m.words, type, entry });
    if (entry) {
      if (entry.type === "GPE" && !entry.country) this.countries.add(entry.id);
      if (entry.country) this.countries.add(entry.country);
    }
    return antecedent === undefined ? { entry, type } : { entry, type, antecedent };
  }

  // A longer lineage of a known person: `محمد بن نايف بن عبدالعزيز` is `محمد بن نايف`.
  private byLineage(key: string): KbEntry | undefined {
    const words = key.split(" ");
    // A key longer than every key of the knowledge base is in no list (and a mention thousands of words long, from
    // a page of one name repeated, made this loop build thousands of keys of thousands of words).
    for (let k = Math.min(words.length - 1, this.kb.maxKeyWords); k >= 2; k--) {
      if (words[k] !== "بن" && words[k] !== "ابن") continue;
      const e = this.choose(this.candidates(words.slice(0, k).join(" ")), "PER");
      if (e?.type === "PER") return e;
    }
    return undefined;
  }

  private isStrong(key: string, e: KbEntry): boolean {
    const words = key.split(" ");
    const bare = [withoutArticle(words[0]!), ...words.slice(1)].join(" ");
    return this.kb.lookup(key, false).includes(e) || this.kb.lookup(bare, false).includes(e);
  }

  private candidates(key: string): readonly KbEntry[] {
    const direct = this.kb.lookup(key);
    if (direct.length) return direct;
    // The key with its first word's article dropped (the rest of the key as it is).
    const first = firstWord(key);
    const bare = withoutArticle(first);
    return bare === first ? direct : this.kb.lookup(bare + key.slice(first.length));
  }

  private choose(cands: readonly KbEntry[], type: EntityType): KbEntry | undefined {
    if (cands.length <= 1) return cands[0];
    const typed = cands.filter((e) => e.type === type);
    const pool = typed.length
      ? typed
      : cands.filter((e) => compatible(e.type, type)).length
        ? cands.filter((e) => compatible(e.type, type))
        : cands;
    return pool.find((e) => (e.country && this.countries.has(e.country)) || this.countries.has(e.id)) ?? pool[0];
  }

  // An earlier mention of the same type whose words end with (or contain) all of this one's words.
  private antecedent(m: MentionKey): number | undefined {
    if (m.type !== "PER" && m.type !== "ORG") return undefined;
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const s = this.seen[i]!;
      if (s.type !== m.type || s.words.length <= m.words.length) continue;
      if (bareWordsWithin(m.words, s.words)) return i;
    }
    return undefined;
  }
}

// Whether every word of `words` is, without its article, some word of `have` without its article.
function bareWordsWithin(words: readonly string[], have: readonly string[]): boolean {
  for (const w of words) {
    const wc = articleCut(w);
    let found = false;
    for (let k = 0; !found && k < have.length; k++) {
      const h = have[k]!;
      const hc = articleCut(h);
      const n = h.length - hc;
      found = n === w.length - wc;
      for (let j = 0; found && j < n; j++) found = h.charCodeAt(hc + j) === w.charCodeAt(wc + j);
    }
    if (!found) return false;
  }
  return true;
}

// Characters `withoutArticle` drops from the start of `w` (2 or 0).
function articleCut(w: string): number {
  return w.length > 3 && w.startsWith("ال") ? 2 : 0;
}

/**
 * A mention key without a leading title (`الرئيس`, `الملك`, `وزير`).
 *
 * @param key alias key (see `aliasKey`)
 * @returns the key without the longest leading title, or `key` itself
 */
export function stripTitle(key: string): string {
  // A title must be followed by a space: a key of one word has none.
  if (!key.includes(" ")) return key;
  for (const t of titlesFor(key)) {
    if (key.length > t.length + 1 && key.charCodeAt(t.length) === SPACE && key.startsWith(t))
      return key.slice(t.length + 1);
  }
  return key;
}
