import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { extractQuotes, type Quote } from "../src/extract/quotes/extract-quotes.ts";
import { Doc } from "../src/model/doc.ts";
import type { Span } from "../src/model/span.ts";
import { badSpans } from "../src/model/span.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";
import { segment } from "../src/segment/segment.ts";

// Sentences below are quoted from real articles, with their source on each test:
// the reference article (test/fixtures/seed.txt), the gold-annotated SaudiNewsNet articles
// (../shared/corpus/saudinewsnet/annotated/, copied in part to test/fixtures/saudinewsnet/) and a
// few sentences from the SaudiNewsNet corpus (../shared/corpus/saudinewsnet/articles.jsonl.gz; the
// corpus of Alshehri 2015, CC BY-NC-SA 4.0), at most a few sentences per article.

const stage = extractQuotes();

/** Segment `text` with the real stage and run the quote stage on it. */
function quotes(text: string): { doc: Doc; quotes: Quote[] } {
  const doc = new Doc({ id: "t", raw: text, source: {} });
  doc.commit();
  segment()(doc);
  stage(doc);
  const found = doc.layers.quotes as Quote[];
  const spans: Span[] = found.flatMap((q) =>
    [q.speaker, q.cue, q.content, q.outlet, q.when, q.speaker_name, q.speaker_role].filter((s): s is Span => s != null),
  );
  assert.deepEqual(badSpans(doc.text, spans), [], "every span slices the text");
  return { doc, quotes: found };
}

const brief = (q: Quote) => ({
  speaker: q.speaker?.text ?? null,
  cue: q.cue.text,
  content: q.content.text,
  direct: q.direct,
  anonymous: q.anonymous,
});

describe("quotes: the reference article", () => {
  const seed = readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8");
  // The fixture is the raw scrape: its debris lines do not hold quotes, so segmenting it as is will do.
  const { quotes: found } = quotes(seed);

  it("finds the six statements with speaker, cue and flags", () => {
    assert.deepEqual(
      found.map((q) => [q.speaker?.text, q.cue.text, q.direct, q.anonymous]),
      [
        ["مسؤول حكومي عراقي كبير", "قال", false, true],
        ["الفصائل الشيعية العراقية المتشددة", "دعت", false, false],
        ["الجماعات الشيعية الأكثر اعتدالا والأحزاب السنية والكردية", "أعربت", false, false],
        ["واشنطن", "تقول", false, false],
        ["رئيس الوزراء العراقي السابق حيدر العبادي", "قال", true, false],
        ["رئيس الوزراء العراقي السابق حيدر العبادي", "أضاف", true, false],
      ],
    );
  });

  it("takes indirect content from إن to the end of the clause, and reads outlet and anonymity", () => {
    const q = found[0]!;
    assert.ok(q.content.text.startsWith("إن المحادثات بين الولايات المتحدة والعراق"));
    assert.ok(q.content.text.endsWith("الانتخابات الرئاسية الأمريكية في نوفمبر"));
    assert.equal(q.outlet?.text, "رويترز");
  });

  it("ends content at the next statement's link word (بينما أعربت)", () => {
    assert.equal(found[1]!.content.text, "إلى خروج فوري للقوات الأمريكية");
  });

  it("keeps a negated verb inside the content (لكنها لا ترى أن ...)", () => {
    assert.ok(found[3]!.content.text.includes("لكنها لا ترى أن المحادثات"));
    assert.equal(found.filter((q) => q.cue.text === "ترى").length, 0);
  });

  it("separates name and role, and reads the audience and the time", () => {
    const q = found[4]!;
    assert.equal(q.speaker_name?.text, "حيدر العبادي");
    assert.equal(q.speaker_role?.text, "رئيس الوزراء العراقي السابق");
    assert.equal(q.outlet?.text, "صحفيين");
    assert.equal(q.when?.text, "الأسبوع الماضي");
    assert.equal(q.content.text, "لا أعتقد أن الأميركيين يريدون انسحاباً كاملاً. هذا واضح");
  });

  it("links the pronoun-dropped وأضاف to the previous speaker's quote", () => {
    const q = found[5]!;
    assert.equal(q.continues, 4);
    assert.equal(q.speaker?.start, found[4]!.speaker?.start);
    assert.ok(q.content.text.startsWith("كما لا أرى أن هناك رغبة عراقية"));
  });
});

