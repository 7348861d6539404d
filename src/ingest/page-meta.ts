import { readFileSync } from "node:fs";
import { matchForm } from "../normalize/match-form.ts";
import type { DomDocument } from "./extract-article.ts";

/** What a news page says about itself. Dates are ISO 8601 when they could be read. */
export interface PageMeta {
  title?: string;
  published?: string;
  modified?: string;
  author?: string;
  /** Canonical URL (`<link rel=canonical>`, then `og:url`, then JSON-LD `url`). */
  url?: string;
  site?: string;
  lang?: string;
  /** `rtl` or `ltr`: as declared (`<html dir>`, `<body dir>`), else from the body's script. */
  dir?: string;
  description?: string;
}

interface JsonLdArticle {
  headline?: unknown;
  name?: unknown;
  datePublished?: unknown;
  dateModified?: unknown;
  author?: unknown;
  publisher?: unknown;
  url?: unknown;
  mainEntityOfPage?: unknown;
  inLanguage?: unknown;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|WebPage|LiveBlogPosting)$/;

/**
 * Read a page's metadata: Open Graph and article: meta tags, JSON-LD
 * (`NewsArticle` and kin, also inside `@graph`), `<time>`, `<link rel=canonical>`,
 * `<html lang dir>`. Earlier sources win: JSON-LD and meta tags over the title
 * element and `<time>`.
 *
 * @param document the parsed page (before chrome is removed: JSON-LD lives in scripts)
 * @returns the fields found
 */
export function readPageMeta(document: DomDocument): PageMeta {
  const metas = new Map<string, string>();
  const tags = document.querySelectorAll("meta");
  for (let i = 0; i < tags.length; i++) {
    const m = tags[i]!;
    const key = (
      m.getAttribute("property") ??
      m.getAttribute("name") ??
      m.getAttribute("itemprop") ??
      m.getAttribute("http-equiv") ??
      ""
    )
      .toLowerCase()
      .trim();
    const content = m.getAttribute("content");
    if (key && content && !metas.has(key)) metas.set(key, content.trim());
  }
  const ld = readJsonLd(document);
  const meta: PageMeta = {};
  const set = <K extends keyof PageMeta>(key: K, ...values: (string | undefined)[]) => {
    for (const v of values) {
      const t = v?.replace(/\s+/g, " ").trim();
      if (t) {
        meta[key] = t;
        return;
      }
    }
  };
  const html = document.documentElement;
  const titleEl = document.querySelector("title");
  const h1 = document.querySelector("article h1") ?? document.querySelector("h1");
  set(
    "title",
    metas.get("og:title"),
    str(ld?.headline),
    metas.get("twitter:title"),
    h1?.textContent ?? undefined,
    stripSiteName(titleEl?.textContent ?? undefined, document),
  );
  const time = document.querySelector("time[pubdate], article time[datetime], time[datetime]");
  const itemPub = document.querySelector("[itemprop=datePublished]");
  set(
    "published",
    isoDate(metas.get("article:published_time")),
    isoDate(str(ld?.datePublished)),
    isoDate(
      metas.get("og:published_time") ??
        metas.get("datepublished") ??
        metas.get("pubdate") ??
        metas.get("publishdate") ??
        metas.get("date") ??
        metas.get("dc.date.issued") ??
        metas.get("dc.date") ??
        metas.get("sailthru.date") ??
        metas.get("parsely-pub-date"),
    ),
    isoDate(itemPub?.getAttribute("datetime") ?? itemPub?.getAttribute("content") ?? undefined),
    isoDate(time?.getAttribute("datetime") ?? undefined),
    time ? visibleDate(time.textContent ?? "") : undefined,
  );
  set(
    "modified",
    isoDate(metas.get("article:modified_time")),
    isoDate(str(ld?.dateModified)),
    isoDate(metas.get("og:updated_time") ?? metas.get("last-modified") ?? metas.get("datemodified")),
  );
  const authorMeta =
    metas.get("author") ?? metas.get("article:author") ?? metas.get("byl") ?? metas.get("parsely-author");
  const relAuthor = document.querySelector(
    "[rel=author], [itemprop=author] [itemprop=name], [itemprop=author], .byline, .author-name, .author",
  );
  set(
    "author",
    personName(ld?.author),
    authorMeta && !/^https?:/i.test(authorMeta) ? authorMeta : undefined,
    relAuthor?.textContent ?? undefined,
  );
  const canonical = document.querySelector("link[rel=canonical]")?.getAttribute("href") ?? undefined;
  set("url", canonical, metas.get("og:url"), str(ld?.url), str(ld?.mainEntityOfPage));
  set("site", metas.get("og:site_name"), personName(ld?.publisher), metas.get("application-name"));
  set(
    "lang",
    html?.getAttribute("lang") ?? undefined,
    metas.get("content-language"),
    str(ld?.inLanguage),
    metas.get("og:locale")?.replace("_", "-"),
  );
  set("dir", html?.getAttribute("dir") ?? document.body?.getAttribute("dir") ?? undefined);
  set("description", metas.get("og:description") ?? metas.get("description"));
  if (meta.author && meta.author.length > 80) delete meta.author;
  return meta;
}

