import { matchForm } from "../../normalize/match-form.ts";
import { loadData } from "./load-data.ts";

interface PluralsData {
  broken: Record<string, string[]>;
  masculine_at: string[];
}

const data = loadData<PluralsData>("plurals.json");
const BROKEN = new Map<string, string>();
for (const [singular, plurals] of Object.entries(data.broken))
  for (const p of plurals) BROKEN.set(matchForm(p), singular);
const MASCULINE_AT = new Set(data.masculine_at.map(matchForm));
const PRONOUN_SUFFIXES = ["هما", "كما", "ها", "هم", "هن", "كم", "نا", "ه"];

/**
 * The singular of a counted noun as written, for the `unit` of a quantity:
 * broken plurals from the lexicon (`أشخاص` → `شخص`), the accusative tanwin
 * dropped (`طناً` → `طن`), sound feminine plurals back to -ة (`بطولات` →
 * `بطولة`) unless the noun is masculine (`قطاعات` → `قطاع`) or a place noun in
 * -ى (`ملتقيات` → `ملتقى`), sound masculine plurals of participles
 * (`معتقلين` → `معتقل`).
 *
 * @param text the noun as written (no clitics)
 * @param plural whether the number calls for a plural (3–10) or the word may be one
 * @returns the singular as it would be written
 */
export function singularOf(text: string, plural = true): string {
  const norm = matchForm(text);
  const broken = BROKEN.get(norm);
  if (broken) return broken;
  // A possessive suffix on a known plural: أمثالها → أمثال → مثل
  for (const suffix of PRONOUN_SUFFIXES) {
    if (norm.length > suffix.length + 2 && norm.endsWith(suffix)) {
      const b = BROKEN.get(norm.slice(0, -suffix.length));
      if (b) return b;
    }
  }
  if (norm.length >= 3 && norm.endsWith("ا") && !norm.endsWith("اا")) {
    const base = norm.slice(0, -1);
    if (BROKEN.has(base)) return BROKEN.get(base)!;
    // Tanwin alif: written ً or not, the accusative of a counted noun after 11–99.
    if (!base.endsWith("ا")) return dropLetters(text, 1);
  }
  if (!plural) return bareText(text);
  if (norm.length >= 4 && norm.endsWith("ات")) {
    const base = norm.slice(0, -2);
    if (MASCULINE_AT.has(base) || isDerivedMasdar(base) || /(متر|غرام|جرام|واط|وات|بايت|بكسل|هرتز|لتر)$/.test(base))
      return dropLetters(text, 2);
    if (base.startsWith("م") && base.endsWith("ي") && base.length >= 4) return `${dropLetters(text, 3)}ى`;
    return `${dropLetters(text, 2)}ة`;
  }
  if (
    (norm.length >= 6 || (norm.startsWith("م") && norm.length >= 5)) &&
    (norm.endsWith("ين") || norm.endsWith("ون"))
  ) {
    return dropLetters(text, 2);
  }
  return bareText(text);
}

// Verbal nouns of the derived forms take -ات without a taa marbuta (اجتماعات، تحقيقات، استثمارات).
function isDerivedMasdar(base: string): boolean {
  if (base.length >= 5 && base.startsWith("ت") && base[base.length - 2] === "ي") return true; // تفعيل
  if (base.length >= 5 && base.startsWith("ا") && base[base.length - 2] === "ا") return true; // افتعال، انفعال، استفعال
  return false;
}

function isMark(c: number): boolean {
  return (c >= 0x64b && c <= 0x65f) || c === 0x670 || c === 0x640;
}

// The text without its last `n` letters (and the marks on them), and without trailing marks.
function dropLetters(text: string, n: number): string {
  let p = text.length;
  let k = 0;
  while (p > 0 && k < n) {
    while (p > 0 && isMark(text.charCodeAt(p - 1))) p--;
    p--;
    k++;
  }
  while (p > 0 && isMark(text.charCodeAt(p - 1))) p--;
  return text.slice(0, p);
}

function bareText(text: string): string {
  let p = text.length;
  while (p > 0 && isMark(text.charCodeAt(p - 1))) p--;
  return text.slice(0, p);
}
