import type { Edit } from "../model/edit.ts";
import type { Stage } from "../run/stage.ts";
import { bmpString, fillWhere } from "./char-table.ts";

/**
 * Display normalization: the edits that make the raw input a faithful,
 * well-formed display text. Recorded in raw coordinates before `commit`, so
 * every character of the cleaned text still maps back to the input.
 *
 * What changes (edit kind in brackets):
 * - NFC composition, per base + combining-mark cluster that NFC changes [`nfc`]
 *   (Arabic typists often put shadda after fatha; NFC orders them, and joins
 *   ا + U+0654 into أ, so equal words get equal code points);
 * - Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFE) → their base letters (NFKC) [`presentation_form`];
 * - directional controls (LRM, RLM, ALM, embeddings, overrides, isolates) out [`bidi_control`];
 * - zero-width characters (ZWSP, word joiner, BOM, soft hyphen, U+180E, invisible
 *   operators U+2061–2064, deprecated format controls U+206A–206F) out [`zero_width`];
 *   ZWNJ is KEPT between two letters, because Persian and Urdu spelling needs it
 *   (می‌خواهم is not میخواهم), and ZWJ is KEPT inside emoji sequences (👨‍👩‍👧);
 *   anywhere else they are debris and go;
 * - CR LF → LF (the CR is removed), a lone CR, NEL, U+2028/2029, VT and FF → LF [`newline`];
 * - other C0/C1 control characters and DEL out [`control`].
 *
 * Diacritics and tatweel stay: folding them is the matching form's job (`matchForm`).
 * Every edit touches one character or one mark cluster, so edits from later
 * cleaning stages nest or are disjoint, never partially overlap.
 */

/** Options for `normalizeText` (none yet: the display rules are fixed). */
export type NormalizeOptions = Record<string, never>;

// Character classes, one byte per UTF-16 code unit. PLAIN is the fast path.
const PLAIN = 0;
const MARK = 1; // combining mark: may reorder or compose under NFC with the base before it
const NFC_SELF = 2; // a starter that NFC changes on its own (e.g. U+2126 OHM → Ω)
const PF = 3; // Arabic presentation form with a compatibility decomposition
const ZERO_WIDTH = 4;
const BIDI = 5;
const CONTROL = 6;
const CR = 7;
const NEWLINE = 8; // NEL, LS, PS, VT, FF: line breaks that are not LF
const ZWNJ = 9;
const ZWJ = 10;
const HIGH = 11; // high surrogate: look at the whole code point

const cls = new Uint8Array(0x10000);
const setRange = (from: number, to: number, k: number) => cls.fill(k, from, to + 1);

// Marks and NFC-unstable starters, from the engine's own Unicode data, so they
// follow the same Unicode version as String#normalize (about 10 ms at load).
fillWhere(cls, /\p{M}/u, MARK);
{
  const all = bmpString();
  for (let c = 0xc0; c < 0x10000; c++) {
    if (cls[c] !== PLAIN || (c >= 0xd800 && c <= 0xdfff)) continue;
    const s = all[c]!;
    if (s.normalize("NFC") !== s) cls[c] = NFC_SELF;
  }
}
setRange(0x1160, 0x11ff, MARK); // Hangul medial vowels and finals compose with the syllable before them
setRange(0xfb50, 0xfdff, PF);
setRange(0xfe70, 0xfefe, PF);
for (let c = 0xfb50; c <= 0xfefe; c++) {
  // Unassigned and non-character code points, and the ornate parentheses, have no decomposition.
  if (cls[c] === PF && String.fromCharCode(c).normalize("NFKC") === String.fromCharCode(c)) cls[c] = PLAIN;
}
setRange(0xfe00, 0xfe0f, MARK); // variation selectors (inside the presentation-form gap)
setRange(0xfe20, 0xfe2f, MARK); // combining half marks
setRange(0x0000, 0x001f, CONTROL);
setRange(0x007f, 0x009f, CONTROL);
cls[0x09] = PLAIN; // tab
cls[0x0a] = PLAIN; // LF
cls[0x0d] = CR;
cls[0x0b] = NEWLINE;
cls[0x0c] = NEWLINE;
cls[0x85] = NEWLINE;
cls[0x2028] = NEWLINE;
cls[0x2029] = NEWLINE;
cls[0x200b] = ZERO_WIDTH;
cls[0x200c] = ZWNJ;
cls[0x200d] = ZWJ;
cls[0x2060] = ZERO_WIDTH; // word joiner
cls[0xfeff] = ZERO_WIDTH; // BOM / zero-width no-break space
cls[0x00ad] = ZERO_WIDTH; // soft hyphen: an invisible hint, and it splits words for every later stage
cls[0x180e] = ZERO_WIDTH; // Mongolian vowel separator, often used as an invisible space
setRange(0x2061, 0x2064, ZERO_WIDTH); // invisible math operators
setRange(0x206a, 0x206f, ZERO_WIDTH); // deprecated shaping and symmetric-swapping controls
cls[0x200e] = BIDI;
cls[0x200f] = BIDI;
cls[0x061c] = BIDI;
setRange(0x202a, 0x202e, BIDI);
setRange(0x2066, 0x2069, BIDI);
setRange(0xd800, 0xdbff, HIGH);

