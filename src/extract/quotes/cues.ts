import { readFileSync } from "node:fs";
import { matchForm } from "../../normalize/match-form.ts";
import { bareAt, dataUrl, lookupConj, type TokenView } from "./token-view.ts";
import { Bits, Lists, SIEVE, TRIGGER_SHAPES, TRIGGER_WORDS } from "./word-sieve.ts";

/** A reporting verb of data/reporting-verbs.json, folded. */
export interface ReportingVerb {
  lemma: string;
  /** Prepositions (matching form) that open its content besides إن/أن. */
  preps: string[];
  /** Whether its content may be a bare noun phrase. */
  nominal: boolean;
  /** Whether it relays: `نقلت الوكالة عن مسؤول`. */
  relay: boolean;
}

/** What kind of cue opens an attribution. */
export type CueKind = "verb" | "participle" | "source" | "self";

/**
 * A cue found at a token: a reporting verb (`قال`, `وأضاف`), an active
 * participle (`مشيرا`), a source phrase (`بحسب`, `نقلا عن`) or a phrase that
 * refers back to the current speaker (`حسب قوله`). `last` is its last token;
 * for a source phrase written with ل on the next word (`وفقا لوكالة`) that word
 * is not part of the cue and `cut` is 1 (its first letter belongs to the cue).
 */
export interface Cue {
  kind: CueKind;
  first: number;
  last: number;
  /** The verb, for verbs and participles. */
  verb?: ReportingVerb;
  /** Whether the cue word carries the conjunction و/ف (`وقال`). */
  conj: boolean;
  /** Letters of the token after `last` that still belong to the cue (the ل of `لوكالة`). */
  cut: number;
  /** Grammatical gender of a singular verb or participle form (`قال` m, `قالت` f, `مشيرة` f); absent when it says none. */
  gender?: Gender;
}

/** Masculine or feminine singular agreement. */
export type Gender = "m" | "f";

interface VerbForm {
  verb: ReportingVerb;
  participle: boolean;
  weak: boolean;
  gender: Gender | undefined;
  /** What the form's own spelling says about words of the same matching form (see `Spelling`). */
  spelling: Spelling;
}

/**
 * The last letter of a listed form, where the matching form folds it with another letter that makes a
 * different word: the text's spelling tells them apart (see `spelledAsListed`).
 */
type Spelling = number;
const Spelling = {
  /** Nothing to check. */
  Plain: 0,
  /** Ends in ى (`رأى`, `نفى`): written with ي it is the verbal noun (`مقال رأي` 'an opinion piece', `نفي`). */
  AlefMaqsura: 1,
  /** Ends in a bare ا (the dual `أقرا`): written with أ it is another verb (`أقرأ` 'I read'). */
  Alef: 2,
  /** Ends in ة (`مقرة`, `مضيفة`): written with ه it may be a noun with the pronoun ه (`ومقره كولونيا` 'its seat'). */
  TaMarbuta: 3,
  /**
   * A feminine participle of the third form (`متابعة`, `مطالبة`), spelled as its verbal noun (`متابعة` 'a
   * follow-up', `مطالبة` 'a demand'): as a participle it opens a circumstantial clause after a comma.
   */
  NounTwin: 4,
} as const;

/** The `Spelling` of a listed form (as written in the data file, before folding). */
function spellingOf(written: string, participle: boolean): Spelling {
  if (participle && /^م.ا..ة$/.test(written)) return Spelling.NounTwin;
  if (written.endsWith("ى")) return Spelling.AlefMaqsura;
  if (written.endsWith("ا")) return Spelling.Alef;
  if (written.endsWith("ة")) return Spelling.TaMarbuta;
  return Spelling.Plain;
}

interface VerbData {
  gestures: string[];
  verbs: {
    lemma: string;
    forms: string[];
    participles?: string[];
    preps?: string[];
    nominal?: boolean;
    relay?: boolean;
    weak?: string[];
  }[];
}
interface PhraseData {
  sources: string[];
  self: string[];
}

