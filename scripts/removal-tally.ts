/**
 * Run the cleaning stage over every article in ../shared/corpus and tally the
 * removals by kind, so a person can read them for false removals.
 *
 * Usage: npx tsx scripts/removal-tally.ts [--samples FILE] [--per-kind N]
 * Reads: saudinewsnet/sample/*.txt, saudinewsnet/annotated/*.txt, seed/*.txt and
 * saudinewsnet/articles.jsonl.gz (field `content`). Writes FILE (default
 * out/removal-samples.txt): for each kind, its distinct removed texts by
 * frequency, then N random removals with the line before and after them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";
import { createReadStream } from "node:fs";
import { clean } from "../src/clean/clean.ts";
import { commitText } from "../src/run/commit-text.ts";
import { runPipeline } from "../src/run/pipeline.ts";
import type { NamedStage } from "../src/run/stage.ts";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(repo, "../shared/corpus");
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const samplesPath = resolve(repo, flag("--samples") ?? "out/removal-samples.txt");
const perKind = Number(flag("--per-kind") ?? 60);

const stages: NamedStage[] = [
  { name: "clean", run: clean() },
  { name: "commit", run: commitText() },
];

interface Sample {
  where: string;
  text: string;
  before: string;
  after: string;
}
const count = new Map<string, number>();
const chars = new Map<string, number>();
const distinct = new Map<string, Map<string, number>>();
const reservoir = new Map<string, Sample[]>();
let articles = 0;
let rejected = 0;
let touched = 0;
let rawChars = 0;
let rng = 12345;
const random = (): number => {
  rng = (rng * 1103515245 + 12345) & 0x7fffffff;
  return rng / 0x7fffffff;
};

function lineAround(raw: string, start: number, end: number): { before: string; after: string } {
  const ls = raw.lastIndexOf("\n", start - 1);
  const ps = raw.lastIndexOf("\n", ls - 1);
  const le = raw.indexOf("\n", end);
  const ne = le < 0 ? -1 : raw.indexOf("\n", le + 1);
  const before = raw.slice(ls < 0 ? 0 : Math.max(ps + 1, ls - 200), Math.max(ls, 0, start)).slice(-200);
  const after = raw.slice(end, le < 0 ? raw.length : ne < 0 ? raw.length : Math.min(ne, le + 200)).slice(0, 200);
  return { before, after };
}

function tally(where: string, raw: string): void {
  articles++;
  rawChars += raw.length;
  const doc = runPipeline(stages, { id: where, raw, source: { path: where } });
  if (doc.status === "rejected") {
    rejected++;
    console.error(`rejected ${where}: ${doc.error?.message}`);
    return;
  }
  let any = false;
  for (const r of [...doc.removed, ...doc.replaced]) {
    if (r.kind !== "whitespace") any = true;
    count.set(r.kind, (count.get(r.kind) ?? 0) + 1);
    chars.set(r.kind, (chars.get(r.kind) ?? 0) + r.text.length);
    if (r.kind === "whitespace") continue;
    const key = r.text.trim().slice(0, 120);
    const d = distinct.get(r.kind) ?? new Map<string, number>();
    d.set(key, (d.get(key) ?? 0) + 1);
    distinct.set(r.kind, d);
    const res = reservoir.get(r.kind) ?? [];
    reservoir.set(r.kind, res);
    const n = count.get(r.kind)!;
    const sample = (): Sample => ({ where, text: r.text, ...lineAround(raw, r.start, r.end) });
    if (res.length < perKind) res.push(sample());
    else if (random() < perKind / n) res[Math.floor(random() * perKind)] = sample();
  }
  if (any) touched++;
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => join(dir, f));
}

const t0 = performance.now();
for (const dir of ["seed", "saudinewsnet/annotated", "saudinewsnet/sample"]) {
  for (const f of files(join(corpus, dir))) tally(f.slice(corpus.length + 1), readFileSync(f, "utf8"));
}
const gz = join(corpus, "saudinewsnet/articles.jsonl.gz");
const lines = createInterface({
  input: createReadStream(gz).pipe(createGunzip()),
  crlfDelay: Number.POSITIVE_INFINITY,
});
let lineNo = 0;
for await (const line of lines) {
  lineNo++;
  if (!line.trim()) continue;
  const rec = JSON.parse(line) as { id?: string; content?: string };
  tally(`articles.jsonl.gz:${lineNo}:${rec.id ?? ""}`, rec.content ?? "");
}
const seconds = (performance.now() - t0) / 1000;

const kinds = [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)!);
console.log(
  `articles ${articles}, rejected ${rejected}, with debris removed ${touched}; ${(rawChars / 1e6).toFixed(1)}M chars in ${seconds.toFixed(1)} s`,
);
console.log("kind              edits   chars  distinct");
for (const k of kinds) {
  console.log(
    `${k.padEnd(16)} ${String(count.get(k)).padStart(7)} ${String(chars.get(k)).padStart(7)} ${String(distinct.get(k)?.size ?? "-").padStart(9)}`,
  );
}
const out: string[] = [];
for (const k of kinds) {
  if (k === "whitespace") continue;
  out.push(`######## ${k}: ${count.get(k)} edits`);
  out.push("-- distinct texts by frequency (first 150):");
  const d = [...(distinct.get(k) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1]);
  for (const [t, n] of d.slice(0, 150)) out.push(`${String(n).padStart(6)}  ${JSON.stringify(t)}`);
  out.push(`-- ${perKind} random removals in context (before ⟦removed⟧ after):`);
  for (const s of reservoir.get(k) ?? []) {
    out.push(`* ${s.where}\n  …${JSON.stringify(s.before)} ⟦${JSON.stringify(s.text)}⟧ ${JSON.stringify(s.after)}…`);
  }
  out.push("");
}
mkdirSync(dirname(samplesPath), { recursive: true });
writeFileSync(samplesPath, `${out.join("\n")}\n`);
console.log(`samples: ${samplesPath}`);
