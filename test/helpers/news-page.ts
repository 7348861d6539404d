// Realistic Arabic news pages built around a known article body, for HTML/WARC tests and scripts/eval-html.ts.
// Three layouts seen on Arabic news sites: a modern article page (JSON-LD, <figure>, share bar, comments), an old
// table layout (paragraphs split by <br><br>, visible date only, Windows-1256-era markup) and a div-soup CMS page
// (Open Graph dates, ad slots, "read also" boxes inside the body, reader comments).

/** What a built page should yield: the body paragraphs, the title, the date. */
export interface BuiltPage {
  html: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  paragraphs: string[];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const MONTHS = [
  "يناير",
  "فبراير",
  "مارس",
  "أبريل",
  "مايو",
  "يونيو",
  "يوليو",
  "أغسطس",
  "سبتمبر",
  "أكتوبر",
  "نوفمبر",
  "ديسمبر",
];
const NAV = ["الرئيسية", "محليات", "سياسة", "اقتصاد", "رياضة", "ثقافة", "تقنية", "منوعات", "كتاب وآراء", "فيديو"];
const RELATED = [
  "أمير المنطقة يدشن مشروعات تنموية بقيمة 500 مليون ريال",
  "الأرصاد: أمطار رعدية على معظم مناطق المملكة حتى نهاية الأسبوع",
  "وزارة التعليم تعلن مواعيد بدء العام الدراسي الجديد",
  "ارتفاع مؤشر سوق الأسهم السعودية في ختام تعاملات اليوم",
  "الهلال يتعاقد مع مدافع برازيلي لمدة ثلاثة مواسم",
];
const COMMENTS = [
  "خبر مهم جدا ونتمنى أن تستمر الجهود في هذا الاتجاه، شكرا للصحيفة على المتابعة الدقيقة.",
  "للأسف تأخر هذا القرار كثيرا، وكان يجب أن يصدر منذ سنوات حتى لا تتفاقم المشكلة أكثر مما هي عليه الآن.",
  "الله يوفق القائمين على هذا العمل ويجزاهم خير.",
];

/**
 * Build a news page around `body` (one paragraph a line).
 *
 * @param layout 0 modern, 1 old table layout, 2 div soup
 */
export function buildNewsPage(
  body: string,
  meta: { title: string; date: string; site: string; url: string; author?: string },
  layout: number,
): BuiltPage {
  const paragraphs = body
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");
  const [y, m, d] = meta.date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const visible = `${d} ${MONTHS[m - 1]} ${y}`;
  const nav = NAV.map((n, i) => `<li><a href="/section/${i}">${n}</a></li>`).join("");
  const related = RELATED.map((r, i) => `<li><a href="/news/${1000 + i}">${r}</a></li>`).join("\n");
  const ps = paragraphs.map((p) => `<p>${esc(p)}</p>`);
  const mid = Math.max(1, Math.floor(ps.length / 2));
  const title = esc(meta.title);
  let html: string;
  if (layout % 3 === 0) {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: meta.title,
      datePublished: `${meta.date.slice(0, 10)}T08:30:00+03:00`,
      author: { "@type": "Person", name: meta.author || "فريق التحرير" },
      publisher: { "@type": "Organization", name: meta.site },
    });
    html = `<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title} | ${esc(meta.site)}</title>
<link rel="canonical" href="${esc(meta.url)}"><meta property="og:site_name" content="${esc(meta.site)}">
<script type="application/ld+json">${ld}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>
<style>.ad{min-height:250px}</style></head>
<body>
<header class="site-header"><div class="logo"><a href="/">${esc(meta.site)}</a></div><nav class="main-nav"><ul>${nav}</ul></nav>
<div class="ticker">عاجل: <a href="/breaking/1">مجلس الوزراء يعقد جلسته الأسبوعية برئاسة خادم الحرمين الشريفين</a></div></header>
<div class="breadcrumb"><a href="/">الرئيسية</a> › <a href="/local">محليات</a></div>
<main class="container"><article class="article">
<h1 class="article-title">${title}</h1>
<div class="article-meta"><span class="author">${esc(meta.author || "فريق التحرير")}</span> <time datetime="${meta.date.slice(0, 10)}T08:30:00+03:00">${visible}</time></div>
<div class="share-bar"><a href="#">تويتر</a> <a href="#">فيسبوك</a> <a href="#">واتساب</a></div>
<figure class="main-image"><img src="/img/main.jpg" alt=""><figcaption>صورة أرشيفية من موقع الحدث <span class="credit">تصوير: محمد العلي</span></figcaption></figure>
<div class="article-body">
${ps.slice(0, mid).join("\n")}
<aside class="read-also"><strong>اقرأ أيضاً:</strong> <a href="/news/2000">${RELATED[0]}</a></aside>
<div class="ad ad-inline" id="div-gpt-ad-1"><script>googletag.cmd.push(function(){})</script>إعلان</div>
${ps.slice(mid).join("\n")}
</div>
<div class="tags">الوسوم: <a href="/tag/1">السعودية</a> <a href="/tag/2">أخبار</a></div>
</article>
<section class="related-news"><h3>أخبار ذات صلة</h3><ul>${related}</ul></section>
<section class="comments" id="comments"><h3>التعليقات (3)</h3>${COMMENTS.map((c, i) => `<div class="comment"><b>زائر ${i + 1}</b><p>${c}</p></div>`).join("")}
<form class="comment-form"><textarea></textarea><button>أرسل</button></form></section>
</main>
<aside class="sidebar"><div class="widget most-read"><h3>الأكثر قراءة</h3><ol>${related}</ol></div>
<div class="widget newsletter"><p>اشترك في النشرة البريدية ليصلك كل جديد</p></div></aside>
<footer class="site-footer"><p>جميع الحقوق محفوظة © ${y} ${esc(meta.site)}</p><ul>${nav}</ul></footer>
</body></html>`;
  } else if (layout % 3 === 1) {
    html = `<html><head><title>${esc(meta.site)} - ${title}</title>
<meta name="keywords" content="اخبار, السعودية"></head>
<body bgcolor="#ffffff"><table width="980" align="center"><tr><td colspan="2"><img src="/banner.gif"><br>
${NAV.map((n, i) => `<a href="/sec${i}.htm">${n}</a>`).join(" | ")}</td></tr>
<tr><td width="200" valign="top" class="right-col"><b>أخبار سابقة</b><br>${RELATED.map((r, i) => `<a href="/old${i}.htm">${r}</a>`).join("<br>")}<br><br><font size="1">استطلاع الرأي: هل أنت راض عن الخدمات؟</font></td>
<td valign="top"><font size="2" color="gray">${visible}</font><br><font size="4"><b>${title}</b></font><br><br>
<font size="3">${paragraphs.map(esc).join("<br><br>\n")}</font><br><br>
<a href="javascript:print()">طباعة</a> | <a href="mailto:?">أرسل لصديق</a></td></tr>
<tr><td colspan="2" align="center"><font size="1">جميع الحقوق محفوظة لـ ${esc(meta.site)} ${y}</font></td></tr></table></body></html>`;
  } else {
    html = `<!DOCTYPE html><html lang="ar"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${title}</title><meta property="og:title" content="${title}"><meta property="og:type" content="article">
<meta property="article:published_time" content="${meta.date.slice(0, 10)}T10:00:00Z"><meta property="og:url" content="${esc(meta.url)}">
<meta property="og:site_name" content="${esc(meta.site)}"><meta name="author" content="${esc(meta.author || meta.site)}"></head>
<body><div id="wrapper"><div id="top-bar"><div class="menu">${NAV.map((n) => `<a href="#">${n}</a>`).join(" ")}</div></div>
<div id="leaderboard" class="ads-slot"><iframe src="/ads/728x90"></iframe></div>
<div id="content"><div class="col-main"><div class="news-title"><h2>${title}</h2></div>
<div class="news-date">${visible}</div>
<div class="news-text">
${ps.slice(0, mid).join("\n")}
<div class="related-box"><span>اقرأ أيضا</span><ul>${related}</ul></div>
${ps.slice(mid).join("\n")}
</div>
<div class="social-share"><span>شارك الخبر</span> <a href="#">Facebook</a> <a href="#">Twitter</a></div>
<div class="fb-comments" data-href="${esc(meta.url)}"></div>
<div id="comments-area"><h4>تعليقات القراء</h4>${COMMENTS.map((c) => `<div class="comment-body"><p>${c}</p></div>`).join("")}</div>
</div><div class="col-side"><div class="box"><h4>الأكثر قراءة</h4><ul>${related}</ul></div><div class="box ad-300"><img src="/ads/300x250.gif"></div></div></div>
<div id="footer">${NAV.map((n) => `<a href="#">${n}</a>`).join(" - ")}<br>© ${y} ${esc(meta.site)} - جميع الحقوق محفوظة</div></div>
<script src="/js/app.js"></script></body></html>`;
  }
  return { html, title: meta.title, date: meta.date.slice(0, 10), paragraphs };
}