const FORMS = new Map<string, VerbForm>();
const verbData = JSON.parse(readFileSync(dataUrl("reporting-verbs.json"), "utf8")) as VerbData;
/** Words that make a verb a gesture (`أشار بيده`). */
const GESTURES = new Set(verbData.gestures.map(matchForm));
for (const v of verbData.verbs) {
  const verb: ReportingVerb = {
    lemma: v.lemma,
    preps: (v.preps ?? []).map(matchForm),
    nominal: v.nominal === true,
    relay: v.relay === true,
  };
  const weak = new Set((v.weak ?? []).map(matchForm));
  const forms = v.forms.map(matchForm);
  const lemma = matchForm(v.lemma);
  const listed = new Set(forms);
  forms.forEach((key, k) => {
    if (!FORMS.has(key))
      FORMS.set(key, {
        verb,
        participle: false,
        weak: weak.has(key),
        gender: verbGender(key, lemma, listed),
        spelling: spellingOf(v.forms[k]!, false),
      });
  });
  const participles = (v.participles ?? []).map(matchForm);
  const masculine = new Set(participles.map((p) => p.replace(/ا$/, "")));
  participles.forEach((key, k) => {
    FORMS.set(key, {
      verb,
      participle: true,
      weak: false,
      gender: participleGender(key, masculine),
      spelling: spellingOf(v.participles![k]!, true),
    });
  });
}

/**
 * The gender a listed verb form agrees with, read from its shape against the
 * other forms of its verb: the lemma (`قال`) is masculine past, lemma + ت
 * feminine past; a present with ت whose ي twin is listed is feminine, the ي
 * form masculine; duals and plurals say nothing.
 */
function verbGender(form: string, lemma: string, listed: ReadonlySet<string>): Gender | undefined {
  if (form === lemma) return "m";
  if (form === `${lemma}ت`) return "f";
  if (/(وا|ون|ان|ا|ن)$/.test(form)) return undefined;
  if (form.startsWith("ي")) return "m";
  if (form.startsWith("ت") && listed.has(`ي${form.slice(1)}`)) return "f";
  return undefined;
}

/** A participle is feminine when it is a listed masculine one plus ة (`مشيره` of `مشير(ا)`); plurals say nothing. */
function participleGender(form: string, masculine: ReadonlySet<string>): Gender | undefined {
  if (form.endsWith("ه") && masculine.has(form.slice(0, -1))) return "f";
  if (/(ين|ون|ات)$/.test(form)) return undefined;
  return "m";
}

const phraseData = JSON.parse(readFileSync(dataUrl("source-phrases.json"), "utf8")) as PhraseData;
/** Source phrases as token lists; a final `ل-` means ل is written on the next word. */
const SOURCES: string[][] = phraseData.sources.map((p) => p.split(" ").map((w) => (w === "ل-" ? w : matchForm(w))));
const SOURCE_FIRST = new Map<string, string[][]>();
for (const p of SOURCES) {
  const list = SOURCE_FIRST.get(p[0]!) ?? [];
  list.push(p);
  SOURCE_FIRST.set(p[0]!, list);
}
/** Pronoun nouns after a source phrase: `حسب قوله` names no new source. */
export const SELF_NOUNS: ReadonlySet<string> = new Set(phraseData.self.map(matchForm));
const SELF_LEADS = new Set(["حسب", "بحسب", "علي حد", "وفقا ل"].map(matchForm));
/** Every word a cue can start with: one set lookup rules out most tokens before any pattern is tried. */
const TRIGGERS = new Set<string>([...FORMS.keys(), ...SOURCE_FIRST.keys()]);
const ANY_TRIGGER = new Set<string>([...TRIGGERS, ...SELF_LEADS]);

/** What a word form can start, found with one lookup (instead of one per list). */
interface TriggerEntry {
  /** A verb form or the first word of a source phrase (`TRIGGERS`). */
  trigger: boolean;
  form: VerbForm | undefined;
  sources: string[][] | undefined;
  /** A lead of `حسب قوله` (`SELF_LEADS`). */
  selfLead: boolean;
}
const TRIGGER_ENTRIES = new Map<string, TriggerEntry>();
for (const w of ANY_TRIGGER)
  TRIGGER_ENTRIES.set(w, {
    trigger: TRIGGERS.has(w),
    form: FORMS.get(w),
    sources: SOURCE_FIRST.get(w),
    selfLead: SELF_LEADS.has(w),
  });
/**
 * The same entries under their forms with و/ف written on them (`وقال` → the entry of `قال`), as `bareAt` would
 * cut them (a form of three letters or more): a candidate with و/ف is looked up as it is, without slicing off
 * the conjunction and hashing the new string.
 */
const CONJ_ENTRIES = new Map<string, TriggerEntry>();
for (const [w, entry] of TRIGGER_ENTRIES)
  for (const p of ["و", "ف"]) if (w.length + 1 > 2) CONJ_ENTRIES.set(p + w, entry);

