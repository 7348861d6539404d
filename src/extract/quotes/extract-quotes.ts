import type { Doc } from "../../model/doc.ts";
import { isJsSpace } from "../../normalize/char-table.ts";
import type { Span } from "../../model/span.ts";
import type { Stage } from "../../run/stage.ts";
import { hasAnonymityClause, isAnonymousSpeaker, vagueBefore } from "./anonymity.ts";

import { resolveContinuation } from "./continuation.ts";
import {
  endOf,
  entitiesOf,
  firstFrom,
  mentionAt,
  mentionStartsAt,
  PER,
  startOf,
  startsFrom,
  typeOf,
} from "./entity-index.ts";
import { findOpener, nextToken, sentenceLast, trimEnd } from "./content.ts";
import { complementizer, type Cue, cueAt, nextWord, SELF_NOUNS } from "./cues.ts";
import { outletAt, type TokenRange } from "./outlets.ts";
import { findQuoteRegions, type QuoteRegion } from "./quote-marks.ts";
import { NAME_WORDS, opensName, type ScanContext, scanContext } from "./scan-context.ts";
import {
  canStartContent,
  embeddedVerb,
  faClause,
  isDemonstrative,
  nameAndRole,
  nominalSplit,
  possessed,
  type SpeakerRange,
  speakerAfter,
  speakerBefore,
} from "./speakers.ts";
import { bareAt, type TokenView, tokenView } from "./token-view.ts";

/**
 * One attributed statement: who said it (`speaker`, with `speaker_name` and
 * `speaker_role` when they separate), the reporting cue, the content, to whom
 * (`outlet`) and when, whether it is a direct quote and whether the source is
 * anonymous. A pronoun-dropped statement (`وأضاف`) reuses the earlier speaker
 * mention and links to its quote with `continues`.
 */
export interface Quote {
  speaker: Span | null;
  speaker_name?: Span;
  speaker_role?: Span;
  cue: Span;
  content: Span;
  outlet?: Span;
  when?: Span;
  direct: boolean;
  anonymous: boolean;
  /** Index in `doc.layers.quotes` of the quote whose speaker this one inherits. */
  continues?: number;
  /** How sure the extraction is (0..1): lower for inherited speakers and bare-noun content. */
  confidence: number;
  /**
   * The named entity the speaker is (from `doc.layers.entities`): the person named in the speaker phrase,
   * else the organization or place speaking. Absent for anonymous or unnamed speakers.
   */
  speaker_entity?: SpeakerEntity;
}

/** The entity mention inside a speaker phrase, with its knowledge-base link (`id` null when not in the KB). */
export interface SpeakerEntity extends Span {
  type: string;
  id: string | null;
  name: string | null;
}

/** Options for `extractQuotes`. */
export interface QuoteOptions {
  /** Leave out quotes below this confidence (default 0). */
  minConfidence?: number;
}

/** Share of a clause's words a closing quoted passage must hold to make the statement direct (`إن هذه القواعد «...»`). */
const MOSTLY_QUOTED = 0.75;
/** Fewest words of such a passage: shorter ones are quoted fragments of indirect speech (`تمثل «عودة خطيرة إلى الخلف»`). */
const MIN_QUOTED_WORDS = 5;
/**
 * Most words of the clause a source phrase after it attributes (`X، بحسب Y`: X). The longest on 3,030 articles has
 * 110; without a bound one sentence of thousands of source phrases made output quadratic in its length.
 */
const MAX_CLAUSE_WORDS = 200;
/** Fewest words of indirect content. */
const MIN_CONTENT_WORDS = 2;
/** Commas (`،`, `,`), compared by code unit with `view.mark`. */
const ARABIC_COMMA = 0x60c;
const COMMA = 0x2c;
const CLAUSE_LINKS = new Set(["و", "بينما", "فيما", "لكن", "لكنه", "لكنها", "ولكن", "ثم", "وذلك", "حيث", "كما"]);

interface Draft {
  id: number;
  cue: Cue;
  speaker: SpeakerRange;
  /** Letters cut from the speaker's first token (the ل of `لوكالة`). */
  speakerCut: number;
  /** Where this statement's clause starts: earlier content ends before it. */
  clauseStart: number;
  /** Token range of indirect content, or char range of direct content. */
  first: number;
  last: number;
  firstCut: number;
  chars?: [number, number];
  direct: boolean;
  /** Content may still end at a later clause (indirect, not a fixed passage). */
  open: boolean;
  anonymous: boolean;
  outlet?: TokenRange;
  when?: [number, number];
  continues?: number;
  confidence: number;
}

