import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Quote } from "../src/extract/quotes/extract-quotes.ts";
import { badSpans, type Span } from "../src/model/span.ts";
import { createPipeline, runPipeline } from "../src/run/pipeline.ts";

// Errors a reader found in the quotes of the bundled sample (samples/articles/), one test per fix, each on
// the sentence where it showed, copied here. SOURCE: SaudiNewsNet (M. Alhagri 2015, CC BY-NC-SA 4.0; see
// samples/SOURCE.md), the article named on each test. The whole pipeline runs (the entities layer takes part
// in some of the rules); it needs nothing outside the repository.

const stages = createPipeline();

function quotes(text: string): Quote[] {
  const doc = runPipeline(stages, { id: "t", raw: text, source: {} });
  assert.equal(doc.status, "ok");
  const found = (doc.layers.quotes ?? []) as Quote[];
  const spans: Span[] = found.flatMap((q) =>
    [q.speaker, q.cue, q.content, q.outlet, q.when, q.speaker_name, q.speaker_role].filter((s): s is Span => s != null),
  );
  assert.deepEqual(badSpans(doc.text, spans), [], "every span slices the text");
  return found;
}

const brief = (q: Quote): [string | null, string, string] => [q.speaker?.text ?? null, q.cue.text, q.content.text];

describe("quotes: errors found in the sample", () => {
  it("a manner word with ب after the verb is no speaker (`ويشير بامتنان إلى`)", () => {
    // sabq-07d218801a.txt
    const found = quotes(
      'وقال "القاضي" خادم الحرمين -حفظه الله- لا يفتأ كلما جاء ذكر المؤرخ الجاسر يطريه ويثمّن ما قدمه لتاريخنا وتراثنا ويشير بامتنان إلى استفادته - حفظه الله- من الراحل فيما يتعلق بتاريخنا السعودي.',
    );
    // Before the fix: [بامتنان, يشير, إلى استفادته ...].
    for (const q of found) assert.notEqual(q.speaker?.text, "بامتنان", JSON.stringify(brief(q)));
  });

  it("a verb right after a relative pronoun reports nothing (`الإسلام الذي يدعو إلى التسامح`)", () => {
    // sabq-07d218801a.txt
    const found = quotes(
      [
        'وقال "القاضي" خادم الحرمين -حفظه الله- لا يفتأ كلما جاء ذكر المؤرخ الجاسر يطريه ويثمّن ما قدمه لتاريخنا وتراثنا ويشير بامتنان إلى استفادته - حفظه الله- من الراحل فيما يتعلق بتاريخنا السعودي.',
        'وعن القضاء على ظاهرة التطرف قال "القاضي" القضاء على قضية العصر «التطرف» يكون بالمزيد من الوعي، وبلورة سماحة الإسلام الذي يدعو إلى التسامح وقبول الآخر.',
      ].join("\n\n"),
    );
    // Before the fix: [بامتنان, يدعو, إلى التسامح وقبول الآخر], the speaker inherited from the paragraph before.
    for (const q of found) assert.notEqual(q.cue.text, "يدعو", JSON.stringify(brief(q)));
  });

  it('a quoted name between the verb and a colon is the speaker, not the content (`قال "القاضي": ...`)', () => {
    // sabq-07d218801a.txt
    const found = quotes('وعن لمن تشرع أبواب القلب، قال "القاضي": أشرعها لحنان أم، وبسمة طفل، ودفء قلب.');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, '"القاضي"');
    assert.match(found[0]!.content.text, /^أشرعها لحنان أم/);
  });

  it("a speaker with a name is not anonymous, even when a source noun heads the role (`عضو ... حمد بن عبدالله القاضي`)", () => {
    // sabq-07d218801a.txt
    const found = quotes(
      "سبق – الرياض: أكد عضو مجلس الشورى السابق والكاتب والإعلامي حمد بن عبدالله القاضي أن خادم الحرمين الشريفين الملك سلمان بن عبد العزيز مثّل قمة الوفاء لمؤسسة العلامة حمد الجاسر.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "عضو مجلس الشورى السابق والكاتب والإعلامي حمد بن عبدالله القاضي");
    assert.equal(found[0]!.anonymous, false);
  });

  it("`وأضاف قائلا:` is one statement, and `غير معلنة` is an adjective, not an aside", () => {
    // okaz-18d65cb136.txt
    const found = quotes(
      [
        "وحول هذه الخطوة؛ أكد رئيس لجنة الأوراق المالية التابعة لغرفة تجارة وصناعة جدة محمد النفيعي أن إعادة هيكلة القوائم المالية للشركة وفق الإعلان الأخير يعطي عدة انعكاسات إيجابية على المدى المتوسط والبعيد لسوق المال السعودي.",
        "وأضاف قائلا: إن تقليص احتياطيات الشركة لتحقيق شفافية الأداء للشركة خلال عامي 2013 و2014 سيزيل أي شكوك حول وجود معلقات مستقبلية غير معلنة على الشركة، مما يعطي العديد من الرسائل التي يمكن تلخيصها في أربع رئيسية، الرسالة الأولى تتمثل في إمكانية التقييم العادل للاستثمار في الشركة وفق الأداء الحالي، والثانية أن كافة الشركات المساهمة مطالبة بضرورة الإفصاح الكامل، الأمر الذي سيؤدي مستقبلا إلى زيادة مستويات الثقة.",
      ].join("\n\n"),
    );
    const speaker = "رئيس لجنة الأوراق المالية التابعة لغرفة تجارة وصناعة جدة محمد النفيعي";
    assert.deepEqual(
      found.map((q) => [q.speaker?.text, q.cue.text]),
      [
        [speaker, "أكد"],
        [speaker, "أضاف"],
      ],
    );
    assert.match(found[1]!.content.text, /^إن تقليص احتياطيات الشركة/);
  });

  it("the subject before `قد` and its verb is the speaker (`وكانت شركة (موبايلي) قد ذكرت`)", () => {
    // okaz-18d65cb136.txt
    const found = quotes(
      "وكانت شركة (موبايلي) قد ذكرت في بيان لها أنها قررت تغيير السياسة المحاسبية المتبعة للاعتراف بالإيرادات المتعلقة بعقود الألياف البصرية.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "شركة (موبايلي)");
    assert.equal(found[0]!.cue.text, "ذكرت");
    assert.match(found[0]!.content.text, /^أنها قررت تغيير السياسة المحاسبية/);
  });

  it("the verb's object read into the speaker is cut where content with a preposition follows (`أكد الربيعة حرص بنك الرياض على`)", () => {
    // aljazirah-589cd7da87.txt (also a gold-annotated article). The earlier sentence names the person in
    // full, which lets the entities layer tag the later `الربيعة`.
    const found = quotes(
      [
        "وقال نائب الرئيس التنفيذي والمشرف العام على برامج خدمة المجتمع في بنك الرياض محمد بن عبدالعزيز الربيعة، إن جائزة «كتاب العام» باتت من العناوين البارزة التي تتصدر أجندة برامج الرعاية المستدامة التابعة للبنك.",
        "وأكد الربيعة حرص بنك الرياض على ترسيخ شراكته المثمرة مع نادي الرياض الأدبي، للحفاظ على استمرارية هذه الجائزة.",
      ].join("\n\n"),
    );
    assert.equal(found.length, 2);
    assert.equal(found[1]!.speaker?.text, "الربيعة");
    assert.match(found[1]!.content.text, /^حرص بنك الرياض على ترسيخ شراكته/);
  });

  it("a noun with a possessive pronoun after a definite word is the object, not the speaker (`وزارة التجارة والصناعة سعيها`)", () => {
    // alweeam-1842d95be9.txt
    const found = quotes(
      "وتؤكد وزارة التجارة والصناعة سعيها المتواصل لتطوير الخدمات الإلكترونية، واستخدام أحدث الوسائل التقنية التي تلبي حاجات القطاع التجاري والصناعي في المملكة لما له من تأثير على قوة ومتانة الاقتصاد الوطني.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "وزارة التجارة والصناعة");
    assert.match(found[0]!.content.text, /^سعيها المتواصل لتطوير الخدمات الإلكترونية/);
  });

  it("a definite participle with its own subject starts the content (`دعت الوزارة المعلنة أسماؤهم المراجعة`)", () => {
    // almadina-2215133250.txt (also a gold-annotated article)
    const found = quotes(
      "ودعت الوزارة المعلنة أسماؤهم المراجعة وذلك اعتباراً من يوم الأحد القادم الموافق 24- 10 - 1436هـ وحتى نهاية دوام يوم الثلاثاء الموافق 3 – 11 - 1436هـ، خلال فترة الدوام الرسمي.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "الوزارة");
    assert.match(found[0]!.content.text, /^المعلنة أسماؤهم المراجعة/);
  });

  it("a present verb with ف after a source phrase is not part of the source (`بحسب ما تداولته ... فيذكر أن`)", () => {
    // 3alyoum-071abff1e4.txt
    const found = quotes(
      "وبحسب ما تداولته مواقع التواصل الاجتماعي فيذكر أن الطالب سعودي يدرس الهندسة الكهربائية في جامعة ويتشيتا في أمريكا، ويبلغ من العمر 23 عامًا.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "ما تداولته مواقع التواصل الاجتماعي");
    assert.match(found[0]!.content.text, /^أن الطالب سعودي/);
  });

  it("a speaker that opens a parenthesis keeps its closing mark (`(الإيدز)`)", () => {
    // arreyadi-0093772100.txt
    const found = quotes(
      "(أعلن برنامج الأمم المتحدة المشترك المعني بفيروس نقص المناعة (الإيدز) خلال اجتماع عقد أمس في أبوجا، أنه سيوزع 2 مليون عبوة واق ذكري على المشجعين الذين سيتواجدون بالبرازيل لمتابعة كأس العالم.",
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.speaker?.text, "برنامج الأمم المتحدة المشترك المعني بفيروس نقص المناعة (الإيدز)");
  });

  it("a participle right after a verb or its speaker restates it: one statement (`وأوضحت قائلة:`)", () => {
    // SaudiNewsNet corpus, aawsat article on angel investors (sentences from its body)
    const found = quotes(
      "وللتكيف مع سيل النصائح، قالت موريل إن «عليها البدء في عدم الإصغاء إلى الكثير من المقترحات». وأوضحت قائلة: «أحب إعلانات (بيتز)، التي يستمع فيها لاعب كرة سلة إلى الموسيقى، ثم يفوز بالمباراة. هذا هو شعوري».\n\nوأوضح سوليان قائلا: «عندما يكون هناك اسم يثقون به، يصبح الجميع راغبين في الاستثمار».",
    );
    assert.deepEqual(
      found.map((q) => [q.speaker?.text, q.cue.text]),
      [
        ["موريل", "قالت"],
        ["موريل", "أوضحت"],
        ["سوليان", "أوضح"],
      ],
    );
  });
});
