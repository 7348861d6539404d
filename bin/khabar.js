#!/usr/bin/env node
// The CLI entry: the compiled library does the work (see src/cli/main.ts).
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`khabar: ${error?.stack ?? error}\n`);
    process.exitCode = 70;
  },
);