/**
 * The quote stage: finds attributed statements in a segmented document and
 * writes them to `doc.layers.quotes` (see `Quote`). Reads `doc.tokens`,
 * `doc.sentences` and `doc.paragraphs`; uses `doc.layers.entities` (persons)
 * and `doc.layers.dates` when an earlier stage made them, and needs neither.
 *
 * @param options see `QuoteOptions`
 * @returns the stage
 */
export function extractQuotes(options: QuoteOptions = {}): Stage {
  const minConfidence = options.minConfidence ?? 0;
  return (doc) => {
    if (doc.tokens.length === 0) {
      doc.layers.quotes = [];
      return;
    }
    const quotes = findQuotes(doc);
    // Every confidence is positive: the default threshold keeps the list as it is.
    doc.layers.quotes = minConfidence > 0 ? quotes.filter((q) => q.confidence >= minConfidence) : quotes;
  };
}

/**
 * Find the attributed statements of a segmented document.
 *
 * @returns the quotes in text order (by cue)
 */
export function findQuotes(doc: Doc): Quote[] {
  const view = tokenView(doc);
  const { regions, inside } = findQuoteRegions(view);
  const cues = cueColumn();
  const ctx: ScanContext = scanContext(view, regions, inside, cues);
  const found: Cue[] = [];
  let lastVerb = -1;
  // Only the words the token view found with a trigger's sieve bits can start a cue; after a cue, the scan
  // goes on past its last token.
  let from = 0;
  for (let c = 0; c < view.cueCount; c++) {
    const i = view.cueCandidates[c]!;
    if (i < from) continue;
    const cue = cueAt(view, i);
    if (!cue) continue;
    const r = inside[i]!;
    // A cue inside a quoted passage belongs to the quoted speech, not to the text around it.
    if (r >= 0 && opensName(ctx, regions[r]!.open) < 0) continue;
    // `وأضاف قائلا: إن ...`: a participle right after a verb restates it; the verb carries the statement.
    if (cue.kind === "participle" && lastVerb >= 0 && nextWord(view, lastVerb) === i) continue;
    cues[i] = cue;
    cuesSet.push(i);
    found.push(cue);
    if (cue.kind === "verb") lastVerb = cue.last;
    from = cue.last + 1;
  }

  const drafts: Draft[] = [];
  const selfs: number[] = [];
  let frameEnd = -1;
  for (const cue of found) {
    if (cue.kind === "self") {
      selfs.push(cue.first);
      continue;
    }
    if (cue.kind === "source") {
      if (cue.first < frameEnd) continue;
      const d = sourceDraft(ctx, cue, drafts);
      if (d) drafts.push(d);
      continue;
    }
    // `وأوضح سوليان قائلا: «...»`: a participle right after a verb's speaker restates the verb.
    const prev = drafts[drafts.length - 1];
    if (cue.kind === "participle" && prev?.cue.kind === "verb" && nextWord(view, prev.speaker.last) === cue.first)
      continue;
    const d = verbDraft(ctx, cue, drafts);
    if (d) {
      drafts.push(d.draft);
      frameEnd = Math.max(frameEnd, d.frameEnd);
    }
  }

  // Indirect content runs to the end of its clause: the sentence end, the next statement, or `حسب قوله`.
  // The drafts are in text order of their cues (one draft per cue), and a direct passage split off a draft
  // (`mixedQuote`) shares its cue and has a later id, so the statements in order of (cue, id) are each draft
  // followed by its split: no sort is needed.
  const all: Draft[] = [];
  let splits = 0;
  const starts = clauseStarts(drafts, selfs);
  for (const d of drafts) {
    let split: Draft | undefined;
    if (d.open) {
      // The content ends before the first later clause that starts inside it (the smallest such start).
      let end = d.last;
      const next = firstAbove(starts, d.first);
      if (next < starts.length && starts[next]! <= end) end = starts[next]! - 1;
      end = trimLinks(ctx, d.first, end);
      d.last = trimEnd(ctx, d.first, end);
      split = mixedQuote(ctx, d);
      if (split) split.id = drafts.length + splits++;
    }
    // Indirect content cut down to a lone word (`قالت مصادر إن`) is no statement.
    if (isStatement(ctx, d)) all.push(d);
    if (split && isStatement(ctx, split)) all.push(split);
  }
  // Draft ids are 0..n-1: an array maps them to output positions without building a Map per document.
  const position: number[] = [];
  for (let k = 0; k < all.length; k++) position[all[k]!.id] = k;
  const quotes: Quote[] = [];
  for (const d of all) {
    const q = toQuote(ctx, d, position);
    if (q) quotes.push(q);
  }
  linkSpeakers(view, quotes);
  return quotes;
}

