// Child process of test/hold-shape.test.ts (run with --allow-natives-syntax --expose-gc): optimizes findDates, runs two
// full GCs with no Finder alive, and prints V8's optimization status of findDates before and after.
import { findDates } from "../../src/extract/dates/find-dates.ts";
import { wordsOf } from "../../src/extract/numbers/word-view.ts";
import { figures } from "./figures.ts";
const doc = figures(
  "وصل الوفد في 15 يناير 2024، وقبل ثلاثة أيام أعلنت الوزارة أن 2500 جندي سيغادرون يوم الأحد المقبل.",
);
const words = wordsOf(doc);
const run = () => findDates(words, { text: doc.text });
// V8 intrinsics (`%Name(f)`) are not syntax TypeScript accepts: each is compiled at run time, under
// --allow-natives-syntax.
const intrinsic = (name: string) => new Function("f", `return %${name}(f);`) as (f: unknown) => number;
intrinsic("PrepareFunctionForOptimization")(findDates);
for (let i = 0; i < 20; i++) run();
intrinsic("OptimizeFunctionOnNextCall")(findDates);
run();
const optimized = () => intrinsic("GetOptimizationStatus")(findDates);
const before = optimized();
(globalThis as { gc?: () => void }).gc?.();
(globalThis as { gc?: () => void }).gc?.();
console.log(JSON.stringify({ before, after: optimized() }));
