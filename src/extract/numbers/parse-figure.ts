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
      const c = s.charCodeAt(k);
      if (c >= 0x30 && c <= 0x39) v = v * 10 + (c - 0x30);
      else if (c >= 0x660 && c <= 0x669) v = v * 10 + (c - 0x660);
      else if (c >= 0x6f0 && c <= 0x6f9) v = v * 10 + (c - 0x6f0);
      else break;
    }
    if (k === s.length) return v;
  }
  let digits = "";
  const seps: { ch: string; at: number }[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits += s[i];
    else if (c >= 0x660 && c <= 0x669) digits += String.fromCharCode(c - 0x660 + 0x30);
    else if (c >= 0x6f0 && c <= 0x6f9) digits += String.fromCharCode(c - 0x6f0 + 0x30);
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
