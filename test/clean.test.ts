import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { clean } from "../src/clean/clean.ts";
import type { Doc } from "../src/model/doc.ts";
import { commitText } from "../src/run/commit-text.ts";
import { runPipeline } from "../src/run/pipeline.ts";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");
const stages = [
  { name: "clean", run: clean() },
  { name: "commit", run: commitText() },
];

function run(raw: string): Doc {
  const doc = runPipeline(stages, { id: "t", raw, source: { path: "t.txt" } });
  assert.equal(doc.status, "ok", doc.error?.message);
  checkInvariants(doc);
  return doc;
}

// Every removal is exactly the raw text it names, and the text has no stray whitespace.
function checkInvariants(doc: Doc): void {
  for (const r of [...doc.removed, ...doc.replaced]) assert.equal(doc.raw.slice(r.start, r.end), r.text);
  assert.equal(doc.text, doc.text.trim());
  assert.ok(!doc.text.includes("\n\n"), "no empty line remains");
  for (const line of doc.text.split("\n")) assert.equal(line, line.replace(/^[\s\u00a0]+|[\s\u00a0]+$/gu, ""));
}

const kinds = (doc: Doc): [string, string][] =>
  doc.removed.filter((r) => r.kind !== "whitespace").map((r) => [r.kind, r.text.trim()]);

describe("clean: the reference article", () => {
  const raw = fixture("seed.txt");
  const doc = run(raw);

  it("keeps every sentence of the article", () => {
    const lines = raw.split("\n").filter((l) => !["[ad_1]", "[ad_2]", "المصدر"].includes(l.trim()));
    assert.equal(lines.length, 13);
    for (const line of lines) assert.ok(doc.text.includes(line.trim()), `lost: ${line.slice(0, 40)}`);
  });

  it("removes [ad_1], [ad_2] and the trailing المصدر, and lists them with their kinds", () => {
    assert.ok(!doc.text.includes("[ad_"));
    assert.ok(!doc.text.trimEnd().endsWith("المصدر"));
    assert.deepEqual(kinds(doc), [
      ["ad", "[ad_1]"],
      ["ad", "[ad_2]"],
      ["source_label", "المصدر"],
    ]);
  });

  it("starts with the caption and ends with the last sentence", () => {
    assert.ok(doc.text.startsWith("ويوجد حاليًا حوالي 2500 جندي"));
    assert.ok(doc.text.endsWith("يسبب مشاكل أكثر من الحلول”."));
  });

  it("maps every kept character back to the raw input", () => {
    for (let i = 0; i < doc.text.length; i += 37) assert.equal(doc.raw[doc.map.toRaw(i)!], doc.text[i]);
  });
});

