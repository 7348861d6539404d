/**
 * History routing: page URLs are real paths (`/article/ID`), the server answers
 * every page path with index.html, and in-page links change the URL without
 * a reload.
 */
import { useEffect, useState } from "preact/hooks";

const listeners = new Set<() => void>();

/**
 * Go to a page of the UI.
 *
 * @param url a same-origin path with its query string
 * @param replace replace the current history entry instead of adding one
 */
export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  for (const f of listeners) f();
}

/** The current location as `{path, query}`, re-rendering the caller when it changes. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const f = () => setTick((n) => n + 1);
    listeners.add(f);
    addEventListener("popstate", f);
    return () => {
      listeners.delete(f);
      removeEventListener("popstate", f);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/**
 * Make same-origin link clicks route in the page. Clicks with a modifier key
 * (new tab), on downloads or on other origins are left to the browser.
 */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener("click", (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const a = (event.target as Element | null)?.closest?.("a");
    if (!a || a.target || a.hasAttribute("download")) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
    // A new page: start at its top, and move focus to its content for screen readers.
    scrollTo(0, 0);
    document.getElementById("main")?.focus({ preventScroll: true });
  });
}
