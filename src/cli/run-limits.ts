import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_MAX_MS, type RecordRunOptions } from "../run/process-inputs.ts";

/** What the run-limit options give a command's action. */
export interface RunLimitFlags {
  maxSeconds: number;
  maxWorkerMb?: number;
}

/**
 * Add the options that bound one document's processing (`--max-seconds`, `--max-worker-mb`) to a command that
 * runs the pipeline (`process`, `index`).
 *
 * @returns the command
 */
export function addRunLimitOptions(command: Command): Command {
  return command
    .option(
      "--max-seconds <n>",
      "reject a document (timeout) whose stages take longer than this; 0: no limit",
      parseSeconds,
      DEFAULT_MAX_MS / 1000,
    )
    .option(
      "--max-worker-mb <n>",
      "heap limit of each worker thread in MiB: a document that needs more is rejected (crashed)",
      parseMegabytes,
    );
}

/**
 * The run options the flags stand for.
 *
 * @returns `pipeline.maxMs` and `maxWorkerMb`, to spread into `processRecords`' options
 */
export function runLimitOptions(flags: RunLimitFlags): Pick<RecordRunOptions, "pipeline" | "maxWorkerMb"> {
  return {
    pipeline: { maxMs: flags.maxSeconds * 1000 },
    ...(flags.maxWorkerMb !== undefined ? { maxWorkerMb: flags.maxWorkerMb } : {}),
  };
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError("expected seconds (0: no limit)");
  return n;
}

function parseMegabytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 16) throw new InvalidArgumentError("expected a whole number of MiB, at least 16");
  return n;
}