/*
 * Where each clause starts (every draft's and every `حسب قوله`), sorted, in one buffer reused across documents: an
 * open draft's content ends before the smallest of them inside it. Looking through every draft for every draft was
 * quadratic in the cues of a paragraph (a 160,000-character paragraph of cues: most of a second).
 */
let startsBuffer = new Int32Array(256);

function clauseStarts(drafts: readonly Draft[], selfs: readonly number[]): Int32Array {
  const n = drafts.length + selfs.length;
  if (startsBuffer.length < n) startsBuffer = new Int32Array(n * 2);
  let k = 0;
  for (const d of drafts) startsBuffer[k++] = d.clauseStart;
  for (const s of selfs) startsBuffer[k++] = s;
  return startsBuffer.subarray(0, n).sort();
}

/** Index of the first value of `sorted` above `x` (`sorted.length` when none is). */
function firstAbove(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether a draft keeps content: a non-empty direct passage, or indirect content of at least two words. */
function isStatement(ctx: ScanContext, d: Draft): boolean {
  return d.chars ? d.chars[1] > d.chars[0] : wordsIn(ctx, d.first, d.last) >= MIN_CONTENT_WORDS;
}

/**
 * The cue found at each token, reused from one document to the next like the
 * token view's columns: a fresh array of every token's length per document
 * was garbage the size of the token list. The entries the last document set
 * are cleared first (also when it ended in an exception), so every entry reads
 * `undefined` but for this document's cues.
 */
const cuePool: (Cue | undefined)[] = [];
const cuesSet: number[] = [];

function cueColumn(): (Cue | undefined)[] {
  for (const k of cuesSet) cuePool[k] = undefined;
  cuesSet.length = 0;
  return cuePool;
}

/**
 * Whether the person named at `nameStart` is the object of a preposition
 * inside the speaker phrase (`القوات الموالية للرئيس الشرعي عبد ربه منصور
 * هادي`: the forces speak, not the president): the title before the name, or
 * the word before its adjective, carries ل or ب.
 */
function governedName(view: TokenView, phraseStart: number, nameStart: number): boolean {
  const tokens = view.doc.tokens;
  // Binary search on the view's offsets: the token objects stay unread but for the few words before the name.
  let lo = 0;
  let hi = view.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (view.start[mid]! < phraseStart) lo = mid + 1;
    else hi = mid;
  }
  // The last word before the name, or the one before it when that is an adjective with the article.
  let last = -1;
  let beforeLast = -1;
  for (let i = lo; i < view.n; i++) {
    if (view.end[i]! > nameStart) break;
    if (view.word[i] && tokens[i]!.kind === "word") {
      beforeLast = last;
      last = i;
    }
  }
  if (last < 0) return false;
  const w = beforeLast >= 0 && tokens[last]!.prefix === "ال" ? tokens[beforeLast]! : tokens[last]!;
  return GOVERNING_PREFIXES.has(w.prefix);
}

/** Clitic prefixes that make the next name an object (ل/ب, with the article, after و/ف). */
const GOVERNING_PREFIXES: ReadonlySet<string> = new Set(["ب", "ل", "لل", "بال"].flatMap((p) => [p, `و${p}`, `ف${p}`]));

/**
 * Speaker-entity preference by type code (`entity-index.ts`: PER, ORG, GPE, LOC, MISC, any other): a person
 * speaks for an organization, which speaks for a place.
 */
const SPEAKER_RANKS: readonly number[] = [0, 1, 2, 3, 4, 9];

