import type { Doc } from "../model/doc.ts";
import type { Caption, Credit, Paragraph } from "../model/layers.ts";
import type { Stage } from "../run/stage.ts";
import { CreditNames, type Party, placeKey } from "./credit-names.ts";

/** Options for the credits stage. */
export interface FindCreditsOptions {
  /** Credited parties and dateline places (default: data/credits.json, data/dateline-places.json). */
  names?: CreditNames;
  /** Datelines and bylines are looked for in this many first paragraphs (default 3). */
  headParagraphs?: number;
}

let defaultNames: CreditNames | undefined;

// A caption ends with its credit in parentheses: "... في سوريا (غيتي)".
const PAREN_CREDIT = /\(([^()\n]{1,40})\)\s*$/u;
// ... or with "- أرشيف".
const DASH_CREDIT = /\s[-–—]\s*((?:صورة\s+)?أرشيف(?:ية|ي)?)\s*$/u;
// Sentence-final punctuation followed by a blank or the end: a caption has none before its credit.
const SENTENCE_END = /[.!؟?](?=\s|$)/u;
// "X - Y" at the start of a paragraph: two chunks of at most four words, then the end, ":" or a dash.
const CHUNK = '[^\\s\\-–—:：()،,.«»"“”]+(?:[ \\u00a0]+[^\\s\\-–—:：()،,.«»"“”]+){0,3}';
const DASH_LINE = new RegExp(
  `^(?:[*•]\\s*)?(${CHUNK})\\s*[-–—]\\s*(${CHUNK})(?:\\s*[-–—]\\s*(${CHUNK}))?\\s*(?=[:：]|[-–—]\\s|$)`,
  "u",
);
// "القاهرة (أ ش أ) -": place, agency in parentheses, a dash or colon.
const PAREN_DATELINE = new RegExp(`^(${CHUNK})\\s*\\(([^()]{1,30})\\)\\s*(?=[-–—:：])`, "u");
// "وبحسب "الألمانية"،": a paragraph that opens by naming the agency it comes from.
// "تصوير: صالح العبداللطيف": a photographer's credit line; the label is checked against data/credits.json.
const PHOTO_LINE = /^([^:：\n]{2,12}?)\s*[:：]\s*([^:：.!؟?،,\n]{2,40}?)\s*$/u;
const ACCORDING_TO =
  /^(?:و?بحسب|و?حسب|و?وفقا\s+ل|و?وفقاً\s+ل|نقلا\s+عن|نقلاً\s+عن)\s*["«“]?([^"«»“”،,]{2,30}?)["»”]?\s*[،,]/u;

/**
 * The credits stage: finds photo captions with their credit (`doc.captions`,
 * and the credit in `doc.credits` with kind `photo`), agency datelines
 * (`بغداد - رويترز`, `القاهرة (أ ش أ) -`, kind `agency`), outlet datelines
 * (`عين اليوم – الرياض`, kind `dateline`) and bylines (`مكة المكرمة – حامد القرشي`,
 * kind `byline`). Captions stay in the text. An agency named inside a sentence
 * (`قال لرويترز`) is not a credit. Runs after `commit` and segmentation: reads
 * `doc.paragraphs` (or the lines of `doc.text` when there are none).
 *
 * @param options names and how far to look
 * @returns the stage
 */
export function findCredits(options: FindCreditsOptions = {}): Stage {
  const names = options.names ?? (defaultNames ??= new CreditNames());
  const head = options.headParagraphs ?? 3;
  return (doc: Doc) => {
    const paragraphs = doc.paragraphs.length > 0 ? doc.paragraphs : linesOf(doc);
    paragraphs.forEach((p, i) => {
      if (p.text.length === 0) return;
      if (findCaption(doc, p, names)) return;
      if (i < head) findDateline(doc, p, names);
    });
  };
}

// Paragraphs as the lines of the text, for a pipeline without segmentation.
function linesOf(doc: Doc): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  const text = doc.text;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    out.push(doc.span(start, end));
    start = end + 1;
  }
  return out;
}

function credit(
  doc: Doc,
  start: number,
  end: number,
  kind: Credit["kind"],
  name: string | undefined,
  place?: [number, number],
): Credit {
  const c: Credit = { ...doc.span(start, end), kind };
  if (name !== undefined) c.name = name;
  if (place) c.place = doc.span(place[0], place[1]);
  return c;
}

// Offsets of `part` inside `whole` trimmed, relative to `base`.
function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return [start, end];
}

