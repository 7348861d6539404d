import { readFileSync } from "node:fs";
import type { Span } from "../../model/span.ts";
import { matchForm } from "../../normalize/match-form.ts";
import { NAMING, vagueBefore } from "./anonymity.ts";
import type { OpenerKind } from "./content.ts";
import { complementizer, contentPrep, participleAt, type ReportingVerb } from "./cues.ts";
import { endOf, entitiesOf, firstFrom, mentionAt, mentionStartsAt, PER, startOf, startsFrom } from "./entity-index.ts";
import { frameAt, outletAt, timeAt } from "./outlets.ts";
import { opensName, type ScanContext } from "./scan-context.ts";
import { Bits, Lists, SIEVE } from "./word-sieve.ts";
import { bareAt, bareForm, dataUrl, type TokenView } from "./token-view.ts";

interface RoleData {
  adverbs: string[];
  titles: string[];
  honorifics: string[];
  stops: string[];
  clause_words: string[];
}
const roles = JSON.parse(readFileSync(dataUrl("speaker-roles.json"), "utf8")) as RoleData;
const TITLES = new Set(roles.titles.map(matchForm));
const HONORIFICS = new Set(roles.honorifics.map(matchForm));
const STOPS = new Set(roles.stops.map(matchForm));
const CLAUSE_WORDS = new Set(roles.clause_words.map(matchForm));
const ADVERBS = new Map<string, string[][]>();
for (const a of roles.adverbs) {
  const words = matchForm(a).split(" ");
  ADVERBS.set(words[0]!, [...(ADVERBS.get(words[0]!) ?? []), words]);
}
SIEVE.addAll(STOPS, Lists.stop);
SIEVE.addAll(ADVERBS.keys(), Lists.stop);
/** A preposition with a pronoun written on it (`لهم`, `فيها`, `عنه`): never a subject. */
const PREP_PRONOUN = /^(في|عن|من|علي|الي|ل|ب|مع|لدي)(ه|ها|هم|هما|هن|نا|ي|ك|كم)$/;
/** Words that with أن open a clause whose subject follows (`غير أن منظمات ...`). */
const CONTRAST_LEADS = new Set(["غير", "كما", "إلا"].map(matchForm));
const QAD = matchForm("قد");
const KANA = new Set(["كان", "وكان", "كانت", "وكانت", "فكان", "فكانت"].map(matchForm));
const PREPOSITIONS = new Set(["في", "على", "إلى", "من", "عن", "مع", "خلال", "منذ", "حول", "ضد"].map(matchForm));
for (const p of ["", "و", "ف"]) {
  for (const w of PREPOSITIONS) SIEVE.add(p + w, Lists.prep);
  for (const w of TITLES) SIEVE.add(p + w, Lists.title);
}
SIEVE.addAll(HONORIFICS, Lists.title);
// Every word PREP_PRONOUN matches.
for (const prep of ["في", "عن", "من", "علي", "الي", "ل", "ب", "مع", "لدي"])
  for (const pron of ["ه", "ها", "هم", "هما", "هن", "نا", "ي", "ك", "كم"]) SIEVE.add(prep + pron, Lists.prep);
/** Nouns of speech with a pronoun that a verb takes as its object (`اختتمت حديثها`, `ألقى كلمته`). */
const SPEECH_NOUNS = new Set(
  ["حديثه", "حديثها", "حديثهم", "كلمته", "كلمتها", "تصريحه", "تصريحها", "تصريحاته", "بيانه", "بيانها"].map(matchForm),
);
const DEMONSTRATIVES = new Set(["ذلك", "هذا", "هذه", "تلك"].map(matchForm));
/** Longest speaker noun phrase, in words. */
const MAX_WORDS = 20;
/** Longest speaker read leftwards from its verb. */
const MAX_LEFT = 8;

/** A speaker mention: tokens `first..last`, inclusive. */
export interface SpeakerRange {
  first: number;
  last: number;
}