/**
 * Attach to each named speaker the entity it is: among the entity mentions
 * inside the speaker phrase, a person first (`وزير الخارجية الأمريكي جون
 * كيري` is Kerry, not the United States), else an organization or place that
 * heads the phrase (`الخارجية الروسية`, `واشنطن`). Anonymous speakers get none: `مسؤول في الوزارة` is not the
 * ministry speaking.
 */
function linkSpeakers(view: TokenView, quotes: Quote[]): void {
  if (quotes.length === 0) return;
  const doc = view.doc;
  const entities = entitiesOf(view);
  if (entities.count === 0) return;
  for (const q of quotes) {
    const sp = q.speaker;
    if (!sp || q.anonymous) continue;
    let best = -1;
    let bestRank = 0;
    for (let k = firstFrom(entities, sp.start); k < entities.count && !startsFrom(entities, k, sp.end); k++) {
      if (!mentionAt(entities, k) || endOf(entities, k) > sp.end) continue;
      const type = typeOf(entities, k);
      const eStart = startOf(entities, k);
      // Only a person may sit anywhere in the phrase; a body or place must head it (`شركة «تايوان باور»` is not Taiwan).
      if (type !== PER && hasLetter(doc.text, sp.start, eStart)) continue;
      if (type === PER && governedName(view, sp.start, eStart)) continue;
      const rank = SPEAKER_RANKS[type]!;
      if (best < 0 || rank < bestRank) {
        best = k;
        bestRank = rank;
      }
    }
    if (best < 0) continue;
    const e = entities.list[best]!;
    const span = doc.span(startOf(entities, best), endOf(entities, best));
    q.speaker_entity = {
      start: span.start,
      end: span.end,
      text: span.text,
      type: e.type!,
      id: typeof e.id === "string" ? e.id : null,
      name: typeof e.name === "string" ? e.name : null,
    };
  }
}

const LETTER = /\p{L}/u;

/** Whether `text[from, to)` holds a letter (as `\p{L}`), read by code unit: Arabic and ASCII need no regex. */
function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
    } else if (c >= 0x0621 && c <= 0x064a) return true;
    else if (LETTER.test(text[i]!)) return true;
  }
  return false;
}