for (const w of ANY_TRIGGER)
  for (const p of ["", "و", "ف"]) {
    SIEVE.add(p + w, Lists.trigger);
    TRIGGER_SHAPES.add(p + w);
    TRIGGER_WORDS.add(p + w);
  }

const WAW = 0x0648;
const FAA = 0x0641;
const HASB = matchForm("حسب");
const NEGATIONS = new Set(["لا", "لم", "لن", "ما", "ليس"].map(matchForm));
const COMPLEMENTIZERS = new Set(
  [
    "أن",
    "إن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "أنهم",
    "إنهم",
    "أنهما",
    "إنهما",
    "أنهن",
    "إنني",
    "أنني",
    "إننا",
    "أننا",
    "إني",
    "أني",
  ].map(matchForm),
);
for (const c of COMPLEMENTIZERS) for (const p of ["", "ب", "و", "ف"]) SIEVE.add(p + c, Lists.complementizer);

/**
 * The word at `i` as a complementizer opening reported content: `إن`, `أن`,
 * `أنه`, `بأن`, `بأنها`. `cut` is 1 when the preposition ب is written on it.
 */
export function complementizer(view: TokenView, i: number): { cut: number } | undefined {
  if (i < 0 || i >= view.n || !view.word[i]) return undefined;
  const w = view.norm[i]!;
  if ((view.sieve[i]! & Bits.complementizer) === 0) return undefined;
  if (COMPLEMENTIZERS.has(w)) return CUT_NONE;
  if (w.length > 2 && (w[0] === "ب" || w[0] === "و" || w[0] === "ف") && COMPLEMENTIZERS.has(w.slice(1)))
    return w[0] === "ب" ? CUT_B : CUT_NONE;
  return undefined;
}

const CUT_NONE: { cut: number } = Object.freeze({ cut: 0 });
const CUT_B: { cut: number } = Object.freeze({ cut: 1 });

/**
 * Whether the word at `i` is one of `verb`'s content prepositions
 * (`إلى` after أشار, `عن` after أعرب; ب written on a definite noun: `بالشروط`).
 */
export function contentPrep(view: TokenView, i: number, verb: ReportingVerb | undefined): boolean {
  if (!verb || i < 0 || i >= view.n || !view.word[i]) return false;
  const w = view.norm[i]!;
  for (const p of verb.preps) {
    if (p === "ب") {
      if (w.startsWith("بال") && w.length > 4) return true;
    } else if (w === p) return true;
  }
  return false;
}

/** Whether the token before `i` negates it (`لا ترى أن`, `لم يقل`): a denied saying is no attribution. */
function negated(view: TokenView, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
    if (!view.word[k]) {
      if (view.punct[k]) return false;
      continue;
    }
    return NEGATIONS.has(bareAt(view, k));
  }
  return false;
}

/** Whether word `i` is an active participle of a reporting verb (`قائلا`, `موضحا`, `مشيرة`). */
export function participleAt(view: TokenView, i: number): boolean {
  if (!view.word[i] || (view.sieve[i]! & Bits.trigger) === 0) return false;
  return lookupConj(FORMS, view.norm[i]!)?.value.participle === true;
}

const GHAYR = matchForm("غير");

/** Whether the word right before `i` (no punctuation between) has the matching form `norm`. */
function previousWordIs(view: TokenView, i: number, norm: string): boolean {
  for (let k = i - 1; k >= 0; k--) {
    if (view.word[k]) return view.norm[k] === norm;
    if (view.punct[k]) return false;
  }
  return false;
}

/** Whether `i` starts a clause: first word of its sentence, or right after punctuation. */
export function clauseInitial(view: TokenView, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    if (view.sent[k] !== view.sent[i]) return true;
    if (view.punct[k]) return true;
    if (view.word[k]) return false;
  }
  return true;
}

/**
 * The cue that starts at token `i`, if any: a reporting verb or participle, a
 * source phrase, or `حسب قوله`. The token's matching form and its form without
 * و/ف are each looked up once, in one table of every word a cue starts with.
 *
 * @param view the token view
 * @param i a token index (one of `view.cueCandidates`: other words start no cue)
 * @returns the cue, or `undefined` (also for negated verbs and for weak forms inside a clause)
 */
