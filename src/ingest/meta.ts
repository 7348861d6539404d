import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { SourceInfo } from "../model/doc.ts";
import type { ReadResult } from "./input.ts";

/** Metadata fields a sidecar file may give an input. */
const META_FIELDS = ["title", "url", "date", "site", "author"] as const;

/**
 * Read a metadata sidecar: a JSONL file, one object per article, keyed by
 * `id` (the id khabar gives the input: a text file's name without its
 * extension) or `file` (its file name), holding any of `title`, `url`, `date`,
 * `site`, `author`. Scrapers often save bodies as files and their metadata in
 * one index beside them; this puts the two back together.
 *
 * @param path the sidecar file
 * @returns id → metadata
 * @throws Error naming the line of a malformed entry
 */
export function loadMeta(path: string): Map<string, SourceInfo> {
  const meta = new Map<string, SourceInfo>();
  const lines = readFileSync(path, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      throw new Error(`khabar: ${path}:${i + 1}: not a JSON object`);
    }
    if (!entry || typeof entry !== "object" || Array.isArray(entry))
      throw new Error(`khabar: ${path}:${i + 1}: not a JSON object`);
    const e = entry as Record<string, unknown>;
    const key =
      typeof e.id === "string" && e.id !== ""
        ? e.id
        : typeof e.file === "string" && e.file !== ""
          ? basename(e.file, extname(e.file))
          : undefined;
    if (key === undefined) throw new Error(`khabar: ${path}:${i + 1}: an entry needs an "id" or a "file"`);
    const info: SourceInfo = {};
    for (const f of META_FIELDS) if (typeof e[f] === "string" && e[f] !== "") info[f] = e[f];
    meta.set(key, info);
  });
  return meta;
}

/**
 * Fill a read result's source from the sidecar: by the document's id, else by
 * its file name. What the input itself says (a page's own title, a dump's
 * date) wins over the sidecar.
 *
 * @returns the same result, its source completed in place
 */
export function withMeta(result: ReadResult, meta: ReadonlyMap<string, SourceInfo>): ReadResult {
  const target = result.kind === "doc" ? result.doc : result.kind === "html" ? result.page : undefined;
  if (!target) return result;
  const path = target.source.path;
  const info = meta.get(target.id) ?? (path ? meta.get(basename(path, extname(path))) : undefined);
  if (!info) return result;
  for (const [k, v] of Object.entries(info))
    if (target.source[k] === undefined || target.source[k] === "") target.source[k] = v;
  return result;
}
