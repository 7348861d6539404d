import { readFileSync } from "node:fs";
import type { Doc } from "../../model/doc.ts";
import { holdShape } from "../../model/hold-shape.ts";
import type { Token } from "../../model/layers.ts";
import type { Span } from "../../model/span.ts";
import { isFoldedAway, matchForm } from "../../normalize/match-form.ts";
import type { Stage } from "../../run/stage.ts";
import { splitsOf, withoutArticle } from "./clitics.ts";
import { Tagger, type WordEntry } from "./decode.ts";
import { hashString } from "./features.ts";
import { DEFAULT_KB_FILES, defaultKnowledgeBase, type EntityType, type KbEntry, KnowledgeBase } from "./kb.ts";
import { DocumentLinker, stripTitle } from "./link.ts";
import { defaultModel } from "./tagger.ts";

/** One named-entity mention (`doc.layers.entities`). */
export interface Entity extends Span {
  type: EntityType;
  /** Knowledge-base id (`gpe:iraq`), or null when the entity is not in the knowledge base. */
  id: string | null;
  /** Canonical English name from the knowledge base, or null. */
  name: string | null;
}

/** A nisba adjective naming a country (`العراقي`, `الأمريكية`): evidence, not an entity (`doc.layers.demonyms`). */
export interface Demonym extends Span {
  id: string;
  name: string;
}

/** Options of the entities stage. */
export interface EntityOptions {
  /** Extra knowledge-base files (JSONL, one entry a line) loaded after the shipped ones. */
  kb?: readonly (string | URL)[];
  /** Add knowledge-base names the tagger missed (default true). */
  gazetteerRecall?: boolean;
}

// What `kinds` holds per token: a word (Arabic), another kind a mention may hold (Latin, number), or neither.
const WORD = 1;
const OTHER_WORD = 2;

/**
 * The entities stage: tags each sentence's tokens with the shipped perceptron
 * model (PER, ORG, GPE, LOC, MISC), adds knowledge-base names it missed,
 * links every mention to the knowledge base, and writes
 * `doc.layers.entities` (and `doc.layers.demonyms`). Spans leave out a
 * proclitic (`لرويترز` → `رويترز`). Reads `doc.tokens`/`doc.sentences`; a
 * document without tokens gets empty layers.
 *
 * @param options `kb`: extra knowledge-base files
 * @returns the stage
 */
export function extractEntities(options: EntityOptions = {}): Stage {
  const kb = options.kb?.length
    ? KnowledgeBase.fromFiles([...DEFAULT_KB_FILES, ...options.kb])
    : defaultKnowledgeBase();
  const tagger = new Tagger(defaultModel(), kb);
  const modelKnows = (w: string) => tagger.knows(w);
  const withGazetteer = options.gazetteerRecall ?? true;

  // Per-token work arrays, reused from one document to the next (grown when a document is longer):
  // every pass reads only the first `count`, which `readWords` fills and `taken` is cleared over.
  // One string lookup per token: the word's cached entry carries what the tagger and the rules below ask of it.
  const norms: string[] = [];
  const entries: WordEntry[] = [];
  // Token kinds read once: the passes below then leave the token objects alone.
  let kinds = new Uint8Array(0);
  let taken = new Uint8Array(0);

  return (doc) => {
    const tokens = doc.tokens;
    const count = tokens.length;
    if (kinds.length < count) {
      kinds = new Uint8Array(Math.max(count, 2 * kinds.length));
      taken = new Uint8Array(kinds.length);
    } else taken.fill(0, 0, count);
    readWords(tagger, tokens, norms, entries, kinds);
    const words: DocWords = { tokens, count, norms, entries, kinds, taken };
    const mentions: Mention[] = [];
    const sentences = doc.sentences;
    if (sentences.length) {
      for (let k = 0; k < sentences.length; k++) {
        const range = sentences[k]!.tokens;
        sentenceMentions(tagger, kb, withGazetteer, modelKnows, words, range[0], range[1], mentions);
      }
    } else sentenceMentions(tagger, kb, withGazetteer, modelKnows, words, 0, count, mentions);
    propagate(tagger, words, mentions);
    mentions.sort((a, b) => a.start - b.start);

    const linker = new DocumentLinker(kb);
    holdShape("DocumentLinker", linker);
    const entities: Entity[] = [];
    for (const m of mentions) {
      const link = linker.link({ words: m.words, type: m.type });
      const entry = m.entry ?? link.entry;
      const first = tokens[m.start]!;
      const span = doc.span(first.start + textOffset(first.text, m.cut), tokens[m.end - 1]!.end);
      entities.push({
        start: span.start,
        end: span.end,
        text: span.text,
        type: m.entry ? m.entry.type : link.type,
        id: entry?.id ?? null,
        name: entry?.name_en ?? null,
      });
    }
    doc.layers.entities = entities;
    doc.layers.demonyms = demonymsOf(doc, tagger, words);
  };
}

