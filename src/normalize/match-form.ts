/**
 * The matching form: the key used for search, dedup and lexicon lookups.
 * Folds what Arabic spelling lets vary without changing the word: diacritics
 * and Quranic marks, tatweel, alef variants (أ إ آ ٱ → ا), alef maqsura
 * (ى → ي), taa marbuta (ة → ه), hamza seats (ؤ ئ → ء), Arabic-Indic and
 * Persian digits (→ 0-9), Persian/Urdu letter variants (ک → ك, ی ے → ي,
 * ہ ە → ه), presentation forms, bidi and zero-width controls; Latin is lowercased.
 *
 * The display text keeps all of these; only keys are folded.
 */

// One entry per UTF-16 code unit: KEEP, DROP, or the replacement code unit.
const KEEP = 0;
const DROP = -1;
const table = new Int32Array(0x10000);

function set(from: number, to: number, value: number | ((c: number) => number)): void {
  for (let c = from; c <= to; c++) table[c] = typeof value === "function" ? value(c) : value;
}
const cp = (s: string): number => s.charCodeAt(0);

set(0x41, 0x5a, (c) => c + 32); // A-Z → a-z
set(0x064b, 0x065f, DROP); // harakat, tanwin, shadda, sukun, extended marks
set(0x0670, 0x0670, DROP); // superscript alef
set(0x06d6, 0x06ed, DROP); // Quranic annotation marks
set(0x0610, 0x061a, DROP); // Arabic signs above/below
set(0x0640, 0x0640, DROP); // tatweel
set(0x200b, 0x200f, DROP); // zero-width and directional marks
set(0x202a, 0x202e, DROP); // bidi embeddings and overrides
set(0x2066, 0x2069, DROP); // bidi isolates
set(0x061c, 0x061c, DROP); // Arabic letter mark
set(0xfeff, 0xfeff, DROP); // BOM / zero-width no-break space
set(0x00ad, 0x00ad, DROP); // soft hyphen
for (const a of "أإآٱ") table[cp(a)] = cp("ا");
table[0x0672] = cp("ا"); // alef with wavy hamza above
table[0x0673] = cp("ا"); // alef with wavy hamza below
table[cp("ى")] = cp("ي");
table[cp("ة")] = cp("ه");
table[cp("ؤ")] = cp("ء");
table[cp("ئ")] = cp("ء");
set(0x0660, 0x0669, (c) => 0x30 + (c - 0x0660)); // Arabic-Indic digits
set(0x06f0, 0x06f9, (c) => 0x30 + (c - 0x06f0)); // Persian digits
table[0x066b] = cp("."); // Arabic decimal separator
table[0x066c] = cp(","); // Arabic thousands separator
table[0x06a9] = cp("ك"); // Persian keheh
table[0x06aa] = cp("ك"); // swash kaf
table[0x06cc] = cp("ي"); // Farsi yeh
table[0x06d2] = cp("ي"); // yeh barree
table[0x06c1] = cp("ه"); // heh goal
table[0x06d5] = cp("ه"); // ae
table[0x06be] = cp("ه"); // heh doachashmee
table[0x06c0] = cp("ه"); // heh with yeh above
table[0x00a0] = 0x20; // no-break space

function isPresentationForm(c: number): boolean {
  return (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe);
}

/**
 * The matching form of `s`.
 *
 * @example matchForm("الأَمِيرْكِيّة") === "الاميركيه"
 */
export function matchForm(s: string): string {
  let out = "";
  let from = 0; // start of the pending run of kept characters
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const t = table[c]!;
    if (t === KEEP && !isPresentationForm(c)) continue;
    out += s.slice(from, i);
    if (t > 0) out += String.fromCharCode(t);
    else if (t === KEEP) {
      // A presentation form: its compatibility decomposition, folded (unless it has none, e.g. U+FDD0).
      const base = s[i]!.normalize("NFKC");
      out += base === s[i] ? base : matchForm(base);
    }
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** True when `c` (a UTF-16 code unit) vanishes from the matching form. */
export function isFoldedAway(c: number): boolean {
  return table[c] === DROP;
}