/** Whether word `k` is a title of office (`رئيس`, `الوزير`) or an honorific (`المهندس`, `د`). */
export function isTitle(view: TokenView, k: number): boolean {
  if ((view.sieve[k]! & Bits.title) === 0) return false;
  const w = bareAt(view, k);
  return TITLES.has(view.norm[k]!) || TITLES.has(w) || HONORIFICS.has(view.norm[k]!);
}

/** Whether word `k` is an honorific (`المهندس`, `د`); the title bit of the sieve rules most words out. */
function isHonorific(view: TokenView, k: number): boolean {
  return (view.sieve[k]! & Bits.title) !== 0 && HONORIFICS.has(view.norm[k]!);
}

/** Whether word `k` is a demonstrative (`أوضح ذلك المهندس`: ذلك points back to the previous statement). */
export function isDemonstrative(view: TokenView, k: number): boolean {
  return view.word[k] === 1 && DEMONSTRATIVES.has(view.norm[k]!);
}

/** Whether word `k` is a preposition, bare or with a pronoun (`لهم`, `فيها`): it cannot start a subject. */
export function isPreposition(view: TokenView, k: number): boolean {
  return (
    view.word[k] === 1 &&
    (view.sieve[k]! & Bits.prep) !== 0 &&
    (PREPOSITIONS.has(bareAt(view, k)) || PREP_PRONOUN.test(view.norm[k]!))
  );
}

/**
 * An adverb at `k` that stands between a verb and its subject or content
 * (`أيضا`, `من جانبه`, `بالقول`).
 *
 * @returns the index of its last word, or -1
 */
export function adverbAt(view: TokenView, k: number): number {
  if (!view.word[k] || (view.sieve[k]! & Bits.stop) === 0) return -1;
  for (const words of ADVERBS.get(view.norm[k]!) ?? []) {
    let j = k;
    let ok = true;
    for (let x = 1; x < words.length && ok; x++) {
      j++;
      while (j < view.n && !view.word[j] && !view.punct[j]) j++;
      ok = j < view.n && view.norm[j] === words[x];
    }
    if (ok) return j;
  }
  return -1;
}

/**
 * Skip what may stand between a verb and its subject: adverbs (`أيضا`), a
 * participle restating the verb (`وأضاف قائلا`), a
 * preposition with a pronoun (`قال عنها`, `أكدوا لهم`) and the verb's object
 * noun of speech (`اختتمت حديثها`).
 *
 * @returns the first token after them
 */
export function skipVerbComplements(view: TokenView, k: number): number {
  let j = k;
  for (let guard = 0; guard < 4; guard++) {
    while (j < view.n && !view.word[j] && !view.punct[j]) j++;
    if (j >= view.n || !view.word[j]) return j;
    const adv = adverbAt(view, j);
    if (adv >= 0) {
      j = adv + 1;
      continue;
    }
    // `وأضاف قائلا:`, `وأضاف موضحا أن`: a participle right after the verb restates it.
    if (j === k && participleAt(view, j)) {
      j++;
      continue;
    }
    const w = view.norm[j]!;
    if (((view.sieve[j]! & Bits.prep) !== 0 && PREP_PRONOUN.test(w)) || SPEECH_NOUNS.has(w)) {
      j++;
      continue;
    }
    return j;
  }
  return j;
}

/**
 * Whether token `k` ends a speaker noun phrase read forwards: a cue, a content
 * opener of `verb`, an outlet (`لرويترز`), a setting (`في بيان`, `أمام`), a time
 * (`الأسبوع الماضي`), a relative or new clause (`الذي`, `وهو`, `وكان`).
 */
export function endsSpeaker(ctx: ScanContext, k: number, verb: ReportingVerb | undefined): boolean {
  const { view } = ctx;
  if (ctx.cues[k]) return true;
  if (complementizer(view, k) || contentPrep(view, k, verb)) return true;
  if ((view.sieve[k]! & Bits.stop) !== 0 && (STOPS.has(view.norm[k]!) || adverbAt(view, k) >= 0)) return true;
  if (outletAt(ctx, k)) return true;
  if (frameAt(view, k) || timeAt(view, k) >= 0) return true;
  return false;
}

