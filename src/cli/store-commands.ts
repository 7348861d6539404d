import { availableParallelism } from "node:os";
import { type Command, InvalidArgumentError } from "commander";
import { formatSummary, reportOf } from "../run/process-inputs.ts";
import { loadMeta } from "../ingest/meta.ts";
import { indexInputs } from "../store/index-inputs.ts";
import { defaultDbPath, openStore } from "../store/open-store.ts";
import { type FacetName, QueryError, type SearchHit, type Store } from "../store/types.ts";
import { addRunLimitOptions, type RunLimitFlags, runLimitOptions } from "./run-limits.ts";

/** The flags of `khabar index`. */
interface IndexFlags extends RunLimitFlags {
  db?: string;
  jobs: number;
  raw: boolean;
  meta?: string;
  report?: string;
  quiet?: boolean;
}

/**
 * Register `khabar index`, `search`, `show` and `stats` on the CLI.
 *
 * @param program the commander program
 * @param setCode sets the process exit code
 */
export function registerStoreCommands(program: Command, setCode: (code: number) => void): void {
  const dbHelp = `database: a SQLite file or a postgres:// URL (default: $KHABAR_DB, else khabar.db here; now ${defaultDbPath()})`;
  const index = program
    .command("index")
    .description(
      "process inputs (as `khabar process` does) into a searchable store, marking copies of what it already holds",
    )
    .argument("<paths...>", "inputs: files, directories, or - for stdin")
    .option("--db <target>", dbHelp)
    .option("-j, --jobs <n>", "worker threads running the pipeline (0: none)", whole, availableParallelism())
    .option("--no-raw", "leave the raw input out of stored records")
    .option(
      "--meta <file>",
      "metadata sidecar: JSONL of {id or file, title, url, date, site, author} filling what inputs lack",
    )
    .option("--report <file>", "write the run report (counts, time, store) as JSON")
    .option("-q, --quiet", "print no summary")
    .action(async (paths: string[], opts: IndexFlags) => {
      setCode(await withStore(opts.db, async (store) => indexCommand(store, paths, opts)));
    });
  addRunLimitOptions(index);

  program
    .command("search")
    .description(
      'search the store: words, "phrases", -exclusions, OR, entity: speaker: site: date: mentions: unit: value> has: lang:',
    )
    .argument("<query>", "the query (see README, Search)")
    .option("--db <target>", dbHelp)
    .option("--json", "the whole response as JSON")
    .option("--all-copies", "list every copy instead of one result per group of copies")
    .option("--limit <n>", "results to show (at most 100)", whole, 10)
    .option("--offset <n>", "results to skip", whole, 0)
    .option("--facets <names>", "facets to count, comma-separated: entity,speaker,site,date,unit,lang")
    .action(
      async (
        query: string,
        opts: { db?: string; json?: boolean; allCopies?: boolean; limit: number; offset: number; facets?: string },
      ) => {
        setCode(await withStore(opts.db, async (store) => searchCommand(store, query, opts)));
      },
    );

  program
    .command("show")
    .description("one stored article, readable: title, source, text, quotes, entities, figures, copies")
    .argument("<id>", "article id")
    .option("--db <target>", dbHelp)
    .option("--json", "the stored record as JSON")
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      setCode(await withStore(opts.db, async (store) => showCommand(store, id, opts)));
    });

  program
    .command("stats")
    .description("corpus composition: articles, sources, duplicates, rejections, top entities and speakers")
    .option("--db <target>", dbHelp)
    .option("--json", "as JSON")
    .action(async (opts: { db?: string; json?: boolean }) => {
      setCode(await withStore(opts.db, async (store) => statsCommand(store, opts)));
    });
}

