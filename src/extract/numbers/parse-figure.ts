/**
 * Read a figure written in digits: Western, Arabic-Indic or Persian digits,
 * with thousands and decimal separators.
 *
 * `٫` is always a decimal point and `٬` always a thousands separator. `,`
 * and `.` are read by their groups: with both present the last one is the
 * decimal point; a lone `.` or `,` followed by exactly three digits is a
 * thousands separator (Gulf papers print `741.500` for 741,500) unless
 * `decimalLikely` says a scale word or percent sign follows (`2.500 مليار`
 * is read 2.5 billion) or the integer part starts with 0.
 *
 * A figure with ر between its groups is written last group first (`5ر32` is 32.5: see `raFigure`).
 *
 * @param s the figure as written (digits and separators only)
 * @param decimalLikely true when the context asks for a fraction
 * @returns the value, or `undefined` when `s` is not a well-formed figure
 */
export function parseFigure(s: string, decimalLikely = false): number | undefined {
  // Most figures are plain digits: their value added up in place, where joining a string of digits a character at
  // a time and converting it was most of this function's time. Up to 15 digits every step is exact (below 2^53),
  // so the sum is what `Number(digits)` gives.
  if (s.length > 0 && s.length <= 15) {
    let v = 0;
    let k = 0;
    for (; k < s.length; k++) {
      const d = digitOf(s.charCodeAt(k));
      if (d < 0) break;
      v = v * 10 + d;
    }
    if (k === s.length) return v;
  }
  if (s.includes("ر")) return raFigure(s, decimalLikely);
  let digits = "";
  const seps: { ch: string; at: number }[] = [];
  for (let i = 0; i < s.length; i++) {
    const d = digitOf(s.charCodeAt(i));
    if (d >= 0) digits += d;
    else if (s[i] === "." || s[i] === "," || s[i] === "٫" || s[i] === "٬") seps.push({ ch: s[i]!, at: digits.length });
    else return undefined;
  }
  if (digits.length === 0) return undefined;
  if (seps.length === 0) return Number(digits);
  const groups: string[] = [];
  let prev = 0;
  for (const sp of seps) {
    groups.push(digits.slice(prev, sp.at));
    prev = sp.at;
  }
  groups.push(digits.slice(prev));
  const kinds = new Set(seps.map((x) => x.ch));
  let decimalAt = -1; // index into seps of the decimal point
  const arabicDecimal = seps.findIndex((x) => x.ch === "٫");
  if (arabicDecimal >= 0) decimalAt = arabicDecimal;
  else if (kinds.size > 1 && !kinds.has("٬")) decimalAt = seps.length - 1;
  else if (kinds.has("٬")) decimalAt = seps.findIndex((x) => x.ch !== "٬");
  else {
    // Only one kind of separator, `.` or `,`.
    const tail = groups.slice(1);
    const allThrees = tail.every((g) => g.length === 3);
    const headOk = groups[0]!.length >= 1 && groups[0]!.length <= 3 && groups[0]![0] !== "0";
    if (seps.length > 1) {
      if (!(allThrees && headOk)) return undefined;
      decimalAt = -1;
    } else if (allThrees && headOk && !decimalLikely) decimalAt = -1;
    else decimalAt = 0;
  }
  // Every separator other than the decimal point must split groups of three.
  for (let k = 0; k < seps.length; k++) {
    if (k === decimalAt) continue;
    if (decimalAt >= 0 && k > decimalAt) return undefined;
    if (groups[k + 1]!.length !== 3) return undefined;
  }
  if (decimalAt < 0) return Number(digits);
  const cut = seps[decimalAt]!.at;
  return Number(`${digits.slice(0, cut) || "0"}.${digits.slice(cut)}`);
}

/**
 * A figure with ر between its digit groups, written in reading order right to left, so the last group comes
 * first: `5ر32` is 32.5 (KUNA, dpa, Egyptian papers), `540ر999ر45` is 45,999,540 and `000ر22` is 22,000 (SPA).
 * Several ر are thousands separators (every group but the leading one of three digits); one ر before three
 * digits is read as `741.500` is (a thousands separator unless `decimalLikely` or the integer part starts with
 * 0: `935ر6 مليون` is 6.935 million, `500ر307 متر مكعب` is 307,500); before other digits, a decimal point.
 *
 * @param s the figure as written (digit groups and ر)
 * @param decimalLikely true when the context asks for a fraction
 */
function raFigure(s: string, decimalLikely: boolean): number | undefined {
  const groups: string[] = [];
  for (const g of s.split("ر")) {
    const digits = asciiDigits(g);
    if (digits === undefined) return undefined;
    groups.push(digits);
  }
  const lead = groups[groups.length - 1]!;
  if (groups.length > 2) {
    if (groups.slice(0, -1).some((g) => g.length !== 3)) return undefined;
    return Number(groups.reverse().join(""));
  }
  const tail = groups[0]!;
  if (tail.length === 3 && !decimalLikely && lead[0] !== "0") return Number(lead + tail);
  return Number(`${lead}.${tail}`);
}

/** `s` in ASCII digits, or `undefined` when it is empty or holds anything but digits. */
function asciiDigits(s: string): string | undefined {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const d = digitOf(s.charCodeAt(i));
    if (d < 0) return undefined;
    out += d;
  }
  return out === "" ? undefined : out;
}

/** The value of a Western, Arabic-Indic or Persian digit, or -1 for any other character. */
function digitOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  return -1;
}
