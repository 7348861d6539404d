import { readFileSync } from "node:fs";
import type { Token } from "../../model/layers.ts";
import type { Span } from "../../model/span.ts";
import { isFoldedAway, matchForm } from "../../normalize/match-form.ts";
import type { Stage } from "../../run/stage.ts";
import { splitsOf, withoutArticle } from "./clitics.ts";
import { Tagger, type WordEntry } from "./decode.ts";
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

  return (doc) => {
    const tokens = doc.tokens;
    const count = tokens.length;
    // One string lookup per token: the word's cached entry carries what the tagger and the rules below ask of it.
    const norms = new Array<string>(count);
    const entries = new Array<WordEntry>(count);
    // Token kinds read once: the passes below then leave the token objects alone.
    const kinds = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const t = tokens[i]!;
      const w = t.norm || matchForm(t.text);
      norms[i] = w;
      entries[i] = tagger.entry(w);
      kinds[i] = t.kind === "word" ? WORD : t.kind === "latin" || t.kind === "number" ? OTHER_WORD : 0;
    }
    const taken = new Uint8Array(count);
    const mentions: Mention[] = [];
    for (const [from, to] of sentenceRanges(doc.sentences, count)) {
      if (to <= from) continue;
      const found: Found[] = tagger
        .chunksOf(norms, entries, from, to)
        .map((c) => ({ start: c.start, end: c.end, type: c.type as EntityType, entry: undefined }));
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
        if (end - start === 1 && start > 0 && isAdjective(norms[start]!, norms[start - 1]!, taken[start - 1]!))
          continue;
        // A person's span starts at the name: `الرئيس باراك أوباما` → `باراك أوباما`.
        if (c.type === "PER" && !c.entry) start += titleWords(norms, start, end);
        const cut = c.cut ?? procliticCut(tokens[start]!, norms[start]!, kb, modelKnows);
        taken.fill(1, start, end);
        mentions.push({ start, end, cut, type: c.type, entry: c.entry, words: keyWords(norms, start, end, cut) });
      }
    }
    propagate(tagger, norms, entries, kinds, taken, mentions);
    mentions.sort((a, b) => a.start - b.start);

    const linker = new DocumentLinker(kb);
    const entities: Entity[] = [];
    for (const m of mentions) {
      const link = linker.link({ words: m.words, type: m.type });
      const entry = m.entry ?? link.entry;
      const first = tokens[m.start]!;
      entities.push({
        ...doc.span(first.start + textOffset(first.text, m.cut), tokens[m.end - 1]!.end),
        type: m.entry ? m.entry.type : link.type,
        id: entry?.id ?? null,
        name: entry?.name_en ?? null,
      });
    }
    const demonyms: Demonym[] = [];
    for (let i = 0; i < count; i++) {
      if (taken[i] || kinds[i] !== WORD) continue;
      const d = tagger.demonymOf(entries[i]!);
      if (d) demonyms.push({ ...doc.span(tokens[i]!.start, tokens[i]!.end), id: d.id, name: d.name_en });
    }
    doc.layers.entities = entities;
    doc.layers.demonyms = demonyms;
  };
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
  return [first, ...norms.slice(start + 1, end)].filter((w) => w !== "" && w !== "-");
}

/**
 * Names repeat within an article, and the tagger does not always see them
 * every time: a name tagged once is tagged wherever the same words recur
 * untagged (`بغنداران` three times), and a person's family name
 * (`البكري` after `نايف البكري`, `رضوان` after `طلعت رضوان`) becomes a
 * mention of that person. Words may carry proclitics (`وللبكري`).
 */