export function cueAt(view: TokenView, i: number): Cue | undefined {
  if (!view.word[i]) return undefined;
  const w = view.norm[i]!;
  // Whether `bareAt` would cut a و/ف off the word (see `withoutConj`); then `atBare` is the entry of the rest.
  const c0 = w.charCodeAt(0);
  const conj = w.length > 2 && (c0 === WAW || c0 === FAA);
  const atNorm = TRIGGER_ENTRIES.get(w);
  const atBare = conj ? CONJ_ENTRIES.get(w) : atNorm;
  if (atNorm === undefined && atBare === undefined) return undefined;
  if (atNorm?.trigger || atBare?.trigger) {
    const cue = triggeredCue(view, i, conj, atNorm, atBare);
    if (cue) return cue;
  }
  // The word without و/ف is `حسب`.
  const hasb = conj ? w.length === 4 && w.endsWith(HASB) : w === HASB;
  return atBare?.selfLead || hasb ? selfReferenceAt(view, i) : undefined;
}

/** @param hasConj whether the word has a و/ف that `bareAt` cuts off (`atBare` is then the entry of the rest) */
function triggeredCue(
  view: TokenView,
  i: number,
  hasConj: boolean,
  atNorm: TriggerEntry | undefined,
  atBare: TriggerEntry | undefined,
): Cue | undefined {
  const phrase = sourceAt(view, i, atNorm?.sources ?? (hasConj ? atBare?.sources : undefined), !atNorm?.sources);
  if (phrase) return phrase;
  // As `lookupConj(FORMS, w)`: the form itself, else without its و/ف.
  const conj = atNorm?.form === undefined;
  const form = conj ? (hasConj ? atBare?.form : undefined) : atNorm.form;
  if (!form) return undefined;
  const { verb, participle, weak, gender } = form;
  if (weak && !conj && !clauseInitial(view, i)) return undefined;
  if (form.spelling !== Spelling.Plain && !spelledAsListed(view, i, form, conj)) return undefined;
  if (conj && verb.lemma === "رد" && receivedFollows(view, i)) return undefined;
  if (!participle && negated(view, i)) return undefined;
  // `غير معلنة` 'not announced': a participle after غير is an adjective, not a speaker's aside.
  if (participle && previousWordIs(view, i, GHAYR)) return undefined;
  const next = nextWord(view, i);
  if (next >= 0 && GESTURES.has(view.norm[next]!)) return undefined;
  const cue: Cue = { kind: participle ? "participle" : "verb", first: i, last: i, verb, conj, cut: 0 };
  if (gender) cue.gender = gender;
  return cue;
}

/**
 * Whether the word at `i`, whose matching form is a listed form with a telling last letter, is that form
 * and not the other word the folding makes of it (see `Spelling`), read from the text as written:
 * - ى written ي (`رأي`) is the verbal noun, unless it starts a clause (texts that write every final ى as ي);
 * - ا written أ (`أقرأ`) is never the listed verb;
 * - ة written ه (`مقره`) counts only when the reported content opens right after it (`موضحه أنه`);
 * - a third-form participle spelled as its verbal noun counts only right after a comma, without و/ف
 *   (`، متابعة أن`; not `في متابعة الطلاب`, `ومطالبة بدور`, `سبق- متابعة:`).
 */
function spelledAsListed(view: TokenView, i: number, form: VerbForm, conj: boolean): boolean {
  const spelling = form.spelling;
  if (spelling === Spelling.NounTwin) {
    if (conj) return false;
    const p = previousToken(view, i);
    return p >= 0 && view.punct[p] === 1 && (view.mark[p] === ARABIC_COMMA || view.mark[p] === COMMA);
  }
  const last = lastLetter(view.doc.tokens[i]!.text);
  switch (spelling) {
    case Spelling.AlefMaqsura:
      return last !== YA || conj || clauseInitial(view, i);
    case Spelling.Alef:
      return last !== ALEF_HAMZA;
    case Spelling.TaMarbuta:
      return last !== HA || opensContent(view, i, form.verb);
    default:
      return true;
  }
}

const YA = 0x64a;
const ALEF_HAMZA = 0x623;
const HA = 0x647;
const ARABIC_COMMA = 0x60c;
const COMMA = 0x2c;

/** The last code unit of `text` that is not a diacritic or tatweel (0 when there is none). */
function lastLetter(text: string): number {
  for (let k = text.length - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (!((c >= 0x64b && c <= 0x65f) || c === 0x670 || c === 0x640)) return c;
  }
  return 0;
}

/** The word or punctuation token before `i` (space aside), or -1. */
function previousToken(view: TokenView, i: number): number {
  for (let k = i - 1; k >= 0; k--) if (view.word[k] || view.punct[k]) return k;
  return -1;
}

