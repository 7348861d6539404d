import { matchForm } from "../../normalize/match-form.ts";
import { loadData } from "./load-data.ts";

/** A unit known to the lexicon. */
export interface UnitEntry {
  /** Singular, as printed in `unit`. */
  singular: string;
  /** `unit_canonical`: ISO 4217 code, SI symbol, `person`, ... */
  canonical: string;
  category: "people" | "currency" | "measure" | "time";
  /** ISO 8601 duration letter(s) for time units (`D`, `M`, `Y`, `10Y`). */
  iso?: string;
  /** Number of words of the form that matched (multiword units: `متر مربع`). */
  words: number;
  /** The form is a dual (`عامين`): it carries the number 2 itself. */
  dual?: boolean;
}

interface UnitsData {
  people: { canonical: string; forms: Record<string, string[]> };
  currencies: {
    forms: Record<string, { canonical: string; other: string[] }>;
    countries: Record<string, Record<string, string>>;
    symbols: Record<string, string>;
    codes: string[];
    abbreviations: Record<string, string>;
  };
  measures: { forms: Record<string, { canonical: string; other: string[] }> };
  time: { forms: Record<string, { canonical: string; iso: string; other: string[] }> };
}

const data = loadData<UnitsData>("units.json");

/** Units by the matching form of each written form (multiword forms joined by a space). */
const UNITS = new Map<string, UnitEntry>();
/** Longest unit form, in words. */
let maxWords = 1;
/** Currency symbols and codes (`$`, `€`, `USD`) → ISO code. */
export const CURRENCY_SYMBOLS = new Map<string, string>();
/** Country adjectives after a currency name: singular → (adjective stem → ISO code). */
const COUNTRIES = new Map<string, Map<string, string>>();

function add(form: string, entry: Omit<UnitEntry, "words">): void {
  const key = matchForm(form);
  const words = key.split(" ").length;
  maxWords = Math.max(maxWords, words);
  if (UNITS.has(key)) return;
  const s = matchForm(entry.singular);
  const stem = s.endsWith("ه") ? `${s.slice(0, -1)}ت` : s;
  const dual = key === `${stem}ين` || key === `${stem}ان`;
  UNITS.set(key, { ...entry, words, ...(dual ? { dual: true } : {}) });
  // The dual of a one-word singular (لتران، لترين، دولارين، ساعتين) carries the number two itself.
  // Not for people: -ين there is the sound plural far more often (مقاتلين) than the dual.
  if (key === s && words === 1 && s.length >= 2 && entry.category !== "people") {
    for (const end of ["ان", "ين"])
      if (!UNITS.has(stem + end)) UNITS.set(stem + end, { ...entry, words: 1, dual: true });
  }
}

// Time first: سنتين is the dual of سنة before it is one of سنت.
for (const [singular, e] of Object.entries(data.time.forms)) {
  for (const f of [singular, ...e.other]) add(f, { singular, canonical: e.canonical, category: "time", iso: e.iso });
}
for (const [singular, others] of Object.entries(data.people.forms)) {
  for (const f of [singular, ...others]) add(f, { singular, canonical: data.people.canonical, category: "people" });
}
for (const [singular, e] of Object.entries(data.currencies.forms)) {
  for (const f of [singular, ...e.other]) add(f, { singular, canonical: e.canonical, category: "currency" });
}
for (const [singular, e] of Object.entries(data.measures.forms)) {
  for (const f of [singular, ...e.other]) add(f, { singular, canonical: e.canonical, category: "measure" });
}
for (const [sym, code] of Object.entries(data.currencies.symbols)) CURRENCY_SYMBOLS.set(sym, code);
for (const code of data.currencies.codes) CURRENCY_SYMBOLS.set(code.toLowerCase(), code);
for (const [abbr, code] of Object.entries(data.currencies.abbreviations)) CURRENCY_SYMBOLS.set(matchForm(abbr), code);
for (const [cur, adjs] of Object.entries(data.currencies.countries)) {
  COUNTRIES.set(matchForm(cur), new Map(Object.entries(adjs).map(([a, c]) => [matchForm(a), c])));
}

