/** Options for `spellNumber`: which of the accepted spellings to use. */
export interface SpellOptions {
  /** `مائة` (older, still common) instead of `مئة`. */
  maah?: boolean;
  /** Write the conjunction as its own word (`و خمسة`) instead of joined (`وخمسة`). */
  spacedAnd?: boolean;
  /** Oblique case (`اثنين`، `عشرين`، `ألفين`) instead of nominative. */
  oblique?: boolean;
}

const UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"];
const TENS = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"];
const HUNDRED_STEMS = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"];
const SCALES: [number, string, string, string, string][] = [
  // value, singular, dual nominative, dual oblique, plural
  [1e12, "تريليون", "تريليونان", "تريليونين", "تريليونات"],
  [1e9, "مليار", "ملياران", "مليارين", "مليارات"],
  [1e6, "مليون", "مليونان", "مليونين", "ملايين"],
  [1e3, "ألف", "ألفان", "ألفين", "آلاف"],
];

/**
 * Spell a non-negative integer in Modern Standard Arabic words (masculine
 * counted noun), the inverse of `readNumber` on words. Used to generate
 * test inputs and for display.
 *
 * @param n integer, 0 <= n < 10^15
 * @example spellNumber(2525) === "ألفان وخمسمئة وخمسة وعشرون"
 */
export function spellNumber(n: number, options: SpellOptions = {}): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e15)
    throw new RangeError(`khabar: spellNumber: ${n} is not an integer in 0..10^15`);
  if (n === 0) return "صفر";
  const and = options.spacedAnd ? " و " : " و";
  const parts: string[] = [];
  let rest = n;
  for (const [value, singular, dualN, dualO, plural] of SCALES) {
    const k = Math.floor(rest / value);
    rest -= k * value;
    if (k === 0) continue;
    if (k === 1) parts.push(singular);
    else if (k === 2) parts.push(options.oblique ? dualO : dualN);
    else if (k <= 10) parts.push(`${group(k, options, and)} ${plural}`);
    else parts.push(`${group(k, options, and)} ${singular}`);
  }
  if (rest > 0) parts.push(group(rest, options, and));
  return parts.join(and);
}

function group(n: number, o: SpellOptions, and: string): string {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const r = n % 100;
  const hundred = o.maah ? "مائة" : "مئة";
  if (h === 1) out.push(hundred);
  else if (h === 2) out.push(o.maah ? (o.oblique ? "مائتين" : "مائتان") : o.oblique ? "مئتين" : "مئتان");
  else if (h > 2) out.push(HUNDRED_STEMS[h] + hundred);
  if (r > 0) out.push(belowHundred(r, o, and));
  return out.join(and);
}

function belowHundred(r: number, o: SpellOptions, and: string): string {
  if (r <= 10) return r === 2 && o.oblique ? "اثنين" : UNITS_M[r]!;
  if (r < 20) {
    const head = r === 11 ? "أحد" : r === 12 ? (o.oblique ? "اثني" : "اثنا") : UNITS_M[r - 10]!;
    return `${head} عشر`;
  }
  const t = Math.floor(r / 10);
  const u = r % 10;
  const ten = o.oblique ? TENS[t]!.replace(/ون$/, "ين") : TENS[t]!;
  if (u === 0) return ten;
  const unit = u === 2 && o.oblique ? "اثنين" : UNITS_M[u]!;
  return `${unit}${and}${ten}`;
}