// What the passes over one document read: its tokens, their matching forms, cached entries and kinds,
// and which tokens a mention has taken. The arrays may be longer than the document: only `count` count.
interface DocWords {
  tokens: readonly Token[];
  count: number;
  norms: string[];
  entries: WordEntry[];
  kinds: Uint8Array;
  taken: Uint8Array;
}

// Fill each token's matching form, word entry and kind.
function readWords(
  tagger: Tagger,
  tokens: readonly Token[],
  norms: string[],
  entries: WordEntry[],
  kinds: Uint8Array,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.norm || matchForm(t.text);
    norms[i] = w;
    entries[i] = tagger.entry(w);
    kinds[i] = t.kind === "word" ? WORD : t.kind === "latin" || t.kind === "number" ? OTHER_WORD : 0;
  }
}

// The mentions of tokens `from..to` (one sentence): the tagger's chunks, the gazetteer's additions, filtered.
function sentenceMentions(
  tagger: Tagger,
  kb: KnowledgeBase,
  withGazetteer: boolean,
  modelKnows: (w: string) => boolean,
  doc: DocWords,
  from: number,
  to: number,
  mentions: Mention[],
): void {
  if (to <= from) return;
  const { tokens, norms, entries, kinds, taken } = doc;
  // The tagger's chunks are fresh objects of this sentence, and their types entity types: taken as they are.
  const found = tagger.chunksOf(norms, entries, from, to) as Found[];
  if (withGazetteer) addGazetteerHits(kb, norms, entries, from, to, found);
  for (const c of found) {
    let start = from + c.start;
    let end = from + c.end;
    while (start < end && !kinds[start]) start++;
    while (end > start && !kinds[end - 1]) end--;
    if (start === end) continue;
    // A lone nisba word (الأمريكيين) is a demonym, not an entity, unless it is also a name (تشيلي).
    if (end - start === 1 && !c.entry && tagger.demonymOf(entries[start]!) && !isName(kb, norms[start]!)) continue;
    if (end - start === 1 && !c.entry && notName(tokens[start]!, norms[start]!)) continue;
    // `الملاعب السعودية`, `المعارضة السورية`: a feminine nisba after a definite noun is its adjective.
    if (end - start === 1 && start > 0 && isAdjective(norms[start]!, norms[start - 1]!, taken[start - 1]!)) continue;
    // A person's span starts at the name: `الرئيس باراك أوباما` → `باراك أوباما`.
    if (c.type === "PER" && !c.entry) start += titleWords(norms, start, end);
    const cut = c.cut ?? procliticCut(tokens[start]!, norms[start]!, kb, modelKnows);
    taken.fill(1, start, end);
    mentions.push({ start, end, cut, type: c.type, entry: c.entry, words: keyWords(norms, start, end, cut) });
  }
}

// Nisba words no mention took (`العراقي`): the countries they name.
function demonymsOf(doc: Doc, tagger: Tagger, words: DocWords): Demonym[] {
  const { tokens, entries, kinds, taken } = words;
  const demonyms: Demonym[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i] || kinds[i] !== WORD) continue;
    const d = tagger.demonymOf(entries[i]!);
    if (!d) continue;
    const span = doc.span(tokens[i]!.start, tokens[i]!.end);
    demonyms.push({ start: span.start, end: span.end, text: span.text, id: d.id, name: d.name_en });
  }
  return demonyms;
}

