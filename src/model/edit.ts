/**
 * One change to the raw input, in raw coordinates (magic-string style): the raw
 * range `start..end` becomes `replacement`. A deletion has `replacement === ""`,
 * an insertion has `start === end`.
 */
export interface Edit {
  start: number;
  end: number;
  replacement: string;
  /** Why: `ad`, `source_label`, `bidi_control`, `presentation_form`, ... */
  kind: string;
}

/**
 * Sort edits and resolve nesting: an edit that lies inside a larger deletion or
 * replacement is dropped (the outer one wins). Partial overlaps are a bug in
 * the stage that made them, so they throw.
 *
 * @returns edits sorted by start, non-overlapping
 * @throws Error `edit_overlap` on partially overlapping edits
 */
export function resolveEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start < last.end) {
      if (e.end <= last.end) continue; // nested: the enclosing edit already covers it
      throw new Error(
        `khabar: edit_overlap: ${e.kind} ${e.start}-${e.end} partially overlaps ${last.kind} ${last.start}-${last.end}`,
      );
    }
    if (last && e.start === last.end && e.start === e.end && last.start === last.end) {
      // two insertions at one point: keep both, in submission order
      out.push(e);
      continue;
    }
    out.push(e);
  }
  return out;
}

/**
 * Apply resolved (sorted, non-overlapping) edits to `raw`.
 *
 * @returns the edited text
 */
export function applyEdits(raw: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return raw;
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.start > at) parts.push(raw.slice(at, e.start));
    parts.push(e.replacement);
    at = Math.max(at, e.end);
  }
  parts.push(raw.slice(at));
  return parts.join("");
}
