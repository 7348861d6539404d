import type { Token } from "../../model/layers.ts";
import type { Span } from "../../model/span.ts";
import { isFoldedAway, matchForm } from "../../normalize/match-form.ts";
import type { Stage } from "../../run/stage.ts";
import { cliticSplits } from "./clitics.ts";
import { chunks, Tagger } from "./decode.ts";
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

const WORD_KINDS = new Set(["word", "latin", "number"]);

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
  const kb = options.kb?.length ? KnowledgeBase.fromFiles([...DEFAULT_KB_FILES, ...options.kb]) : defaultKnowledgeBase();
  const model = defaultModel();
  const tagger = new Tagger(model, kb);
  const modelKnows = (w: string) => model.rowOf(`w=${w}`) >= 0;
  const withGazetteer = options.gazetteerRecall ?? true;

  return (doc) => {
    const text = doc.text;
    const entities: Entity[] = [];
    const demonyms: Demonym[] = [];
    const linker = new DocumentLinker(kb);
    for (const [from, to] of sentenceRanges(doc.sentences, doc.tokens.length)) {
      const toks = doc.tokens.slice(from, to);
      if (toks.length === 0) continue;
      const words = toks.map((t) => t.norm || matchForm(t.text));
      const found: Found[] = chunks(tagger.tag(words)).map((c) => ({ ...c, type: c.type as EntityType, entry: undefined }));
      if (withGazetteer) addGazetteerHits(kb, words, found);
      found.sort((a, b) => a.start - b.start);
      const taken = new Uint8Array(toks.length);
      for (const c of found) {
        let { start, end } = c;
        while (start < end && !WORD_KINDS.has(toks[start]!.kind)) start++;
        while (end > start && !WORD_KINDS.has(toks[end - 1]!.kind)) end--;
        if (start === end) continue;
        // A lone nisba word (الأمريكيين) is a demonym, not an entity, unless it is also a name (تشيلي).
        if (end - start === 1 && !c.entry && kb.demonym(words[start]!) && !isName(kb, words[start]!)) continue;
        // A person's span starts at the name: `الرئيس باراك أوباما` → `باراك أوباما`.
        if (c.type === "PER" && !c.entry) start += titleWords(words, start, end);
        taken.fill(1, start, end);
        const first = toks[start]!;
        const cut = c.cut ?? procliticCut(first, words[start]!, kb, modelKnows);
        const firstWord = cut > 0 ? baseAfterCut(words[start]!, cut) : words[start]!;
        const keyWords = [firstWord, ...words.slice(start + 1, end)].filter((w) => w !== "" && w !== "-");
        const link = linker.link({ words: keyWords, type: c.type });
        const entry = c.entry ?? link.entry;
        const s = first.start + textOffset(first.text, cut);
        const e = toks[end - 1]!.end;
        entities.push({ ...doc.span(s, e), type: c.entry ? c.entry.type : link.type, id: entry?.id ?? null, name: entry?.name_en ?? null });
      }
      toks.forEach((t, i) => {
        if (taken[i] || t.kind !== "word") return;
        const d = kb.demonym(words[i]!);
        if (!d) return;
        linker.noteCountry(d.id);
        demonyms.push({ ...doc.span(t.start, t.end), id: d.id, name: d.name_en });
      });
    }
    doc.layers.entities = entities;
    doc.layers.demonyms = demonyms;
  };
}

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
function addGazetteerHits(kb: KnowledgeBase, words: readonly string[], found: Found[]): void {
  const owner = new Int32Array(words.length).fill(-1);
  found.forEach((c, k) => owner.fill(k, c.start, c.end));
  const drop = new Set<number>();
  const add: Found[] = [];
  for (let i = 0; i < words.length; ) {
    const m = kb.matchAt(words, i);
    if (!m || !m.exact) {
      i++;
      continue;
    }
    const end = i + m.length;
    const inside = new Set<number>();
    for (let k = i; k < end; k++) if (owner[k]! >= 0) inside.add(owner[k]!);
    const fits = [...inside].every((k) => found[k]!.start >= i && found[k]!.end <= end && found[k]!.end - found[k]!.start < m.length);
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

// Whether a word (with or without proclitics) is a knowledge-base name.
function isName(kb: KnowledgeBase, w: string): boolean {
  return cliticSplits(w).some((s) => kb.lookup(s.base).length > 0);
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
  const splits = cliticSplits(w);
  for (let k = splits.length - 1; k > 0; k--) {
    const s = splits[k]!;
    if (kb.words.has(s.base) || (s.base.startsWith("ال") && s.base.length > 3)) return s.cut;
  }
  // The training data glues و onto names, so the model knowing `وحسن` says nothing; knowing `بلديه` does.
  if (!w.startsWith("و") && modelKnows(w)) return 0;
  for (let k = splits.length - 1; k > 0; k--) if (modelKnows(splits[k]!.base)) return splits[k]!.cut;
  if (token.prefix) {
    let n = 0;
    while (n < token.prefix.length && "وفبلك".includes(token.prefix[n]!) && n < w.length - 2 && w[n] === token.prefix[n]) n++;
    return n;
  }
  return 0;
}

// The first word's base after `cut` proclitic characters (`للامم` → `الامم`).
function baseAfterCut(w: string, cut: number): string {
  return cliticSplits(w).find((s) => s.cut === cut)?.base ?? w.slice(cut);
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