describe("quotes: patterns", () => {
  it("verb, speaker, outlet in quotes, then a direct quote after إن", () => {
    // aawsat-bd76273c5f (gold corpus)
    const { quotes: found } = quotes(
      "وقال البكري لـ«الشرق الأوسط»، إن «لدى المقاومة عددًا من الأسرى الإيرانيين وغيرهم من جنسيات مختلفة ويجري التحقيق معهم، حاليًا، لمعرفة مهامهم وجنسيات البعض الآخر».",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "البكري");
    assert.equal(found[0]!.outlet?.text, "الشرق الأوسط");
    assert.equal(found[0]!.direct, true);
    assert.ok(found[0]!.content.text.startsWith("لدى المقاومة"));
  });

  it("speaker first: the noun phrase before the verb (وكان البنك الدولي أقر ...)", () => {
    // aljazirah-ecf0463c4a (gold corpus)
    const { quotes: found } = quotes(
      "وكان البنك الدولي أقر في مطلع آذار - مارس بأن بعض مشروعاته التنموية أدت إلى تهجير سكان من ديارهم.",
    );
    assert.deepEqual(found.map(brief), [
      {
        speaker: "البنك الدولي",
        cue: "أقر",
        content: "أن بعض مشروعاته التنموية أدت إلى تهجير سكان من ديارهم",
        direct: false,
        anonymous: false,
      },
    ]);
  });

  it("a vague speaker before the verb is anonymous (هناك من قال)", () => {
    // almadina-736b722ea5 (gold corpus)
    const { quotes: found } = quotes(
      "من جانبها انقسمت الجماهير النصراوية بين مؤيد ومعارض على التجديد مع المحترف فابيان حيث إن هناك من قال إن التجديد معه إيجابي، فيما أكد المعارضون لاستمرار اللاعب أنه ليس بالطموح للجماهير النصراوية.",
    );
    assert.deepEqual(
      found.map((q) => [q.speaker?.text, q.anonymous, q.content.text]),
      [
        ["هناك من", true, "إن التجديد معه إيجابي"],
        ["المعارضون لاستمرار اللاعب", false, "أنه ليس بالطموح للجماهير النصراوية"],
      ],
    );
  });

  it("content first: «...»، قال X", () => {
    // SaudiNewsNet corpus, Asharq Al-Awsat
    const { quotes: found } = quotes(
      "«إن انتحاريًا فجر نفسه في سيارة مفخخة مستهدفًا حاجزًا لوحدات حماية الشعب في جنوب كوباني»، قال القيادي الكردي في كوباني شرفان درويش لـ«الشرق الأوسط».",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "القيادي الكردي في كوباني شرفان درويش");
    assert.equal(found[0]!.direct, true);
    assert.ok(found[0]!.content.text.startsWith("إن انتحاريًا فجر نفسه"));
    assert.equal(found[0]!.outlet?.text, "الشرق الأوسط");
  });

  it("content first: «...»، بحسب X", () => {
    // SaudiNewsNet corpus
    const { quotes: found } = quotes(
      "وكان الرئيس قد قرر ذلك، «وفد صغير من ممثلي الشركات والمجموعات الصناعية والعلوم»، بحسب بيان من وزارته.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "بيان من وزارته");
    assert.equal(found[0]!.content.text, "وفد صغير من ممثلي الشركات والمجموعات الصناعية والعلوم");
    assert.equal(found[0]!.direct, true);
  });

  it("a source phrase at the end of a clause attributes the clause (X، بحسب Y)", () => {
    // aleqtisadiya-6cde152b25 (gold corpus)
    const { quotes: found } = quotes(
      "ولا يزال الفساد مشكلة كبيرة، حيث تندرج كينيا في المرتبة الـ145 من أصل 175 دولة، بحسب مؤشر الفساد التابع لمنظمة الشفافية الدولية، وكلما جاءت المرتبة متدنية كان الفساد متفاقما.",
    );
    assert.deepEqual(found.map(brief), [
      {
        speaker: "مؤشر الفساد التابع لمنظمة الشفافية الدولية",
        cue: "بحسب",
        content: "تندرج كينيا في المرتبة الـ145 من أصل 175 دولة",
        direct: false,
        anonymous: false,
      },
    ]);
  });

  it("outlet in an interview frame (في مقابلة مع «رويترز»)", () => {
    // SaudiNewsNet corpus (aawsat)
    const { quotes: found } = quotes(
      "وقال زينجر في مقابلة مع «رويترز» في وادي السليكون: «أدت تقنية الطباعة ثلاثية الأبعاد إلى تغيير طريقة التصنيع».",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "زينجر");
    assert.equal(found[0]!.direct, true);
    assert.ok(found[0]!.outlet?.text.includes("رويترز"));
  });

  it("a direct quote runs over sentences and over two paragraphs; a cue inside it is not a new statement", () => {
    // SaudiNewsNet corpus, aawsat-2923d0ff94: a quote opened in one paragraph and closed in the next
    const text =
      "وقال سعيد مموزيني، مسؤول إعلام الحزب الديمقراطي الكردستاني في الموصل، لـ«الشرق الأوسط»: «رغم منع التنظيم لمراسم صلاة العيد في الموصل، فإن مواطني المدينة تحدوا التنظيم وأقاموا صلاة عيد الفطر في عدد من مساجدها، الأمر الذي دفع بالتنظيم إلى شن حملة اعتقالات واسعة في صفوف المصلين أسفرت عن اعتقال 38 مواطنا موصليا.\n" +
      "وبحسب المعلومات الواردة إلينا ساق (داعش) المعتقلين إلى جهة مجهولة، ولم يتبين حتى الآن مصيرهم». وأضاف مموزيني: «اندلعت اشتباكات بين مواطنين من الموصل ومسلحي (داعش) في مقبرة وادي عقاب».";
    const { doc, quotes: found } = quotes(text);
    assert.equal(found.length, 2, "بحسب inside the quote is not a source of the outer text");
    const [first, second] = found;
    assert.equal(first!.speaker?.text, "سعيد مموزيني");
    assert.equal(first!.direct, true);
    assert.ok(first!.content.text.startsWith("رغم منع التنظيم"));
    assert.ok(first!.content.text.endsWith("ولم يتبين حتى الآن مصيرهم"));
    assert.notEqual(
      doc.paragraphs.findIndex((p) => p.end >= first!.content.start),
      doc.paragraphs.findIndex((p) => p.end >= first!.content.end),
    );
    assert.equal(second!.speaker?.text, "مموزيني");
    assert.ok(second!.content.text.startsWith("اندلعت اشتباكات"));
  });

  it("قال inside a quote is not an attribution of the outer text", () => {
    // aawsat-aef8cf1e95 (gold corpus): «... التي رأيتها» holds a verb of seeing; the quote holds no cue of its own
    const { quotes: found } = quotes(
      "وقال مهندس في محطة للصرف الصحي يدعى جيانغ وكان يتفقد محطات الضخ في وقت مبكر من الصباح: «إنّه من أقوى الأعاصير التي رأيتها». وتابع: «كانت سيارتي تهتز وأنا أقودها. سقطت الكثير من الأشجار ورأيت ستة أبراج كهرباء محطمة».",
    );
    assert.deepEqual(
      found.map((q) => [q.cue.text, q.speaker?.text, q.direct, q.anonymous, q.continues]),
      [
        ["قال", "مهندس في محطة للصرف الصحي يدعى جيانغ", true, false, undefined],
        ["تابع", "مهندس في محطة للصرف الصحي يدعى جيانغ", true, false, 0],
      ],
    );
    assert.ok(found[1]!.content.text.includes("سقطت الكثير من الأشجار"));
  });

  it("a verb of saying quoted inside a direct quote makes no quote of its own", () => {
    // SaudiNewsNet corpus (sample: aawsat-3052c5d3b0), shortened
    const { quotes: found } = quotes("وقال نتنياهو: «رئيس المعارضة قال إنه يقف ضد هذه الصفقة، وأنا أحترم ذلك».");
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "نتنياهو");
    assert.ok(found[0]!.content.text.includes("قال إنه يقف"));
  });

  it("indirect content ends where a participle cue starts (، مشيراً الى أن)", () => {
    // 3alyoum-b5ccd68165 (gold corpus)
    const { quotes: found } = quotes(
      "من جانبه قال المهندس رامي ابو الفرج مدير عام العقارات البلديه والمشاريع المستدامه ان جميع المواقع التي تم ازالتها عباره عن تعديات على الممتلكات العامه. وأكد بأن هناك توجيهات صادرة بضرورة متابعة هذه المخالفات مشيراً الى أن الامانة تكثف عمل الفرق الميدانية.",
    );
    assert.deepEqual(
      found.map((q) => [q.cue.text, q.content.text, q.continues]),
      [
        ["قال", "ان جميع المواقع التي تم ازالتها عباره عن تعديات على الممتلكات العامه", undefined],
        ["أكد", "أن هناك توجيهات صادرة بضرورة متابعة هذه المخالفات", 0],
        ["مشيراً", "أن الامانة تكثف عمل الفرق الميدانية", 1],
      ],
    );
    const role = found[0]!;
    assert.equal(role.speaker_name?.text, "رامي ابو الفرج");
    assert.equal(role.speaker_role?.text, "مدير عام العقارات البلديه والمشاريع المستدامه");
  });

  it("a participle takes the subject of its sentence's verb (وواصلت القوات ...، مشيرة إلى أن)", () => {
    // aawsat-bd76273c5f (gold corpus)
    const { quotes: found } = quotes(
      "وواصلت القوات الموالية للرئيس الشرعي عبد ربه منصور هادي، حصارها لقاعدة العند الجوية الواقعة في المحافظة، مشيرة إلى أنها تمتنع عن اقتحام القاعدة الاستراتيجية حاليًا.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "القوات الموالية للرئيس الشرعي عبد ربه منصور هادي");
    assert.equal(found[0]!.content.text, "أنها تمتنع عن اقتحام القاعدة الاستراتيجية حاليًا");
  });

  it("an unnamed person is anonymous; an indirect and a direct statement under one قال split at the comma", () => {
    // aleqtisadiya-d03c70f20d (gold corpus)
    const { quotes: found } = quotes(
      'وأشاد معلم نيكول بإنجازها وقال إنها كانت تلميذة مثالية، "نيكول تلميذة ذكية، فهي تعمل جاهدة بشكل لا يصدق وشاركت في مختلف الأنشطة في عامها الأول".',
    );
    assert.deepEqual(
      found.map((q) => [q.speaker?.text, q.content.text.slice(0, 24), q.direct, q.anonymous]),
      [
        ["معلم نيكول", "إنها كانت تلميذة مثالية", false, true],
        ["معلم نيكول", "نيكول تلميذة ذكية، فهي ت", true, true],
      ],
    );
    assert.equal(found[1]!.continues, 0);
  });

  it("an anonymity clause makes the source anonymous", () => {
    // reference article, first sentence
    const { quotes: found } = quotes(
      "قال مسؤول عراقي لرويترز، شريطة عدم الكشف عن هويته، إن المحادثات قد لا تنتهي إلا بعد الانتخابات.",
    );
    assert.equal(found[0]!.anonymous, true);
    // SaudiNewsNet corpus: a named official is not anonymous
    const named = quotes(
      "وقال المتحدث الرسمي لبلدية تنومة نادر الشهري إنه على من لديه شكوى التقدم بها إلى البلدية.",
    ).quotes;
    assert.equal(named[0]!.anonymous, false);
  });

  it("mixed quotes: direct when the quoted passage is most of the clause, indirect with quoted fragments", () => {
    // aljazirah-ecf0463c4a (gold corpus)
    const { quotes: found } = quotes(
      "وقالت المنظمات في بيانها: إن هذه القواعد «ستضعف كثيرًا حماية السكان المعنيين والبيئة في آن معًا، في الوقت الذي يعتزم فيه البنك الدخول في مشروعات عالية المخاطر». غير أن منظمات غير حكومية سارعت إلى التنديد بالإجراءات الجديدة، مؤكدة أنها تمثل «عودة خطيرة إلى الخلف».",
    );
    assert.equal(found.length, 2);
    assert.equal(found[0]!.direct, true);
    assert.ok(found[0]!.content.text.startsWith("ستضعف كثيرًا"));
    assert.equal(found[1]!.direct, false);
    assert.equal(found[1]!.content.text, "أنها تمثل «عودة خطيرة إلى الخلف»");
    assert.equal(found[1]!.speaker?.text, "منظمات غير حكومية سارعت");
  });

  it("a bare noun content after أكد / أعلن", () => {
    // aljazirah-589cd7da87 and aleqtisadiya-f8bba8e6cf (gold corpus)
    const { quotes: found } = quotes(
      "وصعد سهم الخليج للملاحة 2.9% بعدما أعلنت الشركة زيادة أرباحها 172% في النصف الأول من 2015.",
    );
    assert.deepEqual(found.map(brief), [
      {
        speaker: "الشركة",
        cue: "أعلنت",
        content: "زيادة أرباحها 172% في النصف الأول من 2015",
        direct: false,
        anonymous: false,
      },
    ]);
  });
});

describe("quotes: negatives", () => {
  it("a verb in a non-reporting sense makes no quote (أشار بيده، رأى النور)", () => {
    // SaudiNewsNet corpus (articles.jsonl.gz), two sentences
    assert.deepEqual(
      quotes("وتابع اللاعب تحية الجماهير قبل أن يشير بيده إلى علامة النصر في تحية لجماهير النادي.").quotes,
      [],
    );
    assert.deepEqual(
      quotes("وكانت ولادة زاوية (لقاء) التي رأت النور على صفحات جريدة الرياض في العدد 2300.").quotes,
      [],
    );
  });

  it("a noun that looks like a verb form is no cue (7953 طالباً وطالبة)", () => {
    // alriyadh-e309a33fde (gold corpus)
    const { quotes: found } = quotes(
      "أكدت عمادة القبول والتسجيل بجامعة حائل أن عدد المقبولين 7953 طالباً وطالبة، وفي حالة تأكيد القبول إلكترونياً، ستكون الجامعة قد استوعبت أكبر عدد قبول منذ تأسيسها.",
    );
    assert.equal(found.length, 1);
    assert.ok(found[0]!.content.text.endsWith("أكبر عدد قبول منذ تأسيسها"));
  });

  it("a present يبلغ is 'amounts to', not 'informs' (يبلغ العدد 431 شخصا)", () => {
    // okaz-125 (samples/articles), one sentence
    assert.deepEqual(
      quotes("ويبلغ العدد 431 شخصا النسبة الغالبة منهم شباب سعوديون، فإننا نتحدث عن ظاهرة تحتاج إلى دراسة.").quotes,
      [],
    );
  });

  it("a negated verb of saying is not an attribution (لم يقل)", () => {
    assert.deepEqual(quotes("ولم يقل الوزير إن الاتفاق انتهى.").quotes, []);
  });

  it("a source phrase with a pronoun refers back (حسب قوله) and ends the content", () => {
    // 3alyoum-cf531435a8 (gold corpus)
    const { quotes: found } = quotes(
      "وقال الوزير إن هذه الكميات ستغير من وضع البلاد، وستساهم في النهضة الاقتصادية حسب قوله.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.content.text, "إن هذه الكميات ستغير من وضع البلاد، وستساهم في النهضة الاقتصادية");
  });

  it("a document without tokens gets an empty layer", () => {
    const doc = new Doc({ id: "t", raw: "", source: {} });
    doc.commit();
    stage(doc);
    assert.deepEqual(doc.layers.quotes, []);
  });
});

describe("quotes: gender agreement of inherited speakers", () => {
  it("a masculine وأضاف skips a feminine speaker for the earlier masculine one", () => {
    // adapted from alwatan (samples/articles): two statements, then a pronoun-dropped continuation
    const { quotes: found } = quotes(
      "وقال رئيس اللجنة التنفيذية للانتخابات المهندس جديع القحطاني إن الوضع مطمئن في جميع المراكز. " +
        "وقالت العضوة في مبادرة بلدي إيمان فلاتة إن المبادرة بدأت حراكها منذ خمس سنوات. " +
        "وأضاف أن اللجنة ستكمل عملها في الموعد المحدد.",
    );
    assert.equal(found.length, 3);
    assert.equal(found[2]!.cue.text, "أضاف");
    assert.match(found[2]!.speaker?.text ?? "", /القحطاني$/);
    assert.equal(found[2]!.continues, 0);
  });

  it("a feminine وأضافت inherits the feminine speaker", () => {
    const { quotes: found } = quotes(
      "وقال رئيس اللجنة التنفيذية للانتخابات المهندس جديع القحطاني إن الوضع مطمئن في جميع المراكز. " +
        "وقالت العضوة في مبادرة بلدي إيمان فلاتة إن المبادرة بدأت حراكها منذ خمس سنوات. " +
        "وأضافت أن الحملة نفذت عددا من الدورات على مستوى المملكة.",
    );
    assert.equal(found.length, 3);
    assert.match(found[2]!.speaker?.text ?? "", /فلاتة$/);
    assert.equal(found[2]!.continues, 1);
  });
});

describe("quotes: speakers and entities", () => {
  const full = createPipeline();
  /** Run the whole pipeline (entities included) and return its quotes. */
  function fullQuotes(text: string): Quote[] {
    const doc = runPipeline(full, { id: "t", raw: text, source: {} });
    return doc.layers.quotes as Quote[];
  }

  it("links a named speaker to the person, not to the country in the role", () => {
    // the reference article
    const seed = readFileSync(new URL("./fixtures/seed.txt", import.meta.url), "utf8");
    const abadi = fullQuotes(seed).filter((q) => q.speaker?.text.endsWith("حيدر العبادي"));
    assert.equal(abadi.length, 2);
    for (const q of abadi) {
      assert.equal(q.speaker_entity?.text, "حيدر العبادي");
      assert.equal(q.speaker_entity?.type, "PER");
    }
  });

  it("an anonymous speaker has no entity; a place heading the phrase speaks for itself", () => {
    // the reference article
    const seed = readFileSync(new URL("./fixtures/seed.txt", import.meta.url), "utf8");
    const found = fullQuotes(seed);
    const anon = found.find((q) => q.anonymous);
    assert.ok(anon);
    assert.equal(anon.speaker_entity, undefined);
    const washington = found.find((q) => q.speaker?.text === "واشنطن");
    assert.equal(washington?.speaker_entity?.type, "GPE");
  });

  it("a person governed by a preposition inside the phrase is not the speaker (القوات الموالية للرئيس ...)", () => {
    // aawsat-b (samples/articles), one sentence
    const found = fullQuotes(
      "وتقدمت القوات الموالية للرئيس الشرعي عبد ربه منصور هادي نحو القاعدة، مشيرة إلى أنها تمتنع عن اقتحام القاعدة الاستراتيجية حاليا بسبب وجود مئات المعتقلين بداخله.",
    );
    for (const q of found) assert.notEqual(q.speaker_entity?.type, "PER", JSON.stringify(q.speaker_entity));
  });

  it("the verb's object after a named subject is not part of the speaker (لفت السفير ... الانتباه إلى)", () => {
    // almadina (samples/articles), one sentence
    const found = fullQuotes(
      "ولفت السفير بدر عبدالعاطي الانتباه إلى أهمية أن تتسق التصريحات الصادرة عن المسئولين بدول المنطقة مع مبادئ حسن الجوار.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "السفير بدر عبدالعاطي");
  });
});

describe("quotes: documents one after another", () => {
  // The stage reuses its per-token buffers (token view, cue column, و/ف cache) from one document to the next:
  // what a document yields must not depend on the document before it.
  const seed = readFileSync(new URL("fixtures/seed.txt", import.meta.url), "utf8");
  // aawsat-bd76273c5f (gold corpus): a short document whose tokens all lie where the seed had cues and quotes.
  const short =
    "وقال البكري لـ«الشرق الأوسط»، إن «لدى المقاومة عددًا من الأسرى الإيرانيين وغيرهم من جنسيات مختلفة ويجري التحقيق معهم، حاليًا، لمعرفة مهامهم وجنسيات البعض الآخر».";
  const json = (text: string): string => JSON.stringify(quotes(text).quotes);

  it("gives a short document the same quotes before and after a long one", () => {
    const alone = json(short);
    const seedFirst = json(seed);
    assert.equal(json(short), alone);
    assert.equal(json(seed), seedFirst);
    assert.equal(JSON.parse(alone).length, 1);
    assert.equal(JSON.parse(seedFirst).length, 6);
  });

  it("finds nothing in a document without cues right after one with many", () => {
    json(seed);
    // A sentence of the seed without its reporting verb: no cue is left over from the document before.
    assert.deepEqual(quotes("الفصائل الشيعية العراقية المتشددة إلى انسحاب القوات الأمريكية من العراق.").quotes, []);
  });
});

describe("quotes: bounds on pathological input", () => {
  it("gives the clause before a source phrase at most 200 words, however long the sentence", () => {
    // One sentence of 400 source phrases (no sentence end): each phrase attributes the clause before it, which
    // reached back to the sentence start, so each quote held everything before it.
    const found = quotes("بحسب مصدر، ".repeat(400)).quotes;
    assert.ok(found.length > 300, `${found.length} quotes`);
    const longest = Math.max(...found.map((q) => q.content.text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length));
    assert.ok(longest <= 200, `a content of ${longest} words`);
    // The bound keeps the clause's own words: the last phrase's content is the 200 words before it.
    assert.ok(longest >= 150, `longest content ${longest} words`);
  });
});
