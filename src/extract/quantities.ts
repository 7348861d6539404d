import { isJsSpace } from "../normalize/char-table.ts";
import { matchForm } from "../normalize/match-form.ts";
import type { Doc } from "../model/doc.ts";
import type { Span } from "../model/span.ts";
import type { Stage } from "../run/stage.ts";
import { type DateMention, findDateMentions } from "./dates.ts";
import { qualifierAt } from "./dates/find-dates.ts";
import { loadData } from "./numbers/load-data.ts";
import { NUMBER_WORDS, ORDINALS, PERCENT_FORMS, QUALIFIERS, VAGUE_COUNTS } from "./numbers/number-lexicon.ts";
import { type NumberMatch, readNumber } from "./numbers/read-number.ts";
import { singularOf } from "./numbers/singular.ts";
import {
  CURRENCY_SYMBOLS,
  currencyOfCountry,
  lookupUnit,
  lookupUnitWord,
  mayStartMultiwordUnit,
  stripTanwinAlif,
  type UnitEntry,
} from "./numbers/unit-lexicon.ts";
import { F_DAY_START, F_NUMBER, F_UNIT, F_VAGUE } from "./numbers/figure-triggers.ts";
import {
  bareIn,
  bareOf,
  conjunctionOf,
  formCut,
  formCutIn,
  offsetAfterLetters,
  type Word,
  wordsOf,
} from "./numbers/word-view.ts";

/** One quantity: a number, what it counts or measures, and how sure the text is about it. */
export interface Quantity extends Span {
  /** The number (for a vague count, its lower bound). */
  value: number;
  /** The unit as written, in the singular (`جندي`, `دولار`, `%`). */
  unit?: string;
  /** `person`, ISO 4217 (`USD`, `SAR`), SI or common symbol (`km`, `t`, `MW`), `percent`, ... */
  unit_canonical?: string;
  /** `about`, `more_than`, `less_than`, `at_least`, `at_most`, `vague` (عشرات), `range`. */
  qualifier?: string;
  /** Bounds of a vague count or a range. */
  min?: number;
  max?: number;
  /** The words saying what is counted (`جندي أمريكي`). */
  counted?: Span;
  /** The unit is not written here but carried over from an earlier quantity (`و900 في سوريا`). */
  unit_elided?: true;
  /** The number itself. */
  number: Span;
}

/** Options for `extractQuantities`. */
export interface QuantitiesOptions {
  /** Emit vague counts (`عشرات`، `مئات الآلاف`) as ranges (default true). */
  vague?: boolean;
}

