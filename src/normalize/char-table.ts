/**
 * Helpers that build per-code-unit lookup tables from the engine's own Unicode
 * data (regex property classes, String#normalize) once at module load, so hot
 * loops do one array read per character and tables follow the same Unicode
 * version as the rest of the runtime.
 */

let bmp: string | undefined;

/**
 * Every BMP code unit in order, as one string; surrogates are replaced by a
 * space so the string is well-formed (index = code unit).
 */
export function bmpString(): string {
  if (bmp !== undefined) return bmp;
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0x20 : c;
  bmp = Buffer.from(units.buffer).toString("utf16le");
  return bmp;
}

/**
 * Set `table[c] = value` for every BMP code unit `c` that `re` matches, where
 * `table[c]` passes `when` (default: always).
 *
 * @param table one entry per code unit
 * @param re a one-character class, e.g. `/\p{M}/u` (matched in runs, so it stays fast)
 * @param value the value to store
 * @param when only overwrite entries whose current value passes this test
 */
export function fillWhere(
  table: Uint8Array,
  re: RegExp,
  value: number,
  when: (current: number) => boolean = () => true,
): void {
  const runs = new RegExp(`(?:${re.source})+`, "gu");
  const s = bmpString();
  for (let m = runs.exec(s); m !== null; m = runs.exec(s)) {
    for (let i = m.index; i < m.index + m[0].length; i++) if (when(table[i]!)) table[i] = value;
  }
}

/**
 * Whether a UTF-16 code unit is white space as the regex `\s` reads it (line breaks included), without making a
 * one-character string of it.
 *
 * @param c a code unit (`charCodeAt`)
 */
export function isJsSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
