/** The entity page: mentions over time as a chart, co-occurring entities, linked articles, statements. */
import { html } from "htm/preact";
import type { EntityDetail } from "../../../src/store/types.ts";
import { get, seg } from "../api.ts";
import { articleHref, DateText, DayChart, entityHref, HitItem, speakerHref, Status, useLoad } from "../components.ts";
import { num, t } from "../i18n.ts";

/** The entity page for a KB id or `name:NORMALIZED`. */
export function EntityPage({ id }: { id: string }) {
  const state = useLoad(id, (signal) => get<EntityDetail>(`/api/entities/${seg(id)}`, {}, signal));
  const e = state.data;
  if (!e) return html`<section class="page"><${Status} state=${state} /></section>`;
  return html`<section class="page entity-page" aria-labelledby="entity-h">
    <h1 id="entity-h"><bdi dir="auto">${e.name}</bdi> <span class=${`type-tag t-${e.type}`}>${e.type}</span></h1>
    <p class="meta"><code dir="ltr">${e.id}</code> <span>${t("mentions", { n: e.mentions, a: e.articles })}</span></p>
    ${
      e.aliases.length > 0
        ? html`<p class="aliases"><span class="muted">${t("aliases")}:</span> ${e.aliases.map((a) => html`<span class="chip"><bdi dir="auto">${a.label}</bdi> <span class="count">${num(a.count)}</span></span>`)}</p>`
        : null
    }
    <div class="two-col">
      <section class="panel" aria-labelledby="timeline-h">
        <h2 id="timeline-h">${t("timeline")}</h2>
        <${DayChart} days=${e.timeline} label=${t("timeline")} />
      </section>
      <section class="panel" aria-labelledby="co-h">
        <h2 id="co-h">${t("cooccurring")}</h2>
        <ul class="chips">
          ${e.cooccurring.map(
            (c) =>
              html`<li><a class="chip" href=${entityHref(c.id)} title=${t("shared", { n: c.shared })}><bdi dir="auto">${c.name}</bdi> <span class=${`type-tag t-${c.type}`}>${c.type}</span> <span class="count">${num(c.shared)}</span></a></li>`,
          )}
        </ul>
      </section>
    </div>
    ${
      e.quotes.length > 0
        ? html`<section class="panel" aria-labelledby="said-h">
          <h2 id="said-h">${t("saidBy")} · <a href=${speakerHref(e.id)}>${t("speakerPage")}</a></h2>
          <ol class="timeline">
            ${e.quotes.map(
              (q) => html`<li class="timeline-item">
                <p class="meta"><${DateText} date=${q.date} /> <a href=${articleHref(q.article_id)}><bdi dir="auto">${q.title ?? t("untitled")}</bdi></a></p>
                <blockquote dir="auto">${q.content}</blockquote>
              </li>`,
            )}
          </ol>
        </section>`
        : null
    }
    <section class="panel" aria-labelledby="latest-h">
      <h2 id="latest-h">${t("latest")}</h2>
      <ol class="hits">${e.latest.map((hit) => html`<${HitItem} key=${hit.id} hit=${hit} />`)}</ol>
    </section>
  </section>`;
}