function readJsonLd(document: DomDocument): JsonLdArticle | undefined {
  const scripts = document.querySelectorAll("script[type='application/ld+json']");
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i]!.textContent ?? "");
    } catch {
      continue; // broken JSON-LD is common: the other sources still count
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return undefined;
}

function findArticle(data: unknown, depth: number): JsonLdArticle | undefined {
  if (depth > 4 || data === null || typeof data !== "object") return undefined;
  if (Array.isArray(data)) {
    for (const d of data) {
      const f = findArticle(d, depth + 1);
      if (f) return f;
    }
    return undefined;
  }
  const o = data as Record<string, unknown>;
  const type = o["@type"];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t)) && (o.headline || o.datePublished))
    return o as JsonLdArticle;
  return findArticle(o["@graph"], depth + 1);
}

function str(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o["@id"] === "string") return o["@id"];
    if (typeof o.url === "string") return o.url;
  }
  return undefined;
}

function personName(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) {
    const names = v.map(personName).filter((x): x is string => !!x);
    return names.length ? names.join("، ") : undefined;
  }
  if (v && typeof v === "object") {
    const name = (v as Record<string, unknown>).name;
    return typeof name === "string" ? name : undefined;
  }
  return undefined;
}

// "Headline - CNNArabic.com" or "Site | Headline" → "Headline": the site's name is kept apart (og:site_name).
// The part the page also shows in a heading or bold line wins; else the shorter side goes when it is short.
function stripSiteName(title: string | undefined, document: DomDocument): string | undefined {
  if (!title) return undefined;
  const t = title.replace(/\s+/g, " ").trim();
  const parts = t.split(/\s+[-|–—»:]{1,2}\s+/);
  if (parts.length < 2) return t;
  const shown = new Set<string>();
  const els = document.querySelectorAll("h1, h2, h3, b, strong, font");
  for (let i = 0; i < els.length && i < 400; i++) shown.add((els[i]!.textContent ?? "").replace(/\s+/g, " ").trim());
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const restAfterFirst = parts.slice(1).join(" - ");
  const restBeforeLast = t.slice(0, t.length - last.length).replace(/\s+[-|–—»:]{1,2}\s*$/, "");
  if (shown.has(restAfterFirst)) return restAfterFirst;
  if (shown.has(restBeforeLast)) return restBeforeLast;
  if (last.length <= 30 && restBeforeLast.length > last.length) return restBeforeLast;
  if (first.length <= 30 && restAfterFirst.length > first.length) return restAfterFirst;
  return t;
}

/**
 * A machine-readable date as ISO 8601: ISO strings are kept as given (offset
 * included), other forms `Date` can read become UTC ISO.
 *
 * @returns the date, or undefined when it is not a date
 */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return v.replace(" ", "T");
  if (/^\d{8}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return visibleDate(v);
  return new Date(ms).toISOString();
}

// Gregorian month names in every Arabic naming system, shared with the dates stage (data/months.json).
const months = JSON.parse(readFileSync(new URL("../../data/months.json", import.meta.url), "utf8")) as {
  gregorian: Record<string, string[]>;
};
const MONTH = new Map<string, number>();
for (const [n, names] of Object.entries(months.gregorian))
  for (const name of names) MONTH.set(matchForm(name), Number(n));
const MONTH_ALT = [...MONTH.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  .join("|");
const VISIBLE = new RegExp(
  `(\\d{1,2})\\s*(?:من\\s+)?(${MONTH_ALT})(?:\\s*[/\\-(]\\s*(?:${MONTH_ALT})\\)?)?\\s*[،,]?\\s*(?:عام\\s+|سنه\\s+)?(\\d{4})`,
);
const NUMERIC = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/;

/**
 * Read a date as a reader sees it on the page: `الأربعاء، 28 آب/اغسطس 2013`,
 * `٥ يوليو ٢٠١٥`, `2015/07/21`, `21-07-2015` (day first, as Arabic sites write it).
 *
 * @returns `YYYY-MM-DD`, or undefined when the text holds no date
 */
export function visibleDate(text: string): string | undefined {
  const form = matchForm(text);
  const m = VISIBLE.exec(form);
  if (m) {
    const month = MONTH.get(m[2]!);
    return month ? ymd(Number(m[3]), month, Number(m[1])) : undefined;
  }
  const n = NUMERIC.exec(form);
  if (n) return n[1] ? ymd(Number(n[1]), Number(n[2]), Number(n[3])) : ymd(Number(n[6]), Number(n[5]), Number(n[4]));
  return undefined;
}

function ymd(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
