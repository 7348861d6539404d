/**
 * Entity-level (CoNLL) precision, recall and F1 of the shipped tagger on
 * NewsFANE's test split, per type, micro-averaged, and with GPE and LOC merged
 * (ANERcorp's PER/LOC/ORG/MISC scheme).
 *
 *   npx tsx scripts/eval-ner.ts [--test PATH] [--model PATH] [--o-bias X] [--coarse]
 *
 * `--coarse` reads a file whose labels are already PER/ORG/GPE/LOC/MISC (the
 * held-out part `train-ner.ts --dev-out` writes); `--o-bias` overrides the
 * model's (a list `0,1,2` reports each).
 */

import { coarseMapper } from "../src/extract/entities/coarse.ts";
import { readConll } from "../src/extract/entities/conll.ts";
import { chunks, Tagger } from "../src/extract/entities/decode.ts";
import { defaultKnowledgeBase } from "../src/extract/entities/kb.ts";
import { TaggerModel } from "../src/extract/entities/perceptron.ts";
import { DEFAULT_MODEL_URL } from "../src/extract/entities/tagger.ts";
import { matchForm } from "../src/normalize/match-form.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const testPath = opt("test", new URL("../../shared/corpus/ner-newsfane/test.conll", import.meta.url).pathname);
const t0 = performance.now();
const model = TaggerModel.load(opt("model", DEFAULT_MODEL_URL.pathname));
const kb = defaultKnowledgeBase();
const loadMs = performance.now() - t0;
const tagger = new Tagger(model, kb);
const coarse = args.includes("--coarse");
const sentences = readConll(testPath, coarse ? (t: string) => t : coarseMapper());
const biases = opt("o-bias", "").split(",").filter(Boolean).map(Number);
for (const bias of biases.length ? biases : [model.oBias]) {
  model.oBias = bias;
  evaluate(bias);
}

function evaluate(bias: number): void {
  type Tally = Record<string, { tp: number; fp: number; fn: number }>;
  const exact: Tally = {};
  const merged: Tally = {};
  const add = (t: Tally, type: string, k: "tp" | "fp" | "fn") => {
    t[type] ??= { tp: 0, fp: 0, fn: 0 };
    t[type][k]++;
  };
  let words = 0;
  let ms = 0;
  for (const s of sentences) {
    const norm = s.words.map(matchForm);
    const start = performance.now();
    const pred = tagger.tag(norm);
    ms += performance.now() - start;
    words += norm.length;
    for (const [tally, fold] of [
      [exact, (x: string) => x],
      [merged, (x: string) => (x === "GPE" ? "LOC" : x)],
    ] as const) {
      const key = (c: { start: number; end: number; type: string }) => `${c.start}:${c.end}:${fold(c.type)}`;
      const g = new Map(chunks(s.labels).map((c) => [key(c), fold(c.type)]));
      const p = new Map(chunks(pred).map((c) => [key(c), fold(c.type)]));
      for (const [k, type] of p) add(tally, type, g.has(k) ? "tp" : "fp");
      for (const [k, type] of g) if (!p.has(k)) add(tally, type, "fn");
    }
  }

  // Speed on a warm tagger (the first pass above paid for JIT and the word cache filling).
  if (biases.length <= 1) {
    const start = performance.now();
    let n = 0;
    for (let r = 0; r < 3; r++) for (const s of sentences) n += tagger.tag(s.words.map(matchForm)).length;
    ms = performance.now() - start;
    words = n / 3;
    ms /= 3;
  }

  function report(title: string, t: Tally): void {
    console.log(`${title}`);
    const all = { tp: 0, fp: 0, fn: 0 };
    for (const [type, c] of Object.entries(t).sort()) {
      all.tp += c.tp;
      all.fp += c.fp;
      all.fn += c.fn;
      console.log(`  ${type.padEnd(5)} ${prf(c)}`);
    }
    console.log(`  micro ${prf(all)}`);
  }
  function prf(c: { tp: number; fp: number; fn: number }): string {
    const p = c.tp / (c.tp + c.fp || 1);
    const r = c.tp / (c.tp + c.fn || 1);
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (gold ${c.tp + c.fn}, predicted ${c.tp + c.fp})`;
  }
  console.log(
    `test: ${sentences.length} sentences, o-bias ${bias}, ${words} words; model ${model.size} features, model and KB loaded in ${loadMs.toFixed(0)} ms; tagging ${Math.round(words / (ms / 1000))} words/s`,
  );
  report("per type (GPE and LOC apart):", exact);
  report("GPE and LOC merged (LOC):", merged);
}
