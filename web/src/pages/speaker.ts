/** The speaker page: everything a person or body said, in time order, with links to the articles. */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { Page, QuoteHit } from "../../../src/store/types.ts";
import { get } from "../api.ts";
import { articleHref, DateText, entityHref, Status, useLoad } from "../components.ts";
import { num, t } from "../i18n.ts";

const PAGE = 100;

/** Oldest first; undated statements last. */
function byTime(a: QuoteHit, b: QuoteHit): number {
  if (a.date === b.date) return 0;
  if (a.date === null) return 1;
  if (b.date === null) return -1;
  return a.date < b.date ? -1 : 1;
}

/** A statement and the later articles (copies, re-posts) that carry the same words. */
interface Said {
  first: QuoteHit;
  also: QuoteHit[];
}

/**
 * Group statements by their words, so a statement re-published by copies shows once, at its first date.
 *
 * @param quotes statements in time order
 */
export function groupSaid(quotes: readonly QuoteHit[]): Said[] {
  const groups = new Map<string, Said>();
  for (const q of quotes) {
    const key = q.content.replace(/\s+/g, " ").trim();
    const g = groups.get(key);
    if (g) g.also.push(q);
    else groups.set(key, { first: q, also: [] });
  }
  return [...groups.values()];
}

/** The speaker page for a name, role or entity id. */
export function SpeakerPage({ name }: { name: string }) {
  const [extra, setExtra] = useState<QuoteHit[]>([]);
  useEffect(() => setExtra([]), [name]);
  const state = useLoad(name, (signal) => get<Page<QuoteHit>>("/api/quotes", { speaker: name, limit: PAGE }, signal));
  const data = state.data;
  const all = data ? [...data.items, ...extra].sort(byTime) : [];
  const said = groupSaid(all);
  const entity = all.find((q) => q.speaker_entity)?.speaker_entity ?? null;
  const shown = name.includes(":") ? (all.find((q) => q.speaker)?.speaker ?? name) : name;
  const more = async () => {
    const next = await get<Page<QuoteHit>>("/api/quotes", { speaker: name, limit: PAGE, offset: PAGE + extra.length });
    setExtra([...extra, ...next.items]);
  };
  return html`<section class="page speaker-page" aria-labelledby="speaker-h">
    <h1 id="speaker-h">${t("speakerTitle", { s: "\u2068" + shown + "\u2069" })}</h1>
    ${entity ? html`<p><a href=${entityHref(entity)}>${t("entityPage")}</a> <code dir="ltr">${entity}</code></p>` : null}
    <${Status} state=${state} />
    ${
      data
        ? html`<p class="muted">${t("quotesCount", { n: said.length })}</p>
          ${data.total === 0 ? html`<p>${t("noQuotes")}</p>` : null}
          <ol class="timeline">
            ${said.map(
              ({ first: q, also }) => html`<li class="timeline-item">
                <p class="meta">
                  <${DateText} date=${q.date} />
                  ${q.site ? html`<span class="site"><bdi dir="auto">${q.site}</bdi></span>` : null}
                  <a href=${articleHref(q.article_id)}><bdi dir="auto">${q.title ?? t("untitled")}</bdi></a>
                </p>
                <p class="quote-head">
                  <span class="speaker-chip"><bdi dir="auto">${q.speaker ?? "—"}</bdi></span>
                  <span class="cue"><bdi dir="auto">${q.cue}</bdi></span>
                  <span class=${`badge ${q.direct ? "direct" : "indirect"}`}>${q.direct ? t("direct") : t("indirect")}</span>
                  ${q.anonymous ? html`<span class="badge anon">${t("anonymous")}</span>` : null}
                  ${q.outlet ? html`<span class="badge outlet">${t("via")} <bdi dir="auto">${q.outlet}</bdi></span>` : null}
                </p>
                <blockquote dir="auto">${q.content}</blockquote>
                ${
                  also.length > 0
                    ? html`<p class="also">${t("alsoIn")} ${also.map(
                        (c) =>
                          html`<a href=${articleHref(c.article_id)}><bdi dir="auto">${c.site ?? c.title ?? c.article_id}</bdi></a> <${DateText} date=${c.date} /> `,
                      )}</p>`
                    : null
                }
              </li>`,
            )}
          </ol>
          ${data.total > all.length ? html`<button type="button" onClick=${more}>${t("loadMore")} (${num(data.total - all.length)})</button>` : null}`
        : null
    }
  </section>`;
}
