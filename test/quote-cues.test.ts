import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Quote } from "../src/extract/quotes/extract-quotes.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

// Cue words whose matching form is also another word, told apart by the spelling of the text and by what
// stands around them (src/extract/quotes/cues.ts, `spelledAsListed`). Every sentence is copied from the
// SaudiNewsNet corpus (M. Alhagri 2015, CC BY-NC-SA 4.0), the article named on each test; each negative test
// held a false quote before the rule, each positive one holds a true quote the rule must keep.

const stages = createPipeline();

function quotes(text: string): Quote[] {
  const doc = runPipeline(stages, { id: "t", raw: text, source: {} });
  assert.equal(doc.status, "ok");
  return (doc.layers.quotes ?? []) as Quote[];
}

const cues = (found: Quote[]): string[] => found.map((q) => q.cue.text);

describe("quote cues: spelling and position", () => {
  it("the noun رأي (ي, not ى) inside a clause is no cue (`مقال رأي بصحيفة`)", () => {
    // aawsat-05def7559c
    const found = quotes(
      "ووفي مقال رأي بصحيفة «دي تسايت»، أعرب فاروفاكيس عن اعتقاده أن ألمانيا كانت تخطط «للتضحية» باليونان عن طريق تعجيزها عن سداد ديونها وذلك سعيا منها لإصلاح منطقة اليورو.",
    );
    assert.ok(!cues(found).includes("رأي"), JSON.stringify(cues(found)));
    assert.ok(cues(found).includes("أعرب"), JSON.stringify(cues(found)));
  });

  it("the noun رأي after a verb is no cue (`كان لدينا رأي وهو أن`)", () => {
    // aawsat-a77e98d903
    const found = quotes(
      "ونحن كان لدينا رأي وهو أن تتشكل حكومة تكنوقراط لكي تقوم مقام رئيس الجمهورية في حال الفراغ، ولكن بنهاية المطاف، لأن هذه الحكومة التي تحمل كل تناقضات الدنيا وتتخبط شمالاً ويمينًا، رغم وجود عناصر جيدة فإن وجودهم بحد ذاته لا يكفي، فنحن بحاجة إلى الحد الأدنى من الانسجام لتتمكن هذه الحكومة وأي حكومة، من الوفاق.",
    );
    assert.deepEqual(cues(found), []);
  });

  it("the verb رأى (ى) stays a cue", () => {
    // okaz-70bba4969e
    const found = quotes(
      "من جهته رأى الاقتصادي فهد مزاحم، ان نجاح الوزارة الجديدة مرهون بضخ المزيد من الوحدات السكنية في وقت قياسي الى السوق.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.cue.text, "رأى");
    assert.equal(found[0]!.speaker?.text, "الاقتصادي فهد مزاحم");
  });

  it("أقرأ 'I read' (final أ) is not the dual أقرا of أقر", () => {
    // aawsat-d4db8d2343
    const found = quotes(
      "- قرأتُ الكثير من الشعراء القدماء والحاضرين كما قرأ الشعراءُ الشعراءَ، لكنِّي أختلف أنني قرأتُ الشعراءَ بقلِّةٍ وبحذر، كنتُ أقرأ الشعراءَ بعقل المهندس وليس بعقل الشاعر، وهذا جعلني أفهم مكانة الشاعر وليس شعره، لذلك بقي شعري بمنأى عن أن يكون نسخة من أحد.",
    );
    assert.ok(!cues(found).includes("أقرأ"), JSON.stringify(cues(found)));
  });

  it("مقره 'its seat' (ه, not the ة of مقرة) is no cue, and the speaker before it keeps its statement", () => {
    // aleqtisadiya-c0da78296f
    const found = quotes(
      "وأوضح معهد الاقتصاد الألماني (أي دابليو)، ومقره كولونيا، في الدراسة التي نشرها أمس أن الإضرابات خلال الأشهر الستة الأولى من العام الجاري كلفت ألمانيا نحو 944 ألف يوم عمل.",
    );
    assert.equal(found.length, 1, JSON.stringify(cues(found)));
    assert.equal(found[0]!.cue.text, "أوضح");
    assert.equal(found[0]!.speaker?.text, "معهد الاقتصاد الألماني (أي دابليو)");
  });

  it("a participle written with ه for ة stays a cue when its content follows (`موضحه أنه`)", () => {
    // okaz-6c3abb0b0c
    const found = quotes(
      "وعبرت «القحطاني» عن سعادتها بهذا التكريم، موضحه أنه سيدفعها إلى تقديم المزيد من الجهود التي ستتوجها بنيلها للدكتوراه.",
    );
    assert.ok(cues(found).includes("موضحه"), JSON.stringify(cues(found)));
  });

  it("متابعة in a byline (`سبق- متابعة:`) is no cue", () => {
    // sabq-2d294713ec
    const found = quotes(
      "خالد خليل- سبق- متابعة: أطلقت الهيئة العامة للسياحة والتراث الوطني العديد من مشاريع ترميم وإنشاء القرى التراثية في مختلف مناطق المملكة.",
    );
    assert.ok(!cues(found).includes("متابعة"), JSON.stringify(cues(found)));
  });

  it("the participle متابعة after a comma stays a cue (`، متابعة أن «...»`)", () => {
    // aawsat-018a510fd0
    const found = quotes(
      "وفور إعلانها بالخبر، قالت ريتشاردسون إنها تتطلع ليوم «لا يكون تعيين امرأة في مثل هذا المنصب خبرا في حد ذاته»، في إشارة ساخرة ذات مغزى عما تعانيه النساء من تفرقة في المجال الأكاديمي، متابعة أن «العمل الأكاديمي، مثله مثل باقي الأعمال المهنية الاحترافية، هرمي التشكيل.. وكلما ترقيت إلى المناصب الأعلى قلت النساء».",
    );
    const q = found.find((x) => x.cue.text === "متابعة");
    assert.ok(q, JSON.stringify(cues(found)));
    assert.match(q.content.text, /^العمل الأكاديمي/);
  });

  it("the noun مطالبة after a verb is no cue (`وفيما يخص مطالبة بعض الكتاب`)", () => {
    // sabq-eee555362c
    const found = quotes(
      'وفيما يخص مطالبة بعض الكتَّاب بالتشهير بالشباب الذين ضُبطوا في الواقعة قال: "لا يعضد ذلك نص قانوني أو شرعي، وإنما هو عقوبة تعزيرية راجعة في أصل تقديرها إلى الجهة القضائية المختصة".',
    );
    assert.ok(!cues(found).includes("مطالبة"), JSON.stringify(cues(found)));
  });

  it("the participle مطالبة after a comma stays a cue (`»، مطالبة الأهالي بضرورة`)", () => {
    // almadina-14120c27af
    const found = quotes(
      "وأوضحت المطوفة صباح بوان أن الإنجاز الأمني يعد انتصارا جديدا لرجال الأمن يضاف لرصيدهم الكبير، قائلة: «نقف خلفهم لأداء واجبهم الديني والوطني على أكمل وجه ونسأل الله أن يرحم شهداءنا ويلهم أسرهم الصبر والسلوان»، مطالبة الأهالي بضرورة حماية أبنائهم من الأفكار المتطرفة حتى لا يقعوا فريسة سهلة للجماعات المتطرفة.",
    );
    assert.ok(cues(found).includes("مطالبة"), JSON.stringify(cues(found)));
  });
});

describe("ورد 'was received' is not و + ردّ 'replied'", () => {
  // The cue's span leaves the و out: ورد as a reply is the cue `رد`.
  const radd = (found: Quote[]) => cues(found).includes("رد");
  it("a report received (`ورد بلاغ`) is no quote whose speaker is the report", () => {
    // alweeam-2ecf0ce7f7
    const found = quotes(
      "باشرت فرق الهلال الأحمر السعودي بمنطقة القصيم احتراق تيدر تريلة ومحتوياتها وذلك بعدما ورد بلاغ عند الساعة ٢٠:٠٦ من مساء يوم الأربعاء 28/9 متضمنا وجود حريق شاحنة على طريق الرياض القصيم السريع بعد كوبري أم سدرة.",
    );
    assert.ok(!radd(found), JSON.stringify(cues(found)));
  });

  it("the spokesman keeps the statement he adds after `ورد بلاغ`", () => {
    // okaz-17dbb15ef4
    const found = quotes(
      "وأوضح المتحدث الرسمي لهيئة الهلال الأحمر بمنطقة الحدود الشمالية مساعد غالي العنزي، أن الفرقة الإسعافية التابعة لمركز إسعاف طريف قامت بعمل إنعاش قلبي رئوي للخادمة، مضيفا: ورد بلاغ من مواطن لغرفة العمليات بالمنطقة على الرقم (997) وعلى الفور تم توجيه فرقة الإسعاف. وأشار أنهم اتخذوا إجراءات الإنعاش القلبي الرئوي للحالة.",
    );
    assert.ok(!radd(found), JSON.stringify(cues(found)));
    const last = found.find((q) => q.cue.text === "وأشار" || q.cue.text === "أشار");
    assert.ok(last, JSON.stringify(cues(found)));
    assert.ok(!/بلاغ/.test(last.speaker?.text ?? ""), last.speaker?.text);
  });

  it("ورد as a reply (`ورد على`, `ورد قائلا`) stays a cue", () => {
    const found = quotes("ورد المتحدث باسم الوزارة على سؤال عن بلاغ المواطنين بأن التحقيق مستمر.");
    assert.ok(radd(found), JSON.stringify(cues(found)));
  });
});

describe("the speaker phrase ends before an apposition clause", () => {
  it("a spokesman for two tourists `وهما ...` is the unnamed spokesman, not the tourists", () => {
    // alweeam-c3d06d8988
    const found = quotes(
      "وقال متحدث مقره في بريطانيا باسم اثنين من السائحين وهما حسين جاكوبس (74 عاما) وهو ناشط معروف مناهض لسياسة التفرقة العنصرية وزوجته تاهيرا (68 عاما) إن شريطا مصورا عن أمير الحرب المنغولي جنكيز خان ربما يكون قد أدى إلى “سوء الفهم المؤسف”.",
    );
    assert.equal(found.length, 1, JSON.stringify(cues(found)));
    assert.equal(found[0]!.speaker?.text, "متحدث مقره في بريطانيا باسم اثنين من السائحين");
    assert.equal(found[0]!.anonymous, true);
  });
});
