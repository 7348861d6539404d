/**
 * The article page: the cleaned text with its layers (entities by type,
 * quotes with their speakers, figures, dates) highlighted and toggleable, a
 * mention panel that shows what a hovered or focused mention stands for, the
 * raw input with the removed debris marked, and the copies with a word diff.
 */
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import type { DocRecord } from "../../../src/model/record.ts";
import type { CopyRef, StoredArticle } from "../../../src/store/types.ts";
import { get, seg } from "../api.ts";
import { articleHref, DateText, entityHref, speakerHref, Status, useLoad } from "../components.ts";
import { diffWords } from "../diff.ts";
import { num, type StringKey, t } from "../i18n.ts";
import { cutRuns, type Mark } from "../segments.ts";

interface Span {
  start: number;
  end: number;
  text: string;
}
interface EntityMention extends Span {
  type: string;
  id: string | null;
  name: string | null;
}
interface QuoteLayer {
  speaker: Span | null;
  speaker_name?: Span;
  speaker_role?: Span;
  cue: Span;
  content: Span;
  outlet?: Span;
  direct: boolean;
  anonymous: boolean;
  speaker_entity?: EntityMention;
}
interface QuantityLayer extends Span {
  value: number;
  unit?: string;
  unit_canonical?: string;
  qualifier?: string;
}
interface DateLayer extends Span {
  value: string;
  calendar?: string;
}

/** What one highlighted stretch is. */
type Info =
  | { kind: "entity"; m: EntityMention }
  | { kind: "figure"; m: QuantityLayer }
  | { kind: "date"; m: DateLayer }
  | { kind: "speaker"; q: QuoteLayer; n: number }
  | { kind: "cue"; q: QuoteLayer; n: number }
  | { kind: "quote"; q: QuoteLayer; n: number };

type Layer = "entities" | "quotes" | "figures" | "dates";

function arr<T>(record: DocRecord, name: string): T[] {
  const v = record[name];
  return Array.isArray(v) ? (v as T[]) : [];
}

/** The name a quote's speaker page is looked up by: its entity id, else its name, else the phrase. */
export function speakerKey(q: QuoteLayer): string | null {
  return q.speaker_entity?.id ?? q.speaker_name?.text ?? q.speaker?.text ?? null;
}

