import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { type Command, InvalidArgumentError } from "commander";
import { type DocRecord, toRecord } from "../model/record.ts";
import { processInputs } from "../run/process-inputs.ts";
import { type ArticleRef, groupRecords } from "../stories/group-records.ts";

// Arabic text in a left-to-right terminal: isolate each piece so numbers and Latin keep their places.
const FSI = "\u2068";
const PDI = "\u2069";
const iso = (s: string) => `${FSI}${s.replace(/\s+/g, " ").trim()}${PDI}`;

/** Options of `khabar stories`. */
export interface StoriesCommandOptions {
  json?: boolean;
  minSize: number;
  window?: number;
  threshold?: number;
}

/**
 * Register `khabar stories PATH... [--json] [--min-size N]` on the program.
 *
 * @param setCode receives the command's exit code
 */
export function registerStoriesCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command("stories")
    .description(
      "group articles about the same event into stories: reads JSONL records of `khabar process` (with tokens), or processes raw inputs",
    )
    .argument("<paths...>", "JSONL records, or inputs as for process")
    .option("--json", "one JSON object per story, with its articles")
    .option("--min-size <n>", "list only stories with at least this many articles", parseCount, 2)
    .option("--window <days>", "days an article may be from a story's span to join it (default 2)", parseNumber)
    .option("--threshold <x>", "least similarity to join a story (default 0.3)", parseNumber)
    .action(async (paths: string[], opts: StoriesCommandOptions) => {
      setCode(await storiesCommand(paths, opts));
    });
}

/**
 * `khabar stories`: group the inputs' articles into stories and print them, largest first.
 *
 * @returns the exit code
 */
export async function storiesCommand(paths: string[], opts: StoriesCommandOptions): Promise<number> {
  const params = {
    ...(opts.window !== undefined ? { windowDays: opts.window } : {}),
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
  };
  const grouped = await groupRecords(recordsOf(paths), { stories: params });
  const listed = grouped.stories.filter((s) => s.articles.length >= opts.minSize);
  for (const story of listed) {
    const members = story.articles.map((id) => grouped.articles.get(id) ?? blank(id));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ ...story, articles: members })}\n`);
      continue;
    }
    const span = story.start
      ? `${day(story.start)}${story.end && day(story.end) !== day(story.start) ? ` – ${day(story.end)}` : ""}`
      : "undated";
    process.stdout.write(`${story.id}  ${members.length} articles  ${span}\n  ${iso(story.label)}\n`);
    if (story.entities.length)
      process.stdout.write(
        `  entities: ${story.entities
          .slice(0, 6)
          .map((e) => `${iso(e.label)} (${e.count})`)
          .join(", ")}\n`,
      );
    if (story.speakers.length)
      process.stdout.write(
        `  speakers: ${story.speakers
          .slice(0, 4)
          .map((e) => `${iso(e.label)} (${e.count})`)
          .join(", ")}\n`,
      );
    for (const a of members) {
      const copy = a.duplicate_of ? `  [copy of ${a.duplicate_of}]` : "";
      process.stdout.write(
        `    ${a.id}  ${a.date ? day(a.date) : "-"}  ${a.site ?? "-"}  ${a.title ? iso(a.title) : ""}${copy}\n`,
      );
    }
    process.stdout.write("\n");
  }
  if (!opts.json) {
    process.stderr.write(
      `khabar: ${grouped.read} articles (${grouped.copies} copies), ${grouped.stories.length} stories, ${listed.length} with at least ${opts.minSize} articles\n`,
    );
  }
  return 0;
}

// Records of `khabar process` are read as they are; anything else goes through the pipeline.
async function* recordsOf(paths: readonly string[]): AsyncGenerator<DocRecord> {
  const raw: string[] = [];
  for (const path of paths) {
    if (await isRecordFile(path)) yield* readRecords(path);
    else raw.push(path);
  }
  if (raw.length) for await (const doc of processInputs(raw)) yield toRecord(doc, { raw: false });
}

async function isRecordFile(path: string): Promise<boolean> {
  if (!/\.(jsonl|ndjson)(\.gz)?$/i.test(path)) return false;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  for await (const line of lines(path)) {
    if (!line.trim()) continue;
    try {
      const first = JSON.parse(line) as Record<string, unknown>;
      return Array.isArray(first.token_fields) && typeof first.status === "string";
    } catch {
      return false;
    }
  }
  return false;
}

async function* readRecords(path: string): AsyncGenerator<DocRecord> {
  for await (const line of lines(path)) {
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as DocRecord;
    } catch {
      // A line that is not JSON (a cut last line) is not an article.
    }
  }
}

function lines(path: string): AsyncIterable<string> {
  const input = createReadStream(path);
  return createInterface({
    input: path.endsWith(".gz") ? input.pipe(createGunzip()) : input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
}

function blank(id: string): ArticleRef {
  return { id, date: null, site: null, title: null, duplicate_of: null };
}

function day(date: string): string {
  return date.slice(0, 10);
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

function parseNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number");
  return n;
}
