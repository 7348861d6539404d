import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { once } from "node:events";
import { Command, InvalidArgumentError } from "commander";
import { toRecord } from "../model/record.ts";
import { emptySummary, formatSummary, processInputs } from "../run/process-inputs.ts";

/**
 * Run the khabar CLI.
 *
 * @param argv arguments after the program name
 * @returns the exit code: 0 when every input was read (rejections included), 2 on usage errors
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command("khabar")
    .description("Turn raw scraped Arabic news into clean, structured, traceable records.")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let code = 0;
  program
    .command("process")
    .description("process files, directories (recursively) or - (stdin) into JSONL records")
    .argument("<paths...>", "inputs: files, directories, or - for stdin")
    .option("-o, --out <file>", "write JSONL here instead of stdout")
    .option("--max-bytes <n>", "reject inputs larger than this many bytes", parseBytes, 16 * 1024 * 1024)
    .option("--max-depth <n>", "deepest directory level to walk", parsePositive, 32)
    .option("--no-raw", "leave the raw input out of each record")
    .option("--no-tokens", "leave tokens out of each record")
    .option("-q, --quiet", "print no summary")
    .action(async (paths: string[], opts: { out?: string; maxBytes: number; maxDepth: number; raw: boolean; tokens: boolean; quiet?: boolean }) => {
      code = await processCommand(paths, opts);
    });

  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
    if (typeof e.exitCode === "number") return e.exitCode === 1 ? 2 : e.exitCode;
    throw error;
  }
  return code;
}

async function processCommand(
  paths: string[],
  opts: { out?: string; maxBytes: number; maxDepth: number; raw: boolean; tokens: boolean; quiet?: boolean },
): Promise<number> {
  if (opts.out) await mkdir(dirname(opts.out), { recursive: true });
  const out = opts.out ? createWriteStream(opts.out) : process.stdout;
  const summary = emptySummary();
  let stop = false;
  const onSignal = () => {
    // Finish the record in hand, then stop: the output stays valid JSONL.
    stop = true;
  };
  process.once("SIGINT", onSignal);
  try {
    for await (const doc of processInputs(paths, { limits: { maxBytes: opts.maxBytes, maxDepth: opts.maxDepth } }, summary)) {
      const line = `${JSON.stringify(toRecord(doc, { raw: opts.raw, tokens: opts.tokens }))}\n`;
      if (!out.write(line)) await once(out, "drain");
      if (stop) break;
    }
  } finally {
    process.off("SIGINT", onSignal);
    if (opts.out) {
      out.end();
      await once(out, "finish");
    }
  }
  if (!opts.quiet) process.stderr.write(`${formatSummary(summary)}${opts.out ? `\nkhabar: wrote ${opts.out}` : ""}\n`);
  return stop ? 130 : 0;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

function parseBytes(value: string): number {
  const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError("expected a size such as 1048576, 512k or 16m");
  const unit = (m[2] ?? "").toLowerCase()[0];
  const scale = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  return Number(m[1]) * scale;
}