/** The article page. */
export function ArticlePage({ id }: { id: string }) {
  const state = useLoad(id, (signal) => get<StoredArticle>(`/api/articles/${seg(id)}`, { raw: true }, signal));
  const [layers, setLayers] = useState<Record<Layer, boolean>>({
    entities: true,
    quotes: true,
    figures: true,
    dates: true,
  });
  const [hiddenTypes, setHiddenTypes] = useState<Set<string>>(new Set());
  const [view, setView] = useState<"clean" | "raw">("clean");
  const [info, setInfo] = useState<Info | null>(null);
  const stored = state.data;
  const record = stored?.record;
  const entities = record ? arr<EntityMention>(record, "entities") : [];
  const types = [...new Set(entities.map((e) => e.type))].sort();
  const quotes = record ? arr<QuoteLayer>(record, "quotes") : [];
  const marks = useMemo(() => {
    if (!record) return [];
    const out: Mark<Info>[] = [];
    if (layers.quotes) {
      quotes.forEach((q, n) => {
        out.push({ start: q.content.start, end: q.content.end, data: { kind: "quote", q, n } });
        out.push({ start: q.cue.start, end: q.cue.end, data: { kind: "cue", q, n } });
        if (q.speaker) out.push({ start: q.speaker.start, end: q.speaker.end, data: { kind: "speaker", q, n } });
      });
    }
    if (layers.entities)
      for (const m of entities)
        if (!hiddenTypes.has(m.type)) out.push({ start: m.start, end: m.end, data: { kind: "entity", m } });
    if (layers.figures)
      for (const m of arr<QuantityLayer>(record, "quantities"))
        out.push({ start: m.start, end: m.end, data: { kind: "figure", m } });
    if (layers.dates)
      for (const m of arr<DateLayer>(record, "dates"))
        out.push({ start: m.start, end: m.end, data: { kind: "date", m } });
    return out;
  }, [record, layers, hiddenTypes]);

  if (!stored || !record) return html`<section class="page"><${Status} state=${state} /></section>`;
  const title = record.source.title ?? t("untitled");
  const toggle = (layer: Layer) => setLayers({ ...layers, [layer]: !layers[layer] });
  const toggleType = (type: string) => {
    const next = new Set(hiddenTypes);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    setHiddenTypes(next);
  };
  return html`<article class="page article-page" aria-labelledby="article-h">
    <header class="article-head">
      <h1 id="article-h"><bdi dir="auto">${title}</bdi></h1>
      <p class="meta">
        ${record.source.site ? html`<span class="site"><bdi dir="auto">${record.source.site}</bdi></span>` : null}
        <${DateText} date=${record.source.date} />
        <span class="id"><bdi dir="ltr">${record.id}</bdi></span>
        ${record.source.url ? html`<a class="source-url" href=${record.source.url} rel="noreferrer noopener" target="_blank"><bdi dir="ltr">${shortUrl(record.source.url)}</bdi></a>` : null}
        ${stored.story_id ? html`<a class="badge story" href=${`/story/${seg(stored.story_id)}`}>${t("openStory")}</a>` : null}
      </p>
    </header>
    <div class="article-layout">
      <div class="article-main">
        <fieldset class="toolbar">
          <legend>${t("view")}</legend>
          <label class="radio"><input type="radio" name="view" checked=${view === "clean"} onChange=${() => setView("clean")} /> ${t("viewClean")}</label>
          <label class="radio"><input type="radio" name="view" checked=${view === "raw"} onChange=${() => setView("raw")} /> ${t("viewRaw")}</label>
        </fieldset>
        ${
          view === "clean"
            ? html`<fieldset class="toolbar layers">
              <legend>${t("layers")}</legend>
              <label class="check layer-entities"><input type="checkbox" checked=${layers.entities} onChange=${() => toggle("entities")} /> ${t("layerEntities")}</label>
              ${types.map(
                (type) =>
                  html`<label class=${`check chip-type t-${type}`}><input type="checkbox" disabled=${!layers.entities} checked=${!hiddenTypes.has(type)} onChange=${() => toggleType(type)} /> <span class="type-swatch"></span>${type}</label>`,
              )}
              <label class="check layer-quotes"><input type="checkbox" checked=${layers.quotes} onChange=${() => toggle("quotes")} /> ${t("layerQuotes")}</label>
              <label class="check layer-figures"><input type="checkbox" checked=${layers.figures} onChange=${() => toggle("figures")} /> ${t("layerFigures")}</label>
              <label class="check layer-dates"><input type="checkbox" checked=${layers.dates} onChange=${() => toggle("dates")} /> ${t("layerDates")}</label>
            </fieldset>
            <div class="doc-text" lang=${record.lang ?? "ar"}>
              ${record.paragraphs.map((p) => html`<p dir="auto">${cutRuns(record.text, marks, p.start, p.end).map((r) => renderRun(r.text, r.marks, setInfo))}</p>`)}
            </div>`
            : html`<${RawView} record=${record} />`
        }
      </div>
      <aside class="article-side">
        ${view === "clean" ? html`<${InfoPanel} info=${info} />` : null}
        <${QuoteList} quotes=${quotes} />
      </aside>
    </div>
    <${Copies} record=${record} copies=${stored.copies} />
  </article>`;
}

/** One run of the cleaned text: plain text, or an element with a class per layer over it. */
function renderRun(text: string, marks: Mark<Info>[], setInfo: (info: Info | null) => void) {
  if (marks.length === 0) return text;
  const classes: string[] = [];
  let focus: Info | undefined;
  const titles: string[] = [];
  for (const { data } of marks) {
    switch (data.kind) {
      case "entity":
        classes.push("m-entity", `t-${data.m.type}`);
        titles.push(entityTitle(data.m));
        focus = data;
        break;
      case "figure":
        classes.push("m-figure");
        titles.push(figureTitle(data.m));
        focus ??= data;
        break;
      case "date":
        classes.push("m-date");
        titles.push(`${t("date")}: ${data.m.value}`);
        focus ??= data;
        break;
      case "speaker":
        classes.push("m-speaker");
        titles.push(`${t("speaker")}: ${data.q.speaker?.text ?? ""}`);
        focus ??= data;
        break;
      case "cue":
        classes.push("m-cue");
        break;
      case "quote":
        classes.push("m-quote", data.q.direct ? "direct" : "indirect");
        break;
    }
  }
  const info = focus ?? marks[marks.length - 1]!.data;
  // Only mentions are tab stops: quote bodies would add a stop per run and drown the mentions.
  return html`<span class=${classes.join(" ")} title=${titles.join(" · ") || undefined} tabindex=${focus ? 0 : undefined}
    onMouseEnter=${() => setInfo(info)} onFocus=${() => setInfo(info)}>${text}</span>`;
}