/** A mention before linking: tokens `start..end` of the document. */
interface Mention {
  start: number;
  end: number;
  /** Proclitic characters (matching form) at the start of the first token. */
  cut: number;
  type: EntityType;
  /** Set when the gazetteer found it unambiguously. */
  entry: KbEntry | undefined;
  /** Its words, matching form, the first without its proclitics. */
  words: string[];
}

// A mention's words for lookup: the first without its proclitics, dashes dropped.
function keyWords(norms: readonly string[], start: number, end: number, cut: number): string[] {
  const first = cut > 0 ? baseAfterCut(norms[start]!, cut) : norms[start]!;
  // Counted first: an array sized once, not grown from empty.
  let n = first !== "" && first !== "-" ? 1 : 0;
  for (let k = start + 1; k < end; k++) if (norms[k] !== "" && norms[k] !== "-") n++;
  const out = new Array<string>(n);
  n = 0;
  if (first !== "" && first !== "-") out[n++] = first;
  for (let k = start + 1; k < end; k++) if (norms[k] !== "" && norms[k] !== "-") out[n++] = norms[k]!;
  return out;
}

/**
 * Names repeat within an article, and the tagger does not always see them
 * every time: a name tagged once is tagged wherever the same words recur
 * untagged (`بغنداران` three times), and a person's family name
 * (`البكري` after `نايف البكري`, `رضوان` after `طلعت رضوان`) becomes a
 * mention of that person. Words may carry proclitics (`وللبكري`).
 */
function propagate(tagger: Tagger, doc: DocWords, mentions: Mention[]): void {
  const { count, norms, entries, kinds, taken } = doc;
  const byFirst = new Map<string, Known[]>();
  // A 2,048-bit filter of the first words' hashes: a word whose hash bit is clear is not a key of `byFirst`,
  // and most words are ruled out so, without a string lookup.
  const firstHashes = FIRST_HASHES.fill(0);
  for (const m of mentions) {
    if (m.words.length === 0) continue;
    addKnown(byFirst, firstHashes, m.words, m.type);
    const last = m.words[m.words.length - 1]!;
    if (
      m.type === "PER" &&
      m.words.length >= 2 &&
      withoutArticle(last).length >= 3 &&
      !NAME_LINKS.has(last) &&
      !NOT_NAMES_FOLDED.has(last)
    ) {
      addKnown(byFirst, firstHashes, [last], "PER");
    }
  }
  if (byFirst.size === 0) return;
  for (let i = 0; i < count; i++) {
    if (taken[i] || kinds[i] !== WORD) continue;
    const e = entries[i]!;
    // Most words start no name: the filter rules out every reading of most words (`byFirst` holds
    // none of their bases) without reading the readings.
    if (!mayHold(firstHashes, e.keyHash0) && !mayHold(firstHashes, e.keyHash1) && !mayHold(firstHashes, e.keyHash2))
      continue;
    let bestLength = 0;
    let bestCut = 0;
    let bestType: EntityType = "PER";
    const splits = tagger.nameKeysOf(e);
    for (let s = 0; s < splits.length; s++) {
      if (!mayHold(firstHashes, splits[s]!.hash)) continue;
      const list = byFirst.get(splits[s]!.base);
      if (list === undefined) continue;
      for (const cand of list) {
        const n = cand.words.length;
        if (n <= bestLength) continue;
        let ok = i + n <= count;
        for (let k = 1; ok && k < n; k++) ok = !taken[i + k] && entries[i + k]!.noArticle === cand.words[k];
        if (ok) {
          bestLength = n;
          bestCut = splits[s]!.cut;
          bestType = cand.type;
        }
      }
    }
    if (bestLength === 0) continue;
    // `المعارضة السورية` is an adjective even when `سورية` names the country elsewhere in the article.
    if (bestLength === 1 && i > 0 && isAdjective(norms[i]!, norms[i - 1]!, taken[i - 1]!)) continue;
    taken.fill(1, i, i + bestLength);
    mentions.push({
      start: i,
      end: i + bestLength,
      cut: bestCut,
      type: bestType,
      entry: undefined,
      words: keyWords(norms, i, i + bestLength, bestCut),
    });
    i += bestLength - 1;
  }
}