async function withStore(db: string | undefined, run: (store: Store) => Promise<number>): Promise<number> {
  let store: Store;
  try {
    store = await openStore(db ?? defaultDbPath());
  } catch (error) {
    process.stderr.write(`khabar: cannot open ${db ?? defaultDbPath()}: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    return await run(store);
  } catch (error) {
    if (error instanceof QueryError) {
      process.stderr.write(
        `khabar: ${error.message.replace(/^khabar: /, "")} [${error.code}${error.at !== undefined ? ` at ${error.at}` : ""}]\n`,
      );
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

async function indexCommand(store: Store, paths: string[], opts: IndexFlags): Promise<number> {
  const result = await indexInputs(paths, store, {
    jobs: opts.jobs,
    ...runLimitOptions(opts),
    raw: opts.raw,
    ...(opts.meta ? { meta: loadMeta(opts.meta) } : {}),
  });
  if (opts.report) {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    await mkdir(dirname(opts.report), { recursive: true });
    await writeFile(
      opts.report,
      `${JSON.stringify({ ...reportOf(result.summary), store: result.put, dedup_loaded: result.dedup }, null, 2)}\n`,
    );
  }
  if (!opts.quiet) {
    const p = result.put;
    process.stderr.write(
      `${formatSummary(result.summary)}\nkhabar: stored ${p.inserted} new, ${p.replaced} replaced, ${p.unchanged} unchanged, ${p.rejected} rejected (${store.engine}); compared with ${result.dedup.loaded} earlier articles for copies${result.stories === null ? "" : `; ${result.stories} stories`}\n`,
    );
  }
  return 0;
}

async function searchCommand(
  store: Store,
  query: string,
  opts: { json?: boolean; allCopies?: boolean; limit: number; offset: number; facets?: string },
): Promise<number> {
  const facets = opts.facets ? (opts.facets.split(",").map((f) => f.trim()) as FacetName[]) : undefined;
  const res = await store.search({
    q: query,
    limit: opts.limit,
    offset: opts.offset,
    allCopies: opts.allCopies === true,
    ...(facets ? { facets } : {}),
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [`${res.total} result${res.total === 1 ? "" : "s"} (${res.took_ms} ms)`];
  for (const [i, h] of res.items.entries()) out.push("", ...formatHit(h, res.offset + i + 1));
  for (const [name, counts] of Object.entries(res.facets)) {
    if (!counts?.length) continue;
    out.push("", `${name}: ${counts.map((c) => `${iso(c.label)} (${c.count})`).join(", ")}`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

function formatHit(h: SearchHit, n: number): string[] {
  const meta = [
    h.site,
    h.date?.slice(0, 10),
    h.copies ? `${h.copies} cop${h.copies === 1 ? "y" : "ies"}` : null,
    h.duplicate_of ? `copy of ${h.duplicate_of}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return [
    `${n}. ${h.id}${meta ? `  ${meta}` : ""}`,
    `   ${iso(h.title ?? "(no title)")}`,
    `   ${iso(highlight(h.snippet, h.highlights))}`,
  ];
}

// Bracket highlights with ⟦ ⟧ (terminals render no bold inside bidi runs reliably).
function highlight(s: string, spans: [number, number][]): string {
  let out = "";
  let at = 0;
  for (const [a, b] of spans) {
    out += `${s.slice(at, a)}⟦${s.slice(a, b)}⟧`;
    at = b;
  }
  return out + s.slice(at);
}

/**
 * Terminal-safe text: control and bidi-override characters from the data are
 * dropped, and the text is wrapped in a first-strong isolate so an Arabic
 * title never reorders the Latin ids and numbers printed around it.
 */
export function iso(s: string): string {
  return `\u2068${s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ")}\u2069`;
}

async function showCommand(store: Store, id: string, opts: { json?: boolean }): Promise<number> {
  const a = await store.get(id);
  if (!a) {
    process.stderr.write(`khabar: no article ${JSON.stringify(id)} in the store\n`);
    return 1;
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...a.record, story_id: a.story_id, copies: a.copies }, null, 2)}\n`);
    return 0;
  }
  const r = a.record;
  const s = r.source;
  const out: string[] = [
    `${r.id}  [${r.status}${r.duplicate_of ? ` ${r.duplicate_kind ?? ""} copy of ${r.duplicate_of}` : ""}${r.error ? `: ${r.error.code}` : ""}]`,
  ];
  if (s.title) out.push(`title: ${iso(String(s.title))}`);
  for (const k of ["site", "date", "url", "author"] as const) if (s[k]) out.push(`${k}: ${iso(String(s[k]))}`);
  if (a.story_id) out.push(`story: ${a.story_id}`);
  out.push("", ...r.text.split(/\n+/).map((p) => iso(p)));
  const quotes = Array.isArray(r.quotes)
    ? (r.quotes as { speaker?: { text: string } | null; cue: { text: string }; content: { text: string } }[])
    : [];
  if (quotes.length) {
    out.push("", `quotes (${quotes.length}):`);
    for (const q of quotes) out.push(`  - ${iso(q.speaker?.text ?? "?")} ${iso(q.cue.text)}: ${iso(q.content.text)}`);
  }
  const entities = Array.isArray(r.entities)
    ? (r.entities as { text: string; type: string; id?: string | null }[])
    : [];
  if (entities.length) {
    const counts = new Map<string, number>();
    for (const e of entities) {
      const k = `${e.text} (${e.type}${e.id ? ` ${e.id}` : ""})`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    out.push("", `entities: ${[...counts].map(([k, c]) => `${iso(k)}${c > 1 ? ` ×${c}` : ""}`).join(", ")}`);
  }
  const figures = Array.isArray(r.quantities) ? (r.quantities as { text: string; value: number; unit?: string }[]) : [];
  if (figures.length)
    out.push(
      "",
      `figures: ${figures.map((f) => `${iso(f.text)} = ${f.value}${f.unit ? ` ${iso(f.unit)}` : ""}`).join(", ")}`,
    );
  if (a.copies.length) {
    out.push("", "copies:");
    for (const c of a.copies) out.push(`  - ${c.id} ${c.kind} ${c.similarity} ${c.site ?? ""} ${c.date ?? ""}`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

async function statsCommand(store: Store, opts: { json?: boolean }): Promise<number> {
  const s = await store.stats();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return 0;
  }
  const list = (xs: { label: string; count: number }[]) =>
    xs.map((x) => `${iso(x.label)} ${x.count}`).join(", ") || "none";
  const first = s.days[0]?.date;
  const last = s.days.at(-1)?.date;
  const out = [
    `articles: ${s.articles} (ok ${s.ok}, duplicates ${s.duplicates}, rejected ${s.rejected}); stories: ${s.stories}`,
    `days: ${s.days.length}${first ? ` (${first} .. ${last})` : ""}`,
    `sites: ${list(s.sites)}`,
    `top entities: ${list(s.entities)}`,
    `top speakers: ${list(s.speakers)}`,
    ...(s.rejections.length ? [`rejections: ${list(s.rejections)}`] : []),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

function whole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}