describe("clean: one debris kind at a time", () => {
  const body = "وقال المتحدث إن الاجتماع سيعقد الأسبوع المقبل.";

  it("ad: placeholders in their common shapes and advertisement lines", () => {
    for (const junk of ["[ad_1]", "[ad#2]", "[adsense]", "إعلان", "إعلانات", "- إعلان -", "Advertisement"]) {
      const doc = run(`${body}\n${junk}\n${body}`);
      assert.equal(doc.text, `${body}\n${body}`, junk);
      assert.deepEqual(kinds(doc), [["ad", junk]]);
    }
    const inline = run(`وقال المتحدث [ad_3] إن الاجتماع سيعقد.`);
    assert.equal(inline.text, "وقال المتحدث إن الاجتماع سيعقد.");
  });

  it("source_label: a dangling label, with a URL or a site name, or stuck to the end", () => {
    for (const junk of [
      "المصدر",
      "المصدر:",
      "المصدر: https://www.aljazeera.net/news/2024/5/1/x",
      "مصدر الخبر: الجزيرة نت",
      "المصدر : وكالات",
    ]) {
      const doc = run(`${body}\n${junk}`);
      assert.equal(doc.text, body, junk);
      assert.deepEqual(kinds(doc), [["source_label", junk]]);
    }
    const stuck = run(`${body}\nوأضاف أن الحل قريب. المصدر: الجزيرة نت`);
    assert.equal(stuck.text, `${body}\nوأضاف أن الحل قريب.`);
    assert.deepEqual(kinds(stuck), [["source_label", "المصدر: الجزيرة نت"]]);
  });

  it("read_also: اقرأ أيضا lines with or without a headline", () => {
    for (const junk of [
      "اقرأ أيضا",
      "اقرأ أيضاً: الحكومة تعلن موعد الانتخابات البلدية",
      "إقرأ أيضا: ارتفاع أسعار النفط",
      "طالع أيضا: مقتل 5 في انفجار",
      "شاهد أيضا",
    ]) {
      const doc = run(`${body}\n${junk}\n${body}`);
      assert.equal(doc.text, `${body}\n${body}`, junk);
      assert.deepEqual(kinds(doc), [["read_also", junk]]);
    }
  });

  it("share_prompt: share and follow prompts, and 3alyoum's gallery navigation", () => {
    for (const junk of [
      "شارك هذا الخبر",
      "شارك على: فيسبوك تويتر واتساب",
      "تابعونا على تويتر",
      "Share Tweet",
      "Next Previous",
      "طباعة",
    ]) {
      const doc = run(`${body}\n${junk}\n${body}`);
      assert.equal(doc.text, `${body}\n${body}`, junk);
      assert.deepEqual(kinds(doc), [["share_prompt", junk]]);
    }
    const glued = run(" Next Previous عين اليوم – الرياض\nاستقبل أمير المنطقة المهنئين.");
    assert.equal(glued.text, "عين اليوم – الرياض\nاستقبل أمير المنطقة المهنئين.");
  });

  it("url: a lone URL after a finished sentence, not one a line introduces", () => {
    const lone = run(`${body}\nwww.alehaidib.com\n`);
    assert.equal(lone.text, body);
    assert.deepEqual(kinds(lone), [["url", "www.alehaidib.com"]]);
    const introduced = run("ويمكن التقديم على الرابط التالي:\nhttp://jobs.example.sa");
    assert.equal(introduced.text, "ويمكن التقديم على الرابط التالي:\nhttp://jobs.example.sa");
  });

  it("html_tag and html_entity: leftovers of the page", () => {
    const doc = run(
      '<p>قال الوزير &quot;لن نتراجع&quot;</p>\n<div class="ad"></div>\nوأضاف أن القرار نهائي<br/>وغير قابل للنقاش &amp; المراجعة.',
    );
    assert.equal(doc.text, 'قال الوزير "لن نتراجع"\nوأضاف أن القرار نهائي وغير قابل للنقاش & المراجعة.');
    assert.ok(doc.removed.some((r) => r.kind === "html_tag" && r.text.startsWith("<div")));
    assert.ok(doc.replaced.some((r) => r.kind === "html_entity" && r.text === "&quot;" && r.replacement === '"'));
    const math = run("إذا كان a<b وb>c فإن الشرط صحيح.");
    assert.equal(math.text, "إذا كان a<b وb>c فإن الشرط صحيح.");
  });

  it("whitespace: blank lines, leading and trailing blanks and no-break spaces", () => {
    const doc = run(`\n \n\u00a0 ${body} \u00a0\n\n\n\t${body}\r\n\n`);
    assert.equal(doc.text, `${body}\n${body}`);
    assert.ok(doc.removed.every((r) => r.kind === "whitespace"));
  });

  it("site debris of SaudiNewsNet: wire markers, SMS codes, read-more links", () => {
    const spa = run("وأكد أن المملكة ماضية في دعم الاستقرار. // انتهى //\n//انتهى//");
    assert.equal(spa.text, "وأكد أن المملكة ماضية في دعم الاستقرار.");
    assert.deepEqual(kinds(spa), [
      ["site_marker", "// انتهى //"],
      ["site_marker", "//انتهى//"],
    ]);
    const sms = run(
      `${body}\nsalem_sahab@hotmail.com\nللتواصل مع الكاتب ارسل رسالة SMS\nتبدأ بالرمز (100) ثم مسافة ثم نص الرسالة إلى\n88591 - Stc\n635031 - Mobily\n737221 - Zain`,
    );
    assert.equal(sms.text, `${body}\nsalem_sahab@hotmail.com`);
    assert.equal(kinds(sms).length, 5);
    assert.ok(kinds(sms).every(([k]) => k === "sms_prompt"));
    const glued = run(
      `${body}\nQadis@hotmail.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (4) ثم مسافة ثم نص الرسالة إلى 88591 - Stc`,
    );
    assert.equal(glued.text, `${body}\nQadis@hotmail.com`);
    const okaz = run(`${body}\nللتواصل أرسل sms إلى 88548 الاتصالات ,636250 موبايلي, 738303 زين تبدأ بالرمز 262 مسافة`);
    assert.equal(okaz.text, body);
  });

  it("read_more and tag_list: the real articles", () => {
    const aawsat = run(fixture("saudinewsnet/aawsat-bd76273c5f.txt"));
    assert.deepEqual(kinds(aawsat), [["read_more", "...المزيد"]]);
    assert.ok(aawsat.text.endsWith("{يصب في تجنيد الشباب العاطلين وتوحيد الصف العسكري»."));
    const tags = run(fixture("saudinewsnet/3alyoum-b5ccd68165.txt"));
    assert.deepEqual(kinds(tags), [["tag_list", "سمات أحواش إزالة البلديات الشوقية فلل مكة"]]);
    assert.ok(tags.text.endsWith("للحد من إنتشار مثل هذه الظواهر السلبية ."));
    assert.ok(tags.text.startsWith("مكة المكرمة – حامد القرشي\nأزالت بلدية"));
    const quoted = run(
      'وفي ختام الزيارة تسلم الطلاب شهادات تقدير. سمات الملحقية الثقافية برنامج "مسك الخيرية" التحالف الدولي. قادة المستقبل',
    );
    assert.equal(quoted.text, "وفي ختام الزيارة تسلم الطلاب شهادات تقدير.");
    const noPunct = run("وعثرت دراساتهم على نقطة مهمة موجودة في السودان سمات احتياطات الذهب السودان ");
    assert.equal(noPunct.text, "وعثرت دراساتهم على نقطة مهمة موجودة في السودان");
  });

  it("dangling_label: a last line announcing a list the scraper did not keep", () => {
    const doc = run(fixture("saudinewsnet/almadina-2215133250.txt"));
    assert.deepEqual(kinds(doc), [["dangling_label", "أسماء المدعوات للمطابقة"]]);
    assert.ok(doc.text.endsWith("الأولوية الأولى في الدرجة العلمية."));
    assert.ok(doc.text.includes("أعلنت وزارة الخدمة المدنية أسماء (4878) متقدمة"));
  });
});

