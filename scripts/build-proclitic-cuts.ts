/**
 * Builds data/proclitic-cuts.json: which words split off a proclitic that no
 * article follows (و, ب, ل, ك, ف, وب, وس, ...). Lexicon-free rules cannot tell
 * وقال (و + قال) from وزير (one word) or بقوة (ب + قوة) from بيان; word
 * frequencies in a news corpus can: a cut is listed when the base is itself a
 * word (seen at least MIN_BASE times) and the whole word does not take the
 * article (الوزير, البيان are seen: وزير and بيان are words of their own).
 * Only words seen at least MIN_WORD times are listed; unlisted words get no such
 * cut (the conservative default). Measured on UD Arabic PUD in scripts/stem-eval.ts.
 *
 * Source: SaudiNewsNet (../shared/corpus/saudinewsnet/articles.jsonl.gz), word
 * counts only. Run: npx tsx scripts/build-proclitic-cuts.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { matchForm } from "../src/normalize/match-form.ts";
import { splitClitics } from "../src/normalize/split-clitics.ts";

const MIN_BASE = 5;
const MAX_WITH_ARTICLE = 2;
const MIN_WORD = 3;
// A real clitic + word is rarely much more frequent than the word alone: كانت is
// not ك + انت, لبنان is not ل + بنان (the whole is far more frequent than the base).
const MAX_RATIO = 10;

const corpus = new URL("../../shared/corpus/saudinewsnet/articles.jsonl.gz", import.meta.url);
const out = new URL("../data/proclitic-cuts.json", import.meta.url);

const counts = new Map<string, number>();
for (const line of gunzipSync(readFileSync(corpus)).toString("utf8").split("\n")) {
  if (!line) continue;
  const r = JSON.parse(line) as { title?: string; content?: string };
  for (const w of `${r.title ?? ""} ${r.content ?? ""}`.split(/[^\p{Script=Arabic}\p{M}]+/u)) {
    if (!w) continue;
    const n = matchForm(w);
    if (n.length >= 2 && /^[\u0621-\u064a]+$/.test(n)) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
}
const count = (w: string) => counts.get(w) ?? 0;

// The cut rule for one word and base; a conjunction + preposition (وك, فب) is cut
// only when the word after the conjunction would be cut too, so وكانت is و + كانت.
const rule = (word: string, base: string): boolean =>
  count(base) >= MIN_BASE &&
  count(`ال${word}`) <= MAX_WITH_ARTICLE &&
  count(word) <= MAX_RATIO * count(base) &&
  (word.length - base.length < 2 || rule(word.slice(1), base));

const byLength = new Map<number, string[]>();
for (const [w, c] of counts) {
  if (c < MIN_WORD) continue;
  const s = splitClitics(w, false, { bareCut: rule });
  if (s.prefix === "" || s.definite) continue;
  const list = byLength.get(s.prefix.length) ?? [];
  list.push(w);
  byLength.set(s.prefix.length, list);
}

const data: Record<string, string> = {
  _about:
    "Words (matching form) that split off a proclitic no article follows, under `cutN` for a proclitic of N letters; built by " +
    "scripts/build-proclitic-cuts.ts from word counts of the SaudiNewsNet corpus (M. Alhagri 2015, CC BY-NC-SA 4.0; " +
    `counts only, no text): a cut is listed when the base is seen at least ${MIN_BASE} times and the whole word with ` +
    `the article at most ${MAX_WITH_ARTICLE} times, for words seen at least ${MIN_WORD} times. Unlisted words get no such cut.`,
};
for (const len of [...byLength.keys()].sort()) data[`cut${len}`] = byLength.get(len)!.sort().join(" ");
writeFileSync(out, `${JSON.stringify(data, null, 1)}\n`);
console.log(
  `wrote ${out.pathname}: ${[...byLength].map(([l, ws]) => `${ws.length} words with a ${l}-letter cut`).join(", ")}`,
);
