import { NUMBER_WORDS, type NumberAtom, TEEN_TAIL } from "./number-lexicon.ts";
import { parseFigure } from "./parse-figure.ts";
import { F_NUMBER } from "./figure-triggers.ts";
import { bareOf, offsetAfterLetters, type Word } from "./word-view.ts";

/** A number read from a run of units: figures, number words, or both (`2.5 مليار`). */
export interface NumberMatch {
  /** First unit (index into the word list). */
  from: number;
  /** One past the last unit. */
  to: number;
  /** Text offsets of the number, a leading clitic (و، ب، ل) cut off. */
  start: number;
  end: number;
  value: number;
  /** Some of it is spelled in words. */
  spelled: boolean;
  /** It is one bare figure (no words, no scale): candidates for years, ids, phone numbers. */
  bare: boolean;
  /** Letters of a clitic cut off the first unit (`و` of `و900` is a separate unit, so 0 there). */
  clitic: number;
}

const AND = "و";

/*
 * The letters `atomOf` cut off the word it read last. A second result in a module variable, not an `{atom, cut}`
 * object: one was made for every number word of every article (the dates stage reads each figure several times).
 */
let atomCut = 0;

/**
 * Look a word up in the number lexicon, allowing the clitics `first` permits; the letters cut off are left in
 * `atomCut` (read it before the next call).
 *
 * @param tail the unit after `w`: whether it is عشر is only asked when `preferAnd` reads و + أحد (the question was
 *   asked of the word after every word after a figure, mostly words that are no number at all)
 */
function atomOf(w: Word, first: boolean, preferAnd = false, tail?: Word): NumberAtom | undefined {
  if ((w.flags & F_NUMBER) === 0) return undefined;
  const norm = w.norm;
  // Letters compared by code, the clitics read in place: `norm[0]` and `norm.slice(…)` made strings on every try.
  const andFirst = norm.charCodeAt(0) === AND_CODE;
  // واحد is "one" and also و + أحد: inside a number with no conjunction yet, read the conjunction. The second of
  // `bareForms` cuts one letter exactly when the word starts with و and has three letters or more: it is then
  // `norm.slice(1)`.
  if (preferAnd && andFirst && norm.length > 2) {
    const rest = norm.slice(1);
    const atom = NUMBER_WORDS.get(rest);
    if (atom && (beforeTeen(tail) || !ONE_ONLY_IN_TEENS.has(rest))) {
      atomCut = 1;
      return atom;
    }
  }
  // The first of `bareForms` is the word itself, which no test below skips: a number word without clitics (most of
  // them) is read without making the list of forms (the lists were a third of the reader's time).
  const whole = NUMBER_WORDS.get(norm);
  if (whole) {
    atomCut = 0;
    return whole;
  }
  const forms = bareOf(w);
  for (let f = 1; f < forms.length; f++) {
    const form = forms[f]![0];
    const cut = forms[f]![1];
    if (!first && cut > 0 && !(cut === 1 && andFirst)) break;
    if (cut > 0 && form.length < 2) continue;
    if (cut > 0 && hasKaf(norm, cut)) continue; // كمية is not ك + مية
    // definite cardinals follow their noun: not read here (`norm.slice(cut - 2, cut) === "ال"`, only for cut >= 2)
    if (form !== norm && cut >= 2 && norm.startsWith("ال", cut - 2)) continue;
    const atom = NUMBER_WORDS.get(form);
    if (atom) {
      atomCut = cut;
      return atom;
    }
  }
  return undefined;
}

/** Whether `tail` is the عشر of a teen (أحد عشر). */
function beforeTeen(tail: Word | undefined): boolean {
  return tail !== undefined && tail.kind === "word" && TEEN_TAIL.has(tail.norm);
}

/** `norm.slice(0, cut).includes("ك")`, read in place. */
function hasKaf(norm: string, cut: number): boolean {
  for (let k = 0; k < cut; k++) if (norm.charCodeAt(k) === KAF_CODE) return true;
  return false;
}

const AND_CODE = 0x648; // و
const KAF_CODE = 0x643; // ك

/** Words for one that only count as numbers before عشر (أحد عشر): alone they are pronouns or weekdays. */
const ONE_ONLY_IN_TEENS = new Set(["احد", "احدي"]);

