import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { bareForm, cliticSplits } from "../src/extract/entities/clitics.ts";
import { TAGS } from "../src/extract/entities/coarse.ts";
import { chunks, Tagger } from "../src/extract/entities/decode.ts";
import { FeatureSet, gazetteerHash, hashSlice, hashString, TEMPLATES } from "../src/extract/entities/features.ts";
import { type Demonym, type Entity, extractEntities } from "../src/extract/entities/extract-entities.ts";
import { aliasKey, defaultKnowledgeBase, KnowledgeBase } from "../src/extract/entities/kb.ts";
import { serializeModel, TaggerModel, trainPerceptron } from "../src/extract/entities/perceptron.ts";
import { DocumentLinker } from "../src/extract/entities/link.ts";
import { createTagger } from "../src/extract/entities/tagger.ts";
import { Doc } from "../src/model/doc.ts";
import { badSpans } from "../src/model/span.ts";
import { matchForm } from "../src/normalize/match-form.ts";
import { segment } from "../src/segment/segment.ts";

const stage = extractEntities();
const segmentStage = segment();

function run(raw: string): { doc: Doc; entities: Entity[]; demonyms: Demonym[] } {
  const doc = new Doc({ id: "t", raw, source: {} });
  doc.commit();
  segmentStage(doc);
  stage(doc);
  return { doc, entities: doc.layers.entities as Entity[], demonyms: doc.layers.demonyms as Demonym[] };
}
const find = (es: Entity[], text: string) => es.find((e) => e.text === text);