function findCaption(doc: Doc, p: Paragraph, names: CreditNames): boolean {
  const text = doc.text;
  const photo = PHOTO_LINE.exec(p.text);
  if (photo && names.photoLabels.has(placeKey(photo[1]!))) {
    const at = p.start + photo[0].lastIndexOf(photo[2]!);
    const party = names.party(photo[2]!);
    doc.credits.push(credit(doc, at, at + photo[2]!.length, "photo", party?.name ?? photo[2]!));
    return true;
  }
  let m = PAREN_CREDIT.exec(p.text);
  let party: Party | undefined;
  let creditStart = 0;
  let creditEnd = 0;
  if (m) {
    party = names.party(m[1]!);
    if (party) [creditStart, creditEnd] = trimmed(text, p.start + m.index + 1, p.start + m.index + 1 + m[1]!.length);
  }
  if (!party) {
    m = DASH_CREDIT.exec(p.text);
    if (m) {
      party = names.party(m[1]!);
      const at = p.start + m.index + m[0].indexOf(m[1]!);
      if (party) [creditStart, creditEnd] = [at, at + m[1]!.length];
    }
  }
  if (!party || !m) return false;
  const before = p.text.slice(0, m.index).trim();
  if (before === "") {
    // A credit line of its own, "(أ. ف. ب)": the photo's credit without a caption.
    doc.credits.push(credit(doc, creditStart, creditEnd, "photo", party.name));
    return true;
  }
  const words = before.split(/\s+/u).length;
  if (words < 2 || before.length > 300 || SENTENCE_END.test(before)) return false;
  const c = credit(doc, creditStart, creditEnd, "photo", party.name);
  const caption: Caption = { ...doc.span(p.start, p.end), credit: c };
  doc.captions.push(caption);
  doc.credits.push(c);
  return true;
}

function findDateline(doc: Doc, p: Paragraph, names: CreditNames): void {
  const text = doc.text;
  let m = PAREN_DATELINE.exec(p.text);
  if (m) {
    const party = names.party(m[2]!);
    if (party && party.kind !== "photo") {
      const end = p.start + m.index + m[0].trimEnd().length;
      const place = names.isPlace(m[1]!) ? trimmed(text, p.start, p.start + m[1]!.length) : undefined;
      doc.credits.push(credit(doc, p.start, end, "agency", party.name, place));
      return;
    }
  }
  m = ACCORDING_TO.exec(p.text);
  if (m) {
    const party = names.party(m[1]!);
    if (party && party.kind !== "photo") {
      const at = p.start + m[0].indexOf(m[1]!);
      const [s, e] = trimmed(text, at, at + m[1]!.length);
      doc.credits.push(credit(doc, s, e, "agency", party.name));
      return;
    }
  }
  m = DASH_LINE.exec(p.text);
  if (!m) return;
  const chunks: [number, number][] = [];
  let from = 0;
  for (const g of [m[1], m[2], m[3]]) {
    if (g === undefined) continue;
    const at = p.text.indexOf(g, from);
    chunks.push([p.start + at, p.start + at + g.length]);
    from = at + g.length;
  }
  const surface = chunks.map(([s, e]) => text.slice(s, e));
  const parties = surface.map((s) => names.party(s));
  const places = surface.map((s) => names.isPlace(s));
  const span: [number, number] = [chunks[0]![0], chunks[chunks.length - 1]![1]];
  const whole = m[0].trim().length === p.text.trim().length;
  const agencyAt = parties.findIndex((x) => x !== undefined && x.kind === "agency");
  const outletAt = parties.findIndex((x) => x !== undefined && x.kind === "outlet");
  const placeAt = places.findIndex((x, i) => x && parties[i] === undefined);
  const place = placeAt >= 0 ? chunks[placeAt] : undefined;
  if (agencyAt >= 0) {
    doc.credits.push(credit(doc, span[0], span[1], "agency", parties[agencyAt]!.name, place));
    return;
  }
  if (outletAt >= 0) {
    // "عين اليوم – الرياض" is the outlet's own dateline; "عمر إبراهيم – عين اليوم" a byline.
    const person = surface.findIndex((_, i) => i !== outletAt && !places[i]);
    if (person >= 0) doc.credits.push(credit(doc, span[0], span[1], "byline", surface[person], place));
    else doc.credits.push(credit(doc, span[0], span[1], "dateline", parties[outletAt]!.name, place));
    return;
  }
  // A short first line "place – person" or "person – place": a byline. Without a known
  // place it must be a line of its own, so a sentence with a dash is not read as one.
  if (place || whole) {
    const person = surface.findIndex((_, i) => !places[i]);
    if (whole && surface.length >= 2 && p.text.trim().split(/\s+/u).length <= 8) {
      doc.credits.push(credit(doc, span[0], span[1], "byline", person >= 0 ? surface[person] : undefined, place));
    } else if (place && !whole && person >= 0) {
      doc.credits.push(credit(doc, span[0], span[1], "byline", surface[person], place));
    }
  }
}