// A name `propagate` looks for: its words without articles, the type, and the words joined (to skip repeats).
interface Known {
  words: string[];
  type: EntityType;
  key: string;
}

// The bit filter `propagate` keeps of its first words (reused: cleared per document).
const FIRST_HASHES = new Int32Array(64);

// Whether the filter may hold a word of this hash (false: it surely does not).
function mayHold(filter: Int32Array, hash: number): boolean {
  return (filter[(hash >>> 5) & 63]! & (1 << (hash & 31))) !== 0;
}

// Add a name under its first word, unless the same words are there already (the first type stays).
function addKnown(byFirst: Map<string, Known[]>, filter: Int32Array, words: readonly string[], type: EntityType): void {
  const bare = words.map(withoutArticle);
  const k = bare[0]!;
  const h = hashString(k) | 0;
  filter[(h >>> 5) & 63]! |= 1 << (h & 31);
  const key = bare.join(" ");
  const list = byFirst.get(k);
  if (list === undefined) {
    byFirst.set(k, [{ words: bare, type, key }]);
    return;
  }
  for (const x of list) if (x.key === key) return;
  list.push({ words: bare, type, key });
}

// A definite word ending in the feminine nisba -ية right after another definite word that is not a name.
function isAdjective(w: string, prev: string, prevTaken: number): boolean {
  if (prevTaken || !w.startsWith("ال") || !w.endsWith("يه") || w.length < 6) return false;
  return splitsOf(prev).some((s) => s.base.startsWith("ال") && s.base.length > 3);
}

interface NotNamesFile {
  folded: string[];
  spelled: string[];
}
const NOT_NAMES = JSON.parse(
  readFileSync(new URL("../../../data/ner/not-names.json", import.meta.url), "utf8"),
) as NotNamesFile;
const NOT_NAMES_FOLDED = new Set(NOT_NAMES.folded.map(matchForm));
const NOT_NAMES_SPELLED = new Set(NOT_NAMES.spelled);

// A lone word that is never a name (months, bare titles, `على` folded to `علي`), with or without و.
function notName(token: Token, norm: string): boolean {
  const w = norm.startsWith("و") && norm.length > 2 && !NOT_NAMES_FOLDED.has(norm) ? norm.slice(1) : norm;
  if (NOT_NAMES_FOLDED.has(w)) return true;
  // The text without diacritics and tatweel: most words have none, and keep their text as it is.
  const text = token.text;
  let spelled = text;
  for (let i = 0; i < text.length; i++) {
    if (!isFoldedAway(text.charCodeAt(i))) continue;
    spelled = text.slice(0, i);
    for (let j = i + 1; j < text.length; j++) if (!isFoldedAway(text.charCodeAt(j))) spelled += text[j];
    break;
  }
  if (spelled.startsWith("و") && !NOT_NAMES_SPELLED.has(spelled)) spelled = spelled.slice(1);
  return NOT_NAMES_SPELLED.has(spelled);
}

// Words inside names that are not family names (`بن`, `ابو`).
const NAME_LINKS = new Set(["بن", "ابن", "ابو", "بنت", "ال", "عبد", "الدين", "الله"]);

interface Found {
  start: number;
  end: number;
  type: EntityType;
  /** Set when the gazetteer found it unambiguously (absent on the tagger's chunks). */
  entry?: KbEntry | undefined;
  cut?: number;
}