/** First words of the multiword unit forms (`كيلومتر` of كيلومتر في الساعة). */
const MULTI_FIRSTS = new Set<string>();
for (const key of UNITS.keys()) if (key.includes(" ")) MULTI_FIRSTS.add(key.split(" ")[0]!);

/**
 * Whether a multiword unit form can start with `norm` (`كيلومتر` of كيلومتر في الساعة): when not, `lookupUnit`
 * of the words from it is `lookupUnitWord(norm)`, and the words after it need not be read.
 *
 * @param norm matching form of the first word
 */
export function mayStartMultiwordUnit(norm: string): boolean {
  return MULTI_FIRSTS.has(norm) || norm.includes(" ");
}

/**
 * Every one-word form of a unit of `category`, in matching form.
 */
export function unitForms(category: UnitEntry["category"]): string[] {
  return [...UNITS.entries()].filter(([k, e]) => e.category === category && !k.includes(" ")).map(([k]) => k);
}

/**
 * The unit whose form starts at `norms[0]`, longest multiword form first.
 *
 * @param norms matching forms of the next few words
 * @returns the entry, or `undefined`
 */
export function lookupUnit(norms: readonly string[]): UnitEntry | undefined {
  if (norms.length === 1) return lookupUnitWord(norms[0]!);
  // No multiword form starts with this word: only the one-word lookup can succeed (no keys to join).
  const first = norms[0]!;
  const longest = MULTI_FIRSTS.has(first) || first.includes(" ") ? Math.min(maxWords, norms.length) : 1;
  for (let n = longest; n >= 1; n--) {
    // One word is its own key: `slice(0, 1).join(" ")` made two objects for it.
    const key = n === 1 ? first : norms.slice(0, n).join(" ");
    const e = UNITS.get(key) ?? (n === 1 ? UNITS.get(stripTanwinAlif(key)) : undefined);
    if (e && e.words === n) return e;
    if (e && n === 1) return { ...e, words: 1 };
  }
  return undefined;
}

/*
 * The one-word units by their form with the accusative alif (`قتيلا` → the entry of `قتيل`), for `lookupUnitWord`:
 * cutting the alif off made a new string to hash for every word ending in ا that was looked up (most of them no
 * unit). Holds exactly the words `lookupUnitWord` reads through `stripTanwinAlif`: three letters or more, ending in
 * one alif.
 */
const UNITS_WITH_ALIF = new Map<string, UnitEntry>();
for (const [key, e] of UNITS)
  if (e.words === 1 && key.length >= 2 && !key.endsWith("ا")) UNITS_WITH_ALIF.set(`${key}ا`, e);

/** `lookupUnit` for one word, without allocating. */
export function lookupUnitWord(norm: string): UnitEntry | undefined {
  const e = UNITS.get(norm);
  if (e) return e.words === 1 ? e : undefined;
  return UNITS_WITH_ALIF.get(norm);
}

/** Drop the accusative ending -ًا of an indefinite noun (`قتيلا` → `قتيل`), keeping short words whole. */
export function stripTanwinAlif(norm: string): string {
  return norm.length >= 3 && norm.endsWith("ا") && !norm.endsWith("اا") ? norm.slice(0, -1) : norm;
}

/**
 * The ISO code a country adjective gives a currency (`دولار` + `أمريكي` → `USD`).
 *
 * @param singular the currency's singular (`دولار`)
 * @param adjective matching form of the next word, in any gender/number/case (`السعودية`، `أمريكيا`)
 */
export function currencyOfCountry(singular: string, adjective: string): string | undefined {
  const table = COUNTRIES.get(matchForm(singular));
  if (!table) return undefined;
  let a = adjective;
  if (a.startsWith("ال")) a = a.slice(2);
  for (const end of ["", "ه", "ا", "ين", "ون", "ات"]) {
    if (end && !a.endsWith(end)) continue;
    const base = end ? a.slice(0, -end.length) : a;
    const code = table.get(base);
    if (code) return code;
  }
  return undefined;
}
