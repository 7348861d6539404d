/**
 * The interface strings in Arabic and English. Every word the UI shows that is
 * not data comes from here, so switching language is one lookup away and the
 * page direction follows the language (`ar` → rtl, `en` → ltr).
 */
const STRINGS = {
  ar: {
    brand: "خبر",
    tagline: "قارئ الأخبار العربية",
    skip: "تخطَّ إلى المحتوى",
    nav: "التنقل الرئيسي",
    navSearch: "بحث",
    navStories: "القصص",
    navDashboard: "لوحة المعلومات",
    switchLang: "English",
    switchLangLabel: "Switch the interface to English",
    query: "استعلام البحث",
    queryPlaceholder: "مثال: العراق speaker:العبادي date:2015",
    searchButton: "ابحث",
    allCopies: "أظهر كل النسخ",
    queryHelp: "لغة الاستعلام",
    results: "النتائج",
    resultsCount: "{n} نتيجة في {ms} م.ث",
    noResults: "لا نتائج.",
    facets: "تصفية",
    facet_entity: "الكيانات",
    facet_speaker: "المتحدثون",
    facet_site: "المصادر",
    facet_date: "الأشهر",
    facet_unit: "الوحدات",
    facet_lang: "اللغة",
    addFilter: "أضف المرشح: {v}",
    copies: "{n} نسخ",
    copyOf: "نسخة من مقال آخر",
    untitled: "(بلا عنوان)",
    prev: "السابق",
    next: "التالي",
    page: "صفحة {p} من {n}",
    loading: "جارٍ التحميل…",
    error: "خطأ",
    notFound: "غير موجود.",
    // article
    article: "مقال",
    layers: "الطبقات",
    layerEntities: "الكيانات",
    layerQuotes: "الاقتباسات",
    layerFigures: "الأرقام",
    layerDates: "التواريخ",
    view: "العرض",
    viewClean: "النص المنظَّف",
    viewRaw: "الأصل مع المحذوف",
    rawNote: "النص الأصلي كما ورد؛ ما حذفه التنظيف مشطوب ومعلَّم بنوعه.",
    removedKind: "محذوف: {k}",
    replacedBy: "استُبدل بـ: {r}",
    mentionInfo: "تفاصيل الإشارة",
    mentionHint: "مرِّر المؤشر فوق إشارة أو انتقل إليها بلوحة المفاتيح لترى قيمتها.",
    entityPage: "صفحة الكيان",
    speakerPage: "صفحة المتحدث",
    quotes: "الاقتباسات",
    noQuotes: "لا اقتباسات.",
    speaker: "المتحدث",
    cue: "فعل القول",
    direct: "مباشر",
    indirect: "غير مباشر",
    anonymous: "مجهول",
    via: "عبر",
    copiesTitle: "النسخ",
    noCopies: "لا نسخ مخزنة لهذا المقال.",
    compare: "قارن",
    compareWith: "قارن مع {t}",
    diffTitle: "الفرق كلمةً كلمة",
    diffThis: "هذا المقال",
    diffOther: "النسخة",
    diffSame: "النصان متطابقان.",
    diffStats: "{d} كلمة محذوفة، {i} كلمة مضافة",
    kind_exact: "مطابقة",
    kind_near: "قريبة",
    kind_contained: "محتواة",
    kind_extended: "موسَّعة",
    kind_original: "الأصل",
    similarity: "التشابه {s}",
    story: "القصة",
    openStory: "افتح القصة",
    source: "المصدر",
    date: "التاريخ",
    value: "القيمة",
    figures: "الأرقام",
    // speaker / entity
    speakerTitle: "ما قاله: {s}",
    quotesCount: "{n} قول، بالترتيب الزمني",
    loadMore: "حمّل المزيد",
    alsoIn: "ورد أيضًا في:",
    entityTitle: "الكيان",
    mentions: "{n} إشارة في {a} مقال",
    aliases: "الصيغ",
    timeline: "الإشارات عبر الزمن",
    cooccurring: "كيانات ترد معه",
    shared: "{n} مقال مشترك",
    latest: "أحدث المقالات",
    saidBy: "أقواله",
    // stories
    storiesTitle: "القصص",
    noStories: "لا قصص مجمّعة في هذه المجموعة.",
    articlesSites: "{a} مقال من {s} مصدر",
    storyTimeline: "المقالات على الخط الزمني",
    disagreements: "أرقام تختلف بين المصادر",
    noDisagreement: "لم تختلف المصادر على رقم بوحدة واحدة.",
    unit: "الوحدة",
    reportedBy: "أوردها",
    noFigures: "لا أرقام",
    // dashboard
    dashboardTitle: "لوحة المعلومات",
    statArticles: "المقالات",
    statOk: "سليمة",
    statDuplicates: "نسخ مكررة (مستبعدة)",
    statRejected: "مرفوضة",
    statStories: "القصص",
    bySite: "حسب المصدر",
    byDay: "المقالات يوميًا",
    topEntities: "أكثر الكيانات ذكرًا",
    topSpeakers: "أكثر المتحدثين",
    rejections: "أسباب الرفض",
    chartDayLabel: "مقالات في اليوم",
    count: "العدد",
    byMonth: "(مجمّعة شهريًا)",
  },
  en: {
    brand: "khabar",
    tagline: "Arabic news reader",
    skip: "Skip to content",
    nav: "Main navigation",
    navSearch: "Search",
    navStories: "Stories",
    navDashboard: "Corpus",
    switchLang: "العربية",
    switchLangLabel: "حوّل الواجهة إلى العربية",
    query: "Search query",
    queryPlaceholder: "e.g. العراق speaker:العبادي date:2015",
    searchButton: "Search",
    allCopies: "Show every copy",
    queryHelp: "Query language",
    results: "Results",
    resultsCount: "{n} results in {ms} ms",
    noResults: "No results.",
    facets: "Filters",
    facet_entity: "Entities",
    facet_speaker: "Speakers",
    facet_site: "Sources",
    facet_date: "Months",
    facet_unit: "Units",
    facet_lang: "Language",
    addFilter: "Add filter: {v}",
    copies: "{n} copies",
    copyOf: "copy of another article",
    untitled: "(untitled)",
    prev: "Previous",
    next: "Next",
    page: "Page {p} of {n}",
    loading: "Loading…",
    error: "Error",
    notFound: "Not found.",
    article: "Article",
    layers: "Layers",
    layerEntities: "Entities",
    layerQuotes: "Quotes",
    layerFigures: "Figures",
    layerDates: "Dates",
    view: "View",
    viewClean: "Cleaned text",
    viewRaw: "Raw with removals",
    rawNote: "The input as received; what cleaning removed is struck through and labelled with its kind.",
    removedKind: "removed: {k}",
    replacedBy: "replaced by: {r}",
    mentionInfo: "Mention details",
    mentionHint: "Hover over a mention or move to it with the keyboard to see its value.",
    entityPage: "Entity page",
    speakerPage: "Speaker page",
    quotes: "Quotes",
    noQuotes: "No quotes.",
    speaker: "Speaker",
    cue: "Cue",
    direct: "direct",
    indirect: "indirect",
    anonymous: "anonymous",
    via: "via",
    copiesTitle: "Copies",
    noCopies: "No stored copies of this article.",
    compare: "Compare",
    compareWith: "Compare with {t}",
    diffTitle: "Word-level difference",
    diffThis: "This article",
    diffOther: "The copy",
    diffSame: "The two texts are identical.",
    diffStats: "{d} words removed, {i} words added",
    kind_exact: "exact",
    kind_near: "near",
    kind_contained: "contained",
    kind_extended: "extended",
    kind_original: "original",
    similarity: "similarity {s}",
    story: "Story",
    openStory: "Open the story",
    source: "Source",
    date: "Date",
    value: "Value",
    figures: "Figures",
    speakerTitle: "What {s} said",
    quotesCount: "{n} statements, in time order",
    loadMore: "Load more",
    alsoIn: "Also in:",
    entityTitle: "Entity",
    mentions: "{n} mentions in {a} articles",
    aliases: "Forms",
    timeline: "Mentions over time",
    cooccurring: "Co-occurring entities",
    shared: "{n} shared articles",
    latest: "Latest articles",
    saidBy: "Statements",
    storiesTitle: "Stories",
    noStories: "No stories grouped in this corpus.",
    articlesSites: "{a} articles from {s} sources",
    storyTimeline: "Articles on a timeline",
    disagreements: "Figures the sources disagree on",
    noDisagreement: "No two sources gave different numbers in the same unit.",
    unit: "Unit",
    reportedBy: "Reported by",
    noFigures: "no figures",
    dashboardTitle: "Corpus",
    statArticles: "Articles",
    statOk: "OK",
    statDuplicates: "Duplicates (removed)",
    statRejected: "Rejected",
    statStories: "Stories",
    bySite: "By source",
    byDay: "Articles per day",
    topEntities: "Top entities",
    topSpeakers: "Top speakers",
    rejections: "Rejections",
    chartDayLabel: "articles per day",
    count: "Count",
    byMonth: "(summed by month)",
  },
} as const;