const KIND: Record<number, string> = {
  [ZERO_WIDTH]: "zero_width",
  [BIDI]: "bidi_control",
  [CONTROL]: "control",
};

const isLetter = (s: string): boolean => /^\p{L}/u.test(s);
const LETTER_BEFORE = /\p{L}\p{M}*$/u;

// Supplementary code points: marks (e.g. U+1D165 musical stems, Brahmi signs)
// and the CJK compatibility ideographs that NFC replaces.
function supplementaryClass(cp: number): number {
  if (cp >= 0x2f800 && cp <= 0x2fa1d) return NFC_SELF;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return PLAIN; // skin tones are symbols, not marks
  if (cp >= 0xe0100 && cp <= 0xe01ef) return MARK; // variation selectors supplement
  return SUPP_MARK.test(String.fromCodePoint(cp)) ? MARK : PLAIN;
}
const SUPP_MARK = /^\p{M}$/u;

/**
 * Compute the display-normalization edits for `raw`, in raw coordinates,
 * sorted and non-overlapping. Pure: the stage hands them to `doc.edit`.
 *
 * @param raw the raw input
 * @returns the edits (empty for text that needs none, the common case)
 * @example displayEdits("a\r\nb") → [{start: 1, end: 2, replacement: "", kind: "newline"}]
 */
export function displayEdits(raw: string): Edit[] {
  const edits: Edit[] = [];
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    let k = cls[raw.charCodeAt(i)]!;
    if (k === PLAIN) continue;
    let width = 1;
    if (k === HIGH) {
      const cp = raw.codePointAt(i)!;
      if (cp < 0x10000) continue; // lone surrogate: left as is
      width = 2;
      k = supplementaryClass(cp);
      if (k === PLAIN) {
        i++;
        continue;
      }
    }
    switch (k) {
      case CR:
        if (raw.charCodeAt(i + 1) === 0x0a) edits.push({ start: i, end: i + 1, replacement: "", kind: "newline" });
        else edits.push({ start: i, end: i + 1, replacement: "\n", kind: "newline" });
        break;
      case NEWLINE:
        edits.push({ start: i, end: i + 1, replacement: "\n", kind: "newline" });
        break;
      case ZERO_WIDTH:
      case BIDI:
      case CONTROL:
        edits.push({ start: i, end: i + 1, replacement: "", kind: KIND[k]! });
        break;
      case ZWNJ:
        if (!(LETTER_BEFORE.test(raw.slice(Math.max(0, i - 8), i)) && isLetter(raw.slice(i + 1, i + 3)))) {
          edits.push({ start: i, end: i + 1, replacement: "", kind: "zero_width" });
        }
        break;
      case ZWJ:
        if (!(isPictographicBefore(raw, i) && isPictographicAt(raw, i + 1))) {
          edits.push({ start: i, end: i + 1, replacement: "", kind: "zero_width" });
        }
        break;
      case PF:
      case NFC_SELF:
        i = cluster(raw, i, edits) - 1;
        break;
      case MARK:
        i = cluster(raw, -1, edits, i) - 1;
        break;
    }
    if (width === 2 && k !== MARK && k !== NFC_SELF) i++;
  }
  return edits;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

const PICTO = /\p{Extended_Pictographic}/u;
function isPictographicAt(raw: string, i: number): boolean {
  const cp = raw.codePointAt(i);
  return cp !== undefined && PICTO.test(String.fromCodePoint(cp));
}
// ZWJ sequences put the joiner after an emoji, its VS16 or its skin tone.
function isPictographicBefore(raw: string, i: number): boolean {
  let j = i; // exclusive end of the code point to test
  if (raw.charCodeAt(j - 1) === 0xfe0f) j--;
  let cp = codePointBefore(raw, j);
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) {
    j -= 2;
    cp = codePointBefore(raw, j);
  }
  return cp >= 0 && PICTO.test(String.fromCodePoint(cp));
}
function codePointBefore(raw: string, j: number): number {
  if (j <= 0) return -1;
  const c = raw.charCodeAt(j - 1);
  if (isLow(c) && j >= 2 && isHigh(raw.charCodeAt(j - 2))) return raw.codePointAt(j - 2)!;
  return c;
}

// Length in code units of the code point at `i` when it is a mark, else 0.
function markWidth(raw: string, i: number): number {
  const c = raw.charCodeAt(i);
  const k = cls[c];
  if (k === MARK) return 1;
  if (k === HIGH) {
    const cp = raw.codePointAt(i)!;
    if (cp >= 0x10000 && supplementaryClass(cp) === MARK) return 2;
  }
  return 0;
}

// Invisible characters that are deleted when they stand before a mark (ZWNJ and
// ZWJ are kept only before a letter or an emoji, never before a mark).
const isInvisible = (c: number): boolean => {
  const k = cls[c];
  return k === ZERO_WIDTH || k === BIDI || k === CONTROL || k === ZWNJ || k === ZWJ;
};
const INVISIBLE_KIND: Record<number, string> = { ...KIND, [ZWNJ]: "zero_width", [ZWJ]: "zero_width" };