/**
 * A fourth layout, written after the extractor was tuned on the three above and kept out of tuning (a held-out
 * check for scripts/eval-html.ts): a WordPress theme with entry-content, an ad block and a pull quote inside
 * the body, tags, an author box, post navigation, a comment list and sidebar widgets. Its only visible date is
 * the site's "today" in the top bar (the post says "منذ 3 ساعات"), so `date` is that.
 */
export function buildWordPressPage(body: string, meta: { title: string; site: string }): BuiltPage {
  const paragraphs = body
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");
  const ps = paragraphs
    .map(
      (p, i) =>
        `<p>${esc(p)}</p>${i === 0 ? '<div class="code-block code-block-2"><ins class="adsbygoogle"></ins></div>' : ""}${i === 1 ? '<blockquote class="wp-block-pullquote"><p><a href="/p/9">تابعوا آخر الأخبار عبر قناتنا في تلغرام</a></p></blockquote>' : ""}`,
    )
    .join("\n");
  const html = `<!doctype html><html dir="rtl" lang="ar-SA"><head><meta charset="UTF-8"><title>${esc(meta.title)} &#8211; ${esc(meta.site)}</title></head>
<body class="post-template-default single"><div id="page" class="site"><div class="top-bar"><span>الأحد، 9 أغسطس 2015</span> <a href="/login">تسجيل الدخول</a></div>
<div id="masthead"><a class="custom-logo-link" href="/">${esc(meta.site)}</a><ul id="primary-menu"><li><a href="/">الرئيسية</a></li><li><a href="/c/1">محليات</a></li><li><a href="/c/2">رياضة</a></li></ul></div>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">
<article id="post-1" class="post type-post"><div class="entry-header"><h1 class="entry-title">${esc(meta.title)}</h1><div class="entry-meta"><span class="posted-on">منذ 3 ساعات</span> <span class="cat-links"><a href="/c/1">محليات</a></span></div></div>
<div class="entry-content">${ps}</div>
<div class="entry-footer"><span class="tags-links"><a href="/t/1">السعودية</a>، <a href="/t/2">محليات</a></span></div>
<div class="author-info"><h2>عن الكاتب</h2><p>محرر في قسم الأخبار المحلية يكتب عن شؤون المناطق والبلديات منذ عام 2010، ويغطي الفعاليات.</p></div>
</article>
<div class="post-navigation"><a href="/p/1">الخبر السابق: افتتاح مركز صحي جديد</a> <a href="/p/3">الخبر التالي: مهرجان الصيف</a></div>
<div id="comments" class="comments-area"><h2 class="comments-title">2 تعليقان</h2><ol class="comment-list"><li><div class="comment-content"><p>مشكورين على هذا الخبر المفيد، ونأمل المزيد من المتابعة في الأيام القادمة إن شاء الله.</p></div></li><li><div class="comment-content"><p>الله يعطيكم العافية على الجهود الكبيرة التي تبذلونها يوميا.</p></div></li></ol></div>
</main></div><div id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2>أحدث المقالات</h2><ul><li><a href="/p/5">وزير الصحة يزور مستشفى الملك فهد</a></li><li><a href="/p/6">انطلاق فعاليات مهرجان الصيف في أبها</a></li></ul></section></div></div>
<div class="site-info">© 2015 ${esc(meta.site)}. بدعم من ووردبريس</div></div></body></html>`;
  return { html, title: meta.title, date: "2015-08-09", paragraphs };
}
