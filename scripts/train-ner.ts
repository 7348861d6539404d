/**
 * Train the entity tagger on NewsFANE Gold (CC BY-SA 3.0) and write
 * data/ner/model.bin.gz.
 *
 *   npx tsx scripts/train-ner.ts [--epochs 10] [--prune 0.5] [--gaz-dropout 0] [--word-dropout 0.2] [--min-count 2]
 *                                [--drop tmpl,tmpl] [--o-bias 0] [--dev-out PATH] [--train PATH] [--out PATH]
 *
 * The defaults make the shipped model. `--drop` defaults to templates that were measured and did not help
 * (p4,s4,bs2,bs3,len,b-2,b+2,wcc,s2-1,s2+1); `--drop none` trains with every template.
 *
 * Words are trained in matching form (the corpus is orthographically
 * normalized). Each sentence is seen twice: as the corpus tokenizes it, and
 * with its detached conjunction `و` glued back onto the next word, the way
 * news text writes it (`و بغداد` → `وبغداد`).
 */
import { writeFileSync } from "node:fs";
import { coarseMapper, TAGS } from "../src/extract/entities/coarse.ts";
import { type ConllSentence, readConll } from "../src/extract/entities/conll.ts";
import { FeatureSet, gazetteerHash, TEMPLATES } from "../src/extract/entities/features.ts";
import { defaultKnowledgeBase } from "../src/extract/entities/kb.ts";
import { serializeModel, type TrainingSentence, trainPerceptron } from "../src/extract/entities/perceptron.ts";
import { WordClasses } from "../src/extract/entities/word-classes.ts";
import { matchForm } from "../src/normalize/match-form.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const trainPath = opt("train", new URL("../../shared/corpus/ner-newsfane/train.conll", import.meta.url).pathname);
const outPath = opt("out", new URL("../data/ner/model.bin.gz", import.meta.url).pathname);
const epochs = Number(opt("epochs", "10"));
const prune = Number(opt("prune", "0.5"));

const started = performance.now();
const all = readConll(trainPath, coarseMapper()).map(repairBio);
// --dev-out: hold the last 10% of the training sentences out (written there as CoNLL) to tune --o-bias on.
const devOut = opt("dev-out", "");
const sentences = devOut ? all.slice(0, Math.floor(all.length * 0.9)) : all;
if (devOut) {
  const dev = all.slice(sentences.length);
  writeFileSync(devOut, dev.map((s) => s.words.map((w, i) => `${w}\t${s.labels[i]}\n`).join("")).join("\n"));
}
const glued = sentences.map(glueConjunctions).filter((s) => s.words.length > 0);
const kb = defaultKnowledgeBase();
const drop = new Set(
  opt("drop", "p4,s4,bs2,bs3,len,b-2,b+2,wcc,s2-1,s2+1")
    .split(",")
    .filter((t) => t && t !== "none"),
);
const features = new FeatureSet(TEMPLATES.filter((t) => !drop.has(t)));
// Word dropout: a token sometimes trains as if its word (and bare form) were unseen, so affix, class and
// context features learn to carry names the training text does not hold (most test names are unseen).
const WORD_TEMPLATES = new Set(["w", "b"]);
const unseen = new FeatureSet(features.names.filter((t) => !WORD_TEMPLATES.has(t)));
const wordDrop = Number(opt("word-dropout", "0.2"));
const classes = new WordClasses(kb);
const classOf = (bare: string) => classes.of(bare);
const gazDrop = Number(opt("gaz-dropout", "0"));
let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const tagIndex = new Map(TAGS.map((t, i) => [t, i]));
const data: TrainingSentence[] = [];
for (const s of [...sentences, ...glued]) {
  const words = s.words.map(matchForm);
  const info = words.map((w) => features.wordInfo(w, classOf));
  const self = info.map((w) => (wordDrop > 0 && rand() < wordDrop ? unseen.wordInfo(w.word, classOf).self : w.self));
  // Gazetteer dropout: some sentences train without the gazetteer, so context features learn names the base lacks.
  const gaz = Uint32Array.from(rand() < gazDrop ? words.map(() => "") : kb.gazetteer(words), gazetteerHash);
  const keys = new Uint32Array(TEMPLATES.length);
  data.push({
    features: info.map((_, i) => {
      const end = features.contextKeys(info, gaz, i, keys, 0);
      const own = self[i]!;
      const all = new Uint32Array(own.length + end);
      all.set(own);
      all.set(keys.subarray(0, end), own.length);
      return all;
    }),
    gold: s.labels.map((l) => tagIndex.get(l) ?? 0),
  });
}
console.error(
  `train-ner: ${sentences.length} sentences (+${glued.length} glued copies), ${data.reduce((n, s) => n + s.gold.length, 0)} words`,
);
const minCount = Number(opt("min-count", "2"));
const { index, weights, trans } = trainPerceptron(
  TAGS,
  data,
  epochs,
  (m) => console.error(`train-ner: ${m}`),
  minCount,
);
const { bytes: gz, kept } = serializeModel(
  TAGS,
  features,
  index,
  weights,
  trans,
  prune,
  "Trained by scripts/train-ner.ts on NewsFANE Gold (F. Alotaibi and M. Lee, COLING 2014), whose text is ANERcorp (Y. Benajiba, P. Rosso, J. M. Benedí Ruiz, 2007). CC BY-SA 3.0.",
  Number(opt("o-bias", "0")),
);
writeFileSync(outPath, gz);
console.error(
  `train-ner: ${index.size} features, ${kept} kept (|w| >= ${prune}); wrote ${outPath} (${(gz.length / 1e6).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

/** An `I-X` that does not continue an `X` chunk becomes `B-X`, so every gold sequence is one Viterbi can produce. */
function repairBio(s: ConllSentence): ConllSentence {
  const labels = s.labels.map((l, i) => {
    if (!l.startsWith("I-")) return l;
    const prev = i > 0 ? s.labels[i - 1]! : "O";
    return prev !== "O" && prev.slice(2) === l.slice(2) ? l : `B-${l.slice(2)}`;
  });
  return { words: s.words, labels };
}

/** Glue each detached `و` onto the word after it (that word's label wins). */
function glueConjunctions(s: ConllSentence): ConllSentence {
  const words: string[] = [];
  const labels: string[] = [];
  let changed = false;
  for (let i = 0; i < s.words.length; i++) {
    const w = s.words[i]!;
    const next = s.words[i + 1];
    if (w === "و" && s.labels[i] === "O" && next !== undefined && /^[\u0621-\u064a]/u.test(next)) {
      words.push(w + next);
      labels.push(s.labels[i + 1]!);
      i++;
      changed = true;
    } else {
      words.push(w);
      labels.push(s.labels[i]!);
    }
  }
  return changed ? { words, labels } : { words: [], labels: [] };
}
