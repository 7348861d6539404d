/** The search page: query box, facets as filters, results with highlighted snippets. */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { FacetCount, FacetName, SearchResponse } from "../../../src/store/types.ts";
import { get } from "../api.ts";
import { HitItem, Status, useLoad } from "../components.ts";
import { num, type StringKey, t } from "../i18n.ts";
import { navigate } from "../router.ts";

const PAGE = 20;
const FACETS: FacetName[] = ["entity", "speaker", "site", "date"];

/** The query language, shown under the box (examples are typed as is: they stay left-to-right). */
const HELP: [string, string][] = [
  ["العراق الأمريكيين", "كل الكلمات · all words"],
  ['"مجلس الأمن"', "عبارة · phrase"],
  ["إيران OR العراق", "أيٌّ منهما · either"],
  ["-داعش", "استبعاد · exclude"],
  ["entity:gpe:iraq", "كيان · entity"],
  ['speaker:"حيدر العبادي"', "متحدث · speaker"],
  ["site:aawsat", "مصدر · source"],
  ["date:2015-07-01..2015-07-31", "تاريخ النشر · published"],
  ["mentions:2015-08", "تاريخ مذكور · mentioned date"],
  ["unit:جندي value>1000", "رقم بوحدة · figure"],
  ["has:quote has:copies", "له اقتباس / نسخ · has"],
];

/**
 * The filter a facet value stands for in the query language.
 *
 * @param facet the facet's name
 * @param value its value
 */
export function facetFilter(facet: FacetName, value: string): string {
  const quoted = /[\s"]/.test(value) ? `"${value.replace(/"/g, "")}"` : value;
  return facet === "date" ? `date:${value}` : `${facet}:${quoted}`;
}

/** The search page. */
export function SearchPage({ query }: { query: URLSearchParams }) {
  const q = query.get("q") ?? "";
  const offset = Number(query.get("offset") ?? 0) || 0;
  const allCopies = query.get("all_copies") === "1";
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const key = `${q}\u0000${offset}\u0000${allCopies}`;
  const state = useLoad(key, (signal) =>
    get<SearchResponse>(
      "/api/search",
      { q, limit: PAGE, offset, all_copies: allCopies, facets: FACETS.join(",") },
      signal,
    ),
  );
  const go = (nextQ: string, nextOffset = 0, nextAll = allCopies) => {
    const p = new URLSearchParams();
    if (nextQ) p.set("q", nextQ);
    if (nextOffset) p.set("offset", String(nextOffset));
    if (nextAll) p.set("all_copies", "1");
    const s = p.toString();
    navigate(s ? `/search?${s}` : "/search");
  };
  const addFilter = (facet: FacetName, value: string) => {
    const filter = facetFilter(facet, value);
    if (!q.split(/\s+/).includes(filter)) go(q ? `${q} ${filter}` : filter);
  };
  const data = state.data;
  useEffect(() => {
    // When the first results are on screen (read by the end-to-end test's first-render timing).
    if (data && performance.getEntriesByName("khabar:results").length === 0) performance.mark("khabar:results");
  }, [data]);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  const pageNo = Math.floor(offset / PAGE) + 1;
  return html`<section class="page search-page" aria-labelledby="search-h">
    <h1 id="search-h" class="visually-hidden">${t("navSearch")}</h1>
    <form class="search-form" role="search" onSubmit=${(e: Event) => {
      e.preventDefault();
      go(draft.trim());
    }}>
      <label for="q" class="visually-hidden">${t("query")}</label>
      <input id="q" name="q" type="search" dir="auto" autocomplete="off" spellcheck=${false} maxlength="500"
        placeholder=${t("queryPlaceholder")} value=${draft} onInput=${(e: Event) => setDraft((e.target as HTMLInputElement).value)} />
      <button type="submit">${t("searchButton")}</button>
      <label class="check"><input type="checkbox" checked=${allCopies} onChange=${(e: Event) => go(q, 0, (e.target as HTMLInputElement).checked)} /> ${t("allCopies")}</label>
    </form>
    <details class="help">
      <summary>${t("queryHelp")}</summary>
      <dl class="help-list">
        ${HELP.map(([example, what]) => html`<div><dt><code dir="ltr">${example}</code></dt><dd>${what}</dd></div>`)}
      </dl>
    </details>
    <${Status} state=${state} />
    ${
      data
        ? html`<div class="search-layout">
          <aside class="facets" aria-label=${t("facets")}>
            ${FACETS.map((f) => html`<${FacetGroup} name=${f} counts=${data.facets[f] ?? []} onPick=${(v: string) => addFilter(f, v)} />`)}
          </aside>
          <div class="results">
            <h2 class="results-h" aria-live="polite">${t("resultsCount", { n: data.total, ms: data.took_ms })}</h2>
            ${data.items.length === 0 ? html`<p>${t("noResults")}</p>` : null}
            <ol class="hits">${data.items.map((hit) => html`<${HitItem} key=${hit.id} hit=${hit} />`)}</ol>
            ${
              pages > 1
                ? html`<nav class="pager" aria-label=${t("page", { p: pageNo, n: pages })}>
                  <button type="button" disabled=${offset === 0} onClick=${() => go(q, Math.max(0, offset - PAGE))}>${t("prev")}</button>
                  <span>${t("page", { p: pageNo, n: pages })}</span>
                  <button type="button" disabled=${offset + PAGE >= data.total} onClick=${() => go(q, offset + PAGE)}>${t("next")}</button>
                </nav>`
                : null
            }
          </div>
        </div>`
        : null
    }
  </section>`;
}

/** One facet: its values as buttons that add the filter to the query. */
function FacetGroup({
  name,
  counts,
  onPick,
}: {
  name: FacetName;
  counts: FacetCount[];
  onPick: (value: string) => void;
}) {
  if (counts.length === 0) return null;
  const title = t(`facet_${name}` as StringKey);
  return html`<section class="facet">
    <h2>${title}</h2>
    <ul>
      ${counts.slice(0, 12).map(
        (c) => html`<li>
          <button type="button" class="facet-value" aria-label=${t("addFilter", { v: `${c.label} (${num(c.count)})` })} onClick=${() => onPick(c.value)}>
            <bdi dir="auto">${c.label}</bdi> <span class="count">${num(c.count)}</span>
          </button>
        </li>`,
      )}
    </ul>
  </section>`;
}
