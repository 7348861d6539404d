import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { matchForm } from "../normalize/match-form.ts";
import { readPageMeta, type PageMeta, visibleDate } from "./page-meta.ts";

/** A photo caption found in the page (kept out of the body text). */
export interface PageCaption {
  text: string;
  /** Who took or supplied the photo, when the page says. */
  credit?: string;
  src?: string;
}

/** What the extractor kept and dropped: the page-level account of a page. */
export interface ExtractionSummary {
  /** Characters of HTML parsed. */
  htmlChars: number;
  /** Characters of body text kept. */
  textChars: number;
  blocksKept: number;
  blocksDropped: number;
  /** Characters of visible text dropped (outside the article, or chrome inside it). */
  droppedChars: number;
  /** Dropped blocks by reason: `script`, `nav`, `chrome_class`, `hidden`, `outside`, `links`, `boilerplate`, `title`. */
  droppedBy: Record<string, number>;
}

/** An article extracted from an HTML page. */
export interface Article extends PageMeta {
  /** The body: one paragraph a line, joined by "\n". Empty when the page holds no article. */
  text: string;
  paragraphs: string[];
  captions: PageCaption[];
  summary: ExtractionSummary;
}

interface DomNode {
  nodeType: number;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
  textContent: string | null;
}

interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
  remove(): void;
}

/** The DOM that extraction reads (linkedom's, narrowed to what we use). */
export interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  head: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
}

const lists = JSON.parse(readFileSync(new URL("../../data/html-boilerplate.json", import.meta.url), "utf8")) as {
  negative: string[];
  positive: string[];
  strong_negative: string[];
  phrases: string[];
};
const NEGATIVE = new Set(lists.negative);
const POSITIVE = new Set(lists.positive);
const STRONG_NEGATIVE = new Set(lists.strong_negative);
const PHRASES = lists.phrases.map((p) => ` ${wordsOf(p)} `);

// Elements whose content is never article text.
const DROP_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "iframe",
  "form",
  "button",
  "select",
  "textarea",
  "input",
  "object",
  "embed",
  "canvas",
  "nav",
  "aside",
  "footer",
  "header",
  "menu",
  "dialog",
  "figure",
  "picture",
  "video",
  "audio",
  "map",
  "link",
  "meta",
  "title",
  "head",
]);
const DROP_ROLES = new Set([
  "navigation",
  "complementary",
  "banner",
  "contentinfo",
  "search",
  "menu",
  "menubar",
  "dialog",
  "alert",
]);
// Elements that start a new block of text.
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dd",
  "dt",
  "blockquote",
  "pre",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "td",
  "th",
  "caption",
  "address",
  "center",
  "hr",
  "body",
  "html",
  "figcaption",
  "details",
  "summary",
  "fieldset",
  "hgroup",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const MIN_SCORED = 25;

interface Block {
  owner: DomElement;
  text: string;
  linkChars: number;
  heading: boolean;
}

/**
 * Extract the article from an HTML page: metadata (title, dates, author,
 * canonical URL, site, language, direction), photo captions with credits,
 * and the body as paragraphs. The body is found the way Readability finds it
 * (paragraphs score their ancestors by length and commas, discounted by link
 * density) on a DOM with page chrome already removed, then filtered block by
 * block (link lists, comment policies and 'read also' boxes go); every block
 * dropped is counted in `summary`.
 *
 * @param html the decoded page
 * @returns the article; `text` is "" when the page holds no article
 */
