import { QueryError } from "../store/types.ts";
import { queryWordTerms, splitWords, textTerms } from "./search-terms.ts";

/**
 * khabar's query language (documented in README, "Search"):
 *
 *     free words        العراق الأمريكيين          every word must match (analyzed: clitics, stems, spelling folded)
 *     "a phrase"        "مجلس الأمن"               consecutive words («...» and “...” work too)
 *     -word, -"phrase"  -داعش                      exclude articles that match
 *     a OR b            إيران OR العراق            either (binds the two words beside it; `|` works too)
 *     entity:X          entity:gpe:iraq  entity:العراق   a knowledge-base id or a name
 *     speaker:X         speaker:العبادي            quotes by a speaker (name or role, analyzed), or a speaker entity id
 *     site:X            site:aawsat                source site (exact)
 *     date:A..B         date:2015-07-01..2015-07-31  publication date (YYYY, YYYY-MM or YYYY-MM-DD; open ends `..B`, `A..`)
 *     mentions:A..B     mentions:2015-08           articles that mention a date in the range
 *     unit:X            unit:جندي  unit:person     quantities in a unit (as written, analyzed, or its canonical unit)
 *     value>N value<N value>=N value<=N value:N..M value:N   quantity values (with unit:, the same quantity)
 *     has:quote  has:quantity  has:entity  has:copies
 *     lang:ar           detected language
 *
 * Filters can be negated with `-` (`-site:sabq`). Values with spaces are quoted: `speaker:"حيدر العبادي"`.
 * Malformed queries throw `QueryError` with a code and the offset of the problem.
 */

/** Longest query accepted (UTF-16 code units). */
export const MAX_QUERY_LENGTH = 500;
/** Most words, phrases and filters in one query. */
export const MAX_QUERY_TERMS = 32;

/** A word or phrase of the query, with the search terms it stands for. */
export interface TextAtom {
  kind: "word" | "phrase";
  /** As typed. */
  text: string;
  /** One entry per word; each entry lists the terms that word may stand for (alternatives). */
  terms: string[][];
  /** Offset in the query. */
  at: number;
}

/** Words joined by OR: an article must match one of them. */
export interface TextGroup {
  any: TextAtom[];
}

/** A structured filter. */
export type Filter =
  | { field: "entity"; value: string; negate: boolean }
  | { field: "speaker"; value: string; terms: string[]; negate: boolean }
  | { field: "site"; value: string; negate: boolean }
  | { field: "date" | "mentions"; from: string | null; to: string | null; negate: boolean }
  | { field: "unit"; value: string; terms: string[]; negate: boolean }
  | { field: "value"; min: number | null; max: number | null; minOpen: boolean; maxOpen: boolean; negate: boolean }
  | { field: "has"; value: "quote" | "quantity" | "entity" | "copies"; negate: boolean }
  | { field: "lang"; value: string; negate: boolean };

/** A parsed query: the AST the engines turn into their own SQL. */
export interface ParsedQuery {
  /** Groups that must all match. */
  must: TextGroup[];
  /** Words and phrases that must not match. */
  not: TextAtom[];
  filters: Filter[];
}

const FIELDS = new Set(["entity", "speaker", "site", "date", "mentions", "unit", "value", "has", "lang"]);
const HAS = new Set(["quote", "quantity", "entity", "copies"]);
const OPEN_QUOTES: Record<string, string> = { '"': '"', "«": "»", "“": "”" };

interface Lexeme {
  kind: "text" | "phrase" | "or" | "field";
  negate: boolean;
  at: number;
  text: string;
  /** For fields: name, operator and value. */
  field?: string;
  op?: string;
  value?: string;
}

/**
 * Parse a query string.
 *
 * @param q the query as typed
 * @returns the parsed query
 * @throws QueryError (codes: `query_too_long`, `too_many_terms`, `unclosed_quote`, `unknown_field`,
 *   `empty_value`, `bad_date`, `bad_range`, `bad_value`, `bad_has`, `bad_lang`, `dangling_or`, `bad_operator`)
 */