/**
 * The speaker noun phrase that follows a verb at `from` (VSO: `قال مسؤول حكومي
 * عراقي كبير لرويترز`). It runs over words, parentheses and quoted names, over an
 * abbreviation's dot (`د.`), and over an apposition that starts with a title
 * after a comma (`رئيس جهاز الأمن، اللواء علي الأحمدي،`).
 *
 * @param objects also end the phrase where the verb's object seems to start (`objectStart`, and a
 *   construct phrase after a name in `endAtName`); the caller asks for this when the content it found
 *   opens with a preposition, where an object may stand between speaker and content
 * @returns the mention, or `undefined` when no subject stands there
 */
export function speakerAfter(
  ctx: ScanContext,
  from: number,
  verb: ReportingVerb | undefined,
  objects = false,
): SpeakerRange | undefined {
  const { view } = ctx;
  let k = skipVerbComplements(view, from);
  if (k >= view.n || isPreposition(view, k)) return undefined;
  const firstAt = k;
  let last = -1;
  let words = 0;
  let sentence = view.sent[k];
  while (k < view.n && words < MAX_WORDS) {
    if (view.sent[k] !== sentence) break;
    if (view.punct[k]) {
      const m = view.mark[k]!;
      const nameEnd = opensName(ctx, k);
      if (nameEnd >= 0) {
        last = nameEnd;
        k = nameEnd + 1;
        continue;
      }
      if (m === OPEN_PAREN || m === CLOSE_PAREN) {
        k++;
        continue;
      }
      if (m === DOT && last >= 0 && abbreviationDot(view, k)) {
        // `د.`: the dot of an abbreviation, even where a sentence was split after it.
        k++;
        while (k < view.n && !view.word[k] && !view.punct[k]) k++;
        if (k < view.n) sentence = view.sent[k];
        continue;
      }
      if ((m === 0x60c || m === 0x2c) && last >= 0) {
        const next = nextWordIndex(view, k);
        if (next >= 0 && isTitle(view, next) && !endsSpeaker(ctx, next, verb)) {
          k = next;
          continue;
        }
      }
      break;
    }
    if (!view.word[k]) {
      k++;
      continue;
    }
    if (endsSpeaker(ctx, k, verb) && !(last < 0 && NAMING.has(view.norm[k]!))) break;
    if (last >= 0 && (faClause(view, k) || (objects && objectStart(view, k)))) break;
    last = k;
    words++;
    k++;
  }
  if (last < 0) return undefined;
  last = closeParenthesis(view, firstAt, last);
  return { first: firstAt, last: endAtName(view, firstAt, last, objects) };
}

/**
 * The gender a speaker phrase agrees with, from its head word: a feminine
 * ending (ة, or the ات of a plural that takes feminine agreement: `السلطات
 * قالت`) or a masculine title (`رئيس`, `الوزير`). Names alone say nothing.
 */
export function speakerGender(view: TokenView, speaker: SpeakerRange): "m" | "f" | undefined {
  let k = speaker.first;
  while (k <= speaker.last && !view.word[k]) k++;
  if (k > speaker.last) return undefined;
  const w = bareAt(view, k);
  // The head without its article, read in place: its ending is the word's.
  const headLength = w.startsWith("ال") ? w.length - 2 : w.length;
  if (headLength > 2 && (w.endsWith("ه") || w.endsWith("ات"))) return "f";
  if (isTitle(view, k)) return "m";
  return undefined;
}

/** Closing marks that stay with a quoted name (`"`, `»`, `”`, `'`, `’`), by code unit (`view.mark`). */
function isClosingMark(m: number): boolean {
  return m === 0x22 || m === 0xbb || m === 0x201d || m === 0x27 || m === 0x2019;
}

/** One-character marks compared by code unit with `view.mark`, without reading the token again. */
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const DOT = 0x2e;

/**
 * Whether word `k` is a present-tense verb with ف that opens a new clause
 * (`بحسب ما تداولته مواقع التواصل فيذكر أن`); the analyzer's ف alone is not
 * enough (`فقراته` is a noun).
 */
