/** The stories listing and the story page: a story's articles on a timeline with the figures each reported. */
import { html } from "htm/preact";
import type { Page, StoryDetail, StorySummary } from "../../../src/store/types.ts";
import { get, seg } from "../api.ts";
import { articleHref, DateText, entityHref, facetLabel, speakerHref, Status, useLoad } from "../components.ts";
import { disagreements } from "../disagreements.ts";
import { num, t } from "../i18n.ts";

type Member = StoryDetail["members"][number];

/** Figures of one article, each written form once. */
function distinctFigures(m: Member): Member["figures"] {
  const seen = new Set<string>();
  return m.figures.filter((f) => {
    const key = `${f.text}\u0000${f.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function StoryHead({ s }: { s: StorySummary }) {
  return html`<p class="meta">
    <bdi dir="ltr">${(s.start ?? "").slice(0, 10)}${s.end && s.end.slice(0, 10) !== (s.start ?? "").slice(0, 10) ? ` – ${s.end.slice(0, 10)}` : ""}</bdi>
    <span>${t("articlesSites", { a: s.articles, s: s.sites })}</span>
  </p>`;
}

/** All stories, largest first. */
export function StoriesPage() {
  const state = useLoad("stories", (signal) => get<Page<StorySummary>>("/api/stories", { limit: 50 }, signal));
  const data = state.data;
  return html`<section class="page stories-page" aria-labelledby="stories-h">
    <h1 id="stories-h">${t("storiesTitle")}</h1>
    <${Status} state=${state} />
    ${data && data.items.length === 0 ? html`<p>${t("noStories")}</p>` : null}
    <ol class="story-list">
      ${data?.items.map(
        (s) => html`<li class="story-item">
          <h2><a href=${`/story/${seg(s.id)}`}><bdi dir="auto">${s.label}</bdi></a></h2>
          <${StoryHead} s=${s} />
          <p class="chips-line">${s.entities.slice(0, 6).map((e) => html`<span class="chip" title=${e.value}><bdi dir="auto">${facetLabel(e)}</bdi></span>`)}</p>
        </li>`,
      )}
    </ol>
  </section>`;
}

/** One story. */
export function StoryPage({ id }: { id: string }) {
  const state = useLoad(id, (signal) => get<StoryDetail>(`/api/stories/${seg(id)}`, {}, signal));
  const s = state.data;
  if (!s) return html`<section class="page"><${Status} state=${state} /></section>`;
  const members = [...s.members].sort((a, b) => (a.date ?? "9").localeCompare(b.date ?? "9"));
  const conflicts = disagreements(members);
  const disputed = new Set(conflicts.map((c) => c.unit));
  return html`<section class="page story-page" aria-labelledby="story-h">
    <h1 id="story-h"><bdi dir="auto">${s.label}</bdi></h1>
    <${StoryHead} s=${s} />
    <p class="chips-line">
      ${s.entities.map((e) => html`<a class="chip" href=${entityHref(e.value)} title=${e.value}><bdi dir="auto">${facetLabel(e)}</bdi> <span class="count">${num(e.count)}</span></a>`)}
      ${s.speakers.map((e) => html`<a class="chip speaker-chip" href=${speakerHref(e.value)}><bdi dir="auto">${e.label}</bdi></a>`)}
    </p>
    <section class="panel" aria-labelledby="disagree-h">
      <h2 id="disagree-h">${t("disagreements")}</h2>
      ${
        conflicts.length === 0
          ? html`<p class="muted">${t("noDisagreement")}</p>`
          : html`<dl class="disagreements">
            ${conflicts.map(
              (c) => html`<div class="disagreement">
                <dt><bdi dir="auto">${c.unit}</bdi></dt>
                <dd><ul>${c.values.map(
                  (v) =>
                    html`<li><strong><bdi dir="ltr">${num(v.value)}</bdi></strong> — ${v.sites.map((site) => html`<span class="site"><bdi dir="auto">${site}</bdi></span> `)}</li>`,
                )}</ul></dd>
              </div>`,
            )}
          </dl>`
      }
    </section>
    <section aria-labelledby="tl-h">
      <h2 id="tl-h">${t("storyTimeline")}</h2>
      <ol class="timeline story-timeline">
        ${members.map(
          (m) => html`<li class="timeline-item">
            <p class="meta"><${DateText} date=${m.date} /> ${m.site ? html`<span class="site"><bdi dir="auto">${m.site}</bdi></span>` : null}
              ${m.copies > 0 ? html`<span class="badge copies">⧉ ${t("copies", { n: m.copies })}</span>` : null}</p>
            <h3><a href=${articleHref(m.id)}><bdi dir="auto">${m.title ?? t("untitled")}</bdi></a></h3>
            <p class="figures" aria-label=${t("figures")}>
              ${m.figures.length === 0 ? html`<span class="muted">${t("noFigures")}</span>` : null}
              ${distinctFigures(m).map(
                (f) =>
                  html`<span class=${`chip figure${f.unit && disputed.has(f.unit) ? " disputed" : ""}`} title=${`${num(f.value)} ${f.unit ?? ""}`}><bdi dir="auto">${f.text}</bdi></span> `,
              )}
            </p>
          </li>`,
        )}
      </ol>
    </section>
  </section>`;
}