export function parseQuery(q: string): ParsedQuery {
  if (typeof q !== "string") throw new QueryError("bad_query", "khabar: the query must be a string");
  if (q.length > MAX_QUERY_LENGTH)
    throw new QueryError(
      "query_too_long",
      `khabar: query is ${q.length} characters; at most ${MAX_QUERY_LENGTH}`,
      MAX_QUERY_LENGTH,
    );
  const lexemes = lex(q);
  const parsed: ParsedQuery = { must: [], not: [], filters: [] };
  let count = 0;
  let pendingOr = false;
  let lastGroup: TextGroup | undefined;
  let lastWasText = false;
  for (let i = 0; i < lexemes.length; i++) {
    const l = lexemes[i]!;
    if (++count > MAX_QUERY_TERMS)
      throw new QueryError(
        "too_many_terms",
        `khabar: at most ${MAX_QUERY_TERMS} words, phrases and filters in a query`,
        l.at,
      );
    if (l.kind === "or") {
      if (!lastWasText || !lastGroup)
        throw new QueryError("dangling_or", "khabar: OR needs a word or phrase on each side", l.at);
      const next = lexemes[i + 1];
      if (!next || (next.kind !== "text" && next.kind !== "phrase") || next.negate)
        throw new QueryError("dangling_or", "khabar: OR needs a word or phrase on each side", l.at);
      pendingOr = true;
      continue;
    }
    if (l.kind === "field") {
      parsed.filters.push(parseFilter(l));
      lastWasText = false;
      continue;
    }
    const atom = atomOf(l);
    if (!atom) {
      lastWasText = false;
      continue;
    }
    if (l.negate) {
      parsed.not.push(atom);
      lastWasText = false;
      continue;
    }
    if (pendingOr && lastGroup) {
      lastGroup.any.push(atom);
      pendingOr = false;
    } else {
      lastGroup = { any: [atom] };
      parsed.must.push(lastGroup);
    }
    lastWasText = true;
  }
  return parsed;
}

function atomOf(l: Lexeme): TextAtom | undefined {
  const words = splitWords(l.text);
  const terms = words.map((w) => queryWordTerms(w.text)).filter((t) => t.length > 0);
  if (terms.length === 0) return undefined;
  // A word with inner punctuation (كوفيد-19) is a phrase of its parts.
  const kind = l.kind === "phrase" || terms.length > 1 ? "phrase" : "word";
  return { kind, text: l.text, terms, at: l.at };
}

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const n = q.length;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < n) {
    while (i < n && isSpace(q[i])) i++;
    if (i >= n) break;
    const at = i;
    let negate = false;
    if (q[i] === "-" && i + 1 < n && !isSpace(q[i + 1])) {
      negate = true;
      i++;
    }
    const c = q[i]!;
    if (OPEN_QUOTES[c]) {
      const [text, end] = readQuoted(q, i);
      out.push({ kind: "phrase", negate, at, text });
      i = end;
      continue;
    }
    // A bare word, or field:value / field>value (the value may be quoted).
    let j = i;
    while (j < n && !isSpace(q[j]) && q[j] !== ":" && q[j] !== ">" && q[j] !== "<" && !OPEN_QUOTES[q[j]!]) j++;
    const head = q.slice(i, j);
    if (j < n && (q[j] === ":" || q[j] === ">" || q[j] === "<") && /^[a-z]+$/i.test(head)) {
      const name = head.toLowerCase();
      if (!FIELDS.has(name))
        throw new QueryError("unknown_field", `khabar: unknown field "${head}" (known: ${[...FIELDS].join(", ")})`, at);
      let op = q[j]!;
      j++;
      if ((op === ">" || op === "<") && q[j] === "=") {
        op += "=";
        j++;
      }
      let value: string;
      if (j < n && OPEN_QUOTES[q[j]!]) {
        [value, j] = readQuoted(q, j);
      } else {
        const from = j;
        while (j < n && !isSpace(q[j])) j++;
        value = q.slice(from, j);
      }
      if (value.trim() === "") throw new QueryError("empty_value", `khabar: ${name}${op} needs a value`, at);
      out.push({ kind: "field", negate, at, text: q.slice(at, j), field: name, op, value: value.trim() });
      i = j;
      continue;
    }
    while (j < n && !isSpace(q[j])) j++;
    const word = q.slice(i, j);
    if ((word === "OR" || word === "|") && !negate) out.push({ kind: "or", negate, at, text: word });
    else out.push({ kind: "text", negate, at, text: word });
    i = j;
  }
  return out;
}

function readQuoted(q: string, open: number): [string, number] {
  const close = OPEN_QUOTES[q[open]!]!;
  const end = q.indexOf(close, open + 1);
  if (end < 0) throw new QueryError("unclosed_quote", `khabar: the quote opened at ${open} is not closed`, open);
  return [q.slice(open + 1, end), end + 1];
}