/**
 * Read the number that starts at `words[i]`, if any.
 *
 * Follows MSA order: hundreds, then units before tens joined by و
 * (`مئة وخمسة وعشرون`), scales after their multiplier (`ثلاثة آلاف`,
 * `46 ألف`, `2.5 مليار`), duals of scales (`مليونين`), higher scales before
 * lower ones (`ترليون و 702 مليار`), fractions of a scale (`نصف مليون`,
 * `مليون ونصف`), and a spelled decimal point (`واحد فاصلة واحد`).
 *
 * @param words the figure readers' view (see `buildWords`)
 * @param i index of the first unit
 * @returns the match, or `undefined` when no number starts there
 */
export function readNumber(words: readonly Word[], text: string, i: number): NumberMatch | undefined {
  const head = words[i];
  if (!head || (head.kind !== "num" && (head.flags & F_NUMBER) === 0)) return undefined;
  if (words !== memoWords || text !== memoText) {
    memoWords = words;
    memoText = text;
    memo = new Array<NumberMatch | null | undefined>(words.length);
  }
  const known = memo[i];
  if (known !== undefined) return known ?? undefined;
  const m = read(words, text, i);
  memo[i] = m ?? null;
  return m;
}

/*
 * The last view's numbers by first unit (null: none starts there). The date matchers and the quantities reader
 * read the number at the same figure several times (a figure is tried as a day, a year, a duration, an amount);
 * `readNumber` depends on the units and the text only, and no caller changes a match.
 */
let memoWords: readonly Word[] | undefined;
let memoText = "";
let memo: (NumberMatch | null | undefined)[] = [];