/** An interface language. */
export type Lang = keyof typeof STRINGS;
/** A key of the dictionary. */
export type StringKey = keyof (typeof STRINGS)["ar"];

let current: Lang = initialLang();

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem("khabar.lang");
    if (saved === "en" || saved === "ar") return saved;
  } catch {
    // Storage can be disabled; Arabic is the default.
  }
  return "ar";
}

/** The interface language now in use. */
export function lang(): Lang {
  return current;
}

/**
 * Switch the interface language, remember it, and set `lang`/`dir` on the page.
 *
 * @param next the language to use
 */
export function setLang(next: Lang): void {
  current = next;
  try {
    globalThis.localStorage?.setItem("khabar.lang", next);
  } catch {
    // Not remembered: fine.
  }
  applyLang();
}

/** Put the current language and its direction on `<html>`. */
export function applyLang(): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  root.lang = current;
  root.dir = current === "ar" ? "rtl" : "ltr";
}

/**
 * An interface string, with `{name}` placeholders filled.
 *
 * @param key the dictionary key
 * @param vars values for the placeholders (numbers are formatted for the language)
 * @returns the string in the current language
 */
export function t(key: StringKey, vars?: Record<string, string | number>): string {
  let s: string = STRINGS[current][key];
  if (vars) {
    for (const [name, value] of Object.entries(vars))
      s = s.replace(`{${name}}`, typeof value === "number" ? num(value) : value);
  }
  return s;
}

/**
 * A number for display. Western digits in both languages: the articles
 * themselves mostly use them, and the reader compares figures with the text.
 */
export function num(n: number): string {
  return n.toLocaleString(current === "ar" ? "ar-u-nu-latn" : "en", { maximumFractionDigits: 2 });
}
