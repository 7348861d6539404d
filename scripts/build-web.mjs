#!/usr/bin/env node
// Build the web reader (web/) into dist/web/: one minified ES module bundle (app.js), one stylesheet
// (app.css, uPlot's included), index.html and the bundled fonts with their license. Prints the gzipped
// size of what a browser downloads and fails when the JavaScript exceeds the 200 KB budget.
//
//   node scripts/build-web.mjs [--out DIR] [--dev]
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** JavaScript budget, gzipped (issue 9). */
const JS_BUDGET = 200 * 1024;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const out = outIndex === -1 ? join(root, "dist/web") : resolve(args[outIndex + 1] ?? "");
const dev = args.includes("--dev");
if (outIndex !== -1 && !args[outIndex + 1]) {
  console.error("build-web: --out needs a directory");
  process.exit(2);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "fonts"), { recursive: true });

const common = { bundle: true, minify: !dev, sourcemap: false, legalComments: "none", logLevel: "warning" };
await build({
  ...common,
  entryPoints: [join(root, "web/src/main.ts")],
  outfile: join(out, "app.js"),
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  tsconfig: join(root, "web/tsconfig.json"),
  define: { "process.env.NODE_ENV": dev ? '"development"' : '"production"' },
});
await build({
  ...common,
  entryPoints: [join(root, "web/styles.css")],
  outfile: join(out, "app.css"),
  // Fonts are copied as they are and served from /fonts/.
  external: ["/fonts/*"],
});
copyFileSync(join(root, "web/index.html"), join(out, "index.html"));
for (const name of readdirSync(join(root, "web/fonts")))
  copyFileSync(join(root, "web/fonts", name), join(out, "fonts", name));

const size = (file) => {
  const bytes = readFileSync(join(out, file));
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const js = size("app.js");
const css = size("app.css");
const fonts = readdirSync(join(out, "fonts"))
  .filter((f) => f.endsWith(".ttf"))
  .reduce((s, f) => s + statSync(join(out, "fonts", f)).size, 0);
console.log(`build-web: ${out}`);
console.log(`  app.js   ${kb(js.raw)} (${kb(js.gz)} gzipped; budget ${kb(JS_BUDGET)})`);
console.log(`  app.css  ${kb(css.raw)} (${kb(css.gz)} gzipped)`);
console.log(`  fonts    ${kb(fonts)}`);
writeFileSync(join(out, "build.json"), `${JSON.stringify({ js, css, fonts }, null, 2)}\n`);
if (js.gz > JS_BUDGET) {
  console.error(`build-web: app.js is ${kb(js.gz)} gzipped, over the ${kb(JS_BUDGET)} budget`);
  process.exit(1);
}