function verbDraft(
  ctx: ScanContext,
  cue: Cue,
  prior: readonly Draft[],
): { draft: Draft; frameEnd: number } | undefined {
  const { view } = ctx;
  const i = cue.first;
  const verb = cue.verb;
  const next = nextToken(ctx, i);
  const pointsBack = cue.kind === "verb" && next >= 0 && isDemonstrative(view, next);
  let speaker = cue.kind === "verb" ? speakerAfter(ctx, pointsBack ? next + 1 : i + 1, verb) : undefined;
  if (speaker && mannerWord(ctx, speaker)) speaker = undefined;
  let clauseStart = i;
  let confidence = 0.9;
  if (pointsBack) {
    // `أوضح ذلك المهندس ...`: the statement is the previous sentence.
    if (!speaker) return undefined;
    const s = view.sent[i]!;
    const prev = view.doc.sentences[s - 1];
    if (!prev) return undefined;
    const last = trimEnd(ctx, prev.tokens[0], prev.tokens[1] - 1);
    return {
      draft: base(ctx, cue, speaker, clauseStart, prev.tokens[0], last, 0, false, 0.6, prior.length),
      frameEnd: speaker.last,
    };
  }
  let channel: TokenRange | undefined;
  if (speaker && verb?.relay) {
    // `نقلت الوكالة عن مسؤول قوله إن`: the agency relays, the source follows عن.
    const relayed = relaySource(ctx, speaker);
    if (relayed) ({ speaker, channel } = relayed);
  }
  let opener = findOpener(ctx, speaker ? speaker.last + 1 : i + 1, verb);
  if (opener?.kind === "prep" && speaker && cue.kind === "verb" && !channel) {
    // Content that opens with a preposition may have the verb's object before it, read into the
    // speaker: `أكد الربيعة حرص بنك الرياض على`. Cut the phrase at the object when content still follows.
    const shorter = speakerAfter(ctx, i + 1, verb, true);
    if (shorter && shorter.last < speaker.last) {
      const o = findOpener(ctx, shorter.last + 1, verb);
      if (o) {
        speaker = shorter;
        opener = o;
      }
    }
  }
  if (!speaker && cue.kind === "verb" && !cue.conj && opener) {
    if (vagueBefore(view, i) < 0 && embeddedVerb(ctx, i, opener.kind)) return undefined;
    const left = speakerBefore(ctx, i);
    if (left) {
      speaker = left;
      clauseStart = left.first;
      confidence = 0.8;
    }
  }
  let first: number;
  let firstCut = 0;
  let chars: [number, number] | undefined;
  let direct = false;
  let open = true;
  let nominalEnd = -1;
  const quoted = opener ? undefined : quoteBefore(ctx, i);
  if (quoted) {
    // Content first: `«...»، قال القيادي الكردي شرفان درويش`.
    first = quoted.open;
    chars = regionChars(ctx, quoted);
    direct = true;
    open = false;
    opener = { kind: "quote", at: quoted.open, cut: 0 };
    const o = speaker ? outletAt(ctx, nextToken(ctx, speaker.last)) : undefined;
    if (o) opener.outlet = o.outlet;
  } else if (!opener) {
    if (!speaker || !verb?.nominal) return undefined;
    // A bare noun content: `أكد الربيعة حرص البنك`, `أعلنت الشركة زيادة أرباحها`.
    const split = nominalSplit(view, speaker);
    if (split < 0 || !canStartContent(view, split) || possessed(view, speaker.first)) return undefined;
    let last = split - 1;
    while (last > speaker.first && !view.word[last]) last--;
    speaker = { first: speaker.first, last };
    first = split;
    nominalEnd = nominalClauseEnd(ctx, split);
    confidence = 0.6;
    opener = { kind: "prep", at: split, cut: 0 };
  } else if (
    opener.kind === "prep" &&
    verb?.nominal &&
    speaker &&
    opener.skippedAt !== undefined &&
    opener.skippedAt === nextWord(view, speaker.last) &&
    canStartContent(view, opener.skippedAt)
  ) {
    // The verb's object stands before the preposition: `أكد الربيعة حرص بنك الرياض على ترسيخ ...`,
    // `وتؤكد وزارة التجارة والصناعة سعيها المتواصل لتطوير ...`.
    first = opener.skippedAt;
    nominalEnd = nominalClauseEnd(ctx, first);
    confidence = 0.6;
  } else {
    first = opener.at;
    firstCut = opener.cut;
    if (opener.kind === "colon") first = nextToken(ctx, opener.at);
    const quoteAt =
      opener.kind === "quote" ? opener.at : opener.kind === "complementizer" ? nextToken(ctx, opener.at) : -1;
    const r = quoteAt >= 0 ? ctx.opens[quoteAt]! : -1;
    if (r >= 0 && opensName(ctx, quoteAt) < 0) {
      chars = regionChars(ctx, ctx.regions[r]!);
      direct = true;
      open = false;
      confidence += 0.05;
    }
  }
  if (first < 0) return undefined;
  let continues: number | undefined;
  let anonymous = false;
  if (!speaker) {
    const ante = resolveContinuation(ctx, i, prior, cue.gender);
    if (!ante) return undefined;
    speaker = ante.speaker;
    confidence = ante.confidence + (direct ? 0.05 : 0);
    if (ante.continues !== undefined) {
      continues = prior[ante.continues]!.id;
      anonymous = prior[ante.continues]!.anonymous;
    }
  }
  anonymous ||= isAnonymousSpeaker(view, speaker.first, speaker.last) || hasAnonymityClause(view, i, opener.at);
  const draft = base(
    ctx,
    cue,
    speaker,
    clauseStart,
    first,
    nominalEnd >= 0 ? nominalEnd : sentenceLast(ctx, first),
    firstCut,
    direct,
    confidence,
    prior.length,
  );
  draft.open = open;
  draft.anonymous = anonymous;
  if (chars) draft.chars = chars;
  if (opener.outlet ?? channel) draft.outlet = (opener.outlet ?? channel)!;
  if (opener.when) draft.when = opener.when;
  if (continues !== undefined) draft.continues = continues;
  return { draft, frameEnd: opener.at };
}

/**
 * Whether a one-word speaker is a manner adverb: ب and a verbal noun of the
 * shapes افتعال, استفعال, فعول or فعلة (`ويشير بامتنان إلى`, `باهتمام`,
 * `باستمرار`, `بوضوح`, `بشدة`), which names rarely have (`قال بيكار`, `بوتين`);
 * a word the entities layer names stays a speaker.
 */