test("the reference article: every gold entity, typed and linked, spans slicing the text", () => {
  const { doc, entities } = run(readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8"));
  assert.deepEqual(badSpans(doc.text, entities), []);
  const expect: [string, string, string][] = [
    ["العراق", "GPE", "gpe:iraq"],
    ["سوريا", "GPE", "gpe:syria"],
    ["الولايات المتحدة", "GPE", "gpe:usa"],
    ["واشنطن", "GPE", "gpe:washington"],
    ["بغداد", "GPE", "gpe:baghdad"],
    ["طهران", "GPE", "gpe:tehran"],
    ["غزة", "GPE", "gpe:gaza"],
    ["رويترز", "ORG", "org:reuters"],
    ["غيتي", "ORG", "org:getty-images"],
    ["تنظيم الدولة الإسلامية", "ORG", "org:islamic-state"],
    ["داعش", "ORG", "org:islamic-state"],
    ["هيئة التنسيق الشيعية", "ORG", "org:coordination-framework"],
    ["حيدر العبادي", "PER", "per:haider-al-abadi"],
    ["صدام حسين", "PER", "per:saddam-hussein"],
  ];
  for (const [text, type, id] of expect) {
    const e = find(entities, text);
    assert.ok(e, `missing ${text}`);
    assert.equal(e.type, type, text);
    assert.equal(e.id, id, text);
  }
  // `لرويترز` is written with its preposition; the span leaves it out
  const reuters = find(entities, "رويترز")!;
  assert.equal(doc.text.slice(reuters.start - 1, reuters.end), "لرويترز");
  assert.equal(find(entities, "رويترز")?.name, "Reuters");
});

test("proclitics stay out of spans; names that begin with the same letters stay whole", () => {
  const { entities } = run(
    "وصل الوفد إلى بالعراق ثم زار وبغداد ولبنان، وقال للصحفيين إن والولايات المتحدة تدعم لبنان.",
  );
  assert.equal(find(entities, "العراق")?.id, "gpe:iraq");
  assert.equal(find(entities, "بغداد")?.id, "gpe:baghdad");
  assert.equal(find(entities, "الولايات المتحدة")?.id, "gpe:usa");
  assert.ok(entities.some((e) => e.text === "لبنان" && e.id === "gpe:lebanon"));
  assert.ok(!entities.some((e) => e.text.startsWith("و") || e.text === "بنان"));
});

test("spelling variants link to one entry", () => {
  const { entities } = run("وقالت أمريكا إن أميركا لن تنسحب. وأعلن تنظيم الدولة مسؤوليته، وهاجم داعش القوات.");
  const usa = entities.filter((e) => e.id === "gpe:usa").map((e) => e.text);
  assert.deepEqual(usa.sort(), ["أمريكا", "أميركا"].sort());
  const is = entities.filter((e) => e.id === "org:islamic-state").map((e) => e.text);
  assert.ok(is.includes("داعش"), JSON.stringify(entities));
  assert.ok(is.includes("تنظيم الدولة"), JSON.stringify(entities));
});

test("the long and short names of one entity link to it in running text, under proclitics", () => {
  const { doc, entities } = run(
    "وأكدت الولايات المتحدة دعمها للعراق. وقال مسؤول إن والولايات المتحدة الأمريكية تراقب تنظيم الدولة الإسلامية في بالعراق.",
  );
  assert.deepEqual(badSpans(doc.text, entities), []);
  const usa = entities.filter((e) => e.id === "gpe:usa").map((e) => e.text);
  assert.equal(usa.length, 2, JSON.stringify(entities));
  assert.ok(
    usa.every((t) => t.startsWith("الولايات المتحدة")),
    JSON.stringify(usa),
  );
  assert.ok(
    entities.some((e) => e.text === "تنظيم الدولة الإسلامية" && e.id === "org:islamic-state"),
    JSON.stringify(entities),
  );
  // `بالعراق` loses its ب; in `للعراق` (ل + العراق, the article's alef elided) only the preposition goes
  const iraq = entities.filter((e) => e.id === "gpe:iraq");
  assert.deepEqual(
    iraq.map((e) => [e.text, doc.text.slice(e.start - 1, e.start)]),
    [
      ["لعراق", "ل"],
      ["العراق", "ب"],
    ],
  );
});

test("user knowledge-base entries (--kb extra.jsonl) are found and linked in text", () => {
  const dir = mkdtempSync(join(tmpdir(), "khabar-ents-"));
  const file = join(dir, "extra.jsonl");
  const entry = {
    id: "org:qamar-co",
    type: "ORG",
    name_en: "Qamar Co",
    name_ar: "شركة القمر للاتصالات",
    aliases: ["القمر للاتصالات"],
  };
  writeFileSync(file, `${JSON.stringify(entry)}\n`);
  const mine = extractEntities({ kb: [file] });
  const text = "وقعت شركة القمر للاتصالات عقدا مع الحكومة في بغداد. وقال متحدث باسم القمر للاتصالات إن العمل يبدأ غدا.";
  const doc = new Doc({ id: "k", raw: text, source: {} });
  doc.commit();
  segmentStage(doc);
  mine(doc);
  const es = doc.layers.entities as Entity[];
  assert.deepEqual(badSpans(doc.text, es), []);
  const qamar = es.filter((e) => e.id === "org:qamar-co");
  assert.deepEqual(
    qamar.map((e) => [e.text, e.type, e.name]),
    [
      ["شركة القمر للاتصالات", "ORG", "Qamar Co"],
      ["القمر للاتصالات", "ORG", "Qamar Co"],
    ],
  );
  assert.ok(
    es.some((e) => e.id === "gpe:baghdad"),
    "shipped entries stay",
  );
  // the shipped stage does not know it
  assert.ok(!run(text).entities.some((e) => e.id === "org:qamar-co"));
});

test("a later short form links to the earlier full name", () => {
  const { entities } = run(
    "وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة مستعدة. وأضاف العبادي أن المحادثات مستمرة.",
  );
  const abadi = entities.filter((e) => e.id === "per:haider-al-abadi").map((e) => e.text);
  assert.deepEqual(abadi, ["حيدر العبادي", "العبادي"]);
  assert.equal(entities[0]?.name, "Haider al-Abadi");
});

test("a family name repeated later is a mention of the same person, under proclitics too", () => {
  const { entities } = run("وصل طلعت رضوان إلى تيرانا. وقال رضوان إن الرحلة تأخرت، ونقل عن لرضوان مرافقوه ذلك.");
  const per = entities.filter((e) => e.type === "PER").map((e) => e.text);
  assert.deepEqual(per, ["طلعت رضوان", "رضوان", "رضوان"]);
});

test("short-form coreference works for people the knowledge base does not know", () => {
  const kb = new KnowledgeBase([
    { id: "per:test-person", type: "PER", name_en: "Samir Test", name_ar: "سمير الفلاني", aliases: [] },
  ]);
  const linker = new DocumentLinker(kb);
  const words = (s: string) => s.split(" ").map(matchForm);
  assert.equal(linker.link({ words: words("سمير الفلاني"), type: "PER" }).entry?.id, "per:test-person");
  const short = linker.link({ words: words("الفلاني"), type: "PER" });
  assert.equal(short.entry?.id, "per:test-person");
  assert.equal(short.antecedent, 0);
  // a different type does not corefer
  assert.equal(linker.link({ words: words("الفلاني"), type: "ORG" }).entry, undefined);
});

test("a longer lineage links to the person the knowledge base knows, however long the mention", () => {
  const kb = new KnowledgeBase([
    { id: "per:test-prince", type: "PER", name_en: "Test Prince", name_ar: "فهد بن خالد", aliases: [] },
  ]);
  const words = (s: string) => s.split(" ").map(matchForm);
  const linker = new DocumentLinker(kb);
  assert.equal(linker.link({ words: words("فهد بن خالد بن سعود"), type: "PER" }).entry?.id, "per:test-prince");
  // A page of one name repeated made one mention of thousands of words: only keys as long as the knowledge base's
  // longest are looked up, so this stays fast and finds nothing longer than the listed name.
  const long = words(Array.from({ length: 3000 }, () => "سعد بن فهد").join(" "));
  assert.equal(new DocumentLinker(kb).link({ words: long, type: "PER" }).entry, undefined);
  // The listed name at the head of a long lineage is still found.
  const lineage = words(`فهد بن خالد ${"بن سعد ".repeat(2000)}`.trim());
  assert.equal(new DocumentLinker(kb).link({ words: lineage, type: "PER" }).entry?.id, "per:test-prince");
});

test("nisba adjectives are demonyms, not entities", () => {
  const { entities, demonyms } = run("وقال مسؤول عراقي إن القوات الأمريكية والأميركيين باقون في العراق.");
  assert.ok(!entities.some((e) => /ير?كي/u.test(e.text)), JSON.stringify(entities));
  assert.ok(demonyms.some((d) => d.text === "الأمريكية" && d.id === "gpe:usa"));
  assert.ok(demonyms.some((d) => d.text === "عراقي" && d.id === "gpe:iraq"));
});

test("a feminine nisba after a definite noun is an adjective, the same word after a preposition a country", () => {
  const { entities, demonyms } = run("وانتقدت المعارضة السورية الحكومة، ووصل الوفد إلى السعودية أمس.");
  assert.ok(!entities.some((e) => e.text === "السورية"), JSON.stringify(entities));
  assert.ok(demonyms.some((d) => d.text === "السورية" && d.id === "gpe:syria"));
  assert.ok(entities.some((e) => e.text === "السعودية" && e.id === "gpe:saudi-arabia"));
});

test("the cached tagger agrees with the plain feature path", () => {
  const tagger = createTagger();
  const sentences = [
    "قال الرئيس الأمريكي باراك أوباما في نيروبي إن كينيا شريك مهم",
    "وأعلنت وزارة الخارجية الفرنسية أن الوزير سيزور بيروت الأسبوع المقبل",
  ];
  for (const s of sentences) {
    const w = s.split(" ").map(matchForm);
    assert.deepEqual(tagger.tag(w), tagger.tagPlain(w));
  }
});

test("a model survives serialization: trained, written, read back, it tags the same", () => {
  // A tiny training set: the model must learn that the word after `الرئيس` is a person and `في X` a place.
  const kb = new KnowledgeBase([]);
  const features = new FeatureSet(TEMPLATES);
  const plain = new Tagger(
    new TaggerModel(
      TAGS,
      features,
      new Uint32Array(0),
      new Float32Array(0),
      new Float32Array((TAGS.length + 1) * TAGS.length),
    ),
    kb,
  );
  const sentences: [string, string[]][] = [
    ["قال الرئيس سامر في دمشق", ["O", "O", "B-PER", "O", "B-GPE"]],
    ["وصل الرئيس كمال إلى عمان", ["O", "O", "B-PER", "O", "B-GPE"]],
    ["قال الوزير إن الرئيس باسل في حلب", ["O", "O", "O", "O", "B-PER", "O", "B-GPE"]],
  ];
  const data = sentences.map(([s, tags]) => {
    const words = s.split(" ").map(matchForm);
    const info = words.map((w) => features.wordInfo(w, (b) => plain.wordClasses.of(b)));
    const gaz = Uint32Array.from(kb.gazetteer(words), gazetteerHash);
    const keys = new Uint32Array(TEMPLATES.length);
    return {
      features: info.map((w, i) => {
        const end = features.contextKeys(info, gaz, i, keys, 0);
        return Uint32Array.from([...w.self, ...keys.subarray(0, end)]);
      }),
      gold: tags.map((t) => TAGS.indexOf(t)),
    };
  });
  const { index, weights, trans } = trainPerceptron(TAGS, data, 5);
  const { bytes, kept } = serializeModel(TAGS, features, index, weights, trans, 0.01, "test");
  assert.ok(kept > 0 && kept <= index.size);
  const back = TaggerModel.fromBuffer(bytes);
  assert.equal(back.size, kept);
  const tagger = new Tagger(back, kb);
  for (const [s, tags] of sentences) {
    assert.deepEqual(tagger.tag(s.split(" ").map(matchForm)), tags, s);
    // every template on (`wcc` too, which the shipped model leaves off): the cached path still agrees
    assert.deepEqual(tagger.tag(s.split(" ").map(matchForm)), tagger.tagPlain(s.split(" ").map(matchForm)), s);
  }
  assert.deepEqual(tagger.tag(["قال", "الرئيس", "مازن", "في", "حمص"].map(matchForm)).slice(2, 3), ["B-PER"]);
  assert.throws(() => TaggerModel.fromBuffer(Buffer.from("not a model")), /incorrect header check|model_invalid/);
});

test("chunks follow conlleval: a stray I- opens a chunk", () => {
  assert.deepEqual(chunks(["O", "I-PER", "I-PER", "B-GPE", "I-ORG"]), [
    { start: 1, end: 3, type: "PER" },
    { start: 3, end: 4, type: "GPE" },
    { start: 4, end: 5, type: "ORG" },
  ]);
});

test("a document without tokens gets empty layers", () => {
  const doc = new Doc({ id: "e", raw: "", source: {} });
  doc.commit();
  stage(doc);
  assert.deepEqual(doc.layers.entities, []);
});

// The speed paths (per-word entries, chunks read off tag indices, in-place affix hashes) must say
// exactly what the plain functions say, on every word and sentence of the reference article.
test("the fast paths agree with the plain functions on a real article", () => {
  const doc = new Doc({
    id: "s",
    raw: readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8"),
    source: {},
  });
  doc.commit();
  segmentStage(doc);
  const norms = doc.tokens.map((t) => t.norm || matchForm(t.text));
  assert.ok(norms.length > 300);
  const kb = defaultKnowledgeBase();
  const tagger = createTagger(kb);
  const entries = norms.map((w) => tagger.entry(w));
  let chunked = 0;
  for (const s of doc.sentences) {
    const [from, to] = s.tokens;
    const words = norms.slice(from, to);
    const expected = chunks(tagger.tagPlain(words));
    assert.deepEqual(tagger.chunksOf(norms, entries, from, to), expected);
    chunked += expected.length;
    const gaz = kb.gazetteer(words);
    for (let i = 0; i < words.length; i++) {
      if (!kb.startsName(words[i]!)) assert.equal(kb.matchAt(words, i), undefined, words[i]);
      if (gaz[i]!.startsWith("B-")) assert.ok(entries[from + i]!.startsName, words[i]);
    }
  }
  assert.ok(chunked > 10, `only ${chunked} chunks`);
  for (const w of new Set([...norms, "", "و", "لل", "وللامم", "فبالعراق", "كالبحر"])) {
    const splits = cliticSplits(w);
    const last = splits[splits.length - 1]!.base;
    assert.equal(bareForm(w), last.length > 3 && last.startsWith("ال") ? last.slice(2) : last, w);
    for (const [a, b] of [
      [0, 2],
      [-2, w.length],
      [-4, w.length],
      [0, w.length - 3],
    ] as const)
      assert.equal(hashSlice(w, a, b), hashString(w.slice(a, b)), `${w} ${a} ${b}`);
  }
});

// The alias trie must find what the string walk it replaced finds (`matchAtPlain`), on random word
// sequences made of the knowledge base's alias words with proclitics added, `عبد` compounds split in
// two tokens, article dropped, and words that begin no name; a small knowledge base adds the edge cases
// (an alias that is only `عبد`, one that starts with it, an empty token after a glued `عبد`).
test("the alias trie matches as the string-key walk does", () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const small = new KnowledgeBase([
    { id: "per:a", type: "PER", name_en: "A", name_ar: "عبد", aliases: ["عبد الله", "أبو عبد الرحمن الكبير"] },
    { id: "org:b", type: "ORG", name_en: "B", name_ar: "بنك عبد", aliases: ["بنك", "البنك الأهلي عبد"] },
    { id: "gpe:c", type: "GPE", name_en: "C", name_ar: "الولايات المتحدة", aliases: ["ولايات"] },
  ]);
  for (const kb of [defaultKnowledgeBase(), small]) {
    const aliases = kb.entries.flatMap((e) => [e.name_ar, ...e.aliases]).map((a) => aliasKey(a).split(" "));
    const clitic = ["", "", "", "و", "ب", "ل", "ف", "ك", "وب", "ول"];
    const filler = ["قال", "في", "", "عبد", "-", "من", "الذي", "و"];
    const pick = (): string[] => {
      if (rand(4) === 0) return [filler[rand(filler.length)]!];
      const words = [...aliases[rand(aliases.length)]!];
      const take = 1 + rand(words.length);
      const out = words.slice(0, rand(3) === 0 ? take : words.length);
      const first = out[0]!;
      if (rand(4) === 0 && first.startsWith("ال") && first.length > 3) out[0] = first.slice(2);
      const c = clitic[rand(clitic.length)]!;
      out[0] = c === "ل" && out[0]!.startsWith("ال") ? `ل${out[0]!.slice(1)}` : c + out[0]!;
      return out.flatMap((w) => (w.length > 3 && w.startsWith("عبد") && rand(2) === 0 ? ["عبد", w.slice(3)] : [w]));
    };
    let hits = 0;
    for (let round = 0; round < 400; round++) {
      const words: string[] = [];
      while (words.length < 12) words.push(...pick());
      for (let i = 0; i < words.length; i++) {
        for (const end of [words.length, Math.min(words.length, i + 1 + rand(4))]) {
          const plain = kb.matchAtPlain(words, i, end);
          assert.deepEqual(kb.matchAt(words, i, end), plain, `${words.join("|")} @${i}..${end}`);
          assert.equal(kb.startsName(words[i]!), kb.startsOf(words[i]!).length > 0);
          if (plain) hits++;
        }
      }
    }
    assert.ok(hits > 1000, `only ${hits} hits`);
  }
});

