/**
 * What the figure stages and the quote stage add to the pipeline, as marginal cost: the end-to-end time of the
 * pipeline with and without them (`plainPass`: no timer inside, documents in batches as the workers run them),
 * the variants alternated round after round, against the foundation's own end-to-end time. Per-stage timers
 * charge a GC pause to whichever stage is running when it comes, whoever made the garbage; this does not.
 *
 *   F  = new Doc + normalize … language + credits            (the foundation; credits feed the dates stage)
 *   F+ = F + dates + quantities                              → figures add (F+ − F) / F
 *   Q  = F + quotes (no entities: no speaker_entity)         → quotes on the foundation alone add (Q − F) / F
 *   E  = every stage but quotes; E+ = every stage            → quotes in the whole pipeline add (E+ − E) / F
 *        (the difference of two times ten times larger than it: needs many rounds)
 *   W  = every stage but dates and quantities                → figures add (E+ − W) / W to the whole pipeline's
 *        time (what a user running every stage pays for them)
 *
 * Usage: node --expose-gc --import tsx bench/marginal.ts [--limit 3000] [--rounds 3] [--batch 8] [--impl src|dist]
 *        [--shared ../shared]
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadCorpus, SAUDI_PATH } from "./corpus.ts";
import { PIPELINE_BATCH, plainPass } from "./measure-pipeline.ts";
import { loadApi } from "./stage-ratio.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    limit: { type: "string", default: "3000" },
    rounds: { type: "string", default: "3" },
    batch: { type: "string", default: String(PIPELINE_BATCH) },
    shared: { type: "string" },
    impl: { type: "string", default: "src" },
  },
});
const shared = resolve(ROOT, values.shared ?? "../shared");
if (!existsSync(join(shared, SAUDI_PATH))) {
  console.log(`marginal: no corpus at ${join(shared, SAUDI_PATH)}; nothing to measure`);
} else {
  const api = await loadApi(values.impl === "dist" ? "dist" : "src");
  const docs = loadCorpus(shared, Number(values.limit)).docs;
  const batch = Number(values.batch);
  const variants: Record<string, string[]> = {
    F: ["dates", "quantities", "entities", "quotes"],
    "F+": ["entities", "quotes"],
    Q: ["dates", "quantities", "entities"],
    E: ["quotes"],
    "E+": [],
    W: ["dates", "quantities"],
  };
  const time = (skip: string[], on = docs): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return plainPass(api, on, () => api.createPipeline({ skip }), batch).ms;
  };
  for (const skip of Object.values(variants)) time(skip, docs.slice(0, 500)); // warm-up
  const figures: number[] = [];
  const quotes: number[] = [];
  const quotesAlone: number[] = [];
  const figuresWhole: number[] = [];
  const rounds = Math.max(1, Number(values.rounds));
  console.log(`marginal: ${docs.length} articles, ${rounds} rounds, batch ${batch}, ${values.impl}`);
  for (let r = 0; r < rounds; r++) {
    const ms = Object.fromEntries(Object.entries(variants).map(([name, skip]) => [name, time(skip)]));
    const f = ms.F!;
    figures.push((ms["F+"]! - f) / f);
    quotes.push((ms["E+"]! - ms.E!) / f);
    quotesAlone.push((ms.Q! - f) / f);
    figuresWhole.push((ms["E+"]! - ms.W!) / ms.W!);
    console.log(
      `round ${r + 1}: F ${f.toFixed(0)} ms, F+ ${ms["F+"]!.toFixed(0)}, E ${ms.E!.toFixed(0)}, E+ ${ms["E+"]!.toFixed(0)}, ` +
        `W ${ms.W!.toFixed(0)} → figures +${(figures[r]! * 100).toFixed(1)}% on F ` +
        `(+${(figuresWhole[r]! * 100).toFixed(1)}% of the whole pipeline), quotes +${(quotesAlone[r]! * 100).toFixed(1)}% on F ` +
        `(+${(quotes[r]! * 100).toFixed(1)}% of F in the whole pipeline)`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `dates + quantities add ${(median(figures) * 100).toFixed(1)}%, quotes ${(median(quotesAlone) * 100).toFixed(1)}% ` +
      `(in the whole pipeline ${(median(quotes) * 100).toFixed(1)}%) to the foundation's end-to-end time; ` +
      `dates + quantities add ${(median(figuresWhole) * 100).toFixed(1)}% to the whole pipeline's (median of ${rounds} rounds)`,
  );
}