function mannerWord(ctx: ScanContext, speaker: SpeakerRange): boolean {
  const { view } = ctx;
  if (speaker.first !== speaker.last || !view.word[speaker.first]) return false;
  const w = view.norm[speaker.first]!;
  if (!MANNER_SHAPES.some((shape) => shape.test(w))) return false;
  return !mentionStartsAt(entitiesOf(view), view.start[speaker.first]!);
}

/** ب + verbal noun, in matching form (ة is ه): بافتعال, باستفعال, بفعول, بفعلة. */
const MANNER_SHAPES: readonly RegExp[] = [/^با.ت.ا.$/, /^باست..ا.$/, /^ب..و.$/, /^ب...ه$/];

/** Split `الوكالة عن مسؤول قوله` into the channel and the source (without `قوله`). */
function relaySource(
  ctx: ScanContext,
  speaker: SpeakerRange,
): { speaker: SpeakerRange; channel: TokenRange } | undefined {
  const { view } = ctx;
  for (let k = speaker.first + 1; k < speaker.last; k++) {
    if (view.norm[k] !== "عن") continue;
    let last = speaker.last;
    while (last > k + 1 && (!view.word[last] || SELF_NOUNS.has(view.norm[last]!))) last--;
    let first = k + 1;
    while (first < last && !view.word[first] && !view.punct[first]) first++;
    return { speaker: { first, last }, channel: { first: speaker.first, last: k - 1, cut: 0 } };
  }
  return undefined;
}

/**
 * Where a bare-noun content ends: at a comma followed by a new clause with و
 * (`أعلنت الوزارة أسماء ...، ويمثلن ...`), else at the end of the sentence.
 */
function nominalClauseEnd(ctx: ScanContext, from: number): number {
  const { view } = ctx;
  const last = sentenceLast(ctx, from);
  for (let k = from; k < last; k++) {
    if (!view.punct[k]) continue;
    const m = view.mark[k]!;
    if (m !== ARABIC_COMMA && m !== COMMA) continue;
    const next = nextToken(ctx, k);
    const w = next >= 0 && view.word[next] ? view.norm[next]! : "";
    if (w.length > 2 && w[0] === "و" && !w.startsWith("وال")) return k - 1;
  }
  return last;
}

function sourceDraft(ctx: ScanContext, cue: Cue, prior: readonly Draft[]): Draft | undefined {
  const { view } = ctx;
  const from = cue.last + 1;
  const speakerCut = cue.cut;
  const speaker = speakerAfter(ctx, from, undefined);
  if (!speaker || SELF_NOUNS.has(view.norm[speaker.first]!)) return undefined;
  // `وفقا لمنهجها`: a noun with a possessive pronoun is a rule or plan, not a source.
  const head = view.norm[speaker.first]!.slice(speakerCut);
  if (!head.startsWith("ال") && !head.startsWith("ل") && /(ه|ها|هم|هما)$/.test(head)) return undefined;
  const sentence = view.doc.sentences[view.sent[cue.first]!];
  if (!sentence) return undefined;
  const sFirst = sentence.tokens[0];
  // The words of the clause before the cue (back to حيث/إذ or the sentence start), read backwards and at most
  // `MAX_CLAUSE_WORDS` of them: a sentence of many source phrases gave each of them everything before it.
  let before = 0;
  let clauseFirst = sFirst;
  for (let k = cue.first - 1; k >= sFirst; k--) {
    if (!view.word[k]) continue;
    const b = bareAt(view, k);
    if (b === "حيث" || b === "اذ") {
      clauseFirst = k + 1;
      break;
    }
    if (view.norm[k] !== "و" && ++before >= MAX_CLAUSE_WORDS) {
      clauseFirst = k;
      break;
    }
  }
  if (before === 0) {
    // `بحسب X، ...`: the rest of the sentence, unless it reports someone else's statement.
    let k = speaker.last + 1;
    while (k < view.n && view.sent[k] === view.sent[cue.first] && !view.word[k]) k++;
    // `بحسب ما تداولته المواقع فيذكر أن ...`: the clause with ف only leads to the content.
    if (k < view.n && faClause(view, k)) {
      const c = nextWord(view, k);
      if (c >= 0 && complementizer(view, c)) k = c;
    }
    const last = sentenceLast(ctx, cue.first);
    for (let j = k; j <= last; j++) if (ctx.cues[j] && ctx.cues[j]!.kind !== "self") return undefined;
    if (k > last) return undefined;
    const d = base(ctx, cue, speaker, cue.first, k, last, 0, false, 0.7, prior.length);
    d.anonymous = isAnonymousSpeaker(view, speaker.first, speaker.last);
    return d;
  }
  // `X، بحسب Y`: the clause before the phrase; not when it is already someone's statement.
  for (const p of prior)
    if (p.first <= cue.first && cue.first <= p.last + 2 && view.sent[p.first] === view.sent[cue.first])
      return undefined;
  const quoted = quoteBefore(ctx, cue.first);
  if (quoted) {
    // `«...»، بحسب بيان من وزارته`.
    const d = base(ctx, cue, speaker, cue.first, quoted.open, quoted.close, 0, true, 0.75, prior.length);
    d.chars = regionChars(ctx, quoted);
    d.speakerCut = speakerCut;
    d.anonymous = isAnonymousSpeaker(view, speaker.first, speaker.last);
    return d;
  }
  let first = clauseFirst;
  while (first < cue.first && !view.word[first]) first++;
  const last = trimEnd(ctx, first, trimLinks(ctx, first, cue.first - 1));
  if (last < first) return undefined;
  const d = base(ctx, cue, speaker, cue.first, first, last, 0, false, 0.7, prior.length);
  d.speakerCut = speakerCut;
  d.open = false;
  d.anonymous = isAnonymousSpeaker(view, speaker.first, speaker.last);
  return d;
}

