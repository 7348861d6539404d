/**
 * Measures clitic segmentation and stemmers on Universal Dependencies Arabic
 * PUD (../shared/corpus/ud-arabic-pud), whose tokens split clitics and carry
 * lemmas:
 * - clitics: for each written word, do our proclitics/enclitic match the UD tokens?
 * - conflation: over distinct (word, lemma) pairs, pairwise precision/recall of
 *   "same stem" against "same lemma" (do the forms of one word share a stem,
 *   and do different words keep different stems?);
 * - speed (words/s) on the corpus words.
 * Peers (Snowball C via PyStemmer, NLTK's ISRI) run when Debian's python3-stemmer
 * and python3-nltk are installed (/usr/bin/python3).
 *
 * Run: npx tsx scripts/stem-eval.ts [--examples]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { lightStem } from "../src/normalize/light-stem.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { type SplitOptions, splitClitics } from "../src/normalize/split-clitics.ts";
import { analyzeWord, endsInTaMarbuta } from "../src/normalize/analyze-word.ts";

const UD = new URL("../../shared/corpus/ud-arabic-pud/ar_pud-ud-test.conllu", import.meta.url);
const showExamples = process.argv.includes("--examples");

interface UdToken {
  form: string;
  lemma: string;
  upos: string;
  feats: string;
  spaceAfter: boolean;
}
interface Word {
  surface: string;
  pro: string; // gold proclitics (without the article)
  enc: string; // gold enclitic
  lemma: string; // matching form of the host's lemma
  upos: string;
}

const CLITIC_FORMS = new Set(["و", "ف", "ب", "ك", "ل", "س"]);
const CONTENT = new Set(["NOUN", "PROPN", "ADJ", "VERB", "ADV", "NUM", "X"]);

function readWords(): Word[] {
  const words: Word[] = [];
  let group: UdToken[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const g = group;
    group = [];
    let i = 0;
    let pro = "";
    while (i < g.length - 1 && CLITIC_FORMS.has(matchForm(g[i]!.form)) && g[i]!.upos !== "PRON")
      pro += matchForm(g[i++]!.form);
    let j = g.length;
    let enc = "";
    while (j - 1 > i && g[j - 1]!.upos === "PRON") enc = matchForm(g[--j]!.form) + enc;
    if (j - i !== 1) return; // not one host: skip
    const host = g[i]!;
    if (!CONTENT.has(host.upos)) return;
    words.push({
      surface: g.map((t) => t.form).join(""),
      pro,
      enc,
      lemma: matchForm(host.lemma),
      upos: host.upos,
    });
  };
  for (const line of readFileSync(UD, "utf8").split("\n")) {
    if (line === "" || line.startsWith("#")) {
      flush();
      continue;
    }
    const f = line.split("\t");
    if (!/^\d+$/.test(f[0]!)) continue;
    const tok: UdToken = {
      form: f[1]!,
      lemma: f[2]!,
      upos: f[3]!,
      feats: f[5]!,
      spaceAfter: !f[9]!.includes("SpaceAfter=No"),
    };
    if (tok.upos === "PUNCT" || !/\p{Script=Arabic}/u.test(tok.form)) {
      flush();
      continue;
    }
    group.push(tok);
    if (tok.spaceAfter) flush();
  }
  flush();
  return words;
}

const words = readWords();
console.log(`UD Arabic PUD: ${words.length} content words`);

// -- clitic segmentation
type Splitter = (surface: string) => { pro: string; enc: string };
const withoutArticle = (prefix: string) =>
  prefix.endsWith("ال") ? prefix.slice(0, -2) : prefix.endsWith("لل") ? prefix.slice(0, -1) : prefix;
const lexiconFree =
  (options: SplitOptions): Splitter =>
  (surface) => {
    const s = splitClitics(matchForm(surface), endsInTaMarbuta(surface), options);
    return { pro: withoutArticle(s.prefix), enc: s.suffix };
  };
const splitters: [string, Splitter][] = [
  [
    "khabar (corpus cut list)",
    (surface) => {
      const a = analyzeWord(surface);
      return { pro: withoutArticle(a.prefix), enc: a.suffix };
    },
  ],
  ["lexicon-free, conservative", lexiconFree({})],
  ["lexicon-free, bare ب ك ل too", lexiconFree({ barePreposition: true })],
];
console.log("clitic segmentation against UD tokens (proclitics without the article, which UD keeps on the noun):");
for (const [name, split] of splitters) {
  let exact = 0;
  let proTp = 0;
  let proFp = 0;
  let proFn = 0;
  let encTp = 0;
  let encFp = 0;
  let encFn = 0;
  const errors: string[] = [];
  for (const w of words) {
    const { pro, enc } = split(w.surface);
    const okPro = pro === w.pro;
    const okEnc = enc === w.enc;
    if (okPro && okEnc) exact++;
    else errors.push(`${w.surface}\tgold ${w.pro || "-"}+${w.enc || "-"}\tours ${pro || "-"}+${enc || "-"}`);
    // A wrong clitic is both a false positive and a miss.
    if (pro && okPro) proTp++;
    if (pro && !okPro) proFp++;
    if (w.pro && !okPro) proFn++;
    if (enc && okEnc) encTp++;
    if (enc && !okEnc) encFp++;
    if (w.enc && !okEnc) encFn++;
  }
  const pr = (tp: number, fp: number, fn: number) =>
    `P ${(tp / (tp + fp)).toFixed(3)} R ${(tp / (tp + fn)).toFixed(3)}`;
  console.log(
    `  ${name.padEnd(30)} words right ${((100 * exact) / words.length).toFixed(1)}%  ` +
      `proclitics ${pr(proTp, proFp, proFn)}  enclitics ${pr(encTp, encFp, encFn)}`,
  );
  if (showExamples && name.startsWith("khabar")) for (const e of errors.slice(0, 150)) console.log(`    ${e}`);
}

// -- conflation
type Stemmer = (surfaces: string[]) => { stems: string[]; seconds: number } | undefined;

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}
function conflation(name: string, items: { surface: string; lemma: string }[], stems: string[]) {
  const byLemma = new Map<string, number>();
  const byStem = new Map<string, number>();
  const byBoth = new Map<string, number>();
  items.forEach((it, i) => {
    const st = stems[i]!;
    byLemma.set(it.lemma, (byLemma.get(it.lemma) ?? 0) + 1);
    byStem.set(st, (byStem.get(st) ?? 0) + 1);
    byBoth.set(`${it.lemma}\u0000${st}`, (byBoth.get(`${it.lemma}\u0000${st}`) ?? 0) + 1);
  });
  let lp = 0;
  let sp = 0;
  let bp = 0;
  for (const v of byLemma.values()) lp += pairs(v);
  for (const v of byStem.values()) sp += pairs(v);
  for (const v of byBoth.values()) bp += pairs(v);
  const p = bp / sp;
  const r = bp / lp;
  const f = (2 * p * r) / (p + r);
  console.log(`  ${name.padEnd(34)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  stems ${byStem.size}`);
}

function timed(f: (s: string) => string): Stemmer {
  return (surfaces) => {
    const t0 = performance.now();
    const stems = surfaces.map(f);
    return { stems, seconds: (performance.now() - t0) / 1000 };
  };
}

function python(code: string): Stemmer {
  return (surfaces) => {
    if (!existsSync("/usr/bin/python3")) return undefined;
    const r = spawnSync("/usr/bin/python3", ["-c", code], {
      input: surfaces.join("\n"),
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) {
      console.log(`  (peer unavailable: ${r.stderr.split("\n").filter(Boolean).pop()})`);
      return undefined;
    }
    const [time, ...stems] = r.stdout.split("\n");
    return { stems: stems.slice(0, surfaces.length), seconds: Number(time) };
  };
}
const PY_TIMED = (setup: string, call: string) => `
import sys, time
${setup}
ws = sys.stdin.read().split("\\n")
t = time.perf_counter()
out = [${call} for w in ws]
print(time.perf_counter() - t)
print("\\n".join(out))
`;

const seen = new Set<string>();
const items: { surface: string; lemma: string }[] = [];
for (const w of words) {
  const key = `${matchForm(w.surface)}\u0000${w.lemma}`;
  if (seen.has(key)) continue;
  seen.add(key);
  items.push({ surface: w.surface, lemma: w.lemma });
}
const lucene = (s: string) => luceneLightStem(matchForm(s));
const stemmers: [string, Stemmer][] = [
  [
    "clitics only (khabar split)",
    timed((s) =>
      analyzeWord(s).norm.slice(
        analyzeWord(s).prefix.length,
        analyzeWord(s).norm.length - analyzeWord(s).suffix.length,
      ),
    ),
  ],
  ["khabar (cut list + light stem)", timed((s) => analyzeWord(s).stem)],
  ["lexicon-free split + light stem", timed(lexiconFreeStem({}))],
  ["lexicon-free, bare ب ك ل too", timed(lexiconFreeStem({ barePreposition: true }))],
  ["Lucene light10 (port)", timed(lucene)],
  ["Snowball (C, PyStemmer)", python(PY_TIMED("import Stemmer\nst = Stemmer.Stemmer('arabic')", "st.stemWord(w)"))],
  ["ISRI (NLTK)", python(PY_TIMED("from nltk.stem.isri import ISRIStemmer\nst = ISRIStemmer()", "st.stem(w)"))],
];
console.log(`conflation over ${items.length} distinct (word, lemma) pairs (pairwise, same stem vs same lemma):`);
const surfaces = items.map((i) => i.surface);
for (const [name, stem] of stemmers) {
  const r = stem(surfaces);
  if (r) conflation(name, items, r.stems);
}

function lexiconFreeStem(options: SplitOptions): (s: string) => string {
  return (surface) => {
    const tm = endsInTaMarbuta(surface);
    const sp = splitClitics(matchForm(surface), tm, options);
    return lightStem(sp.base, sp.suffix === "" && tm, sp.suffix !== "");
  };
}

// -- speed, on the words of real articles (SaudiNewsNet), as a pipeline meets them
const news = new URL("../../shared/corpus/saudinewsnet/articles.jsonl.gz", import.meta.url);
if (existsSync(news)) {
  const { gunzipSync } = await import("node:zlib");
  const tokens: string[] = [];
  for (const line of gunzipSync(readFileSync(news)).toString("utf8").split("\n")) {
    if (!line || tokens.length >= 1_000_000) continue;
    const r = JSON.parse(line) as { content?: string };
    for (const w of (r.content ?? "").split(/[^\p{Script=Arabic}\p{M}]+/u)) if (w) tokens.push(w);
  }
  console.log(
    `speed on ${tokens.length.toLocaleString("en")} running words of SaudiNewsNet (one process, same words):`,
  );
  const uncached = (surface: string) => {
    const tm = endsInTaMarbuta(surface);
    const sp = splitClitics(matchForm(surface), tm, {});
    return lightStem(sp.base, sp.suffix === "" && tm, sp.suffix !== "");
  };
  const speeds: [string, Stemmer][] = [
    ["khabar analyzeWord (bounded cache)", timed((w) => analyzeWord(w).stem)],
    ["khabar, no cache", timed(uncached)],
    ["Snowball (C, PyStemmer)", python(PY_TIMED("import Stemmer\nst = Stemmer.Stemmer('arabic')", "st.stemWord(w)"))],
    ["ISRI (NLTK)", python(PY_TIMED("from nltk.stem.isri import ISRIStemmer\nst = ISRIStemmer()", "st.stem(w)"))],
  ];
  for (const [name, stem] of [...speeds.slice(0, 2), ...speeds]) {
    const r = stem(tokens);
    if (r) console.log(`  ${name.padEnd(34)} ${Math.round(tokens.length / r.seconds).toLocaleString("en")} words/s`);
  }
}

/** Lucene's ArabicStemmer (light10), ported for comparison: one prefix, then every suffix in turn. */
function luceneLightStem(s: string): string {
  const prefixes = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
  const suffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];
  for (const p of prefixes) {
    if (p === "و" ? s.length > 3 && s.startsWith(p) : s.length >= p.length + 2 && s.startsWith(p)) {
      s = s.slice(p.length);
      break;
    }
  }
  for (const x of suffixes) if (s.length >= x.length + 2 && s.endsWith(x)) s = s.slice(0, s.length - x.length);
  return s;
}