function entityTitle(m: EntityMention): string {
  return `${m.type}${m.name ? ` · ${m.name}` : ""}${m.id ? ` (${m.id})` : ""}`;
}

function figureTitle(m: QuantityLayer): string {
  return `${t("value")}: ${num(m.value)}${m.unit ? ` ${m.unit}` : ""}${m.unit_canonical ? ` [${m.unit_canonical}]` : ""}${m.qualifier ? ` (${m.qualifier})` : ""}`;
}

/** What the hovered or focused mention stands for. */
function InfoPanel({ info }: { info: Info | null }) {
  let body: ReturnType<typeof html>;
  if (!info) body = html`<p class="muted">${t("mentionHint")}</p>`;
  else if (info.kind === "entity") {
    const m = info.m;
    const id = m.id ?? `name:${m.text}`;
    body = html`<dl class="kv">
      <dt>${t("layerEntities")}</dt><dd><bdi dir="auto">${m.text}</bdi> <span class=${`type-tag t-${m.type}`}>${m.type}</span></dd>
      ${m.name ? html`<dt>${t("value")}</dt><dd><bdi dir="auto">${m.name}</bdi> ${m.id ? html`<code dir="ltr">${m.id}</code>` : null}</dd>` : null}
    </dl>
    <a href=${entityHref(id)}>${t("entityPage")}</a>`;
  } else if (info.kind === "figure") {
    const m = info.m;
    body = html`<dl class="kv">
      <dt>${t("layerFigures")}</dt><dd><bdi dir="auto">${m.text}</bdi></dd>
      <dt>${t("value")}</dt><dd><bdi dir="ltr">${num(m.value)}</bdi> ${m.unit ? html`<bdi dir="auto">${m.unit}</bdi>` : null} ${m.unit_canonical ? html`<code dir="ltr">${m.unit_canonical}</code>` : null} ${m.qualifier ? html`<code dir="ltr">${m.qualifier}</code>` : null}</dd>
    </dl>`;
  } else if (info.kind === "date") {
    body = html`<dl class="kv">
      <dt>${t("layerDates")}</dt><dd><bdi dir="auto">${info.m.text}</bdi></dd>
      <dt>${t("value")}</dt><dd><code dir="ltr">${info.m.value}</code> ${info.m.calendar ? html`<span class="muted">${info.m.calendar}</span>` : null}</dd>
    </dl>`;
  } else {
    const q = info.q;
    const key = speakerKey(q);
    body = html`<dl class="kv">
      <dt>${t("speaker")}</dt><dd><bdi dir="auto">${q.speaker?.text ?? "—"}</bdi></dd>
      ${q.speaker_entity?.name ? html`<dt>${t("value")}</dt><dd><bdi dir="auto">${q.speaker_entity.name}</bdi></dd>` : null}
      <dt>${t("cue")}</dt><dd><bdi dir="auto">${q.cue.text}</bdi> · ${q.direct ? t("direct") : t("indirect")}${q.anonymous ? ` · ${t("anonymous")}` : ""}</dd>
    </dl>
    ${key ? html`<a href=${speakerHref(key)}>${t("speakerPage")}</a>` : null}`;
  }
  return html`<section class="panel info-panel" aria-live="polite" aria-labelledby="info-h">
    <h2 id="info-h">${t("mentionInfo")}</h2>
    ${body}
  </section>`;
}

/** The article's quotes, each with its speaker as a chip linking to the speaker page. */
function QuoteList({ quotes }: { quotes: QuoteLayer[] }) {
  return html`<section class="panel quotes-panel" aria-labelledby="quotes-h">
    <h2 id="quotes-h">${t("quotes")} <span class="count">${num(quotes.length)}</span></h2>
    ${quotes.length === 0 ? html`<p class="muted">${t("noQuotes")}</p>` : null}
    <ol class="quote-list">
      ${quotes.map((q) => {
        const key = speakerKey(q);
        const chip = q.speaker ? html`<bdi dir="auto">${q.speaker.text}</bdi>` : "—";
        return html`<li class="quote-item">
          <p class="quote-head">
            ${key ? html`<a class="speaker-chip" href=${speakerHref(key)}>${chip}</a>` : html`<span class="speaker-chip">${chip}</span>`}
            <span class="cue"><bdi dir="auto">${q.cue.text}</bdi></span>
            <span class=${`badge ${q.direct ? "direct" : "indirect"}`}>${q.direct ? t("direct") : t("indirect")}</span>
            ${q.anonymous ? html`<span class="badge anon">${t("anonymous")}</span>` : null}
            ${q.outlet ? html`<span class="badge outlet">${t("via")} <bdi dir="auto">${q.outlet.text}</bdi></span>` : null}
          </p>
          <blockquote dir="auto">${q.content.text}</blockquote>
        </li>`;
      })}
    </ol>
  </section>`;
}