interface UnitsExtra {
  not_dual: string[];
  not_counted: string[];
  not_quantity_after: string[];
  others_words: string[];
}
const extra = loadData<UnitsExtra>("units.json");
const NOT_COUNTED = new Set(extra.not_counted.map(matchForm));
const NOT_DUAL = new Set(extra.not_dual.map(matchForm));
const NOT_AFTER = new Set(extra.not_quantity_after.map(matchForm));
const OTHERS = new Set(extra.others_words.map(matchForm));
const CLITIC_WORDS = new Set(["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "لل", "ال", "وال", "بال"]);
const PARTITIVE_SUPERLATIVES = new Set([
  "اهم",
  "اكبر",
  "كبري",
  "ابرز",
  "افضل",
  "اكثر",
  "اقوي",
  "اغني",
  "اشهر",
  "اقدم",
  "اكبر",
  "اعرق",
]);
const PERCENT_CANONICAL = "percent";
const TIME_CANONICAL = new Set(["s", "min", "h", "day", "week", "month", "year", "decade", "century"]);

/**
 * The quantities stage: numbers with their units in `doc.layers.quantities`.
 * Runs after segmentation and token analysis (the proclitics it splits off, `Token.prefix`: no counted noun
 * follows a conjunction); reads `doc.layers.dates` (years and day numbers are dates, not quantities) or finds
 * the dates itself when the dates stage did not run.
 */
export function extractQuantities(options: QuantitiesOptions = {}): Stage {
  const vague = options.vague ?? true;
  return (doc: Doc) => {
    doc.layers.quantities = findQuantities(doc, vague);
  };
}

/*
 * Which units lie inside a calendar date, one byte per unit: one buffer, grown as needed, serves every document
 * (a typed array made per document was a hot spot of the stage; the buffer is only read during one call).
 */
let claimedUnits = new Uint8Array(1024);
/** The indices `[from, to)` the last call may have marked: cleared at the start of the next. */
let claimedFrom = 0;
let claimedTo = 0;

/**
 * The quantities of a segmented document.
 *
 * @param vague include vague counts
 */
export function findQuantities(doc: Doc, vague = true): Quantity[] {
  const text = doc.text;
  const words = wordsOf(doc);
  if (words.length === 0) return [];
  const dates = (doc.layers.dates as DateMention[] | undefined) ?? findDateMentions(doc, false);
  // Figures inside calendar dates (years, days, Hijri dates) are not amounts; durations are both.
  if (claimedUnits.length < words.length) claimedUnits = new Uint8Array(words.length * 2);
  const claimed = claimedUnits;
  // Only the marks of the last call are cleared, in a loop: dates are few, and `fill` over every unit was a call
  // into the runtime for every article (0.6 ms a pass in the profile).
  for (let k = claimedFrom; k < claimedTo; k++) claimed[k] = 0;
  claimedFrom = claimedTo = 0;
  {
    let di = 0;
    const points = calendarPoints(dates);
    for (let i = 0; i < words.length && di < points.length; i++) {
      const w = words[i]!;
      while (di < points.length && points[di]!.end <= w.start) di++;
      const d = points[di];
      if (d && w.start >= d.start && w.end <= d.end) {
        if (claimedTo === 0) claimedFrom = i;
        claimedTo = i + 1;
        claimed[i] = 1;
      }
    }
  }
  const out: Quantity[] = [];
  let i = 0;
  while (i < words.length) {
    if (claimed[i]) {
      i++;
      continue;
    }
    const w = words[i]!;
    if (w.kind === "word" && (w.flags & (F_VAGUE | F_UNIT | F_NUMBER)) === 0) {
      // No quantity starts at a word no lexicon knows.
      i++;
      continue;
    }
    if (vague && (w.flags & F_VAGUE) !== 0) {
      const v = readVague(words, i);
      if (v) {
        // Span fields written out, not spread (here and below): a spread took a slow path of object creation.
        const whole = doc.span(v.start, v.end);
        const q: Quantity = {
          start: whole.start,
          end: whole.end,
          text: whole.text,
          value: v.min,
          qualifier: "vague",
          min: v.min,
          max: v.max,
          number: doc.span(v.start, v.numberEnd),
        };
        if (v.counted) {
          const unit = unitOfNoun(v.counted.word);
          q.unit = unit.unit;
          if (unit.canonical) q.unit_canonical = unit.canonical;
          q.counted = doc.span(v.counted.start, v.counted.word.end);
        }
        out.push(q);
        i = v.to;
        continue;
      }
    }
    if (w.kind !== "num" && w.kind !== "word") {
      i++;
      continue;
    }
    const unitWord = (w.flags & F_UNIT) !== 0;
    const uf = unitWord ? unitAndFraction(doc, words, i) : undefined;
    if (uf) {
      out.push(uf.quantity);
      i = uf.to;
      continue;
    }
    const du = unitWord ? dualUnit(doc, words, i) : undefined;
    if (du) {
      out.push(du);
      i++;
      continue;
    }
    const dc = w.kind === "word" ? definiteCardinal(doc, words, i) : undefined;
    if (dc) {
      out.push(dc);
      i++;
      continue;
    }
    const m = readNumber(words, text, i);
    if (!m || claimedIn(claimed, m)) {
      i++;
      continue;
    }
    const q = quantityAt(doc, words, m, out);
    if (q) {
      out.push(rangeOf(doc, words, m, q.quantity, out, claimed) ?? q.quantity);
      i = Math.max(q.to, i + 1);
    } else i = Math.max(m.to, i + 1);
  }
  return out;
}

/*
 * The dates that are points or spans of the calendar, by start, for `calendarPoints`: one array serves every
 * document (it is only read during one call).
 */
const pointsBuffer: DateMention[] = [];

/**
 * The dates that claim their figures (not durations, relative periods or sets), sorted by start.
 * `dates.filter(regex).sort(...)` made two arrays and ran a regex per date for every article (with the loop after
 * it, the most of the 14 ms a pass the stage spent in its own body); the dates stage gives them in text order, so
 * the sort is almost never needed.
 * Ties keep the dates' order, as the stable sort did.
 */
function calendarPoints(dates: readonly DateMention[]): readonly DateMention[] {
  const out = pointsBuffer;
  out.length = 0;
  let sorted = true;
  for (let k = 0; k < dates.length; k++) {
    const d = dates[k]!;
    if (notCalendarPoint(d.value)) continue;
    if (out.length > 0 && out[out.length - 1]!.start > d.start) sorted = false;
    out.push(d);
  }
  if (!sorted) out.sort((a, b) => a.start - b.start);
  return out;
}

/** `/^(DURATION|PAST_REF:P|FUTURE_REF:P|SET)/.test(value)`, the first letter tested first (most values are dates). */
function notCalendarPoint(v: string): boolean {
  switch (v.charCodeAt(0)) {
    case 0x44: // D
      return v.startsWith("DURATION");
    case 0x50: // P
      return v.startsWith("PAST_REF:P");
    case 0x46: // F
      return v.startsWith("FUTURE_REF:P");
    case 0x53: // S
      return v.startsWith("SET");
    default:
      return false;
  }
}

/**
 * Whether only white space (as `\s` in a regular expression) stands between the line break before
 * `at` and `at`. Reads back from `at` only as far as the first other character, where slicing the
 * line and testing it cost a paragraph per figure.
 */
function firstOnLine(text: string, at: number): boolean {
  for (let p = at - 1; p >= 0; p--) {
    const c = text.charCodeAt(p);
    if (c === 0x0a) return true;
    if (!isJsSpace(c)) return false;
  }
  return true;
}

/**
 * A bare figure that is a label (a phone number, an id): without its separators (. ,) it is `0` and five digits or
 * more, or nine characters or more. What `/^0\d{5,}/` and the length said of `norm.replace(/[.,]/g, "")`, read in
 * place: the copy and the two regular expressions ran on every bare figure.
 */
function isLabelFigure(norm: string): boolean {
  // 540ر999ر45 (wire copy's groups, last first: see parseFigure) is an amount; no phone number or id has ر.
  if (norm.includes("ر")) return false;
  let kept = 0; // characters other than the separators
  let zeroFirst = false;
  let digitsAfter = 0; // ASCII digits right after a leading 0
  let run = true;
  for (let k = 0; k < norm.length; k++) {
    const c = norm.charCodeAt(k);
    if (c === 0x2e || c === 0x2c) continue;
    if (kept === 0) zeroFirst = c === 0x30;
    else if (run && c >= 0x30 && c <= 0x39) digitsAfter++;
    else run = false;
    kept++;
  }
  return (zeroFirst && digitsAfter >= 5) || kept >= 9;
}

/** Words between the two numbers of a range (`4 إلى 6`، `3 أو 4`، `10-15`); و only after بين (`بين 20 و30`). */
const RANGE_TO = new Set(["الي", "حتي", "او", "-", "–", "—"]);
const BETWEEN = new Set(["بين"]);

/**
 * The range a quantity closes (`تتراوح ما بين 4 إلى 6 أسابيع`، `ثلاث إلى أربع مباريات`، `بين 3 و4 ملايين دولار`,
 * `10-15 مليون ريال`): one quantity from the lower number to the unit, `qualifier: "range"`, `value` and `min` the
 * lower bound (as for a vague count), `max` the higher; a scale written once, after the higher number, counts for
 * both. Before, the lower number was left out. Only a quantity with its unit written and no qualifier closes one,
 * and the lower number must be lower: `فاز 1-3` (a score) has no unit, `3 أو 2` is no range.
 *
 * @param m the higher number, read at the connector's right
 * @param q the quantity read from `m`
 * @returns the range, or `undefined` when `q` closes none
 */
function rangeOf(
  doc: Doc,
  words: readonly Word[],
  m: NumberMatch,
  q: Quantity,
  sofar: readonly Quantity[],
  claimed: Uint8Array,
): Quantity | undefined {
  if (q.unit === undefined || q.unit_elided || q.qualifier !== undefined) return undefined;
  const head = words[m.from]!;
  const sentence = head.sentence;
  // The connector is a unit of its own (إلى، أو، -، و), or the clitic و or ل of the higher number (`ما بين عشرة
  // وعشرون دولار`، `من عشرة لعشرين دولار`): the lower number ends right before it.
  let ci = m.from - 1;
  let and: boolean;
  let lam = false;
  const clitic = m.clitic === 1 ? head.norm.charCodeAt(0) : 0;
  if (clitic === 0x648 || clitic === 0x644) {
    ci = m.from;
    and = clitic === 0x648;
    lam = !and;
  } else {
    const conn = words[ci];
    if (!conn || conn.sentence !== sentence) return undefined;
    and = conn.norm === "و";
    if (!and && !RANGE_TO.has(conn.norm)) return undefined;
  }
  // The lower number: the longest one that ends at the connector.
  let low: NumberMatch | undefined;
  for (let s = Math.max(0, ci - 4); s < ci && low === undefined; s++) {
    const n = words[s]!.sentence === sentence ? readNumber(words, doc.text, s) : undefined;
    if (n && n.to === ci && !claimedIn(claimed, n)) low = n;
  }
  if (!low) return undefined;
  const before = sofar[sofar.length - 1];
  if (before && before.end > low.start) return undefined; // the lower number is in a quantity already
  if (and && !bareIn(BETWEEN, words[low.from - 1]?.norm ?? "")) return undefined;
  if (lam && words[low.from - 1]?.norm !== "من") return undefined;
  // 1861-1865، بين 1830 و1870: a span of years, whatever the word after it.
  if (low.bare && m.bare && isYearLike(words[low.from]!.norm) && isYearLike(words[m.from]!.norm)) return undefined;
  let min = low.value;
  const scale = scaleIn(words, m.from + 1, m.to);
  if (scale > 1 && scaleIn(words, low.from, low.to) === 1) min *= scale;
  if (!(min < q.value)) return undefined;
  const span = doc.span(low.start, q.end);
  const range: Quantity = {
    start: span.start,
    end: span.end,
    text: span.text,
    value: min,
    number: doc.span(low.start, q.number.end),
    qualifier: "range",
    min,
    max: q.value,
    unit: q.unit,
  };
  if (q.unit_canonical) range.unit_canonical = q.unit_canonical;
  if (q.counted) range.counted = q.counted;
  return range;
}

/** The value of the scale word (ألف، مليون، مليار...) among units `[from, to)`, or 1 when there is none. */
function scaleIn(words: readonly Word[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const w = words[k]!;
    if (w.kind !== "word" || (w.flags & F_NUMBER) === 0) continue;
    const forms = bareOf(w);
    for (let f = 0; f < forms.length; f++) {
      const atom = NUMBER_WORDS.get(forms[f]![0]);
      if (atom?.kind === "scale") return atom.value;
    }
  }
  return 1;
}

function claimedIn(claimed: Uint8Array, m: NumberMatch): boolean {
  for (let k = m.from; k < m.to; k++) if (claimed[k]) return true;
  return false;
}

/** The unit a counted noun gives (lexicon first, else the noun's singular). */
function unitOfNoun(w: Word, plural = true): { unit: string; canonical?: string; entry?: UnitEntry } {
  // The first of the forms is the word itself: a unit written without clitics needs no list of forms.
  const own = lookupUnitWord(w.norm);
  if (own) return { unit: own.singular, canonical: own.canonical, entry: own };
  // A word with no letter `bareForms` would cut has no other form (and no article to cut): most counted nouns.
  if (!mayHaveClitic(w.norm)) return { unit: singularOf(w.text, plural) };
  const forms = bareOf(w);
  for (let f = 1; f < forms.length; f++) {
    const e = lookupUnitWord(forms[f]![0]);
    if (e) return { unit: e.singular, canonical: e.canonical, entry: e };
  }
  // Cut the article off the written form before making it singular.
  let cut = 0;
  for (const [form, c] of forms) if (form.length >= 2 && c > 0 && cliticEndsInArticle(w.norm, c)) cut = c;
  const written = cut > 0 ? w.text.slice(offsetAfterLetters(w.text, 0, cut)) : w.text;
  return { unit: singularOf(written, plural) };
}

/**
 * Whether `bareForms(norm)` has more forms than the word itself: it cuts و ف ب ل ك before three letters or more,
 * ال before four.
 */
function mayHaveClitic(norm: string): boolean {
  if (norm.length <= 2) return false;
  const c = norm.charCodeAt(0);
  if (c === 0x648 || c === 0x641 || c === 0x628 || c === 0x644 || c === 0x643) return true; // و ف ب ل ك
  return norm.length > 3 && norm.startsWith("ال");
}

/** `norm.slice(0, c).endsWith("ال") || ….endsWith("لل")`, read in place (no copy of the clitics). */
function cliticEndsInArticle(norm: string, c: number): boolean {
  return c >= 2 && (norm.startsWith("ال", c - 2) || norm.startsWith("لل", c - 2));
}

interface Vague {
  start: number;
  end: number;
  numberEnd: number;
  to: number;
  min: number;
  max: number;
  counted?: { start: number; word: Word };
}

/** `عشرات`، `مئات الآلاف من`، `آلاف العربات`: a vague count and what it counts. */
function readVague(words: readonly Word[], i: number): Vague | undefined {
  const w = words[i]!;
  // The words around first, the word's own forms last: most vague words follow a number (ثلاثة آلاف) or count no
  // definite noun, and the list of forms was made for each of them (2 ms a pass).
  // A plural scale after a number is part of it (ثلاثة آلاف): readNumber owns that.
  const prev = words[i - 1];
  if (prev && (prev.kind === "num" || NUMBER_WORDS.has(prev.norm)) && prev.sentence === w.sentence) return undefined;
  let j = i + 1;
  // عشرات الآلاف، مئات الملايين
  let scaleValue: number | undefined;
  const nx = words[j];
  if (nx && nx.kind === "word" && nx.norm.startsWith("ال")) {
    const inner = VAGUE_COUNTS.get(nx.norm.slice(2));
    const scale = NUMBER_WORDS.get(nx.norm.slice(2));
    if (inner && scale && scale.kind === "scale") {
      scaleValue = scale.value;
      j++;
    }
  }
  const numberEnd = words[j - 1]!.end;
  let k = j;
  if (words[k]?.norm === "من") k++;
  const noun = words[k];
  if (
    noun?.kind !== "word" ||
    noun.sentence !== w.sentence ||
    !noun.norm.startsWith("ال") ||
    NOT_COUNTED.has(noun.norm)
  )
    return undefined;
  let range: [number, number] | undefined;
  let cut = 0;
  for (const [form, c] of bareOf(w)) {
    if (c >= 2 && w.norm.startsWith("ال", c - 2)) continue; // الآلاف: a definite plural scale, not a count here
    range = VAGUE_COUNTS.get(form);
    if (range) {
      cut = c;
      break;
    }
  }
  if (!range) return undefined;
  let [min, max] = range;
  if (scaleValue !== undefined) {
    min *= scaleValue;
    max *= scaleValue;
  }
  const start = cut > 0 ? offsetAfterLetters(w.text, 0, cut) + w.start : w.start;
  return { start, end: noun.end, numberEnd, to: k + 1, min, max, counted: { start: noun.start, word: noun } };
}

/** Build the quantity for number `m`, or say there is none. */
function quantityAt(
  doc: Doc,
  words: readonly Word[],
  m: NumberMatch,
  sofar: readonly Quantity[],
): { quantity: Quantity; to: number } | undefined {
  const text = doc.text;
  const first = words[m.from]!;
  const sentence = first.sentence;
  const prev = words[m.from - 1];
  const prevSame = prev && prev.sentence === sentence ? prev : undefined;
  const figure = !m.spelled;
  let j = m.to;
  // (250) حوش: a figure in brackets
  let bracket: number | undefined;
  if (figure && prevSame?.text === "(" && words[j]?.text === ")") {
    bracket = prevSame.start;
    j++;
  }
  const next = words[j]?.sentence === sentence ? words[j] : undefined;

  // Labels, not amounts.
  if (figure) {
    if (m.bare && isLabelFigure(first.norm)) return undefined; // phone numbers, ids
    if (prevSame && prevSame.text === "+") return undefined;
    if (
      prevSame &&
      prevSame.kind === "punct" &&
      (prevSame.text === ":" || prevSame.text === "#") &&
      prevSame.end === first.start
    )
      return undefined;
    if (
      next &&
      next.kind === "punct" &&
      next.text === ":" &&
      words[j + 1]?.kind === "num" &&
      next.end === words[j + 1]!.start
    )
      return undefined; // 10:30
    if (
      prevSame &&
      prevSame.kind === "word" &&
      prevSame.end === first.start &&
      !CLITIC_WORDS.has(prevSame.norm) &&
      prevSame.norm !== "ال"
    )
      return undefined; // F16
    if (
      next &&
      next.kind === "word" &&
      next.start === words[m.to - 1]!.end &&
      startsLatin(next.norm) &&
      !CURRENCY_SYMBOLS.has(next.norm)
    )
      return undefined; // 4G
    // `bareIn` is `formCutIn(…) >= 0` without making the word's list of forms (the word before every figure).
    if (prevSame && bareIn(NOT_AFTER, prevSame.norm)) return undefined;
    // رقم (200) وتاريخ، المادة (126): the label word before the bracket, as listed (no clitic taken off: قدّم
    // الصندوق (586) قرضاً is the Fund, not صندوق بريد).
    if (bracket !== undefined) {
      const label = words[m.from - 2];
      if (label?.kind === "word" && label.sentence === sentence && NOT_AFTER.has(label.norm)) return undefined;
    }
    // A list marker: first on its line, then - ) .
    if (
      next &&
      next.kind === "punct" &&
      (next.text === "-" || next.text === ")" || next.text === "." || next.text === "–") &&
      firstOnLine(text, first.start)
    )
      return undefined;
    // Scores and ranges of bare figures with no unit: 2-1
  }

  // واحد and اثنان follow their noun as adjectives (منزل واحد): alone before a noun they are not a count.
  // A lone fraction (ثلث أراضي العراق) is a share, not a count, unless a unit follows (نصف لتر).
  const lone = m.spelled && m.to - m.from === 1;
  if (lone && (m.value === 1 || m.value === 2) && !percentAt(words, j, sentence)) return undefined;
  if (lone && m.value < 1 && !(next && next.kind === "word" && lookupUnitWord(next.norm))) return undefined;
  // الحادية عشر مساء: the teen of an ordinal (a clock time), not a count
  if (
    m.spelled &&
    prevSame &&
    prevSame.kind === "word" &&
    (ORDINALS.has(prevSame.norm) || ((prevSame.flags & F_DAY_START) !== 0 && formCutIn(prevSame, ORDINALS) >= 0))
  )
    return undefined;
  // The span's fields written out, not spread: a spread here was a hot spot of the stage. The quantity starts as
  // its number, whose span serves both (one slice of the text, not two).
  const number = doc.span(m.start, m.end);
  const quantity: Quantity = {
    start: number.start,
    end: number.end,
    text: number.text,
    value: m.value,
    number,
  };
  let end = m.end;
  let to = m.to;
  let qualStart: number | undefined = bracket;

  // Qualifier before: نحو، أكثر من، ما لا يقل عن (the first word may carry a clitic: بنحو)
  for (let L = 4; L >= 1; L--) {
    const qi = m.from - L - (bracket !== undefined ? 1 : 0);
    if (qi < 0 || words[qi]!.sentence !== sentence) continue;
    if (qualifierAt(words, qi) === L) {
      const q = qualifierOf(words, qi, L);
      if (q) {
        quantity.qualifier = q.kind;
        const qw = words[qi]!;
        const cut = Math.max(0, formCut(qw, q.words[0]!));
        qualStart = cut > 0 ? offsetAfterLetters(text, qw.start, cut) : qw.start;
      }
      break;
    }
  }

  // Currency sign before: $10
  if (figure && prevSame && prevSame.kind === "punct" && CURRENCY_SYMBOLS.has(prevSame.text)) {
    quantity.unit = prevSame.text;
    quantity.unit_canonical = CURRENCY_SYMBOLS.get(prevSame.text)!;
    quantity.counted = doc.span(prevSame.start, prevSame.end);
    qualStart = Math.min(qualStart ?? prevSame.start, prevSame.start);
    return finish(doc, words, sentence, quantity, qualStart, end, to);
  }
  if (!next)
    return elided(quantity, words, m, sofar, figure)
      ? finish(doc, words, sentence, quantity, qualStart, end, to)
      : undefined;

  // Percent: 75%، ٧٠ ٪، 6.5 في المائة، بالمئة
  const pct = percentAt(words, j, sentence);
  if (pct) {
    quantity.unit = text.slice(words[j]!.start, words[pct - 1]!.end);
    quantity.unit_canonical = PERCENT_CANONICAL;
    end = words[pct - 1]!.end;
    to = pct;
    return finish(doc, words, sentence, quantity, qualStart, end, to);
  }
  // Currency sign or code after: 10$، 42 KWD، 10 c
  if (CURRENCY_SYMBOLS.has(next.norm) && (next.kind === "punct" || /^[a-z]{1,3}$/.test(next.norm))) {
    quantity.unit = next.text;
    quantity.unit_canonical = CURRENCY_SYMBOLS.get(next.norm)!;
    quantity.counted = doc.span(next.start, next.end);
    end = next.end;
    to = j + 1;
    const cents = quantity.unit_canonical === "USD" ? centsAt(words, text, to, sentence) : undefined;
    if (cents) {
      quantity.value = Math.round((quantity.value + cents.value / 100) * 100) / 100;
      end = cents.end;
      to = cents.to;
    }
    return finish(doc, words, sentence, quantity, qualStart, end, to);
  }
  // Dotted abbreviations: 42 ج.م
  const abbr = touchingText(words, j, sentence);
  const abbrCode = abbr ? abbreviationCurrency(abbr.text) : undefined;
  if (abbr && abbrCode !== undefined) {
    quantity.unit = abbr.text;
    quantity.unit_canonical = abbrCode;
    quantity.counted = doc.span(next.start, abbr.end);
    end = abbr.end;
    to = abbr.to;
    return finish(doc, words, sentence, quantity, qualStart, end, to);
  }
  if (next.kind !== "word" && next.text !== "°")
    return elided(quantity, words, m, sofar, figure)
      ? finish(doc, words, sentence, quantity, qualStart, end, to)
      : undefined;
  if (OTHERS.has(next.norm))
    return elided(quantity, words, m, sofar, figure, j + 1)
      ? finish(doc, words, sentence, quantity, qualStart, end, to)
      : undefined;

  // A unit from the lexicon (multiword first: كيلومتر في الساعة، متر مربع). The words after are only read when a
  // multiword unit can start here: for every other word `lookupUnit` comes to `lookupUnitWord` (the list and its
  // stripped forms were made for every figure: 6 ms a pass with `lookupUnit`).
  const entry = mayStartMultiwordUnit(next.norm)
    ? lookupUnit(unitNorms(words, j, sentence, next.norm))
    : lookupUnitWord(next.norm);
  if (next.kind !== "word" && !entry)
    return elided(quantity, words, m, sofar, figure)
      ? finish(doc, words, sentence, quantity, qualStart, end, to)
      : undefined;
  if (entry && !entry.dual) {
    const last = words[j + entry.words - 1]!;
    quantity.unit = entry.singular;
    quantity.unit_canonical = entry.canonical;
    let cEnd = last.end;
    to = j + entry.words;
    if (entry.category === "currency") {
      const adj = words[to];
      if (adj && adj.sentence === sentence && adj.kind === "word") {
        const code = currencyOfCountry(entry.singular, adj.norm);
        if (code) {
          quantity.unit_canonical = code;
          cEnd = adj.end;
          to++;
        }
      }
    }
    // 20 دولار و43 سنت، 20$ و 43c: the cents belong to the amount
    if (entry.canonical !== "USD_cent") {
      const cents = centsAt(words, text, to, sentence);
      if (cents) {
        quantity.value = Math.round((quantity.value + cents.value / 100) * 100) / 100;
        cEnd = cents.end;
        to = cents.to;
      }
    }
    // 2 تحت الصفر: below zero
    if (entry.canonical.startsWith("deg") && words[to]?.norm === "تحت" && words[to + 1]?.norm === "الصفر") {
      quantity.value = -quantity.value;
      cEnd = words[to + 1]!.end;
      to += 2;
    }
    quantity.counted = doc.span(next.start, cEnd);
    end = cEnd;
    // Quantities of people keep the adjective in `counted` only (2500 جندي أمريكي): the span ends at the unit.
    if (entry.category === "people") end = last.end;
    return finish(doc, words, sentence, quantity, qualStart, end, to);
  }

  // الدول الأعضاء الـ 188: a definite cardinal after its plural noun
  if (figure && prevSame && prevSame.norm === "ال") {
    const head = definiteHead(words, m.from - 2, sentence);
    if (!head) return undefined; // المرتبة الـ145: an ordinal
    const u = unitOfNoun(head);
    quantity.unit = u.unit;
    if (u.canonical) quantity.unit_canonical = u.canonical;
    quantity.counted = doc.span(head.start, head.end);
    return finish(doc, words, sentence, quantity, qualStart, end, to);
  }

  // Partitive: ألف من المقاولين، عشرون من كبرى البنوك، تسع من أهم عشر جامعات
  if (next.norm === "من") {
    let k = j + 1;
    const sup = words[k];
    if (sup && sup.sentence === sentence && PARTITIVE_SUPERLATIVES.has(sup.norm)) k++;
    const noun = words[k];
    if (noun && noun.sentence === sentence) {
      if (noun.kind === "num" || NUMBER_WORDS.has(noun.norm)) {
        // The unit comes with the next number: carried over from it.
        const later = readNumber(words, text, k);
        if (later) {
          const after = words[later.to];
          if (
            after &&
            after.kind === "word" &&
            after.sentence === sentence &&
            !NOT_COUNTED.has(after.norm) &&
            !after.norm.startsWith("ال")
          ) {
            const u = unitOfNoun(after);
            quantity.unit = u.unit;
            if (u.canonical) quantity.unit_canonical = u.canonical;
            quantity.unit_elided = true;
            return finish(doc, words, sentence, quantity, qualStart, end, to);
          }
        }
      } else if (noun.kind === "word" && noun.norm.startsWith("ال") && !NOT_COUNTED.has(noun.norm.slice(2))) {
        const u = unitOfNoun(noun);
        quantity.unit = u.unit;
        if (u.canonical) quantity.unit_canonical = u.canonical;
        quantity.counted = doc.span(noun.start, noun.end);
        return finish(doc, words, sentence, quantity, qualStart, end, to);
      }
    }
    return elided(quantity, words, m, sofar, figure)
      ? finish(doc, words, sentence, quantity, qualStart, end, to)
      : undefined;
  }

  // Any other counted noun right after the number: ستة قطاعات، 3800 سلة غذائية
  if (isCountedNoun(next) && !(figure && looksLikeVerb(next) && hasUnitBefore(sofar, words, m))) {
    const u = unitOfNoun(next);
    quantity.unit = u.unit;
    if (u.canonical) quantity.unit_canonical = u.canonical;
    quantity.counted = doc.span(next.start, next.end);
    end = next.end;
    to = j + 1;
    return finish(doc, words, sentence, quantity, qualStart, end, to);
  }
  return elided(quantity, words, m, sofar, figure)
    ? finish(doc, words, sentence, quantity, qualStart, end, to)
    : undefined;
}

/**
 * Close a quantity: a qualifier after it (`على الأقل`، `تقريبا`) and its span from the qualifier before (or the
 * number) to `end`. A function taking the reader's state, not a closure made in `quantityAt`: the closure put the
 * variables it captured in a heap context for every figure (measured 1.1–1.5× the stage's time).
 *
 * @param to the unit after the quantity
 * @returns the quantity and where reading goes on
 */
function finish(
  doc: Doc,
  words: readonly Word[],
  sentence: number,
  quantity: Quantity,
  qualStart: number | undefined,
  end: number,
  to: number,
): { quantity: Quantity; to: number } {
  let k = to;
  if (words[k]?.text === "،" || words[k]?.text === ",") k++;
  const a = words[k];
  if (a && a.sentence === sentence) {
    if (a.norm === "علي" && words[k + 1]?.norm === "الاقل") {
      quantity.qualifier ??= "at_least";
    } else if (a.norm === "تقريبا") quantity.qualifier ??= "about";
  }
  const start = qualStart ?? quantity.number.start;
  // The fields set one by one (they exist already, so their order stays): `Object.assign` took its slow path here.
  const span = doc.span(Math.min(start, quantity.number.start), end);
  quantity.start = span.start;
  quantity.end = span.end;
  quantity.text = span.text;
  return { quantity, to };
}

/** The first of `QUALIFIERS` of `L` words at `qi` (a loop: `find` made a closure per figure). */
function qualifierOf(words: readonly Word[], qi: number, L: number): (typeof QUALIFIERS)[number] | undefined {
  for (let k = 0; k < QUALIFIERS.length; k++) {
    const x = QUALIFIERS[k]!;
    if (x.words.length === L && matchesQualifier(words, qi, x.words)) return x;
  }
  return undefined;
}

function matchesQualifier(words: readonly Word[], qi: number, q: readonly string[]): boolean {
  for (let k = 0; k < q.length; k++) {
    const x = words[qi + k]!;
    if (k === 0 ? formCut(x, q[0]!) < 0 : x.norm !== q[k]) return false;
  }
  return true;
}

/** For each of `PERCENT_FORMS`, its one word with و before it (`و%`), or undefined for a form of several words. */
const PERCENT_WAW = PERCENT_FORMS.map((p) => (p.length === 1 ? `و${p[0]}` : undefined));
/** Every word a percent expression can start with. */
const PERCENT_FIRSTS = new Set<string>(PERCENT_FORMS.map((p) => p[0]!));
for (const w of PERCENT_WAW) if (w !== undefined) PERCENT_FIRSTS.add(w);

/** Index after a percent expression starting at `j`, or 0. */
function percentAt(words: readonly Word[], j: number, sentence: number): number {
  // Most figures have no percent after them: one lookup, where trying every form made a string per form (2.7 ms a
  // pass, the most of it in the template literal).
  const x0 = words[j];
  if (!x0 || x0.sentence !== sentence || !PERCENT_FIRSTS.has(x0.norm)) return 0;
  for (let f = 0; f < PERCENT_FORMS.length; f++) {
    const p = PERCENT_FORMS[f]!;
    let ok = true;
    for (let k = 0; k < p.length; k++) {
      const x = words[j + k];
      if (!x || x.sentence !== sentence || (x.norm !== p[k] && !(k === 0 && x.norm === PERCENT_WAW[f]))) {
        ok = false;
        break;
      }
    }
    if (ok) return j + p.length;
  }
  return 0;
}

/** A word that can be what a number counts: an indefinite noun, not a particle or another number. */
function isCountedNoun(w: Word): boolean {
  if (w.kind !== "word" || w.norm.length < 2) return false;
  if (w.norm.startsWith("ال") || NOT_COUNTED.has(w.norm)) return false;
  // قتل 5 وأصيب 10، انتهت 4/2 وفي الصورة: a word after a conjunction starts a new phrase (the token analysis split
  // the و off وأصيب, not off وزراء or وحدة); وفي، وعن are too short for it to split, so their rest is looked up.
  if (conjunctionOf(w)) return false;
  const c = w.norm.charCodeAt(0);
  if ((c === 0x648 || c === 0x641) && NOT_COUNTED.has(w.norm.slice(1))) return false;
  // للروسية، لألماتي: a preposition on a definite noun starts a new phrase (a counted noun has no preposition)
  if (
    mayHideArticle(w.norm) &&
    bareOf(w).some(([f, c]) => c > 0 && c <= 2 && f.startsWith("ال") && !w.norm.startsWith("ال"))
  )
    return false;
  if (NUMBER_WORDS.has(w.norm) || VAGUE_COUNTS.has(w.norm)) return false;
  // من عشرة لعشرين دولار: a number word with a proclitic is the next number, not what is counted.
  if ((w.flags & F_NUMBER) !== 0 && formCutIn(w, NUMBER_WORDS) > 0) return false;
  // لأول مرة، الثاني: ordinals after a figure belong to the next phrase
  // `F_DAY_START` covers every form of an ordinal: without it no form is one, and no list of forms is made.
  if ((w.flags & F_DAY_START) !== 0 && formCutIn(w, ORDINALS) >= 0) return false;
  if (startsLatin(w.norm)) return false;
  if (w.norm === "ه" || w.norm === "م") return false;
  // Imperfect verbs (يعتبر، يبلغ) after a figure start a new clause.
  if (w.norm.startsWith("ي") && w.norm.length >= 4 && !lookupUnitWord(w.norm)) return false;
  return true;
}

/**
 * Whether one of the `bareForms` of `norm` one or two letters in can start with ال: each is `norm` from that letter
 * on, or (a word with لل) ال and what follows لل. When not, `isCountedNoun` needs no list of forms (made for most
 * words after a figure; the lists the stage made cost 7.5 ms a pass).
 */
function mayHideArticle(norm: string): boolean {
  return norm.startsWith("ال", 1) || norm.startsWith("ال", 2) || norm.startsWith("لل", 1);
}

// تعتبر، نفذ: a word that may be a verb (imperfect prefix) rather than a noun.
function looksLikeVerb(w: Word): boolean {
  // Letters compared by code, not `/^[تني]/` and `/(ه|ات|ين|ا)$/`: this runs on the noun after most figures.
  const n = w.norm;
  const c = n.charCodeAt(0);
  if (c !== 0x62a && c !== 0x646 && c !== 0x64a) return false; // ت ن ي
  return !lookupUnitWord(n) && !(n.endsWith("ه") || n.endsWith("ات") || n.endsWith("ين") || n.endsWith("ا"));
}

function hasUnitBefore(sofar: readonly Quantity[], words: readonly Word[], m: NumberMatch): boolean {
  return previousUnit(sofar, words, m) !== undefined;
}

function previousUnit(sofar: readonly Quantity[], words: readonly Word[], m: NumberMatch): Quantity | undefined {
  const sentence = words[m.from]!.sentence;
  const start = words[m.from]!.start;
  for (let k = sofar.length - 1; k >= 0; k--) {
    const q = sofar[k]!;
    if (q.end > start) continue;
    if (q.unit === undefined || q.unit_canonical === PERCENT_CANONICAL) continue;
    // Ages and durations do not lend their unit to a bare figure (وهن 3 فقط).
    if (TIME_CANONICAL.has(q.unit_canonical ?? "")) return undefined;
    // Same sentence only: find its sentence by the word that starts it.
    const qi = firstStartingAt(words, q.number.start);
    if (qi >= 0 && words[qi]!.sentence === sentence) return q;
    return undefined;
  }
  return undefined;
}

// Running maximum of the units' starts, for `firstStartingAt`; built once per list of units.
let maxWords: readonly Word[] | undefined;
let maxStarts = new Float64Array(0);

/**
 * Index of the first unit that starts at or after `at` (`words.findIndex((w) => w.start >= at)`), by
 * binary search on the running maximum of the starts: the first index where it reaches `at` is the
 * first unit that does. A linear search here made every figure without a unit cost the whole article.
 */
function firstStartingAt(words: readonly Word[], at: number): number {
  if (words !== maxWords) {
    if (maxStarts.length < words.length) maxStarts = new Float64Array(words.length * 2);
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < words.length; k++) {
      if (words[k]!.start > max) max = words[k]!.start;
      maxStarts[k] = max;
    }
    maxWords = words;
  }
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (maxStarts[mid]! >= at) hi = mid;
    else lo = mid + 1;
  }
  return lo < words.length ? lo : -1;
}