// `demonym` skips words by their last three letters: no nisba form, with any proclitics and article
// in front, may be skipped (each such word names some country).
test("every demonym form with proclitics still names a country", () => {
  const kb = defaultKnowledgeBase();
  let checked = 0;
  for (const e of kb.entries) {
    for (const d of e.demonyms ?? []) {
      const stem = aliasKey(d).replace(/^ال(?=...)/u, "");
      for (const end of ["", "ه", "ون", "ين", "ان", "تان", "تين", "ات"]) {
        for (const pre of ["", "ال", "وال", "بال", "لل", "و", "ف"]) {
          const w = pre === "لل" ? `لل${stem}${end}` : `${pre}${stem}${end}`;
          assert.ok(kb.demonym(w), w);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 500, `only ${checked}`);
  assert.equal(kb.demonym("قال"), undefined);
});

// An entry's reading hashes are computed from slices of the word (`nameKeyStarts`); they must be the
// hashes of the readings `nameKeysOf` makes (`cliticSplits` bases without their article).
test("the reading hashes of an entry are those of its readings", () => {
  const tagger = createTagger(defaultKnowledgeBase());
  const words = readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8")
    .split(/\s+/u)
    .map(matchForm);
  const edge = ["", "و", "ول", "لل", "للا", "لله", "وللامم", "فبالعراق", "كالبحر", "والال", "بال", "ولل", "فلل", "الل"];
  let split = 0;
  for (const w of new Set([...words, ...edge])) {
    const e = tagger.entry(w);
    const keys = tagger.nameKeysOf(e);
    assert.deepEqual(
      keys.map((k) => ({ cut: k.cut, base: k.base })),
      cliticSplits(w).map((s) => ({
        cut: s.cut,
        base: s.base.length > 3 && s.base.startsWith("ال") ? s.base.slice(2) : s.base,
      })),
      w,
    );
    const hashes = keys.map((k) => hashString(k.base) | 0);
    assert.deepEqual(
      hashes,
      keys.map((k) => k.hash),
      w,
    );
    while (hashes.length < 3) hashes.push(hashes[0]!);
    assert.deepEqual([e.keyHash0, e.keyHash1, e.keyHash2], hashes, w);
    if (keys.length > 1) split++;
  }
  assert.ok(split > 40, `only ${split} words with proclitic readings`);
});