export function extractArticle(html: string): Article {
  const source = /<html[\s>]/i.test(html) || /<body[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`;
  const { document } = parseHTML(source) as unknown as { document: DomDocument };
  const meta = readPageMeta(document);
  const captions = readCaptions(document);
  const summary: ExtractionSummary = {
    htmlChars: html.length,
    textChars: 0,
    blocksKept: 0,
    blocksDropped: 0,
    droppedChars: 0,
    droppedBy: {},
  };
  const drop = (reason: string, chars: number) => {
    summary.blocksDropped++;
    summary.droppedChars += chars;
    summary.droppedBy[reason] = (summary.droppedBy[reason] ?? 0) + 1;
  };
  const body = document.body ?? document.documentElement;
  const blocks: Block[] = [];
  if (body) {
    prune(body, drop);
    collect(body, blocks);
  }
  if (!meta.published) {
    const date = findVisibleDate(blocks);
    if (date) meta.published = date;
  }
  const kept = chooseBlocks(blocks, meta.title, drop);
  const paragraphs = kept.map((b) => b.text);
  const text = paragraphs.join("\n");
  // No declared direction: the body's script decides (Arabic letters outnumbering Latin ones → rtl).
  if (!meta.dir && text) meta.dir = scriptDirection(text);
  summary.textChars = text.length;
  summary.blocksKept = kept.length;
  return { ...meta, text, paragraphs, captions, summary };
}

// Remove elements that are never article text, counting what they held.
function prune(root: DomElement, drop: (reason: string, chars: number) => void): void {
  const doomed: [DomElement, string][] = [];
  // A walk in document order with a stack of its own, not recursion: a page nested tens of thousands of
  // elements deep (unclosed tags) would overflow the call stack.
  const stack: { kids: DomNode[]; i: number }[] = [{ kids: Array.from(root.childNodes), i: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.kids.length) {
      stack.pop();
      continue;
    }
    const node = frame.kids[frame.i++]!;
    if (node.nodeType !== 1) continue; // text, comments
    const child = node as DomElement;
    const reason = dropReason(child);
    if (reason) doomed.push([child, reason]);
    else stack.push({ kids: Array.from(child.childNodes), i: 0 });
  }
  for (const [el, reason] of doomed) {
    const chars = reason === "script" ? 0 : visibleLength(el);
    if (reason !== "script" || chars > 0) drop(reason, chars);
    el.remove();
  }
}

function dropReason(el: DomElement): string | undefined {
  const tag = el.localName;
  if (
    tag === "script" ||
    tag === "style" ||
    tag === "noscript" ||
    tag === "template" ||
    tag === "link" ||
    tag === "meta"
  )
    return "script";
  if (DROP_TAGS.has(tag))
    return tag === "nav" || tag === "menu"
      ? "nav"
      : tag === "figure" || tag === "picture"
        ? "figure"
        : tag === "header" || tag === "footer" || tag === "aside"
          ? tag
          : "embed";
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return "hidden";
  const style = el.getAttribute("style");
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return "hidden";
  const role = el.getAttribute("role");
  if (role && DROP_ROLES.has(role.toLowerCase())) return "nav";
  if (tag === "body" || tag === "article" || tag === "main" || tag === "a" || tag === "p") return undefined;
  const words = classWords(el);
  if (words.length === 0) return undefined;
  let negative = false;
  let positive = false;
  for (const w of words) {
    if (STRONG_NEGATIVE.has(w)) return "chrome_class";
    if (NEGATIVE.has(w)) negative = true;
    if (POSITIVE.has(w)) positive = true;
  }
  return negative && !positive ? "chrome_class" : undefined;
}

// The words of an element's class and id: "cnn_storyarea article-body" → cnn, storyarea, article, body, article-body.
function classWords(el: DomElement): string[] {
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`.toLowerCase();
  if (names.trim() === "") return [];
  const out: string[] = [];
  for (const name of names.split(/\s+/)) {
    if (!name) continue;
    out.push(name);
    const parts = name.split(/[-_:.]+/);
    if (parts.length > 1) {
      for (const p of parts) if (p) out.push(p);
      for (let i = 0; i + 1 < parts.length; i++) out.push(`${parts[i]}-${parts[i + 1]}`);
    }
  }
  return out;
}

function visibleLength(el: DomElement): number {
  return (el.textContent ?? "").replace(/\s+/g, " ").trim().length;
}

// Cut the DOM into blocks of text: runs of inline content between block elements and <br>s. A <br> ends a
// paragraph: old Arabic sites put whole articles in one cell with <br><br> between paragraphs.
function collect(root: DomElement, blocks: Block[]): void {
  let parts: string[] = [];
  let linkChars = 0;
  const flush = (owner: DomElement) => {
    const text = parts.length === 0 ? "" : parts.join("").replace(/\s+/g, " ").trim();
    if (text)
      blocks.push({ owner, text, linkChars: Math.min(linkChars, text.length), heading: HEADINGS.has(owner.localName) });
    parts = [];
    linkChars = 0;
  };
  // One walk for inline and block content: a block inside an inline element (a <div> in an <a>, as broken
  // pages have) still starts a new block, and owns its text. The walk keeps its own stack (see `prune`); a
  // block's frame flushes the block when its children are done.
  interface Frame {
    kids: DomElement["childNodes"];
    i: number;
    owner: DomElement;
    inLink: boolean;
    block: boolean;
  }
  const stack: Frame[] = [{ kids: root.childNodes, i: 0, owner: root, inLink: false, block: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.kids.length) {
      stack.pop();
      if (frame.block) flush(frame.owner);
      continue;
    }
    const node = frame.kids[frame.i++]!;
    if (node.nodeType === 3) {
      const t = node.textContent ?? "";
      parts.push(t);
      if (frame.inLink) linkChars += t.replace(/\s+/g, " ").length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as DomElement;
    const tag = child.localName;
    if (tag === "br") flush(frame.owner);
    else if (tag === "img") continue;
    else if (BLOCK_TAGS.has(tag)) {
      flush(frame.owner);
      stack.push({ kids: child.childNodes, i: 0, owner: child, inLink: frame.inLink, block: true });
    } else
      stack.push({
        kids: child.childNodes,
        i: 0,
        owner: frame.owner,
        inLink: frame.inLink || (tag === "a" && isLinkText(child)),
        block: false,
      });
  }
  flush(root);
}

// An <a> that wraps a whole page region (an unclosed tag in a broken page) is not link text.
function isLinkText(a: DomElement): boolean {
  return (a.textContent ?? "").length < 600;
}

function commas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x60c || c === 0x61b) n++;
  }
  return n;
}