function parseFilter(l: Lexeme): Filter {
  const name = l.field!;
  const op = l.op!;
  const value = l.value!;
  const negate = l.negate;
  if (name === "value") return parseValue(op, value, negate, l.at);
  if (op !== ":") throw new QueryError("bad_operator", `khabar: ${name} takes ":" (only value takes > and <)`, l.at);
  switch (name) {
    case "entity":
    case "site":
      return { field: name, value, negate };
    case "speaker":
    case "unit": {
      const terms = textTerms(value);
      if (terms.length === 0) throw new QueryError("empty_value", `khabar: ${name}: needs a word`, l.at);
      return { field: name, value, terms, negate };
    }
    case "date":
    case "mentions": {
      const [from, to] = parseDateRange(value, l.at);
      return { field: name, from, to, negate };
    }
    case "has":
      if (!HAS.has(value))
        throw new QueryError("bad_has", `khabar: has:${value} is not known (known: ${[...HAS].join(", ")})`, l.at);
      return { field: "has", value: value as "quote", negate };
    case "lang":
      if (!/^[a-z]{2,3}$/.test(value))
        throw new QueryError("bad_lang", `khabar: lang: takes a language code such as ar`, l.at);
      return { field: "lang", value, negate };
  }
  throw new QueryError("unknown_field", `khabar: unknown field "${name}"`, l.at);
}

function parseNumber(s: string, at: number): number {
  const t = s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/,/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new QueryError("bad_value", `khabar: "${s}" is not a number`, at);
  return Number(t);
}

function parseValue(op: string, value: string, negate: boolean, at: number): Filter {
  const f = {
    field: "value" as const,
    min: null as number | null,
    max: null as number | null,
    minOpen: false,
    maxOpen: false,
    negate,
  };
  if (op === ":") {
    const range = value.split("..");
    if (range.length === 1) {
      f.min = f.max = parseNumber(value, at);
    } else if (range.length === 2) {
      if (range[0] !== "") f.min = parseNumber(range[0]!, at);
      if (range[1] !== "") f.max = parseNumber(range[1]!, at);
      if (f.min === null && f.max === null)
        throw new QueryError("bad_range", "khabar: value:.. needs at least one end", at);
      if (f.min !== null && f.max !== null && f.min > f.max)
        throw new QueryError("bad_range", `khabar: value:${value}: the range is empty`, at);
    } else throw new QueryError("bad_range", `khabar: value:${value} is not N or N..M`, at);
    return f;
  }
  const n = parseNumber(value, at);
  if (op.startsWith(">")) {
    f.min = n;
    f.minOpen = op === ">";
  } else {
    f.max = n;
    f.maxOpen = op === "<";
  }
  return f;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A date or date range as two inclusive ISO days (`YYYY-MM-DD`), either end open (null).
 *
 * @throws QueryError `bad_date` or `bad_range`
 */
export function parseDateRange(value: string, at = 0): [string | null, string | null] {
  const parts = value.split("..");
  if (parts.length > 2) throw new QueryError("bad_range", `khabar: "${value}" is not a date or A..B`, at);
  if (parts.length === 1) return [dayOf(value, "start", at), dayOf(value, "end", at)];
  const from = parts[0] === "" ? null : dayOf(parts[0]!, "start", at);
  const to = parts[1] === "" ? null : dayOf(parts[1]!, "end", at);
  if (from === null && to === null)
    throw new QueryError("bad_range", "khabar: a date range needs at least one end", at);
  if (from !== null && to !== null && from > to)
    throw new QueryError("bad_range", `khabar: ${value}: the range is empty`, at);
  return [from, to];
}

function dayOf(s: string, side: "start" | "end", at: number): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) throw new QueryError("bad_date", `khabar: "${s}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`, at);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12))
    throw new QueryError("bad_date", `khabar: "${s}": no month ${month}`, at);
  if (day !== undefined && (day < 1 || day > DAYS[month! - 1]!))
    throw new QueryError("bad_date", `khabar: "${s}": no day ${day}`, at);
  const mm = month ?? (side === "start" ? 1 : 12);
  const dd = day ?? (side === "start" ? 1 : lastDay(Number(m[1]), mm));
  return `${m[1]}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

function lastDay(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return DAYS[month - 1]!;
}

/** True when the query has no words or phrases to rank by (filters only, or empty). */
export function isFilterOnly(q: ParsedQuery): boolean {
  return q.must.length === 0;
}

/** Every distinct term the query looks for (for highlighting). */
export function highlightTerms(q: ParsedQuery): Set<string> {
  const out = new Set<string>();
  for (const g of q.must) for (const a of g.any) for (const alts of a.terms) for (const t of alts) out.add(t);
  return out;
}