// Knowledge-base names the tagger left out or cut short: a listed alias
// (strong, as spelled in the KB) over words no chunk touches, or one that
// covers whole chunks and is longer than each (`مضيق تايوان` over a chunk
// `تايوان`, `نادي النصر` over `النصر`) and replaces them.
function addGazetteerHits(
  kb: KnowledgeBase,
  words: readonly string[],
  entries: readonly WordEntry[],
  from: number,
  to: number,
  found: Found[],
): void {
  const n = to - from;
  // Built on the first exact hit: most sentences have none.
  let owner: Int32Array | undefined;
  let drop: Set<number> | undefined;
  let add: Found[] | undefined;
  for (let i = 0; i < n; ) {
    const starts = entries[from + i]!.starts;
    const m = starts.length > 0 ? kb.matchFrom(starts, words, from + i, to) : undefined;
    if (m === undefined || !m.exact) {
      i++;
      continue;
    }
    if (owner === undefined) {
      owner = new Int32Array(n).fill(-1);
      for (let k = 0; k < found.length; k++) owner.fill(k, found[k]!.start, found[k]!.end);
    }
    const end = i + m.length;
    // Every chunk touching the match must lie inside it and be shorter.
    let fits = true;
    for (let k = i; fits && k < end; k++) {
      const o = owner[k]!;
      if (o < 0) continue;
      const c = found[o]!;
      fits = c.start >= i && c.end <= end && c.end - c.start < m.length;
    }
    if (!fits) {
      i++;
      continue;
    }
    for (let k = i; k < end; k++) if (owner[k]! >= 0) (drop ??= new Set()).add(owner[k]!);
    const entry = m.entries[0]!;
    (add ??= []).push({
      start: i,
      end,
      type: entry.type,
      entry: m.entries.length === 1 ? entry : undefined,
      cut: m.cut,
    });
    i = end;
  }
  if (drop !== undefined) {
    let kept = 0;
    for (let k = 0; k < found.length; k++) if (!drop.has(k)) found[kept++] = found[k]!;
    found.length = kept;
  }
  if (add !== undefined) for (const f of add) found.push(f);
}

// How many words at `start` are a leading title (never all of the mention).
function titleWords(words: readonly string[], start: number, end: number): number {
  const key = end - start === 1 ? words[start]! : words.slice(start, end).join(" ");
  const bare = stripTitle(key);
  if (bare === key) return 0;
  const dropped = key.length - bare.length;
  let n = 0;
  let len = 0;
  while (start + n < end && len < dropped) len += words[start + n++]!.length + 1;
  return len === dropped && start + n < end ? n : 0;
}

// Whether a word (with or without proclitics) is a knowledge-base name as
// listed: `سعودية` is only an adjective, `السعودية` also the country.
function isName(kb: KnowledgeBase, w: string): boolean {
  return splitsOf(w).some((s) => kb.isListed(s.base));
}

/**
 * How many leading characters (of the matching form) of a mention's first
 * word are proclitics. Names often begin with و ب ل ك ف (واشنطن، بغداد، لبنان),
 * so a split is made only when it leaves a known name or an article; the
 * analyzer's `prefix` decides when the word is unknown.
 */
function procliticCut(token: Token, w: string, kb: KnowledgeBase, modelKnows: (w: string) => boolean): number {
  if (kb.words.has(w)) return 0;
  const splits = splitsOf(w);
  for (let k = splits.length - 1; k > 0; k--) {
    const s = splits[k]!;
    if (kb.words.has(s.base) || (s.base.startsWith("ال") && s.base.length > 3)) return s.cut;
  }
  // The training data glues و onto names, so the model knowing `وحسن` says nothing; knowing `بلديه` does.
  if (!w.startsWith("و") && modelKnows(w)) return 0;
  for (let k = splits.length - 1; k > 0; k--) if (modelKnows(splits[k]!.base)) return splits[k]!.cut;
  if (token.prefix) {
    let n = 0;
    while (
      n < token.prefix.length &&
      "وفبلك".includes(token.prefix[n]!) &&
      n < w.length - 2 &&
      w[n] === token.prefix[n]
    )
      n++;
    return n;
  }
  return 0;
}

// The first word's base after `cut` proclitic characters (`للامم` → `الامم`).
function baseAfterCut(w: string, cut: number): string {
  return splitsOf(w).find((s) => s.cut === cut)?.base ?? w.slice(cut);
}

/** Offset in `text` after `n` characters of its matching form (diacritics and tatweel do not count). */
function textOffset(text: string, n: number): number {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < n) {
    if (!isFoldedAway(text.charCodeAt(i))) seen++;
    i++;
  }
  while (i < text.length && isFoldedAway(text.charCodeAt(i))) i++;
  return i;
}