function base(
  ctx: ScanContext,
  cue: Cue,
  speaker: SpeakerRange,
  clauseStart: number,
  first: number,
  last: number,
  firstCut: number,
  direct: boolean,
  confidence: number,
  id: number,
): Draft {
  return {
    id,
    cue,
    speaker,
    speakerCut: 0,
    clauseStart: clauseLinkStart(ctx, clauseStart),
    first,
    last,
    firstCut,
    direct,
    open: !direct,
    anonymous: false,
    confidence: Math.min(1, confidence),
  };
}

/** Move a clause start back over the link words and commas that introduce it (`، بينما أعربت`). */
function clauseLinkStart(ctx: ScanContext, k: number): number {
  const { view } = ctx;
  let s = k;
  for (let j = k - 1; j >= 0 && view.sent[j] === view.sent[k]; j--) {
    if (!view.word[j] && !view.punct[j]) continue;
    if (view.word[j] && CLAUSE_LINKS.has(view.norm[j]!)) {
      s = j;
      continue;
    }
    break;
  }
  return s;
}

/** Drop link words (`وذلك`, `و`) and punctuation from the end of `first..last`. */
function trimLinks(ctx: ScanContext, first: number, last: number): number {
  const { view } = ctx;
  let e = last;
  while (e > first) {
    if (view.word[e] ? CLAUSE_LINKS.has(view.norm[e]!) : !closesInside(ctx, e, first)) e--;
    else break;
  }
  return e;
}

/**
 * The quoted passage that ends right before a cue (`«...»، قال X`, `«...»، بحسب X`):
 * only a comma may stand between them.
 */
function quoteBefore(ctx: ScanContext, cueAt: number): QuoteRegion | undefined {
  const { view } = ctx;
  for (let k = cueAt - 1; k >= 0; k--) {
    if (view.word[k]) return undefined;
    if (!view.punct[k]) continue;
    const m = view.mark[k]!;
    if (m === ARABIC_COMMA || m === COMMA) continue;
    const r = ctx.inside[k - 1];
    if (r === undefined || r < 0) return undefined;
    const region = ctx.regions[r]!;
    if (region.close !== k || region.words <= NAME_WORDS) return undefined;
    return region;
  }
  return undefined;
}

/** Whether token `e` closes a quoted passage that opened at or after `first`. */
function closesInside(ctx: ScanContext, e: number, first: number): boolean {
  const r = ctx.inside[e - 1];
  if (r === undefined || r < 0) return false;
  const region = ctx.regions[r]!;
  return region.close === e && region.open >= first;
}