export function faClause(view: TokenView, k: number): boolean {
  // The analyzer's prefix is the start of the matching form: a word that does not start with ف has no ف
  // prefix, and its token need not be read.
  if (view.norm[k]!.charCodeAt(0) !== FAA) return false;
  const t = view.doc.tokens[k]!;
  if (t.prefix !== "ف") return false;
  const rest = view.norm[k]!.slice(1);
  return rest.length >= 4 && PRESENT_PREFIXES.has(rest[0]!);
}

const FAA = 0x0641;
const PRESENT_PREFIXES: ReadonlySet<string> = new Set(["ي", "ت", "ن"]);

/**
 * Whether word `k`, right after a definite word, is an object with a
 * possessive pronoun and no article (`وتؤكد وزارة التجارة والصناعة سعيها
 * المتواصل`): a definite noun takes no noun in construct after it. A title
 * (`رئيسها`) may follow.
 */
function objectStart(view: TokenView, k: number): boolean {
  const t = view.doc.tokens[k]!;
  if (t.prefix !== "" || t.suffix === "" || view.norm[k]!.startsWith("ال") || isTitle(view, k)) return false;
  const p = previousWord(view, k);
  // After a title the word is a name (`اللواء عبده`), whatever its ending.
  return p >= 0 && view.doc.tokens[p]!.prefix.endsWith("ال") && !isTitle(view, p);
}

/**
 * Where a speaker phrase ends once a person's name is known: a verb's object
 * often follows its subject with nothing between (`لفت السفير بدر عبدالعاطي
 * الانتباه إلى`), so after a person named by the entities layer only a title
 * (an apposition: `... عراقي رئيس بلدية الشوقية`) lets the phrase go on.
 */
function endAtName(view: TokenView, first: number, last: number, objects: boolean): number {
  const mentions = entitiesOf(view);
  if (mentions.count === 0) return last;
  const from = view.start[first]!;
  const to = view.end[last]!;
  for (let x = firstFrom(mentions, from); x < mentions.count && !startsFrom(mentions, x, to); x++) {
    if (!mentionAt(mentions, x, PER)) continue;
    const eEnd = endOf(mentions, x);
    if (eEnd >= to) continue;
    let k = first;
    while (k <= last && view.end[k]! <= eEnd) k++;
    // A closing quote mark of a quoted name stays with it (`"حمد القاضي"`).
    while (k <= last && view.punct[k] && isClosingMark(view.mark[k]!)) k++;
    const nameLast = k - 1;
    while (k <= last && !view.word[k]) k++;
    if (k > last || isTitle(view, k)) continue;
    // The tagger may stop short of a surname (`إيمان فلاتة`): only a preposition or a word with the
    // article or a pronoun suffix, which a name part rarely has, ends the phrase.
    const t = view.doc.tokens[k]!;
    if (t.prefix.endsWith("ال") || t.norm.startsWith("ال") || t.suffix !== "" || isPreposition(view, k))
      return nameLast;
    // A bare noun in construct with a definite word or a name after it is the verb's object
    // (`طالب العطيشان أهالي حفرالباطن بالحضور`, `أكد الربيعة حرص بنك الرياض على`), not a surname.
    if (objects && !NAME_LINKS.has(view.norm[k]!) && constructObject(view, k, last)) return nameLast;
  }
  return last;
}

/** Words that join the parts of a name (`محمد بن عبدالعزيز`, `أبو بكر`, `عبد الله`). */
const NAME_LINKS: ReadonlySet<string> = new Set(["بن", "ابن", "بنت", "أبو", "أبي", "أبا", "آل", "عبد"].map(matchForm));

/**
 * Whether the bare word at `k` heads a construct phrase that goes on with a
 * definite word or another entity within two words (`حرص بنك الرياض`,
 * `أهالي حفرالباطن`): a noun phrase of its own rather than the next part of a
 * name. A time word there (`الثلاثاء`) says nothing.
 */
function constructObject(view: TokenView, k: number, last: number): boolean {
  const mentions = entitiesOf(view);
  let j = k;
  for (let step = 0; step < 2; step++) {
    j++;
    while (j <= last && !view.word[j]) {
      if (view.punct[j]) return false;
      j++;
    }
    if (j > last) return false;
    if (timeAt(view, j) >= 0 || NAME_LINKS.has(view.norm[j]!)) return false;
    if (view.norm[j]!.startsWith("ال")) return true;
    if (mentionStartsAt(mentions, view.start[j]!)) return true;
  }
  return false;
}