/**
 * A figure with no unit of its own takes the unit of the last quantity in its sentence (و900 في سوريا): sets it on
 * `quantity` and says so; false when the figure is not a quantity.
 */
function elided(
  quantity: Quantity,
  words: readonly Word[],
  m: NumberMatch,
  sofar: readonly Quantity[],
  figure: boolean,
  othersTo?: number,
): boolean {
  if (!figure && othersTo === undefined) return false;
  // 960×540 بكسل، جلاس 3: dimensions and model numbers
  const before = words[m.from - 1];
  const after = words[m.to];
  if (after && (after.text === "×" || after.norm === "x" || after.text === "*")) return false;
  if (
    before &&
    before.sentence === words[m.from]!.sentence &&
    (startsLatin(before.norm) || isQuoteMark(before.text, true))
  )
    return false;
  if (
    after &&
    after.sentence === words[m.from]!.sentence &&
    isQuoteMark(after.text, false) &&
    after.start === words[m.to - 1]!.end
  )
    return false;
  if (figure && m.bare && isYearLike(words[m.from]!.norm) && othersTo === undefined) return false; // a year-like figure
  const p = previousUnit(sofar, words, m);
  if (!p) return false;
  quantity.unit = p.unit!;
  if (p.unit_canonical) quantity.unit_canonical = p.unit_canonical;
  quantity.unit_elided = true;
  return true;
}

