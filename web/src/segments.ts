/**
 * Cutting a text into runs by the annotations that cover them, so that
 * overlapping layers (an entity inside a quote) render as flat, non-nested
 * elements, each knowing every annotation over it. Pure: no DOM.
 */

/** An annotation over `[start, end)` of a text. */
export interface Mark<T> {
  start: number;
  end: number;
  data: T;
}

/** A run of text and the annotations covering all of it. */
export interface Run<T> {
  start: number;
  end: number;
  text: string;
  marks: Mark<T>[];
}

/**
 * Split `text[from, to)` into runs at every annotation boundary.
 *
 * @param text the whole text the offsets point into
 * @param marks annotations (any order; out-of-range parts are clipped, empty ones dropped)
 * @param from start of the stretch to cut (default 0)
 * @param to end of the stretch (default the text's length)
 * @returns runs covering `[from, to)` without gaps, in order
 */
export function cutRuns<T>(text: string, marks: readonly Mark<T>[], from = 0, to = text.length): Run<T>[] {
  const inside = marks
    .map((m) => ({ ...m, start: Math.max(m.start, from), end: Math.min(m.end, to) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([from, to]);
  for (const m of inside) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Sorting by start lets the sweep drop finished marks and add new ones in one pass.
  const byStart = [...inside].sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: Run<T>[] = [];
  let active: Mark<T>[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    active = active.filter((m) => m.end > start);
    while (next < byStart.length && byStart[next]!.start <= start) {
      const m = byStart[next++]!;
      if (m.end > start) active.push(m);
    }
    runs.push({ start, end, text: text.slice(start, end), marks: [...active] });
  }
  return runs;
}

/**
 * Split `text` into runs inside `highlights` and outside them (search snippets).
 *
 * @param text the snippet
 * @param highlights `[start, end)` pairs into the snippet
 * @returns `{text, hit}` pieces in order
 */
export function highlightRuns(
  text: string,
  highlights: readonly (readonly [number, number])[],
): { text: string; hit: boolean }[] {
  return cutRuns(
    text,
    highlights.map(([start, end]) => ({ start, end, data: true })),
  ).map((r) => ({ text: r.text, hit: r.marks.length > 0 }));
}