/** The raw input, line by line, with what cleaning removed struck through and labelled. */
function RawView({ record }: { record: DocRecord }) {
  const raw = record.raw ?? "";
  const marks = useMemo(() => {
    const out: Mark<{ kind: string; replacement?: string }>[] = [];
    for (const r of record.removed) out.push({ start: r.start, end: r.end, data: { kind: r.kind } });
    for (const r of record.replaced)
      out.push({ start: r.start, end: r.end, data: { kind: r.kind, replacement: r.replacement } });
    return out;
  }, [record]);
  const lines: [number, number][] = [];
  let at = 0;
  while (at <= raw.length) {
    const nl = raw.indexOf("\n", at);
    const end = nl === -1 ? raw.length : nl + 1;
    lines.push([at, end]);
    if (nl === -1) break;
    at = end;
  }
  return html`<div class="raw-view">
    <p class="muted">${t("rawNote")} (${num(record.removed.length)})</p>
    <div class="raw-text">
      ${lines.map(
        ([from, to]) =>
          html`<div class="raw-line" dir="auto">${cutRuns(raw, marks, from, to).map((r) => {
            const text = r.text.endsWith("\n") ? r.text.slice(0, -1) + "↵" : r.text;
            if (r.marks.length === 0) return r.text.endsWith("\n") ? r.text.slice(0, -1) : r.text;
            const m = r.marks[r.marks.length - 1]!.data;
            if (m.replacement !== undefined)
              return html`<span class="replaced" title=${t("replacedBy", { r: JSON.stringify(m.replacement) })}>${text}</span>`;
            return html`<del class="removed" title=${t("removedKind", { k: m.kind })}>${text}<span class="removed-kind">${m.kind}</span></del>`;
          })}</div>`,
      )}
    </div>
  </div>`;
}

/** The copies of the article, and a side-by-side word diff against the chosen one. */
function Copies({ record, copies }: { record: DocRecord; copies: CopyRef[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  return html`<section class="panel copies-panel" aria-labelledby="copies-h">
    <h2 id="copies-h">${t("copiesTitle")} <span class="count">${num(copies.length)}</span></h2>
    ${copies.length === 0 ? html`<p class="muted">${t("noCopies")}</p>` : null}
    <ul class="copy-list">
      ${copies.map(
        (c) => html`<li class="copy-item">
          <a href=${articleHref(c.id)}><bdi dir="auto">${c.title ?? c.id}</bdi></a>
          <span class="meta">
            <span class="badge">${t(`kind_${c.kind}` as StringKey)}</span>
            ${c.site ? html`<bdi dir="auto">${c.site}</bdi>` : null} <${DateText} date=${c.date} />
            <span>${t("similarity", { s: c.similarity })}</span>
          </span>
          <button type="button" aria-pressed=${chosen === c.id} aria-label=${t("compareWith", { t: c.title ?? c.id })} onClick=${() => setChosen(chosen === c.id ? null : c.id)}>${t("compare")}</button>
        </li>`,
      )}
    </ul>
    ${chosen ? html`<${DiffView} left=${record} otherId=${chosen} />` : null}
  </section>`;
}

function DiffView({ left, otherId }: { left: DocRecord; otherId: string }) {
  const state = useLoad(otherId, (signal) => get<StoredArticle>(`/api/articles/${seg(otherId)}`, {}, signal));
  const other = state.data?.record;
  const diff = useMemo(() => (other ? diffWords(left.text, other.text) : null), [left, other]);
  if (!diff) return html`<${Status} state=${state} />`;
  const side = (pieces: typeof diff.left, label: string) =>
    html`<div class="diff-side"><h3>${label}</h3><div class="diff-text" dir="auto">${pieces.map((p) =>
      p.kind === "same"
        ? p.text
        : p.kind === "del"
          ? html`<del class="diff-del">${p.text}</del>`
          : html`<ins class="diff-ins">${p.text}</ins>`,
    )}</div></div>`;
  return html`<div class="diff" aria-label=${t("diffTitle")}>
    <p class="diff-stats">${diff.deleted + diff.inserted === 0 ? t("diffSame") : t("diffStats", { d: diff.deleted, i: diff.inserted })}</p>
    <div class="diff-cols">${side(diff.left, t("diffThis"))}${side(diff.right, t("diffOther"))}</div>
  </div>`;
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname;
  } catch {
    return url.slice(0, 40);
  }
}