/*
 * Character tests read by code where regular expressions ran on the words around every figure (`/^[a-z]/`,
 * `/^["“”″«»]$/`): the same answers without a match object's machinery.
 */

/** `/^(1[89]|20)\d\d$/.test(s)`: four ASCII digits from 1800 to 2099. */
function isYearLike(s: string): boolean {
  if (s.length !== 4) return false;
  for (let k = 0; k < 4; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  const century = (s.charCodeAt(0) - 0x30) * 10 + (s.charCodeAt(1) - 0x30);
  return century === 18 || century === 19 || century === 20;
}

/** `/^[a-z]/.test(s)`. */
function startsLatin(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 0x61 && c <= 0x7a;
}

/** `/^["“”″«»]$/.test(s)` (with `guillemets`) or `/^["“”″]$/.test(s)`. */
function isQuoteMark(s: string, guillemets: boolean): boolean {
  if (s.length !== 1) return false;
  const c = s.charCodeAt(0);
  return c === 0x22 || c === 0x201c || c === 0x201d || c === 0x2033 || (guillemets && (c === 0xab || c === 0xbb));
}

/**
 * Whether one of `bareForms(norm)` can start with ال: each is the word from its first to fifth letter on, or (a word
 * with لل) ال and what follows. When not, `definiteHead` stops without making the list of forms.
 */
function mayHaveArticleForm(norm: string): boolean {
  const a = norm.indexOf("ال");
  return (a >= 0 && a <= 4) || norm.startsWith("لل") || norm.startsWith("لل", 1);
}

/** The head noun of a definite noun phrase ending at `k` (الدول in الدول الأعضاء), when it is plural. */
function definiteHead(words: readonly Word[], k: number, sentence: number): Word | undefined {
  let head: Word | undefined;
  let plural = false;
  while (k >= 0) {
    const w = words[k]!;
    if (
      w.sentence !== sentence ||
      w.kind !== "word" ||
      !mayHaveArticleForm(w.norm) ||
      !bareOf(w).some(([f]) => f.startsWith("ال") && f.length > 3)
    )
      break;
    const bare = w.text.slice(offsetAfterLetters(w.text, 0, bareOf(w).find(([f]) => f.startsWith("ال"))![1] + 2));
    const u = lookupUnitWord(matchForm(bare));
    if ((u && matchForm(u.singular) !== matchForm(bare)) || singularOf(bare) !== bare) plural = true;
    head = w;
    k--;
  }
  return plural ? head : undefined;
}

/** `المربعات التسعة`، `للمسارات الثلاثة`: a definite cardinal after its definite plural noun. */
function definiteCardinal(doc: Doc, words: readonly Word[], i: number): Quantity | undefined {
  const w = words[i]!;
  // The number word is one of the word's forms without clitics: no `F_NUMBER`, no number word (number words have
  // two letters or more, so the article is always one of the clitics the flags strip).
  if ((w.flags & F_NUMBER) === 0) return undefined;
  if (!w.norm.startsWith("ال") && !w.norm.startsWith("وال")) return undefined;
  const form = w.norm.slice(w.norm.indexOf("ال") + 2);
  const atom = NUMBER_WORDS.get(form);
  if (!atom || (atom.kind !== "unit" && atom.kind !== "ten") || atom.value < 3) return undefined;
  const head = definiteHead(words, i - 1, w.sentence);
  if (!head || words[i - 1] !== head) return undefined;
  const u = unitOfNoun(head);
  const numStart = offsetAfterLetters(doc.text, w.start, w.norm.indexOf("ال"));
  const whole = doc.span(head.start, w.end);
  const q: Quantity = {
    start: whole.start,
    end: whole.end,
    text: whole.text,
    value: atom.value,
    unit: u.unit,
    counted: doc.span(head.start, head.end),
    number: doc.span(numStart, w.end),
  };
  if (u.canonical) q.unit_canonical = u.canonical;
  return q;
}

/** The matching forms `lookupUnit` reads from `j` (the first as it is, the others without the accusative alif). */
function unitNorms(words: readonly Word[], j: number, sentence: number, first: string): string[] {
  const norms: string[] = [];
  for (let k = j; k < Math.min(words.length, j + 4) && words[k]!.sentence === sentence; k++)
    norms.push(stripTanwinAlif(words[k]!.norm));
  norms[0] = first;
  return norms;
}

/**
 * Units that touch each other (no space) from `j`: `ج.م.` is four units, one abbreviation. Undefined when none of
 * them has a dot (the text is only joined for a dotted abbreviation: it was joined after every figure).
 */
function touchingText(
  words: readonly Word[],
  j: number,
  sentence: number,
): { text: string; end: number; to: number } | undefined {
  let k = j;
  let dot = false;
  while (
    k < words.length &&
    k < j + 6 &&
    words[k]!.sentence === sentence &&
    (k === j || words[k]!.start === words[k - 1]!.end)
  ) {
    if (words[k]!.text.includes(".")) dot = true;
    k++;
  }
  if (!dot) return undefined;
  let text = "";
  for (let t = j; t < k; t++) text += words[t]!.text;
  return { text, end: words[k - 1]?.end ?? 0, to: k };
}

/*
 * `abbreviationCurrency` by text: the joined texts are few (`.` after a figure that ends a sentence, most of all),
 * and each was cut and folded again for every figure before a dot.
 */
const abbreviationCodes = new Map<string, string | null>();

/** The ISO code of a dotted currency abbreviation (`ج.م.`), a final dot dropped; undefined when it is none. */
function abbreviationCurrency(text: string): string | undefined {
  let code = abbreviationCodes.get(text);
  if (code === undefined) {
    code = CURRENCY_SYMBOLS.get(matchForm(text.replace(/\.$/, ""))) ?? null;
    if (abbreviationCodes.size >= 10_000) abbreviationCodes.clear();
    abbreviationCodes.set(text, code);
  }
  return code ?? undefined;
}

/** `و43 سنت`، `و 43c` after a dollar amount: the cents. */
function centsAt(
  words: readonly Word[],
  text: string,
  k: number,
  sentence: number,
): { value: number; end: number; to: number } | undefined {
  if (!words[k] || words[k]!.sentence !== sentence) return undefined;
  const m = readNumber(words, text, words[k]!.norm === "و" ? k + 1 : k);
  if (!m || m.value >= 100 || m.value <= 0) return undefined;
  const u = words[m.to];
  if (!u || u.sentence !== sentence) return undefined;
  const e = CURRENCY_SYMBOLS.get(u.norm) === "USD_cent" ? "USD_cent" : lookupUnitWord(u.norm)?.canonical;
  if (e !== "USD_cent") return undefined;
  return { value: m.value, end: u.end, to: m.to + 1 };
}

/** `لتران`، `دولارين`، `ساعتين`، `درجتين تحت الصفر`: the dual of a known unit counts two. */
function dualUnit(doc: Doc, words: readonly Word[], i: number): Quantity | undefined {
  const w = words[i]!;
  if (w.norm.startsWith("ال") || w.norm.startsWith("وال")) return undefined;
  if (!endsLikeDual(w.norm)) return undefined;
  let cut = 0;
  let entry: UnitEntry | undefined;
  for (const [form, c] of bareOf(w)) {
    const e = NOT_DUAL.has(form) ? undefined : lookupUnitWord(form);
    if (e?.dual) {
      entry = e;
      cut = c;
      break;
    }
  }
  // Time duals (عامين، يومين) are durations: the dates stage reports them.
  if (!entry || entry.category === "time" || entry.category === "people") return undefined;
  const prev = words[i - 1];
  if (prev && prev.sentence === w.sentence && (prev.kind === "num" || NUMBER_WORDS.has(prev.norm))) return undefined;
  const start = cut > 0 ? offsetAfterLetters(doc.text, w.start, cut) : w.start;
  let value = 2;
  let end = w.end;
  if (entry.canonical.startsWith("deg") && words[i + 1]?.norm === "تحت" && words[i + 2]?.norm === "الصفر") {
    value = -2;
    end = words[i + 2]!.end;
  }
  const whole = doc.span(start, end);
  return {
    start: whole.start,
    end: whole.end,
    text: whole.text,
    value,
    unit: entry.singular,
    unit_canonical: entry.canonical,
    counted: doc.span(start, w.end),
    number: doc.span(start, w.end),
  };
}

/**
 * Whether a word can be a dual unit: the dual forms end in ان or ين, and `lookupUnitWord` also takes them with the
 * accusative alif (ينا). Each of the word's `bareForms` ends as the word does, so a word ending otherwise needs no
 * list of forms and no lookups (every unit word not read as another quantity came here).
 */
function endsLikeDual(norm: string): boolean {
  const n = norm.endsWith("ا") ? norm.length - 1 : norm.length;
  return (
    n >= 2 && norm.charCodeAt(n - 1) === NOON && (norm.charCodeAt(n - 2) === ALIF || norm.charCodeAt(n - 2) === YA)
  );
}
const NOON = 0x646; // ن
const ALIF = 0x627; // ا
const YA = 0x64a; // ي

const FRACTION_AFTER: Record<string, number> = { نصف: 0.5, نص: 0.5, ربع: 0.25, ثلث: 1 / 3 };

/** `لتر ونصف`، `ساعة وربع`: one unit and a fraction of it. */
function unitAndFraction(doc: Doc, words: readonly Word[], i: number): { quantity: Quantity; to: number } | undefined {
  const w = words[i]!;
  if (w.norm.startsWith("ال")) return undefined;
  // The word after first (a conjunction): it rules out nearly every unit word without a lookup.
  let k = i + 1;
  const a = words[k];
  if (!a || a.sentence !== w.sentence || !a.norm.startsWith("و")) return undefined;
  const entry = lookupUnitWord(w.norm);
  if (!entry || entry.dual || entry.words !== 1 || entry.category === "people") return undefined;
  let frac: number | undefined;
  if (a.norm === "و") {
    frac = FRACTION_AFTER[words[k + 1]?.norm ?? ""];
    k += 2;
  } else if (a.norm.startsWith("و")) {
    frac = FRACTION_AFTER[a.norm.slice(1)];
    k += 1;
  }
  if (frac === undefined) return undefined;
  const prev = words[i - 1];
  if (prev && prev.sentence === w.sentence && (prev.kind === "num" || NUMBER_WORDS.has(prev.norm))) return undefined;
  const end = words[k - 1]!.end;
  const whole = doc.span(w.start, end);
  const quantity: Quantity = {
    start: whole.start,
    end: whole.end,
    text: whole.text,
    value: 1 + frac,
    unit: entry.singular,
    unit_canonical: entry.canonical,
    counted: doc.span(w.start, w.end),
    number: doc.span(w.start, end),
  };
  return { quantity, to: k };
}
