import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { KNOWN_FIELDS } from "../ingest/jsonl-reader.ts";
import { loadMeta } from "../ingest/meta.ts";
import { walk } from "../ingest/walk.ts";
import { emptySummary, formatSummary, processRecords, reportOf } from "../run/process-inputs.ts";
import { prepareResume } from "../run/resume.ts";
import { DedupIndex } from "../dedupe/dedup-index.ts";
import { dedupeRecord } from "../dedupe/dedupe-records.ts";
import type { DocRecord } from "../model/record.ts";
import { dedupeCommand } from "./dedupe-command.ts";
import { listEntities, listQuotes } from "./list-layers.ts";
import { Progress } from "./progress.ts";
import { addRunLimitOptions, type RunLimitFlags, runLimitOptions } from "./run-limits.ts";
import { registerStoreCommands } from "./store-commands.ts";
import { registerClusterCommands } from "./cluster-commands.ts";
import { registerServeCommand } from "./serve-command.ts";
import { registerStoriesCommand } from "./stories-command.ts";

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
  const processCommandLine = program
    .command("process")
    .description(
      "process files, directories (recursively) or - (stdin) into JSONL records: text, HTML pages, JSONL dumps, WARC archives, gzipped or not",
    )
    .argument("<paths...>", "inputs: files, directories, or - for stdin")
    .option("-o, --out <file>", "write JSONL here instead of stdout")
    .option(
      "--format <name>",
      "read every input as this format: text, html, jsonl or warc (default: by extension, then by content)",
    )
    .option(
      "--field <ours=theirs>",
      "JSONL: map a field (text, html, title, url, date, author, site) to the dump's name; repeatable",
      collectField,
      {},
    )
    .option("--id-field <name>", "JSONL: the field holding each article's id (default: id, else FILE:LINE)")
    .option(
      "--meta <file>",
      "metadata sidecar: JSONL of {id or file, title, url, date, site, author} filling what inputs lack",
    )
    .option(
      "-j, --jobs <n>",
      "worker threads running the pipeline (0: none, all on the main thread)",
      parsePositive,
      availableParallelism(),
    )
    .option("--no-ordered", "write records as they finish instead of in input order")
    .option("--resume", "with --out: skip ids the output already holds, append the rest")
    .option("--report <file>", "write the run report (counts, time, throughput) as JSON")
    .option(
      "--max-bytes <n>",
      "reject single documents (a page, a JSONL line, a WARC record) larger than this",
      parseBytes,
      16 * 1024 * 1024,
    )
    .option("--max-depth <n>", "deepest directory level to walk", parsePositive, 32)
    .option("--no-raw", "leave the raw input out of each record")
    .option("--no-tokens", "leave tokens out of each record")
    .option("--dedupe", "mark exact and near-duplicate copies (the first copy seen is the original)")
    .option("-q, --quiet", "print no progress and no summary")
    .action(async (paths: string[], opts: ProcessCommandOptions) => {
      code = await processCommand(paths, opts);
    });
  addRunLimitOptions(processCommandLine);

  program
    .command("dedupe")
    .description(
      "mark the copies in a JSONL output of `khabar process`: the original of each group is the earliest dated, then the most complete",
    )
    .argument("<file>", "JSONL records (with tokens)")
    .option("-o, --out <file>", "write the marked JSONL here instead of stdout")
    .option("-q, --quiet", "print no summary")
    .action(async (file: string, opts: { out?: string; quiet?: boolean }) => {
      code = await dedupeCommand(file, opts);
    });

  program
    .command("quotes")
    .description("who said what: process inputs and list their quotes grouped by speaker")
    .argument("<paths...>", "inputs, as for process")
    .option("--json", "one JSON object per quote instead of text")
    .action(async (paths: string[], opts: { json?: boolean }) => {
      code = await listQuotes(paths, opts);
    });

  program
    .command("entities")
    .description("process inputs and list their named entities with counts")
    .argument("<paths...>", "inputs, as for process")
    .option("--json", "one JSON object per entity instead of text")
    .option("--kb <file...>", "extra knowledge-base entries (JSONL, as data/kb/*.jsonl)")
    .action(async (paths: string[], opts: { json?: boolean; kb?: string[] }) => {
      code = await listEntities(paths, opts);
    });

  // Commands written in their own files register here; each sets the exit code through setCode.
  const setCode = (c: number): void => {
    code = c;
  };
  void setCode;
  registerStoreCommands(program, setCode);
  registerClusterCommands(program, setCode);
  registerServeCommand(program, setCode);
  registerStoriesCommand(program, setCode);

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