// Pick the article's blocks: score ancestors, take the best one (and its good siblings), then filter blocks.
function chooseBlocks(
  blocks: Block[],
  title: string | undefined,
  drop: (reason: string, chars: number) => void,
): Block[] {
  const score = new Map<DomElement, number>();
  const chars = new Map<DomElement, number>();
  const links = new Map<DomElement, number>();
  for (const b of blocks) {
    for (let el: DomNode | null = b.owner; el && el.nodeType === 1; el = el.parentNode) {
      const e = el as DomElement;
      chars.set(e, (chars.get(e) ?? 0) + b.text.length);
      links.set(e, (links.get(e) ?? 0) + b.linkChars);
    }
    if (b.text.length < MIN_SCORED || b.heading) continue;
    const points = 1 + commas(b.text) + Math.min(Math.floor(b.text.length / 100), 3);
    let level = 0;
    for (let el: DomNode | null = b.owner; el && el.nodeType === 1 && level < 3; el = el.parentNode, level++) {
      const e = el as DomElement;
      score.set(e, (score.get(e) ?? 0) + points / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  }
  const density = (e: DomElement) => (links.get(e) ?? 0) / Math.max(1, chars.get(e) ?? 0);
  let top: DomElement | undefined;
  let best = 0;
  for (const [el, s] of score) {
    const final = s * (1 - density(el));
    if (final > best) {
      best = final;
      top = el;
    }
  }
  if (!top) {
    for (const b of blocks) drop("no_article", b.text.length);
    return [];
  }
  // Readability's sibling rule: siblings that score well, or hold a paragraph of prose, belong to the article too.
  const included = new Set<DomElement>([top]);
  const parent = top.parentNode as DomElement | null;
  if (parent && parent.nodeType === 1) {
    const threshold = Math.max(10, best * 0.2);
    const kids = parent.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const sib = kids[i]!;
      if (sib === top || sib.nodeType !== 1) continue;
      const e = sib as DomElement;
      const s = (score.get(e) ?? 0) * (1 - density(e));
      const len = chars.get(e) ?? 0;
      if (s >= threshold || (e.localName === "p" && len > 80 && density(e) < 0.25)) included.add(e);
    }
  }
  const inside = (b: Block) => {
    for (let el: DomNode | null = b.owner; el && el.nodeType === 1; el = el.parentNode)
      if (included.has(el as DomElement)) return true;
    return false;
  };
  const titleForm = title ? matchForm(title.replace(/\s+/g, " ").trim()) : undefined;
  let kept: Block[] = [];
  for (const b of blocks) {
    if (!inside(b)) {
      drop("outside", b.text.length);
      continue;
    }
    if (titleForm && b.text.length <= titleForm.length + 2 && matchForm(b.text) === titleForm) {
      drop("title", b.text.length);
      continue;
    }
    if (b.text.length <= 60 && isDateLine(b.text)) {
      drop("dateline", b.text.length);
      continue;
    }
    if (b.linkChars / b.text.length > 0.5) {
      drop("links", b.text.length);
      continue;
    }
    if (b.text.length < 160 && isBoilerplate(b.text)) {
      drop("boilerplate", b.text.length);
      continue;
    }
    kept.push(b);
  }
  // Comment policies, rights notices and share prompts trail the article: cut them from the end.
  let end = kept.length;
  while (end > 0) {
    const b = kept[end - 1]!;
    if (!isBoilerplate(b.text)) break;
    drop("boilerplate", b.text.length);
    end--;
  }
  kept = kept.slice(0, end);
  return kept;
}

// A line that is only a date (and a weekday, a time, "آخر تحديث"): page furniture, kept as metadata.
function isDateLine(text: string): boolean {
  if (!visibleDate(text)) return false;
  const words = text.split(/[\s،,|/:()-]+/).filter((w) => w !== "");
  return words.length <= 9 && !/[.!؟?]$/.test(text);
}

// Matching form with punctuation as spaces: phrases match whole words only (وسوم is not inside الموسومين).
function wordsOf(text: string): string {
  return matchForm(text.toLowerCase())
    .replace(/[\p{P}\p{S}\s]+/gu, " ")
    .trim();
}

function isBoilerplate(text: string): boolean {
  const form = ` ${wordsOf(text)} `;
  for (const p of PHRASES) if (form.includes(p)) return true;
  return false;
}

function findVisibleDate(blocks: Block[]): string | undefined {
  for (const b of blocks) {
    if (b.text.length > 120) continue;
    const date = visibleDate(b.text);
    if (date) return date;
  }
  return undefined;
}

// Captions of figures and of caption-classed elements, with their credits.
function readCaptions(document: DomDocument): PageCaption[] {
  const out: PageCaption[] = [];
  const seen = new Set<string>();
  const figures = document.querySelectorAll("figure");
  for (let i = 0; i < figures.length; i++) {
    const fig = figures[i]!;
    const cap = fig.querySelector("figcaption");
    if (!cap) continue;
    const creditEl = cap.querySelector("[class*=credit], [class*=copyright], [class*=source], small, cite");
    const credit = creditEl ? clean(creditEl.textContent) : undefined;
    let text = clean(cap.textContent);
    if (credit && text.endsWith(credit)) text = text.slice(0, -credit.length).trim();
    const img = fig.querySelector("img");
    const src = img?.getAttribute("src") ?? undefined;
    push(text, credit, src);
  }
  const loose = document.querySelectorAll(
    ".caption, .wp-caption-text, .image-caption, .photo-caption, [itemprop=caption]",
  );
  for (let i = 0; i < loose.length; i++) push(clean(loose[i]!.textContent), undefined, undefined);
  return out;

  function push(text: string, credit: string | undefined, src: string | undefined) {
    let body = text;
    let who = credit;
    if (!who) {
      // "... (تصوير: أحمد علي)" or "... - رويترز" or "... (Getty Images)"
      const m =
        /^(.*?)[\s\-–—|]*[(（]?\s*((?:تصوير|الصورة|صورة|المصدر|photo|credit)\s*[:：]?\s*[^()]+|[A-Za-z][A-Za-z .&/]+ (?:Images|Photo|Press|News|AFP|Reuters)|AFP|Reuters|Getty Images|AP|EPA|رويترز|أ\.?ف\.?ب|أسوشيتد برس|وكالات|واس)\s*[)）]?\s*$/i.exec(
          text,
        );
      if (m?.[1] && m[2]) {
        body = m[1].trim();
        who = m[2].trim();
      }
    }
    if (!body || seen.has(body)) return;
    seen.add(body);
    out.push({ text: body, ...(who ? { credit: who } : {}), ...(src ? { src } : {}) });
  }
}

function scriptDirection(text: string): "rtl" | "ltr" {
  let rtl = 0;
  let ltr = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x0600 && c <= 0x06ff) ||
      (c >= 0x0750 && c <= 0x077f) ||
      (c >= 0xfb50 && c <= 0xfeff) ||
      (c >= 0x0590 && c <= 0x05ff)
    )
      rtl++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) ltr++;
  }
  return rtl >= ltr ? "rtl" : "ltr";
}

function clean(s: string | null): string {
  return (s ?? "").replace(/\s+/g, " ").trim();
}