/**
 * The speaker written before its verb at `verbAt` (SVO: `البنك الدولي أقر`,
 * `هناك من قال`), read leftwards to a clause boundary.
 *
 * @returns the mention, or `undefined` when none stands there within a few words
 */
export function speakerBefore(ctx: ScanContext, verbAt: number): SpeakerRange | undefined {
  const { view } = ctx;
  const vague = vagueBefore(view, verbAt);
  if (vague >= 0) return { first: vague, last: verbAt - 1 };
  const sentence = view.sent[verbAt];
  let first = -1;
  let words = 0;
  // `وكانت الشركة قد ذكرت`: the particle قد stands between the subject and its verb.
  let from = verbAt - 1;
  while (from >= 0 && !view.word[from] && !view.punct[from]) from--;
  if (from >= 0 && view.word[from] && view.norm[from] === QAD) from--;
  for (let k = from; k >= 0; k--) {
    if (view.sent[k] !== sentence) break;
    if (view.punct[k]) {
      const m = view.mark[k]!;
      if (m === OPEN_PAREN || m === CLOSE_PAREN) continue;
      const r = ctx.inside[k];
      if (r !== undefined && r >= 0 && ctx.regions[r]!.close === k && opensName(ctx, ctx.regions[r]!.open) >= 0) {
        first = ctx.regions[r]!.open;
        k = first;
        continue;
      }
      break;
    }
    if (!view.word[k]) continue;
    const w = view.norm[k]!;
    if (ctx.cues[k] || CLAUSE_WORDS.has(w) || complementizer(view, k)) break;
    // A word with the conjunction و that is not و + article starts a new clause.
    if (
      (w[0] === "و" || w[0] === "ف") &&
      !w.startsWith("وال") &&
      !w.startsWith("فال") &&
      w !== "و" &&
      !CLAUSE_WORDS.has(w.slice(1)) &&
      first >= 0
    ) {
      if (!STOPS.has(w)) break;
    }
    if (STOPS.has(w) || (isPreposition(view, k) && first < 0)) break;
    first = k;
    words++;
    if (words > MAX_LEFT) return undefined;
  }
  if (first < 0) return undefined;
  // A subject read leftwards is definite, a title, or follows كان (`وكان البنك الدولي أقر`); a bare
  // word there is more often the end of another clause (`أدلى تصريحات تفيد`).
  const before = previousWord(view, first);
  const afterKana = before >= 0 && KANA.has(view.norm[before]!);
  const w0 = view.norm[first]!;
  if (!afterKana && !w0.startsWith("ال") && !isTitle(view, first) && !view.punct[first]) return undefined;
  // Right after إن/أن the clause is reported content of another statement (`قالت مصادر إن الحوثيين ردوا`).
  if (before >= 0 && complementizer(view, before)) return undefined;
  let last = from;
  while (last > first && !view.word[last] && !view.punct[last]) last--;
  while (last > first && view.punct[last] && !keepsClose(view, first, last)) last--;
  return { first, last };
}

/**
 * Take in the `)` right after a phrase that opened a parenthesis and did not
 * close it (`برنامج الأمم المتحدة المعني بفيروس نقص المناعة (الإيدز)`).
 */
function closeParenthesis(view: TokenView, first: number, last: number): number {
  let open = 0;
  for (let k = first; k <= last; k++) {
    if (!view.punct[k]) continue;
    const m = view.mark[k]!;
    if (m === OPEN_PAREN) open++;
    else if (m === CLOSE_PAREN) open--;
  }
  if (open <= 0) return last;
  let k = last + 1;
  while (k < view.n && !view.word[k] && !view.punct[k]) k++;
  return k < view.n && view.punct[k] && view.mark[k] === CLOSE_PAREN ? k : last;
}