/**
 * Normalize one cluster: a starter and the marks after it, with any invisible
 * characters between them (which NFC must not see, or ا + RLM + ◌ٔ would not
 * compose). Called either at a starter that needs work (`starter` = its index:
 * a presentation form or an NFC-unstable character) or at a mark whose starter
 * is behind it (`starter` = -1, `firstMark` = the mark). Pushes the edits (one
 * for the cluster, or one per character when NFC changes nothing) and returns
 * the cluster's end.
 */
function cluster(raw: string, starter: number, edits: Edit[], firstMark = -1): number {
  const deleted: Edit[] = []; // invisible characters inside the cluster
  let head = ""; // the starter's replacement when it is a presentation form
  let start: number;
  let body: number; // where the raw part after the head begins
  if (starter >= 0) {
    start = starter;
    body = starter + (isHigh(raw.charCodeAt(starter)) ? 2 : 1);
    if (cls[raw.charCodeAt(starter)] === PF) head = raw[starter]!.normalize("NFKC");
    else body = starter;
  } else {
    // Walk back over invisible characters already deleted, to the starter.
    let pos = firstMark;
    for (
      let last = edits[edits.length - 1];
      last &&
      last.end === pos &&
      last.replacement === "" &&
      last.end - last.start === 1 &&
      isInvisible(raw.charCodeAt(last.start));
      last = edits[edits.length - 1]
    ) {
      deleted.unshift(edits.pop()!);
      pos = last.start;
    }
    let b = pos - 1;
    if (b > 0 && isLow(raw.charCodeAt(b)) && isHigh(raw.charCodeAt(b - 1))) b--;
    const last = edits[edits.length - 1];
    if (b < 0) start = body = pos;
    else if (last && last.end > b) {
      if (last.kind === "presentation_form" && last.start === b && last.end === pos) {
        edits.pop();
        head = last.replacement;
        start = b;
        body = pos;
      } else start = body = pos;
    } else start = body = b;
  }

  // Forward: marks, and invisible characters that a mark follows.
  let end = starter >= 0 ? starter + (isHigh(raw.charCodeAt(starter)) ? 2 : 1) : firstMark;
  for (;;) {
    const w = markWidth(raw, end);
    if (w > 0) {
      end += w;
      continue;
    }
    let j = end;
    while (j < raw.length && isInvisible(raw.charCodeAt(j))) j++;
    if (j === end || markWidth(raw, j) === 0) break;
    for (let d = end; d < j; d++)
      deleted.push({ start: d, end: d + 1, replacement: "", kind: INVISIBLE_KIND[cls[raw.charCodeAt(d)]!]! });
    end = j;
  }

  // Fast path: one harakat mark after a plain letter never composes or reorders.
  if (starter < 0 && !head && deleted.length === 0 && end - start === 2 && markWidth(raw, start) === 0) {
    const m = raw.charCodeAt(end - 1);
    if (m >= 0x064b && m <= 0x0652) return end;
  }
  let mapped = head;
  let at = body;
  for (const d of deleted) {
    if (d.start >= at) mapped += raw.slice(at, d.start);
    at = Math.max(at, d.end);
  }
  mapped += raw.slice(at, end);
  const after = mapped.normalize("NFC");
  const before = raw.slice(start, end);
  if (after === before) return end;

  if (after === mapped && (head !== "" || deleted.length > 0)) {
    // NFC changes nothing: keep one edit per character, each with its own kind.
    if (head !== "") edits.push({ start, end: body, replacement: head, kind: "presentation_form" });
    for (const d of deleted) edits.push(d);
    return end;
  }
  // Trim what did not change (only for a plain cluster), so the edit is as small as the change.
  let a = 0;
  let b = 0;
  if (head === "" && deleted.length === 0) {
    while (a < before.length && a < after.length && before.charCodeAt(a) === after.charCodeAt(a)) a++;
    if (a > 0 && isLow(before.charCodeAt(a))) a--;
    while (
      b < before.length - a &&
      b < after.length - a &&
      before.charCodeAt(before.length - 1 - b) === after.charCodeAt(after.length - 1 - b)
    ) {
      b++;
    }
    if (b > 0 && isHigh(before.charCodeAt(before.length - b - 1))) b--;
  }
  edits.push({
    start: start + a,
    end: end - b,
    replacement: after.slice(a, after.length - b),
    kind: head !== "" ? "presentation_form" : "nfc",
  });
  return end;
}

/**
 * The display-normalization stage (runs first, before cleaning and `commit`):
 * records the edits of `displayEdits` on the document.
 *
 * @param _options reserved
 * @returns the stage
 */
export function normalizeText(_options: NormalizeOptions = {}): Stage {
  return (doc) => {
    for (const e of displayEdits(doc.raw)) doc.edit(e.start, e.end, e.replacement, e.kind);
  };
}