/**
 * Whether reported content opens right after word `i`: إن/أن, one of the verb's prepositions (`مشيره إلى`),
 * a colon, or an opening quotation mark.
 */
function opensContent(view: TokenView, i: number, verb: ReportingVerb): boolean {
  for (let k = i + 1; k < view.n; k++) {
    if (view.word[k]) return complementizer(view, k) !== undefined || contentPrep(view, k, verb);
    if (view.punct[k]) {
      const m = view.mark[k];
      return m === 0x3a || m === 0xab || m === 0x201c || m === 0x22; // : « “ "
    }
  }
  return false;
}

/**
 * A source phrase starting at token `i` (`بحسب`, `نقلا عن`, `وفقا لـ`).
 *
 * @param candidates the phrases whose first word is token `i`'s form (or its form without و/ف)
 * @param conj whether the match needed the و/ف cut off
 */
function sourceAt(view: TokenView, i: number, candidates: string[][] | undefined, conj: boolean): Cue | undefined {
  if (!candidates) return undefined;
  let best: Cue | undefined;
  for (const p of candidates) {
    let k = i;
    let ok = true;
    let cut = 0;
    for (let j = 1; j < p.length; j++) {
      k = nextWord(view, k);
      if (k < 0) {
        ok = false;
        break;
      }
      const part = p[j]!;
      if (part === "ل-") {
        // ل written on the next word, or as its own token (لـ).
        if (view.norm[k] === "ل" || view.norm[k] === "لـ") continue;
        if (view.norm[k]!.startsWith("ل") && view.norm[k]!.length > 2) {
          cut = 1;
          k--; // the word itself starts the source
          break;
        }
        ok = false;
        break;
      }
      if (view.norm[k] !== part) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (!best || k > best.last) best = { kind: "source", first: i, last: k, conj, cut };
  }
  if (!best) return undefined;
  if (!best.cut) {
    // `بحسب ما قال X`, `حسبما ذكرت وكالة`: the verb belongs to the source phrase.
    let v = nextWord(view, best.last);
    if (v >= 0 && (view.norm[v] === "ما" || view.norm[v] === "لما")) v = nextWord(view, v);
    if (v >= 0 && lookupConj(FORMS, view.norm[v]!)) best.last = v;
  }
  // `على حد قوله`: the current speaker, not a new source.
  const after = nextWord(view, best.last);
  if (!best.cut && after >= 0 && SELF_NOUNS.has(view.norm[after]!)) return { ...best, kind: "self", last: after };
  return best;
}

/**
 * `حسب قوله` written with bare حسب (not a source phrase by itself, since
 * `حسب النسب` means 'according to the rates'): a self-reference cue. The
 * caller has checked that token `i` (without و/ف) leads one.
 */
function selfReferenceAt(view: TokenView, i: number): Cue | undefined {
  const k = nextWord(view, i);
  if (k < 0 || !SELF_NOUNS.has(view.norm[k]!)) return undefined;
  return { kind: "self", first: i, last: k, conj: false, cut: 0 };
}

/** What arrives in `ورد بلاغ`، `وردت لها معلومات` (matching forms, indefinite): the verb there is ورد 'was received'. */
const RECEIVED = new Set(["بلاغ", "بلاغا", "بلاغات", "اتصال", "اتصالا", "اتصالات", "اشعار", "اخطار", "معلومات"]);

/**
 * Whether `ورد` at `i` is the verb ورد 'was received, came in' and not و + ردّ 'and replied': a thing received
 * (`بلاغ`) follows within four words (`ورد لغرفة العمليات بلاغ`), before any `على` (`ورد على بلاغ` 'replied to').
 * Emergency and police news opens with it (`ورد بلاغ عند الساعة …`): as a reply, its "speaker" was the report.
 */
function receivedFollows(view: TokenView, i: number): boolean {
  let k = i;
  for (let n = 0; n < 4; n++) {
    k = nextWord(view, k);
    if (k < 0 || view.norm[k] === "علي") return false;
    if (RECEIVED.has(view.norm[k]!)) return true;
  }
  return false;
}

/** Index of the next word token after `i` in the same sentence, or -1. */
export function nextWord(view: TokenView, i: number): number {
  for (let k = i + 1; k < view.n; k++) {
    if (view.sent[k] !== view.sent[i]) return -1;
    if (view.word[k]) return k;
    if (view.punct[k]) return -1;
  }
  return -1;
}