/** Whether the mark at `last` closes a quoted name or a parenthesis opened inside `first..last` (`شركة (موبايلي)`). */
function keepsClose(view: TokenView, first: number, last: number): boolean {
  const m = view.mark[last]!;
  if (m === 0xbb || m === 0x201d || m === 0x22) return true; // » ” "
  if (m !== CLOSE_PAREN) return false;
  for (let k = first; k < last; k++) if (view.punct[k] && view.mark[k] === OPEN_PAREN) return true;
  return false;
}

/**
 * The subject of a verb-first sentence, for a participle or a verb without its
 * own subject (`وواصلت القوات الموالية ...، مشيرة إلى`, `وأشاد معلم نيكول
 * بإنجازها وقال إن`): the words after the sentence's first word up to a
 * preposition, a ب-object, punctuation or a cue. `غير أن X` and `كما أن X` also
 * name X. A first word carrying an object pronoun without the article
 * (`ووجه حديثه`) is an object, so no subject is found.
 *
 * @returns the mention, or `undefined`
 */
export function sentenceSubject(ctx: ScanContext, sentenceFirst: number, before: number): SpeakerRange | undefined {
  const { view } = ctx;
  let k = sentenceFirst;
  while (k < before && !view.word[k]) k++;
  if (k >= before) return undefined;
  const w0 = view.norm[k]!;
  if (w0.startsWith("ال") || ctx.cues[k] || isPreposition(view, k)) return undefined;
  let s = k + 1;
  if (CONTRAST_LEADS.has(bareForm(w0)) && complementizer(view, nextWordIndex(view, k))) {
    s = nextWordIndex(view, k) + 1;
  }
  while (s < before && !view.word[s]) s++;
  if (s >= before) return undefined;
  if (isDemonstrative(view, s)) s = nextWordIndex(view, s);
  if (s < 0 || s >= before) return undefined;
  const head = view.norm[s]!;
  if (!head.startsWith("ال") && /(ه|ها|هم|هما)$/.test(head) && !isTitle(view, s)) return undefined;
  let last = -1;
  for (let j = s; j < before && j - s < 10; j++) {
    if (view.punct[j]) {
      const nameEnd = opensName(ctx, j);
      if (nameEnd >= 0) {
        last = nameEnd;
        j = nameEnd;
        continue;
      }
      break;
    }
    if (!view.word[j]) continue;
    const w = view.norm[j]!;
    if (ctx.cues[j] || isPreposition(view, j) || STOPS.has(w) || complementizer(view, j)) break;
    if (last >= 0 && w.startsWith("ب") && !w.startsWith("بن") && w !== "بن") break;
    if (frameAt(view, j) || timeAt(view, j) >= 0) break;
    last = j;
  }
  return last >= 0 ? { first: s, last } : undefined;
}

/**
 * Split a speaker followed by a bare noun content (`أكد الربيعة حرص البنك`,
 * `أعلنت الشركة زيادة أرباحها`): the speaker is the first noun with its definite
 * modifiers (`وزارة الخدمة المدنية`), the content starts at the next indefinite word.
 *
 * @returns the index where the content starts, or -1 when the phrase does not split
 */
export function nominalSplit(view: TokenView, range: SpeakerRange): number {
  let k = range.first;
  while (k <= range.last && !view.word[k]) k++;
  if (k > range.last) return -1;
  // A head without the article is in construct with the next word (`وزارة الخدمة`, `تنظيم داعش`).
  if (!view.norm[k]!.startsWith("ال")) {
    k++;
    while (k <= range.last && !view.word[k]) k++;
  }
  for (let j = k + 1; j <= range.last; j++) {
    if (!view.word[j]) continue;
    const w = view.norm[j]!;
    const definite = w.startsWith("ال") || w.startsWith("لل") || w.startsWith("وال");
    if (!definite) return j;
    // A definite participle (ال + م...) with its own subject starts the content (`دعت الوزارة المعلنة
    // أسماؤهم المراجعة`); an adjective does not (`المقاومة الشعبية سيطرتها`).
    const next = nextWordIndex(view, j);
    if (w.startsWith("الم") && next > j && next <= range.last && objectStart(view, next)) return j;
  }
  return -1;
}

