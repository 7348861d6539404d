/**
 * The Content-Security-Policy of every answer: everything from this origin
 * only, no inline script, no eval, no plugins, no framing. The web UI is built
 * to comply (its scripts and styles are files; data comes from `/api`).
 * Styles set through the DOM (`element.style`) are allowed by CSP; `style`
 * attributes in markup and `<style>` blocks are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers set on every answer, API and UI alike, errors included. */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["content-security-policy", CONTENT_SECURITY_POLICY],
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
  ["x-frame-options", "DENY"],
  ["cross-origin-opener-policy", "same-origin"],
  ["cross-origin-resource-policy", "same-origin"],
];