function regionChars(ctx: ScanContext, r: QuoteRegion): [number, number] {
  const { view } = ctx;
  let s = view.end[r.open]!;
  let e = r.close >= 0 ? view.start[r.close]! : view.end[r.last]!;
  const text = view.doc.text;
  while (s < e && isJsSpace(text.charCodeAt(s))) s++;
  while (e > s && isJsSpace(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

/**
 * Indirect speech that ends in a quoted passage: `إنها كانت تلميذة مثالية، "نيكول
 * تلميذة ذكية ..."` is two statements (an indirect one and a direct one after the
 * comma); `إن هذه القواعد «ستضعف ...»` is direct when the passage is most of the clause.
 *
 * @returns the second (direct) statement when the content splits, else `undefined` (the draft may turn direct in place)
 */
function mixedQuote(ctx: ScanContext, d: Draft): Draft | undefined {
  const { view } = ctx;
  const lastTok = d.last;
  if (lastTok < d.first || !view.punct[lastTok]) return undefined;
  const r = ctx.inside[lastTok - 1];
  if (r === undefined || r < 0) return undefined;
  const region = ctx.regions[r]!;
  if (region.close !== lastTok || region.open <= d.first) return undefined;
  let before = region.open - 1;
  while (before > d.first && !view.word[before] && !view.punct[before]) before--;
  const sep = view.punct[before] ? view.mark[before]! : 0;
  if (sep === ARABIC_COMMA || sep === COMMA || sep === 0x3a) {
    const split: Draft = {
      ...d,
      id: -1,
      clauseStart: region.open,
      first: region.open,
      last: region.close,
      firstCut: 0,
      chars: regionChars(ctx, region),
      direct: true,
      open: false,
      continues: d.id,
      confidence: Math.max(0.5, d.confidence - 0.1),
    };
    d.last = trimEnd(ctx, d.first, before);
    return split;
  }
  let words = 0;
  for (let k = d.first; k <= d.last; k++) if (view.word[k]) words++;
  if (region.words >= MIN_QUOTED_WORDS && region.words >= MOSTLY_QUOTED * words) {
    d.chars = regionChars(ctx, region);
    d.direct = true;
  }
  return undefined;
}

function toQuote(ctx: ScanContext, d: Draft, position: readonly (number | undefined)[]): Quote | undefined {
  const { view } = ctx;
  const doc = view.doc;
  const cueStart = view.start[d.cue.first]! + (d.cue.conj ? 1 : 0);
  const cue = doc.span(cueStart, view.end[d.cue.last]!);
  const [cs, ce] = d.chars ?? [view.start[d.first]! + d.firstCut, view.end[d.last]!];
  if (ce <= cs) return undefined;
  const content = doc.span(cs, ce);
  const speaker = doc.span(view.start[d.speaker.first]! + d.speakerCut, view.end[d.speaker.last]!);
  const { name, role } = nameAndRole(view, d.speaker);
  // Fields in a fixed order (the record's JSON), set one by one: no object spreads per quote.
  const q = { speaker } as Quote;
  if (name) q.speaker_name = name;
  if (role) q.speaker_role = role;
  q.cue = cue;
  q.content = content;
  q.direct = d.direct;
  q.anonymous = d.anonymous;
  q.confidence = Math.round(d.confidence * 100) / 100;
  if (d.outlet) {
    const o = d.outlet;
    const s = view.start[o.first]! + o.cut;
    const e = view.end[o.last]!;
    if (e > s) q.outlet = doc.span(s, e);
  }
  const when = whenOf(ctx, d);
  if (when) q.when = when;
  if (d.continues !== undefined) {
    const k = position[d.continues];
    if (k !== undefined) q.continues = k;
  }
  return q;
}

/** The time of a statement: a date of the dates layer between the cue and the content, else the time phrase seen there. */
function whenOf(ctx: ScanContext, d: Draft): Span | undefined {
  const { view } = ctx;
  const doc = view.doc;
  const from = view.start[d.cue.first]!;
  const to = d.chars ? d.chars[0] : view.start[d.first]!;
  for (const x of doc.layers.dates ?? []) {
    const s = x as Partial<Span>;
    if (typeof s.start === "number" && typeof s.end === "number" && s.start >= from && s.end <= to && s.end > s.start)
      return doc.span(s.start, s.end);
  }
  if (d.when) return doc.span(view.start[d.when[0]]!, view.end[d.when[1]]!);
  return undefined;
}

function wordsIn(ctx: ScanContext, first: number, last: number): number {
  let n = 0;
  for (let k = first; k <= last; k++) if (ctx.view.word[k]) n++;
  return n;
}
