/**
 * Agreement of khabar's normalization and stemming with peer test vectors
 * (../shared/peer-tests, or the copies in test/fixtures/peer):
 * - Lucene's ArabicNormalizationFilter vs our matching form (`matchForm`);
 * - Lucene's ArabicStemFilter vs our stem (`analyzeWord(...).stem`);
 * - CAMeL Tools' arclean character map vs our display normalization
 *   (`displayEdits`) and vs our matching form, code point by code point.
 * Prints N/M and % per file and every disagreement with a one-line reason.
 *
 * Run: npx tsx scripts/peer-agreement.ts [--all] (--all lists every CAMeL difference, not 15 per reason)
 */
import { existsSync, readFileSync } from "node:fs";
import { analyzeWord } from "../src/normalize/analyze-word.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { displayEdits } from "../src/normalize/normalize-text.ts";

const shared = new URL("../../shared/peer-tests/", import.meta.url);
const fixtures = new URL("../test/fixtures/peer/", import.meta.url);
const dir = existsSync(new URL("lucene-arabic-light-stem.json", shared)) ? shared : fixtures;
const listAll = process.argv.includes("--all");
const load = (name: string) => JSON.parse(readFileSync(new URL(name, dir), "utf8"));

const hex = (s: string) =>
  [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
const show = (s: string) => (s === "" ? "∅" : /^[\p{L}\p{N}\p{P}]+$/u.test(s) ? `${s} (${hex(s)})` : hex(s));
const pct = (a: number, b: number) => `${a}/${b} (${((100 * a) / b).toFixed(1)}%)`;

/** Apply the display edits to `s`. */
function display(s: string): string {
  let out = "";
  let at = 0;
  for (const e of displayEdits(s)) {
    out += s.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  return out + s.slice(at);
}

// -- Lucene normalization
{
  const cases = load("lucene-arabic-normalization.json").cases as { input: string; expected: string }[];
  let ok = 0;
  const diffs: string[] = [];
  for (const c of cases) {
    const ours = matchForm(c.input);
    if (ours === c.expected) ok++;
    else diffs.push(`  ${c.input} → ours ${ours}, Lucene ${c.expected}`);
  }
  console.log(`lucene-arabic-normalization.json (matchForm): ${pct(ok, cases.length)}`);
  for (const d of diffs) console.log(d);
}

// -- Lucene light stemmer
{
  const cases = load("lucene-arabic-light-stem.json").cases as { input: string; expected: string }[];
  let ok = 0;
  const diffs: string[] = [];
  for (const c of cases) {
    const ours = c.input === "" ? "" : analyzeWord(c.input).stem;
    if (ours === c.expected) {
      ok++;
      continue;
    }
    let reason: string;
    if (/^[A-Za-z]+$/.test(c.input))
      reason = "Latin: our keys are lowercased (Lucene's test runs the stem filter alone)";
    else if (ours.startsWith(c.expected)) {
      reason = `we keep "${ours.slice(c.expected.length)}": one inflectional ending per word (Lucene strips every listed suffix in turn)`;
    } else if (ours.endsWith(c.expected)) {
      reason = `we keep the proclitic "${ours.slice(0, ours.length - c.expected.length)}": a lone proclitic is cut only from words in data/proclitic-cuts.json (this one is not a real word)`;
    } else if (c.expected.startsWith(ours)) reason = `we also strip "${c.expected.slice(ours.length)}"`;
    else reason = "different cut";
    diffs.push(`  ${c.input} → ours ${ours}, Lucene ${c.expected}: ${reason}`);
  }
  console.log(`lucene-arabic-light-stem.json (analyzeWord stem): ${pct(ok, cases.length)}`);
  for (const d of diffs) console.log(d);
}

// -- CAMeL arclean
{
  const map = load("camel-arclean-map.json") as { default: string; charMap: Record<string, string | null> };
  // Later keys override earlier ones, as in CAMeL's CharMapper.
  const expected = new Map<number, string>();
  for (const [key, value] of Object.entries(map.charMap)) {
    const chars = [...key];
    const [from, to] = chars.length === 3 && chars[1] === "-" ? [chars[0]!, chars[2]!] : [key, key];
    for (let c = from.codePointAt(0)!; c <= to.codePointAt(0)!; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      expected.set(c, value ?? ch);
    }
  }
  for (const [name, ours] of [
    ["display text (displayEdits)", display],
    ["matching form (matchForm)", matchForm],
  ] as const) {
    let ok = 0;
    let folded = 0;
    const byReason = new Map<string, string[]>();
    for (const [c, theirs] of expected) {
      const ch = String.fromCodePoint(c);
      const mine = ours(ch);
      if (matchForm(mine) === matchForm(theirs)) folded++;
      if (mine === theirs) {
        ok++;
        continue;
      }
      const reason = camelReason(ch, mine, theirs, name.startsWith("display"));
      const list = byReason.get(reason) ?? [];
      list.push(`${show(ch)} → ours ${show(mine)}, CAMeL ${show(theirs)}`);
      byReason.set(reason, list);
    }
    console.log(
      `camel-arclean-map.json vs ${name}: ${pct(ok, expected.size)} code points; ` +
        `same key once both are folded with matchForm: ${pct(folded, expected.size)}`,
    );
    for (const [reason, list] of [...byReason].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  [${list.length}] ${reason}`);
      for (const l of listAll ? list : list.slice(0, 15)) console.log(`      ${l}`);
      if (!listAll && list.length > 15) console.log(`      ... ${list.length - 15} more (--all)`);
    }
  }
}

/** Why we differ from CAMeL's arclean on one code point. */
function camelReason(ch: string, ours: string, theirs: string, isDisplay: boolean): string {
  const c = ch.codePointAt(0)!;
  if (c === 0x0640) return "tatweel kept in the display text (the matching form drops it)";
  if (!isDisplay && /^[A-Z]$/.test(ch)) return "Latin lowercased in the matching form";
  if (!isDisplay && ours !== theirs && matchForm(theirs) === ours && /\p{L}/u.test(ch)) {
    return "the matching form folds further than CAMeL (أ إ آ → ا, ة → ه, ى → ي, ؤ ئ → ء)";
  }
  if (/\p{M}/u.test(ch)) {
    return isDisplay
      ? "diacritic/mark kept in the display text (the matching form drops it)"
      : "mark kept (not an Arabic diacritic we fold)";
  }
  if (/\p{Nd}/u.test(ch)) return "native digits kept in the display text (the matching form makes them ASCII)";
  if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) {
    if (ours.normalize("NFKC") === theirs.normalize("NFKC"))
      return "presentation form: same letters, composed differently";
    return "presentation form: we follow NFKC (CAMeL maps regional forms to Arabic letters, e.g. ﭖ → ب)";
  }
  if (/\p{Script=Arabic}/u.test(ch) && /\p{L}/u.test(ch)) {
    return isDisplay
      ? "letter kept: the display text keeps Persian/Urdu/Quranic letters (CAMeL folds them to Arabic ones)"
      : "letter kept: we fold only the Persian/Urdu variants of Arabic letters (ک ی ے ہ), not letters of their own (پ چ ژ گ)";
  }
  if (/\s/u.test(theirs) && /^\p{Zs}$/u.test(ch)) return "Unicode space kept (CAMeL makes it an ASCII space)";
  if (ours === "" && theirs === " ") return "invisible control removed, not turned into a space";
  if (ours === "" && theirs === "") return "?";
  if (ours === "\n") return "line break normalized to LF (CAMeL keeps CR)";
  if (/[\p{P}\p{S}]/u.test(ch)) return "punctuation/symbol kept as written (CAMeL turns it into ASCII)";
  if (/\p{C}/u.test(ch))
    return ours === "" ? "format/control character removed (CAMeL keeps or spaces it)" : "format character kept";
  return "other";
}