interface ProcessCommandOptions extends RunLimitFlags {
  out?: string;
  format?: string;
  field: Record<string, string>;
  idField?: string;
  meta?: string;
  jobs: number;
  ordered: boolean;
  resume?: boolean;
  report?: string;
  maxBytes: number;
  maxDepth: number;
  raw: boolean;
  tokens: boolean;
  dedupe?: boolean;
  quiet?: boolean;
}

async function processCommand(paths: string[], opts: ProcessCommandOptions): Promise<number> {
  if (opts.resume && !opts.out) {
    process.stderr.write("khabar: --resume needs --out (the file to resume)\n");
    return 2;
  }
  const known = ["text", "html", "jsonl", "warc"];
  if (opts.format && !known.includes(opts.format)) {
    process.stderr.write(`khabar: unknown format "${opts.format}" (known: ${known.join(", ")})\n`);
    return 2;
  }
  let skipIds: Set<string> | undefined;
  if (opts.out) await mkdir(dirname(opts.out), { recursive: true });
  if (opts.resume && opts.out) {
    const prepared = await prepareResume(opts.out);
    skipIds = prepared.ids;
    if (!opts.quiet)
      process.stderr.write(
        `khabar: resuming ${opts.out}: ${prepared.ids.size} records kept${prepared.cut ? `, ${prepared.cut} bytes of a cut last line dropped` : ""}\n`,
      );
  }
  const out = opts.out ? createWriteStream(opts.out, { flags: opts.resume ? "a" : "w" }) : process.stdout;
  const summary = emptySummary();
  const abort = new AbortController();
  const onSignal = () => {
    // Finish the records in hand, then stop: the output stays valid JSONL.
    abort.abort();
  };
  process.once("SIGINT", onSignal);
  const progress = opts.quiet
    ? undefined
    : new Progress(
        process.stderr,
        () => ({ records: summary.read, bytes: summary.bytes }),
        process.stderr.isTTY ? await totalBytes(paths, opts.maxDepth) : undefined,
      );
  try {
    const records = processRecords(
      paths,
      {
        limits: { maxBytes: opts.maxBytes, maxDepth: opts.maxDepth },
        ...(opts.format ? { format: opts.format } : {}),
        jsonl: { fields: opts.field, ...(opts.idField ? { idField: opts.idField } : {}) },
        ...(opts.meta ? { meta: loadMeta(opts.meta) } : {}),
        jobs: opts.jobs,
        ...runLimitOptions(opts),
        ordered: opts.ordered,
        // Dedup compares records by their tokens' matching forms: keep them until it has read them.
        record: { raw: opts.raw, tokens: opts.tokens || Boolean(opts.dedupe) },
        ...(skipIds ? { skipIds } : {}),
        signal: abort.signal,
      },
      summary,
    );
    const index = opts.dedupe ? new DedupIndex() : undefined;
    for await (const r of records) {
      let line = r.line;
      if (index) {
        const record = JSON.parse(line) as DocRecord;
        if (dedupeRecord(index, record).kind !== "unique") {
          summary.ok--;
          summary.duplicate++;
        }
        if (!opts.tokens) record.tokens = [];
        line = JSON.stringify(record);
      }
      if (!out.write(`${line}\n`)) await once(out, "drain");
    }
  } finally {
    process.off("SIGINT", onSignal);
    progress?.stop();
    if (opts.out) {
      out.end();
      await once(out, "finish");
    }
  }
  if (opts.report) {
    await mkdir(dirname(opts.report), { recursive: true });
    await writeFile(
      opts.report,
      `${JSON.stringify({ ...reportOf(summary), interrupted: abort.signal.aborted }, null, 2)}\n`,
    );
  }
  if (!opts.quiet)
    process.stderr.write(
      `${formatSummary(summary)}${opts.out ? `\nkhabar: wrote ${opts.out}` : ""}${abort.signal.aborted ? "\nkhabar: interrupted: the records in hand were finished; rerun with --resume to go on" : ""}\n`,
    );
  return abort.signal.aborted ? 130 : 0;
}

// Input bytes in all, for the progress bar's ETA.
async function totalBytes(paths: string[], maxDepth: number): Promise<number | undefined> {
  let total = 0;
  for await (const entry of walk(paths, maxDepth)) {
    if (entry.kind === "stdin") return undefined;
    if (entry.kind === "file") total += entry.size;
  }
  return total;
}

function collectField(value: string, previous: Record<string, string>): Record<string, string> {
  const m = /^([a-z]+)=(.+)$/.exec(value.trim());
  if (!m || !KNOWN_FIELDS.includes(m[1]!))
    throw new InvalidArgumentError(`expected OURS=THEIRS with OURS one of ${KNOWN_FIELDS.join(", ")} (e.g. text=body)`);
  return { ...previous, [m[1]!]: m[2]! };
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
