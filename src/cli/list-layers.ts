import type { Doc } from "../model/doc.ts";
import { processInputs } from "../run/process-inputs.ts";

// Arabic text in a left-to-right terminal: isolate each piece so numbers and Latin keep their places.
const FSI = "\u2068";
const PDI = "\u2069";
const iso = (s: string) => `${FSI}${s.replace(/\s+/g, " ")}${PDI}`;

interface SpanLike {
  text: string;
  start: number;
  end: number;
}
interface QuoteLike {
  speaker: SpanLike | null;
  cue: SpanLike;
  content: SpanLike;
  outlet?: SpanLike;
  when?: SpanLike;
  direct: boolean;
  anonymous: boolean;
}
interface EntityLike extends SpanLike {
  type: string;
  id: string | null;
  name: string | null;
}

/**
 * `khabar quotes PATH...`: process the inputs and print their quotes grouped
 * by speaker (or, with `--json`, one JSON object per quote).
 */
export async function listQuotes(paths: string[], opts: { json?: boolean }): Promise<number> {
  const bySpeaker = new Map<string, { doc: string; q: QuoteLike }[]>();
  for await (const doc of processInputs(paths)) {
    for (const q of layer<QuoteLike>(doc, "quotes")) {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ doc: doc.id, ...q })}\n`);
        continue;
      }
      const who = q.speaker?.text ?? "(unknown)";
      const list = bySpeaker.get(who) ?? [];
      list.push({ doc: doc.id, q });
      bySpeaker.set(who, list);
    }
  }
  if (opts.json) return 0;
  for (const [who, list] of [...bySpeaker].sort((a, b) => b[1].length - a[1].length)) {
    process.stdout.write(`${iso(who)}  (${list.length})\n`);
    for (const { doc, q } of list) {
      const flags = [q.direct ? "direct" : "indirect", ...(q.anonymous ? ["anonymous"] : [])].join(", ");
      const extra = [q.outlet ? `to ${iso(q.outlet.text)}` : "", q.when ? `when ${iso(q.when.text)}` : ""]
        .filter(Boolean)
        .join("; ");
      process.stdout.write(
        `  ${doc} · ${iso(q.cue.text)} · ${flags}${extra ? ` · ${extra}` : ""}\n    ${iso(q.content.text)}\n`,
      );
    }
  }
  return 0;
}

/**
 * `khabar entities PATH...`: process the inputs and list their entities with
 * mention counts (or, with `--json`, one JSON object per entity).
 */
export async function listEntities(paths: string[], opts: { json?: boolean; kb?: string[] }): Promise<number> {
  const counts = new Map<
    string,
    { type: string; id: string | null; name: string | null; surface: string; mentions: number; docs: Set<string> }
  >();
  for await (const doc of processInputs(paths, { pipeline: opts.kb ? { kb: opts.kb } : {} })) {
    for (const e of layer<EntityLike>(doc, "entities")) {
      const key = e.id ?? `${e.type}:${e.text}`;
      const entry = counts.get(key) ?? {
        type: e.type,
        id: e.id,
        name: e.name,
        surface: e.text,
        mentions: 0,
        docs: new Set(),
      };
      entry.mentions++;
      entry.docs.add(doc.id);
      counts.set(key, entry);
    }
  }
  const rows = [...counts.values()].sort((a, b) => b.mentions - a.mentions);
  for (const r of rows) {
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ type: r.type, id: r.id, name: r.name, text: r.surface, mentions: r.mentions, articles: r.docs.size })}\n`,
      );
    } else {
      process.stdout.write(
        `${String(r.mentions).padStart(5)}  ${r.type.padEnd(4)} ${iso(r.surface)}${r.name ? `  → ${r.name} [${r.id}]` : ""}\n`,
      );
    }
  }
  return 0;
}

function layer<T>(doc: Doc, name: string): T[] {
  return (doc.layers[name] ?? []) as T[];
}
