/** The corpus dashboard: counts by source and by day, duplicates removed, top entities and speakers. */
import { html } from "htm/preact";
import type { CorpusStats } from "../../../src/store/types.ts";
import { get } from "../api.ts";
import { BarList, DayChart, entityHref, speakerHref, Status, useLoad } from "../components.ts";
import { num, type StringKey, t } from "../i18n.ts";

/** The dashboard. */
export function DashboardPage() {
  const state = useLoad("stats", (signal) => get<CorpusStats>("/api/stats", {}, signal));
  const s = state.data;
  if (!s) return html`<section class="page"><${Status} state=${state} /></section>`;
  const cards: [StringKey, number][] = [
    ["statArticles", s.articles],
    ["statOk", s.ok],
    ["statDuplicates", s.duplicates],
    ["statRejected", s.rejected],
    ["statStories", s.stories],
  ];
  return html`<section class="page dashboard-page" aria-labelledby="dash-h">
    <h1 id="dash-h">${t("dashboardTitle")}</h1>
    <ul class="cards">
      ${cards.map(([k, v]) => html`<li class="card"><span class="card-value">${num(v)}</span><span class="card-label">${t(k)}</span></li>`)}
    </ul>
    <section class="panel" aria-labelledby="days-h">
      <h2 id="days-h">${t("byDay")}</h2>
      <${DayChart} days=${s.days} label=${t("chartDayLabel")} />
    </section>
    <div class="two-col">
      <section class="panel" aria-labelledby="sites-h">
        <h2 id="sites-h">${t("bySite")}</h2>
        <${BarList} items=${s.sites} label=${t("bySite")} href=${(i: { value: string }) => `/search?q=${encodeURIComponent(`site:${i.value}`)}`} />
      </section>
      <section class="panel" aria-labelledby="ent-h">
        <h2 id="ent-h">${t("topEntities")}</h2>
        <${BarList} items=${s.entities} label=${t("topEntities")} href=${(i: { value: string }) => entityHref(i.value)} />
      </section>
      <section class="panel" aria-labelledby="spk-h">
        <h2 id="spk-h">${t("topSpeakers")}</h2>
        <${BarList} items=${s.speakers} label=${t("topSpeakers")} href=${(i: { value: string }) => speakerHref(i.value)} />
      </section>
      ${
        s.rejections.length > 0
          ? html`<section class="panel" aria-labelledby="rej-h">
            <h2 id="rej-h">${t("rejections")}</h2>
            <${BarList} items=${s.rejections} label=${t("rejections")} />
          </section>`
          : null
      }
    </div>
  </section>`;
}