/**
 * Separate a speaker's name from their role, with the entities layer when it
 * has a person inside the mention, else by titles: `رئيس الوزراء العراقي السابق
 * حيدر العبادي` → role `رئيس الوزراء العراقي السابق`, name `حيدر العبادي`;
 * `تريكسي لوه ميرماند النائب الأول للرئيس` → name first, role after.
 *
 * @returns spans for the name and role, each only when found
 */
export function nameAndRole(view: TokenView, range: SpeakerRange): { name?: Span; role?: Span } {
  const doc = view.doc;
  const s0 = view.start[range.first]!;
  const e0 = view.end[range.last]!;
  // The last person mention inside the phrase.
  const mentions = entitiesOf(view);
  let p = -1;
  for (let x = firstFrom(mentions, s0); x < mentions.count && !startsFrom(mentions, x, e0); x++)
    if (mentionAt(mentions, x, PER) && endOf(mentions, x) <= e0) p = x;
  // The phrase's words, in a buffer reused from call to call (entries past `count` are stale and never read).
  const words = phraseWords;
  let count = 0;
  for (let k = range.first; k <= range.last; k++) if (view.word[k]) words[count++] = k;
  if (count < 2) return NO_NAME;
  if (p >= 0) {
    const pStart = startOf(mentions, p);
    const pEnd = endOf(mentions, p);
    const name = doc.span(pStart, pEnd);
    // The role is the words before the name (unless only an honorific stands there), else the words after it.
    let first = -1;
    let last = -1;
    let before = 0;
    for (let x = 0; x < count; x++) {
      const k = words[x]!;
      if (view.end[k]! > pStart) continue;
      if (first < 0) first = k;
      last = k;
      before++;
    }
    if (before === 0 || (before === 1 && isHonorific(view, first))) {
      first = -1;
      for (let x = 0; x < count; x++) {
        const k = words[x]!;
        if (view.start[k]! < pEnd) continue;
        if (first < 0) first = k;
        last = k;
      }
    }
    const role = first >= 0 ? spanOf(view, first, last) : undefined;
    return role ? { name, role } : { name };
  }
  let titleAt = -1;
  let firstName = -1;
  for (let x = 0; x < count && titleAt < 0; x++) {
    const k = words[x]!;
    if ((view.sieve[k]! & Bits.title) !== 0 && (TITLES.has(view.norm[k]!) || TITLES.has(bareAt(view, k)))) titleAt = x;
  }
  if (titleAt < 0) return NO_NAME;
  for (let x = 0; x < count && firstName < 0; x++) if (!isHonorific(view, words[x]!)) firstName = x;
  if (titleAt > 0 && firstName >= 0 && firstName < titleAt && !view.norm[words[firstName]!]!.startsWith("ال")) {
    // Name first: تريكسي لوه ميرماند النائب الأول ...; or an honorific and a name: المهندس ممدوح ... رئيس بلدية
    let first = -1;
    let last = -1;
    for (let x = 0; x < titleAt; x++) {
      const k = words[x]!;
      if (isHonorific(view, k)) continue;
      if (first < 0) first = k;
      last = k;
    }
    if (first < 0) return NO_NAME;
    return nameRole(spanOf(view, first, last), spanOf(view, words[titleAt]!, words[count - 1]!));
  }
  if (titleAt !== 0) return NO_NAME;
  // Role first: the title, its definite modifiers and prepositional complements, then the name.
  let afterPrep = false;
  for (let i = 1; i < count; i++) {
    const k = words[i]!;
    const w = view.norm[k]!;
    const definite = w.startsWith("ال") || w.startsWith("لل") || w.startsWith("وال") || w.startsWith("بال");
    if (isPreposition(view, k) || (w.startsWith("ب") && w.length > 3)) {
      afterPrep = true;
      continue;
    }
    if (afterPrep) {
      afterPrep = false;
      continue;
    }
    const c0 = w.charCodeAt(0);
    if (
      definite ||
      ((view.sieve[k]! & Bits.title) !== 0 && (TITLES.has(w) || HONORIFICS.has(w))) ||
      (c0 >= 0x30 && c0 <= 0x39)
    )
      continue;
    let nameLast = words[count - 1]!;
    for (let x = i + 1; x < count; x++) {
      if (isTitle(view, words[x]!)) {
        nameLast = words[x - 1]!;
        break;
      }
    }
    return nameRole(spanOf(view, k, nameLast), spanOf(view, words[0]!, words[i - 1]!));
  }
  return NO_NAME;
}

