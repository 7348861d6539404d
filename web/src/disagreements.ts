/**
 * Where a story's articles disagree on a number. Pure: no DOM.
 */

/** What `disagreements` needs of a story member: its site (or id) and its figures. */
export interface FigureReport {
  id: string;
  site: string | null;
  figures: readonly { text: string; value: number; unit: string | null }[];
}

/** A unit whose figures differ between the story's articles. */
export interface Disagreement {
  unit: string;
  /** Each value given in this unit, with the sites whose articles give it. */
  values: { value: number; sites: string[] }[];
}

/**
 * The units in which the story's articles report different figures: an article
 * giving 2500 and 900 soldiers (two places) does not disagree with itself, but
 * two articles disagree when one gives a value in a unit that the other, also
 * reporting that unit, does not.
 *
 * @param members the story's articles with their figures
 * @returns one entry per disputed unit, values ascending
 */
export function disagreements(members: readonly FigureReport[]): Disagreement[] {
  // unit → article → values it gives
  const byUnit = new Map<string, Map<FigureReport, Set<number>>>();
  for (const m of members) {
    for (const f of m.figures) {
      if (!f.unit) continue;
      const articles = byUnit.get(f.unit) ?? new Map<FigureReport, Set<number>>();
      byUnit.set(f.unit, articles);
      const values = articles.get(m) ?? new Set<number>();
      articles.set(m, values);
      values.add(f.value);
    }
  }
  const out: Disagreement[] = [];
  for (const [unit, articles] of byUnit) {
    if (articles.size < 2) continue;
    const sets = [...articles.values()].map((v) => [...v].sort((a, b) => a - b).join(","));
    if (new Set(sets).size < 2) continue;
    const sites = new Map<number, Set<string>>();
    for (const [m, values] of articles) {
      for (const v of values) {
        const s = sites.get(v) ?? new Set<string>();
        sites.set(v, s);
        s.add(m.site ?? m.id);
      }
    }
    out.push({ unit, values: [...sites].sort((a, b) => a[0] - b[0]).map(([value, s]) => ({ value, sites: [...s] })) });
  }
  return out;
}
