// HTML extraction quality: token-level precision, recall and F1 of the extracted body against the known body,
// khabar's extractor side by side with Mozilla Readability's default use (on the same linkedom DOM).
// Pages: the CNN Arabic page with newspaper's expected text (../shared/corpus/html) and news pages built around
// the 240 SaudiNewsNet sample articles (../shared/corpus/saudinewsnet/sample) in three layouts (test/helpers/news-page.ts),
// plus a fourth layout written after the extractor was tuned (buildWordPressPage), as a held-out check.
// Run: npx tsx scripts/eval-html.ts [--limit N]
import { readFileSync } from "node:fs";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractArticle } from "../src/ingest/extract-article.ts";
import { buildNewsPage, buildWordPressPage } from "../test/helpers/news-page.ts";

const shared = new URL("../../shared/corpus/", import.meta.url);
const limitArg = process.argv.indexOf("--limit");
const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Number.POSITIVE_INFINITY;

interface Score {
  p: number;
  r: number;
  f: number;
}

function tokens(text: string): string[] {
  return text.split(/[\s\p{P}\p{S}]+/u).filter((t) => t !== "");
}

/** Token-level P/R/F1 with multiset overlap (bag of words). */
function score(got: string, want: string): Score {
  const g = tokens(got);
  const w = tokens(want);
  const counts = new Map<string, number>();
  for (const t of w) counts.set(t, (counts.get(t) ?? 0) + 1);
  let hit = 0;
  for (const t of g) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(t, c - 1);
    }
  }
  const p = g.length ? hit / g.length : 0;
  const r = w.length ? hit / w.length : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

function readability(html: string): string {
  const { document } = parseHTML(html);
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  return parsed?.textContent ?? "";
}

interface Row {
  name: string;
  ours: Score;
  theirs: Score;
  oursMs: number;
  theirsMs: number;
}

const rows: Row[] = [];
function evaluate(name: string, html: string, want: string): void {
  let t = performance.now();
  const ours = extractArticle(html).text;
  const oursMs = performance.now() - t;
  t = performance.now();
  const theirs = readability(html);
  const theirsMs = performance.now() - t;
  rows.push({ name, ours: score(ours, want), theirs: score(theirs, want), oursMs, theirsMs });
}

// Warm up both (JIT), then measure.
const cnn = readFileSync(new URL("html/newspaper_arabic_article.html", shared), "utf8");
const cnnWant = readFileSync(new URL("html/newspaper_arabic_expected.txt", shared), "utf8");
for (let i = 0; i < 3; i++) {
  extractArticle(cnn);
  readability(cnn);
}
evaluate("cnn-arabic (newspaper test page)", cnn, cnnWant);

const index = readFileSync(new URL("saudinewsnet/sample-index.jsonl", shared), "utf8")
  .trim()
  .split("\n")
  .map(
    (l) =>
      JSON.parse(l) as {
        id: string;
        file: string;
        source: string;
        url: string;
        date_extracted: string;
        title: string;
        author: string;
      },
  );
let tooShort = 0;
index.slice(0, limit).forEach((m, i) => {
  const body = readFileSync(new URL(`saudinewsnet/sample/${m.file}`, shared), "utf8");
  const page = buildNewsPage(
    body,
    { title: m.title, date: m.date_extracted, site: m.source, url: m.url, author: m.author },
    i,
  );
  // Some corpus entries hold no article (empty, or a lone name): no body to score against.
  if (tokens(body).length < 20) {
    tooShort++;
    return;
  }
  evaluate(`${m.id} (layout ${i % 3})`, page.html, page.paragraphs.join("\n"));
  const held = buildWordPressPage(body, { title: m.title, site: m.source });
  evaluate(`${m.id} (layout held-out)`, held.html, held.paragraphs.join("\n"));
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const fmt = (s: Score) => `P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f.toFixed(3)}`;
const summary = (label: string, rs: Row[]) => {
  const o = { p: mean(rs.map((r) => r.ours.p)), r: mean(rs.map((r) => r.ours.r)), f: mean(rs.map((r) => r.ours.f)) };
  const t = {
    p: mean(rs.map((r) => r.theirs.p)),
    r: mean(rs.map((r) => r.theirs.r)),
    f: mean(rs.map((r) => r.theirs.f)),
  };
  console.log(`${label} (${rs.length} pages)`);
  console.log(`  khabar      ${fmt(o)}  ${mean(rs.map((r) => r.oursMs)).toFixed(1)} ms/page`);
  console.log(`  readability ${fmt(t)}  ${mean(rs.map((r) => r.theirsMs)).toFixed(1)} ms/page`);
};
console.log(`cnn-arabic: khabar ${fmt(rows[0]!.ours)} | readability ${fmt(rows[0]!.theirs)}`);
const built = rows.slice(1).filter((r) => !r.name.endsWith("(layout held-out)"));
const heldOut = rows.filter((r) => r.name.endsWith("(layout held-out)"));
console.log(
  `built pages: ${built.length} scored, ${tooShort} left out (corpus entry under 20 words: no article to find)`,
);
for (const layout of [0, 1, 2])
  summary(
    `built pages, layout ${layout}`,
    built.filter((r) => r.name.endsWith(`(layout ${layout})`)),
  );
summary("built pages, layouts 0-2", built);
summary("held-out layout (WordPress theme, written after tuning)", heldOut);
const worst = [...built].sort((a, b) => a.ours.f - b.ours.f).slice(0, 5);
console.log("worst khabar pages:", worst.map((r) => `${r.name} F1 ${r.ours.f.toFixed(3)}`).join("; "));