/** What `nameAndRole` returns when the phrase does not split (shared: its callers only read it). */
const NO_NAME: { name?: Span; role?: Span } = Object.freeze({});
const phraseWords: number[] = [];

/** `{ name, role }` with only the parts found. */
function nameRole(name: Span | undefined, role: Span | undefined): { name?: Span; role?: Span } {
  const out: { name?: Span; role?: Span } = {};
  if (name) out.name = name;
  if (role) out.role = role;
  return out;
}

/** The span of tokens `a..b`, or `undefined` when the range is empty. */
function spanOf(view: TokenView, a: number, b: number): Span | undefined {
  return a <= b ? view.doc.span(view.start[a]!, view.end[b]!) : undefined;
}

function abbreviationDot(view: TokenView, k: number): boolean {
  if (k <= 0 || k >= view.n || view.mark[k] !== DOT) return false;
  const prev = view.norm[k - 1]!;
  return view.word[k - 1] === 1 && prev.length === 1;
}

/** Index of the next word token after `k` (any sentence), or -1. */
export function nextWordIndex(view: TokenView, k: number): number {
  for (let j = k + 1; j < view.n; j++) {
    if (view.word[j]) return j;
    if (view.punct[j] && view.mark[j] !== DOT) return -1;
  }
  return -1;
}

/** Index of the word before `k` in its sentence, or -1 (punctuation in between stops it). */
function previousWord(view: TokenView, k: number): number {
  for (let j = k - 1; j >= 0 && view.sent[j] === view.sent[k]; j--) {
    if (view.word[j]) return j;
    if (view.punct[j]) return -1;
  }
  return -1;
}

/**
 * Whether a bare-noun content may start at word `k`: not with a preposition
 * (`أعلنت السلطات السيطرة عليها`), a relative pronoun or a clause word (`أكد
 * بيان المرور الذي خص به «اليوم»`).
 */
export function canStartContent(view: TokenView, k: number): boolean {
  const w = view.norm[k]!;
  return !isPreposition(view, k) && !RELATIVES.has(w) && !STOPS.has(w) && !CLAUSE_WORDS.has(w);
}

/** Whether word `k` carries a possessive pronoun without the article (`سعيها`, `حديثه`): an object, rarely a subject. */
export function possessed(view: TokenView, k: number): boolean {
  const w = view.norm[k]!;
  return !w.startsWith("ال") && /(ه|ها|هم|هما)$/.test(w) && !isTitle(view, k);
}

const RELATIVES = new Set(["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"].map(matchForm));

/**
 * Whether a verb at `verbAt` without its own subject sits inside a clause that
 * reports or describes something else: after إن/أن or a relative pronoun in the
 * same stretch of words (`قالت مصادر إن الحوثيين ردوا`, `تصريح الوكيل الذي أدلى
 * تصريحات تفيد أن`). Such a verb is part of that clause, not a new statement.
 *
 * @param opener how the verb's content opens
 */
export function embeddedVerb(ctx: ScanContext, verbAt: number, opener: OpenerKind): boolean {
  const { view } = ctx;
  let words = 0;
  for (let k = verbAt - 1; k >= 0 && view.sent[k] === view.sent[verbAt] && words < 10; k--) {
    if (view.punct[k]) return false;
    if (!view.word[k]) continue;
    if (ctx.cues[k]) return false;
    // Right after a relative pronoun a verb whose content opens with a preposition is the relative
    // clause's (`الإسلام الذي يدعو إلى التسامح`); with إن it may still report (`الهجوم الذي قال إن حصيلته`).
    if (RELATIVES.has(view.norm[k]!)) return words > 0 || opener === "prep";
    if (complementizer(view, k)) return words > 0;
    words++;
  }
  return false;
}
