/**
 * The khabar web reader: an Arabic-first single-page UI over the HTTP API.
 * Routes: `/` and `/search?q=` (search), `/article/ID`, `/speaker/NAME`,
 * `/entity/ID`, `/stories`, `/story/ID`, `/dashboard`.
 */
import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { applyLang, lang, type StringKey, setLang, t } from "./i18n.ts";
import { ArticlePage } from "./pages/article.ts";
import { DashboardPage } from "./pages/dashboard.ts";
import { EntityPage } from "./pages/entity.ts";
import { SearchPage } from "./pages/search.ts";
import { SpeakerPage } from "./pages/speaker.ts";
import { StoriesPage, StoryPage } from "./pages/stories.ts";
import { interceptLinks, useLocation } from "./router.ts";

/** The page for a path. */
function route(path: string, query: URLSearchParams) {
  const [, head = "", rest = ""] = /^\/([^/]*)\/?(.*)$/.exec(path) ?? [];
  const arg = safeDecode(rest);
  switch (head) {
    case "":
    case "search":
      return { name: "search", page: html`<${SearchPage} query=${query} />` };
    case "article":
      return { name: "article", page: html`<${ArticlePage} key=${arg} id=${arg} />` };
    case "speaker":
      return { name: "speaker", page: html`<${SpeakerPage} key=${arg} name=${arg} />` };
    case "entity":
      return { name: "entity", page: html`<${EntityPage} key=${arg} id=${arg} />` };
    case "stories":
      return { name: "stories", page: html`<${StoriesPage} />` };
    case "story":
      return { name: "story", page: html`<${StoryPage} key=${arg} id=${arg} />` };
    case "dashboard":
      return { name: "dashboard", page: html`<${DashboardPage} />` };
    default:
      return { name: "notfound", page: html`<section class="page"><p role="alert">${t("notFound")}</p></section>` };
  }
}

const TITLES: Record<string, StringKey> = {
  search: "navSearch",
  article: "article",
  speaker: "speaker",
  entity: "entityTitle",
  stories: "storiesTitle",
  story: "story",
  dashboard: "dashboardTitle",
};

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function App() {
  const { path, query } = useLocation();
  const [, setLangState] = useState(lang());
  const { name, page } = route(path, query);
  useEffect(() => {
    document.title = `${TITLES[name] ? `${t(TITLES[name])} · ` : ""}${t("brand")}`;
  }, [name, lang()]);
  const navLink = (href: string, label: string, active: boolean) =>
    html`<a href=${href} class=${active ? "active" : undefined} aria-current=${active ? "page" : undefined}>${label}</a>`;
  return html`
    <a class="skip-link" href="#main">${t("skip")}</a>
    <header class="site-header">
      <a class="brand" href="/" aria-label=${`${t("brand")} — ${t("tagline")}`}><span class="brand-mark">${t("brand")}</span><span class="tagline">${t("tagline")}</span></a>
      <nav aria-label=${t("nav")} class="site-nav">
        ${navLink("/search", t("navSearch"), name === "search")}
        ${navLink("/stories", t("navStories"), name === "stories" || name === "story")}
        ${navLink("/dashboard", t("navDashboard"), name === "dashboard")}
      </nav>
      <button type="button" class="lang-toggle" lang=${lang() === "ar" ? "en" : "ar"} aria-label=${t("switchLangLabel")}
        onClick=${() => {
          const next = lang() === "ar" ? "en" : "ar";
          setLang(next);
          setLangState(next);
        }}>${t("switchLang")}</button>
    </header>
    <main id="main" tabindex="-1" data-page=${name}>${page}</main>
  `;
}

applyLang();
const root = document.getElementById("app");
if (root) {
  interceptLinks(document.body);
  render(html`<${App} />`, root);
  // For the end-to-end test's first-render timing.
  performance.mark("khabar:rendered");
}
