// Child process of test/hold-shape.test.ts (run with --allow-natives-syntax --expose-gc): optimizes the dates stage's
// two entry points on documents it drops at once, runs two full GCs with no document and no finder alive (but the
// ones `holdShape` holds), and prints V8's optimization status of each function before and after.
import { findDateMentions } from "../../src/extract/dates.ts";
import { findDates } from "../../src/extract/dates/find-dates.ts";
import { wordsOf } from "../../src/extract/numbers/word-view.ts";
import { figures } from "./figures.ts";

const TEXT = "وصل الوفد في 15 يناير 2024، وقبل ثلاثة أيام أعلنت الوزارة أن 2500 جندي سيغادرون يوم الأحد المقبل.";
const probes: Record<string, [(...args: never[]) => unknown, () => unknown]> = {
  findDates: [
    findDates,
    () => {
      const doc = figures(TEXT);
      return findDates(wordsOf(doc), { text: doc.text }).length;
    },
  ],
  findDateMentions: [findDateMentions, () => findDateMentions(figures(TEXT, "2024-01-20")).length],
};
// V8 intrinsics (`%Name(f)`) are not syntax TypeScript accepts: each is compiled at run time, under
// --allow-natives-syntax.
const intrinsic = (name: string) => new Function("f", `return %${name}(f);`) as (f: unknown) => number;
const before: Record<string, number> = {};
for (const [name, [fn, run]] of Object.entries(probes)) {
  intrinsic("PrepareFunctionForOptimization")(fn);
  for (let i = 0; i < 20; i++) run();
  intrinsic("OptimizeFunctionOnNextCall")(fn);
  run();
  before[name] = intrinsic("GetOptimizationStatus")(fn);
}
(globalThis as { gc?: () => void }).gc?.();
(globalThis as { gc?: () => void }).gc?.();
const after: Record<string, number> = {};
for (const [name, [fn]] of Object.entries(probes)) after[name] = intrinsic("GetOptimizationStatus")(fn);
console.log(JSON.stringify({ before, after }));
