/**
 * Small shared pieces of the UI: data loading, article links, snippets,
 * bar lists, and the uPlot time chart.
 */
import { html } from "htm/preact";
import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import type { FacetCount, SearchHit } from "../../src/store/types.ts";
import { ApiFailure, seg } from "./api.ts";
import { highlightRuns } from "./segments.ts";
import { num, t } from "./i18n.ts";

/** A loading state: the value, the error, or neither yet. */
export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

/**
 * Load data for a page; reloads when `key` changes and aborts the previous load.
 *
 * @param key what the data depends on (e.g. the URL)
 * @param load fetches the data
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined, loading: true });
  // A layout effect starts the request right after render; a plain effect waits for the next frame.
  useLayoutEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: Error) => {
        if (!controller.signal.aborted) setState({ data: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [key]);
  return state;
}

/** The loading line or the error box of a `Loaded`; nothing once loaded. */
export function Status({ state }: { state: Loaded<unknown> }) {
  if (state.error) {
    const notFound = state.error instanceof ApiFailure && state.error.status === 404;
    return html`<p class="error" role="alert"><strong>${t("error")}:</strong> ${notFound ? t("notFound") : html`<bdi>${state.error.message}</bdi>`}</p>`;
  }
  if (state.loading && state.data === undefined) return html`<p class="loading" role="status">${t("loading")}</p>`;
  return null;
}

/** Data text in an isolate whose direction comes from its content. */
export function Bdi({ children, cls }: { children: ComponentChildren; cls?: string }) {
  return html`<bdi dir="auto" class=${cls}>${children}</bdi>`;
}

/** A date (ISO, kept as written) isolated left-to-right, so digits and dashes keep their order in RTL lines. */
export function DateText({ date }: { date: string | null | undefined }) {
  if (!date) return null;
  return html`<bdi dir="ltr" class="date">${date.slice(0, 10)}</bdi>`;
}

/**
 * A facet's display label. Labels that are bare knowledge-base ids (`gpe:baghdad`) are shown as their
 * readable part (`baghdad`), the id staying in the link and tooltip.
 */
export function facetLabel(c: { value: string; label: string }): string {
  const m = /^[a-z]+:([a-z0-9][a-z0-9-]*)$/.exec(c.label);
  return m && c.label === c.value ? m[1]!.replace(/-/g, " ") : c.label;
}

/** A link to an article page. */
export function articleHref(id: string): string {
  return `/article/${seg(id)}`;
}

/** A link to a speaker page. */
export function speakerHref(name: string): string {
  return `/speaker/${seg(name)}`;
}

/** A link to an entity page. */
export function entityHref(id: string): string {
  return `/entity/${seg(id)}`;
}

/** A search snippet with its highlights, built from text nodes only. */
export function Snippet({ text, highlights }: { text: string; highlights: [number, number][] }) {
  return html`<p class="snippet" dir="auto">${highlightRuns(text, highlights).map((r) => (r.hit ? html`<mark>${r.text}</mark>` : r.text))}</p>`;
}

/** One search hit: title, source, date, copies marker, snippet. */
export function HitItem({ hit }: { hit: SearchHit }) {
  return html`<li class="hit">
    <h3 class="hit-title"><a href=${articleHref(hit.id)}><bdi dir="auto">${hit.title ?? t("untitled")}</bdi></a></h3>
    <p class="meta">
      ${hit.site ? html`<span class="site"><bdi dir="auto">${hit.site}</bdi></span>` : null}
      <${DateText} date=${hit.date} />
      ${hit.copies > 0 ? html`<span class="badge copies" title=${t("copies", { n: hit.copies })}>⧉ ${t("copies", { n: hit.copies })}</span>` : null}
      ${hit.duplicate_of ? html`<span class="badge copy">${t("copyOf")}</span>` : null}
    </p>
    ${hit.snippet ? html`<${Snippet} text=${hit.snippet} highlights=${hit.highlights} />` : null}
  </li>`;
}

/**
 * Counts as horizontal bars (an accessible list: each bar has its number as text).
 *
 * @param items the counts, largest first
 * @param href optional link for each item
 */