describe("clean: text that only mentions debris words stays", () => {
  const keeps = [
    "وأكد المصدر أن المفاوضات ستستأنف الأسبوع المقبل.",
    "وقتل 9 جنود في الهجوم، بحسب المصدر.",
    "وأشار إلى أن الوزارة ستعلن النتائج حسب المصدر نفسه",
    "وجاء الإعلان عن الاتفاق بعد مفاوضات طويلة.",
    "إعلان الرياض يدعو إلى وقف إطلاق النار في اليمن.",
    "وشارك في الاجتماع وزراء خارجية دول الخليج.",
    "وتابعونا غدا في الحلقة الثانية من هذه السلسلة حيث نستعرض أبرز المحطات.",
    "التطرف منتشر في العالم العربي، بل هو إحدى سمات المجتمع. ومع ذلك لا نفعل شيئا",
    "وهو نفسه يعتز بذلك ويعتبره سمة من سمات تجربته كاتبا",
    "واختتمت الندوة بالحديث عن أبرز سمات الشخصية السعودية",
    "وتحدث عن الأمر طويلا. سمات القيادة تظهر في الأزمات.",
    "اقرأ المقال كاملا يوم الأحد في الملحق الثقافي للصحيفة وعلى موقعها لأن التفاصيل كثيرة.",
  ];
  for (const line of keeps) {
    it(line.slice(0, 40), () => {
      const doc = run(`وقال الوزير إن القرار نهائي.\n${line}`);
      assert.equal(doc.text, `وقال الوزير إن القرار نهائي.\n${line}`);
    });
  }

  it("a bare 'تويتر' label over the columnist's handle stays", () => {
    const doc = run("وللحديث بقية.\nتويتر\n@columnist");
    assert.equal(doc.text, "وللحديث بقية.\nتويتر\n@columnist");
  });

  it("a short last line that announces nothing stays", () => {
    const doc = run("وللحديث بقية.\nصالح الزهراني");
    assert.equal(doc.text, "وللحديث بقية.\nصالح الزهراني");
  });
});

describe("clean: after another stage's edits", () => {
  it("skips an edit that would partly overlap an earlier one instead of failing the document", () => {
    const raw = "وقال الوزير إن القرار نهائي.\r\nوأضاف أن التنفيذ يبدأ غدا.";
    const crlf = raw.indexOf("\r\n");
    const stages = [
      { name: "normalize", run: (doc: Doc) => doc.edit(crlf, crlf + 2, "\n", "line_break") },
      { name: "clean", run: clean() },
      { name: "commit", run: commitText() },
    ];
    const doc = runPipeline(stages, { id: "t", raw, source: {} });
    assert.equal(doc.status, "ok", doc.error?.message);
    assert.equal(doc.text, "وقال الوزير إن القرار نهائي.\nوأضاف أن التنفيذ يبدأ غدا.");
  });
});