function propagate(
  tagger: Tagger,
  norms: readonly string[],
  entries: readonly WordEntry[],
  kinds: Uint8Array,
  taken: Uint8Array,
  mentions: Mention[],
): void {
  const byFirst = new Map<string, { words: string[]; type: EntityType }[]>();
  const add = (words: string[], type: EntityType) => {
    const bare = words.map(withoutArticle);
    const k = bare[0]!;
    const list = byFirst.get(k) ?? [];
    if (!list.some((x) => x.words.join(" ") === bare.join(" "))) list.push({ words: bare, type });
    byFirst.set(k, list);
  };
  for (const m of mentions) {
    if (m.words.length === 0) continue;
    add(m.words, m.type);
    const last = m.words[m.words.length - 1]!;
    if (
      m.type === "PER" &&
      m.words.length >= 2 &&
      withoutArticle(last).length >= 3 &&
      !NAME_LINKS.has(last) &&
      !NOT_NAMES_FOLDED.has(last)
    ) {
      add([last], "PER");
    }
  }
  if (byFirst.size === 0) return;
  for (let i = 0; i < norms.length; i++) {
    if (taken[i] || kinds[i] !== WORD) continue;
    const w = norms[i]!;
    // Most words start no name: skip the split unless the word or a proclitic reading could.
    if (!byFirst.has(entries[i]!.noArticle) && !PROCLITIC_START.has(w.charCodeAt(0))) continue;
    let best: { length: number; cut: number; type: EntityType } | undefined;
    for (const split of tagger.nameKeysOf(entries[i]!)) {
      const list = byFirst.get(split.base);
      if (list === undefined) continue;
      for (const cand of list) {
        const n = cand.words.length;
        if (best && n <= best.length) continue;
        let ok = i + n <= norms.length;
        for (let k = 1; ok && k < n; k++) ok = !taken[i + k] && entries[i + k]!.noArticle === cand.words[k];
        if (ok) best = { length: n, cut: split.cut, type: cand.type };
      }
    }
    if (!best) continue;
    // `المعارضة السورية` is an adjective even when `سورية` names the country elsewhere in the article.
    if (best.length === 1 && i > 0 && isAdjective(w, norms[i - 1]!, taken[i - 1]!)) continue;
    taken.fill(1, i, i + best.length);
    mentions.push({
      start: i,
      end: i + best.length,
      cut: best.cut,
      type: best.type,
      entry: undefined,
      words: keyWords(norms, i, i + best.length, best.cut),
    });
    i += best.length - 1;
  }
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
  let spelled = "";
  for (let i = 0; i < token.text.length; i++) if (!isFoldedAway(token.text.charCodeAt(i))) spelled += token.text[i];
  if (spelled.startsWith("و") && !NOT_NAMES_SPELLED.has(spelled)) spelled = spelled.slice(1);
  return NOT_NAMES_SPELLED.has(spelled);
}

const PROCLITIC_START = new Set(Array.from("وفبلك", (c) => c.charCodeAt(0)));

// Words inside names that are not family names (`بن`, `ابو`).
const NAME_LINKS = new Set(["بن", "ابن", "ابو", "بنت", "ال", "عبد", "الدين", "الله"]);

interface Found {
  start: number;
  end: number;
  type: EntityType;
  entry: KbEntry | undefined;
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
  const drop = new Set<number>();
  const add: Found[] = [];
  for (let i = 0; i < n; ) {
    const m = entries[from + i]!.startsName ? kb.matchAt(words, from + i, to) : undefined;
    if (!m?.exact) {
      i++;
      continue;
    }
    if (owner === undefined) {
      const o = new Int32Array(n).fill(-1);
      found.forEach((c, k) => {
        o.fill(k, c.start, c.end);
      });
      owner = o;
    }
    const end = i + m.length;
    const inside = new Set<number>();
    for (let k = i; k < end; k++) if (owner[k]! >= 0) inside.add(owner[k]!);
    const fits = [...inside].every(
      (k) => found[k]!.start >= i && found[k]!.end <= end && found[k]!.end - found[k]!.start < m.length,
    );
    if (!fits) {
      i++;
      continue;
    }
    for (const k of inside) drop.add(k);
    const entry = m.entries[0]!;
    add.push({ start: i, end, type: entry.type, entry: m.entries.length === 1 ? entry : undefined, cut: m.cut });
    i = end;
  }
  if (drop.size) {
    const keep = found.filter((_, k) => !drop.has(k));
    found.length = 0;
    found.push(...keep);
  }
  found.push(...add);
}

// How many words at `start` are a leading title (never all of the mention).
function titleWords(words: readonly string[], start: number, end: number): number {
  const key = words.slice(start, end).join(" ");
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

// The token ranges of the sentences, or the whole token list as one when there are none.
function sentenceRanges(sentences: readonly { tokens: [number, number] }[], n: number): [number, number][] {
  if (sentences.length) return sentences.map((s) => s.tokens);
  return n ? [[0, n]] : [];
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