export function BarList({
  items,
  href,
  label,
}: {
  items: FacetCount[];
  href?: (item: FacetCount) => string;
  label: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return html`<ul class="bars" aria-label=${label}>
    ${items.map(
      (item) => html`<li class="bar-row">
        <span class="bar-label" dir="auto" title=${item.label}>${href ? html`<a href=${href(item)}>${item.label}</a>` : item.label}</span>
        <span class="bar-track"><${Bar} fraction=${item.count / max} /></span>
        <span class="bar-count">${num(item.count)}</span>
      </li>`,
    )}
  </ul>`;
}

/** The filled part of a bar; its width is set through the CSSOM (the CSP forbids style attributes). */
function Bar({ fraction }: { fraction: number }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.style.inlineSize = `${Math.max(1, Math.round(fraction * 100))}%`;
  }, [fraction]);
  return html`<span class="bar-fill" ref=${ref}></span>`;
}

/** Longest span drawn day by day; longer ones are drawn by month, or the bars of a sparse corpus vanish. */
const MAX_DAILY_SPAN = 180 * 86400;

/**
 * Chart points (unix seconds) for counts per day: one per day, or one per month when the days span more than
 * half a year.
 */
function bucket(days: { date: string; count: number }[]): { x: number; count: number }[] {
  const daily = days
    .map((d) => ({ x: Date.parse(`${d.date.slice(0, 10)}T00:00:00Z`) / 1000, count: d.count }))
    .filter((p) => Number.isFinite(p.x));
  if (daily.length < 2 || daily[daily.length - 1]!.x - daily[0]!.x <= MAX_DAILY_SPAN) return daily;
  const months = new Map<number, number>();
  for (const p of daily) {
    const d = new Date(p.x * 1000);
    const x = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
    months.set(x, (months.get(x) ?? 0) + p.count);
  }
  return [...months].sort((a, b) => a[0] - b[0]).map(([x, count]) => ({ x, count }));
}

/**
 * Counts per day as a uPlot bar chart, left to right in time whatever the page direction.
 *
 * @param days `{date: YYYY-MM-DD, count}` oldest first
 * @param label the series' name (also the chart's accessible label)
 */
export function DayChart({ days, label }: { days: { date: string; count: number }[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || days.length === 0) return;
    const points = bucket(days);
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.count);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const pad = hi - lo < 86400 * 7 ? 86400 * 3 : hi - lo > MAX_DAILY_SPAN ? 86400 * 20 : 43200;
    const xRange: [number, number] = [lo - pad, hi + pad];
    const width = () => Math.max(240, el.clientWidth);
    const bars = uPlot.paths.bars?.({ size: [0.8, 24] });
    const plot = new uPlot(
      {
        width: width(),
        height: 200,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false } },
        // A fixed range from the data: uPlot's own guess for a single day spans years.
        scales: { x: { time: true, range: () => xRange } },
        axes: [
          { stroke: "#333", grid: { stroke: "#e5e5e5" }, ticks: { stroke: "#ccc" } },
          { stroke: "#333", grid: { stroke: "#e5e5e5" }, ticks: { stroke: "#ccc" }, size: 40 },
        ],
        series: [
          {},
          {
            label,
            stroke: "#1f5f99",
            fill: "rgba(31,95,153,0.55)",
            ...(bars ? { paths: bars } : {}),
            points: { show: false },
          },
        ],
      },
      [xs, ys],
      el,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 200 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [days, label]);
  const total = days.reduce((s, d) => s + d.count, 0);
  const monthly =
    days.length > 1 &&
    Date.parse(days[days.length - 1]!.date.slice(0, 10)) - Date.parse(days[0]!.date.slice(0, 10)) >
      MAX_DAILY_SPAN * 1000;
  const first = days[0]?.date.slice(0, 10) ?? "";
  const last = days[days.length - 1]?.date.slice(0, 10) ?? "";
  return html`<figure class="chart">
    <div class="chart-canvas" dir="ltr" ref=${ref} role="img" aria-label=${`${label}: ${num(total)} (${first} – ${last})`}></div>
    <figcaption>${label}${monthly ? ` ${t("byMonth")}` : ""}: <strong>${num(total)}</strong> · <bdi dir="ltr">${first === last ? first : `${first} – ${last}`}</bdi></figcaption>
  </figure>`;
}
