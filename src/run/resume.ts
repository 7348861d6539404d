import { createReadStream } from "node:fs";
import { stat, truncate } from "node:fs/promises";
import { ByteReader } from "../ingest/byte-reader.ts";

/**
 * Prepare an output file for `--resume`: collect the ids of its valid JSONL
 * records and cut off anything after the last valid line (a line cut by a
 * crash or a kill), so appending continues a valid file.
 *
 * @param path the output file (a missing file holds no ids)
 * @returns the ids it holds and how many bytes of damage were cut
 */
export async function prepareResume(path: string): Promise<{ ids: Set<string>; cut: number }> {
  const ids = new Set<string>();
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { ids, cut: 0 };
  }
  const reader = new ByteReader(createReadStream(path, { highWaterMark: 1 << 16 }));
  let validEnd = 0;
  for (;;) {
    const before = reader.offset;
    const line = await reader.line(Number.MAX_SAFE_INTEGER);
    if (line === undefined || line === null) break;
    const complete = reader.offset > before + line.length; // ended by a newline
    let id: unknown;
    try {
      id = (JSON.parse(line.toString("utf8")) as { id?: unknown }).id;
    } catch {
      break; // the first bad line ends what can be trusted
    }
    if (!complete || typeof id !== "string") break;
    ids.add(id);
    validEnd = reader.offset;
  }
  if (validEnd < size) await truncate(path, validEnd);
  return { ids, cut: size - validEnd };
}
