// Run the khabar CLI from source (`node --import tsx src/cluster/cli-entry.ts worker --db ...`): how tests and
// benchmarks start worker processes without a build.
import { main } from "../cli/main.ts";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`khabar: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
