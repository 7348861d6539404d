import { matchForm } from "../normalize/match-form.ts";
import { type Filter, highlightTerms, type ParsedQuery, parseQuery, type TextAtom } from "../search/query.ts";
import { quoteLexeme } from "./pg-terms.ts";

/**
 * A parameterized SQL fragment builder: conditions are joined with AND and
 * every value travels as a `$n` parameter, never inside the SQL text.
 */
export class Sql {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Add a value; returns its placeholder (`$3`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Add a condition (already using this builder's placeholders). */
  add(condition: string): void {
    this.parts.push(condition);
  }

  /** Add a condition made by `make`, which receives this builder's `param`. */
  addFrom(make: (param: (v: unknown) => string) => string): void {
    this.parts.push(make((v) => this.param(v)));
  }

  /** The conditions joined with AND (`true` when none). */
  joined(): string {
    return this.parts.length > 0 ? this.parts.map((p) => `(${p})`).join(" AND ") : "true";
  }
}

/** What a query string becomes for PostgreSQL. */
export interface SearchPlan {
  /** The parsed query (echoed to the UI). */
  query: ParsedQuery;
  /** A `tsquery` literal over our terms, or null when the query has no words to match. */
  tsquery: string | null;
  /** True when the tsquery has words to rank by (not only exclusions). */
  ranked: boolean;
  /** Conditions over `articles a`, each made with the statement's parameter builder. */
  where: ((param: (v: unknown) => string) => string)[];
  /** Terms to highlight in snippets. */
  highlight: string[];
}

/**
 * Parse a query (src/search/query.ts, shared with SQLite) and translate its
 * AST: words and phrases into one `tsquery` over the analyzer's terms (OR as
 * `|`, phrases with `<->`, exclusions with `!`), filters into `EXISTS`
 * conditions on the layer tables.
 *
 * @throws QueryError for a malformed query
 */
export function planQuery(q: string): SearchPlan {
  const parsed = parseQuery(q);
  const must = parsed.must.map((g) => `(${g.any.map(atomQuery).join(" | ")})`);
  const not = parsed.not.map((a) => `!${atomQuery(a)}`);
  const all = [...must, ...not];
  const plan: SearchPlan = {
    query: parsed,
    tsquery: all.length > 0 ? all.join(" & ") : null,
    ranked: must.length > 0,
    where: [],
    highlight: [...highlightTerms(parsed)],
  };
  // A unit and a value filter constrain the same quantity (`unit:جندي value>1000`).
  const units = parsed.filters.filter((f) => f.field === "unit" && !f.negate);
  const values = parsed.filters.filter((f) => f.field === "value" && !f.negate);
  if (units.length > 0 || values.length > 0)
    plan.where.push((p) => `EXISTS (SELECT 1 FROM quantities qt WHERE qt.article_id = a.id${[...units, ...values].map((f) => ` AND ${quantityCondition(f, p)}`).join("")})`);
  for (const f of parsed.filters) {
    if ((f.field === "unit" || f.field === "value") && !f.negate) continue;
    plan.where.push((p) => (f.negate ? `NOT (${filterCondition(f, p)})` : filterCondition(f, p)));
  }
  return plan;
}

function atomQuery(atom: TextAtom): string {
  const words = atom.terms.map((alts) => (alts.length === 1 ? quoteLexeme(alts[0]!) : `(${alts.map(quoteLexeme).join(" | ")})`));
  return words.length === 1 ? words[0]! : `(${words.join(" <-> ")})`;
}

function quantityCondition(f: Filter, p: (v: unknown) => string): string {
  if (f.field === "unit") return `(qt.unit = ${p(f.value)} OR qt.unit_canonical = ${p(f.value)} OR qt.unit_terms @> ${p(f.terms)}::text[])`;
  if (f.field === "value") {
    const c: string[] = ["qt.value IS NOT NULL"];
    if (f.min !== null) c.push(`qt.value ${f.minOpen ? ">" : ">="} ${p(f.min)}`);
    if (f.max !== null) c.push(`qt.value ${f.maxOpen ? "<" : "<="} ${p(f.max)}`);
    return c.join(" AND ");
  }
  return "true";
}

function filterCondition(f: Filter, p: (v: unknown) => string): string {
  switch (f.field) {
    case "entity": {
      const norm = matchForm(f.value);
      return `EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND (m.entity_id = ${p(f.value)} OR m.norm = ${p(norm)} OR lower(m.name) = ${p(f.value.toLowerCase())}))`;
    }
    case "speaker":
      return `EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND (q.speaker_entity = ${p(f.value)} OR q.speaker_terms @> ${p(f.terms)}::text[]))`;
    case "site":
      return `a.site = ${p(f.value)}`;
    case "date": {
      const c: string[] = ["a.day IS NOT NULL"];
      if (f.from) c.push(`a.day >= ${p(f.from)}::date`);
      if (f.to) c.push(`a.day <= ${p(f.to)}::date`);
      return c.join(" AND ");
    }
    case "mentions": {
      const c: string[] = [];
      if (f.from) c.push(`d.day_to >= ${p(f.from)}::date`);
      if (f.to) c.push(`d.day_from <= ${p(f.to)}::date`);
      return `EXISTS (SELECT 1 FROM mentioned_dates d WHERE d.article_id = a.id AND d.day_from IS NOT NULL AND ${c.join(" AND ") || "true"})`;
    }
    case "unit":
    case "value":
      return `EXISTS (SELECT 1 FROM quantities qt WHERE qt.article_id = a.id AND ${quantityCondition(f, p)})`;
    case "has":
      if (f.value === "quote") return "EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)";
      if (f.value === "quantity") return "EXISTS (SELECT 1 FROM quantities qt WHERE qt.article_id = a.id)";
      if (f.value === "entity") return "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)";
      return "EXISTS (SELECT 1 FROM articles c WHERE c.duplicate_of = a.id)";
    case "lang":
      return `a.lang = ${p(f.value)}`;
  }
}