function read(words: readonly Word[], text: string, i: number): NumberMatch | undefined {
  const head = words[i]!;
  if (head.kind !== "num" && atomOf(head, true) === undefined) return undefined;
  let total = 0;
  let group = 0;
  let groupKind: "none" | "figure" | "words" | "fraction" = "none";
  let lastScale = Number.POSITIVE_INFINITY;
  let lastAtom: string = "";
  let pendingAnd = false;
  let accepted = -1; // index after the last accepted unit
  let spelled = false;
  let bare = true;
  let start = -1;
  let clitic = 0;
  let p = i;
  while (p < words.length) {
    const w = words[p]!;
    if (accepted >= 0 && w.sentence !== words[accepted - 1]!.sentence) break;
    if (w.kind === "word" && w.norm === AND && accepted >= 0) {
      if (pendingAnd) break;
      pendingAnd = true;
      p++;
      continue;
    }
    if (w.kind === "num") {
      const afterScale =
        accepted >= 0 && group === 0 && pendingAnd && Number.isFinite(lastScale) && groupKind === "none";
      if (accepted >= 0 && !afterScale) break;
      const next = words[p + 1];
      const nextAtom = next ? atomOf(next, false) : undefined;
      const decimalLikely = nextAtom?.kind === "scale" || next?.norm === "%" || next?.norm === "٪";
      let value = parseFigure(w.text, decimalLikely);
      if (value === undefined) break;
      // Spelled decimal point between figures: 1 فاصلة 1
      let to = p + 1;
      if (nextAtom?.kind === "point" && words[p + 2]?.kind === "num" && /^\d+$/.test(words[p + 2]!.norm)) {
        value = Number(`${Math.trunc(value)}.${words[p + 2]!.norm}`);
        to = p + 3;
      }
      // A minus sign glued to the figure and not to a word before it.
      const minus = words[p - 1];
      if (
        accepted < 0 &&
        minus &&
        (minus.text === "-" || minus.text === "−") &&
        minus.end === w.start &&
        (p < 2 || minus.space || words[p - 2]!.kind === "punct")
      ) {
        value = -value;
        start = minus.start;
      }
      group = value;
      groupKind = "figure";
      lastAtom = "figure";
      // Accept the figure (inline, as below: a closure here would be made on every call).
      if (start < 0) {
        start = w.start;
        clitic = 0;
      }
      accepted = to;
      pendingAnd = false;
      p = to;
      continue;
    }
    const atom = atomOf(w, accepted < 0, accepted >= 0 && !pendingAnd, words[p + 1]);
    if (atom === undefined) break;
    const cut = atomCut;
    const hasAnd = pendingAnd || (accepted >= 0 && cut === 1);
    let to = p + 1;
    let ok = true;
    switch (atom.kind) {
      case "unit": {
        let v = atom.value;
        const tail = words[p + 1];
        if (
          v >= 1 &&
          v <= 9 &&
          tail &&
          tail.kind === "word" &&
          TEEN_TAIL.has(tail.norm) &&
          tail.sentence === w.sentence
        ) {
          v += 10;
          to = p + 2;
        } else if (ONE_ONLY_IN_TEENS.has(w.norm.slice(cut))) {
          ok = false;
          break;
        }
        if (groupKind === "figure" || groupKind === "fraction" || group % 100 !== 0) ok = false;
        else if (group > 0 && !hasAnd && lastAtom !== "hundred") ok = false;
        else if (accepted >= 0 && group === 0 && !hasAnd)
          ok = false; // after a scale: ألف وخمسة
        else {
          group += v;
          lastAtom = v > 10 ? "teen" : "unit";
        }
        break;
      }
      case "teen":
        if (groupKind === "figure" || group % 100 !== 0 || (accepted >= 0 && !hasAnd && lastAtom !== "hundred"))
          ok = false;
        else {
          group += atom.value;
          lastAtom = "teen";
        }
        break;
      case "ten": {
        const low = group % 100;
        if (groupKind === "figure" || groupKind === "fraction" || (low >= 10 && low % 10 === 0)) ok = false;
        else if (low > 10) ok = false;
        else if (accepted >= 0 && !hasAnd && lastAtom !== "hundred") ok = false;
        else {
          group += atom.value;
          lastAtom = "ten";
        }
        break;
      }
      case "hundred":
        if (group !== 0 || (accepted >= 0 && !hasAnd)) ok = false;
        else {
          group = atom.value;
          lastAtom = "hundred";
        }
        break;
      case "hundred_word":
        if (lastAtom === "unit" && group >= 1 && group <= 9 && !hasAnd) group *= 100;
        else if (group === 0 && (accepted < 0 || hasAnd)) group = 100;
        else ok = false;
        if (ok) lastAtom = "hundred";
        break;
      case "scale": {
        if (atom.value >= lastScale) ok = false;
        else if (atom.form === "dual") {
          if (group !== 0 || (accepted >= 0 && !hasAnd)) ok = false;
          else total += 2 * atom.value;
        } else if (group === 0) {
          if (accepted >= 0 && !hasAnd) ok = false;
          else if (atom.form === "plural")
            ok = false; // آلاف alone is a vague count
          else total += atom.value;
        } else {
          if (hasAnd) ok = false;
          else total += group * atom.value;
        }
        if (ok) {
          group = 0;
          groupKind = "none";
          lastScale = atom.value;
          lastAtom = "scale";
        }
        break;
      }
      case "fraction":
        if (accepted < 0) {
          // نصف مليون: a fraction of the scale that follows; alone it is the fraction itself.
          group = atom.value;
          groupKind = "fraction";
          lastAtom = "fraction";
        } else if (lastAtom === "scale" && hasAnd && group === 0) {
          total += atom.value * lastScale;
          lastAtom = "fraction";
        } else ok = false;
        break;
      case "point": {
        const next = words[p + 1];
        const dec = next ? (next.kind === "num" ? next.norm : numberWordDigit(next)) : undefined;
        if (accepted < 0 || groupKind === "fraction" || dec === undefined || !/^\d+$/.test(dec)) ok = false;
        else {
          group = Number(`${Math.trunc(group)}.${dec}`);
          to = p + 2;
          lastAtom = "decimal";
        }
        break;
      }
    }
    if (!ok) break;
    if (groupKind === "none" && atom.kind !== "scale" && atom.kind !== "fraction") groupKind = "words";
    spelled = true;
    bare = false;
    if (start < 0) {
      const c = accepted < 0 ? cut : 0;
      start = c > 0 ? offsetAfterLetters(text, w.start, c) : w.start;
      clitic = c;
    }
    accepted = to;
    pendingAnd = false;
    p = to;
  }
  if (accepted < 0) return undefined;
  if (lastAtom === "scale" || spelled) bare = false;
  const last = words[accepted - 1]!;
  return {
    from: i,
    to: accepted,
    start,
    end: last.end,
    value: round(total + group),
    spelled,
    bare: bare && total === 0,
    clitic,
  };
}

function numberWordDigit(w: Word): string | undefined {
  const a = atomOf(w, false);
  return a && a.kind === "unit" ? String(a.value) : undefined;
}

// Float noise from 2.94 * 1e6 and friends.
function round(v: number): number {
  const r = Math.round(v);
  if (Math.abs(v - r) <= Math.abs(v) * 1e-12) return r;
  // `toPrecision` was a fifth of the reader's time (every 2.5 and 3.7 of every article, read again for each date
  // matcher): the same few fractions come back, so each is rounded once.
  let out = rounded.get(v);
  if (out === undefined) {
    out = Number(v.toPrecision(12));
    if (rounded.size >= ROUNDED_MAX) rounded.clear();
    rounded.set(v, out);
  }
  return out;
}
const rounded = new Map<number, number>();
const ROUNDED_MAX = 10_000;
