import { opendir, realpath, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";

/** One entry found by `walk`: a regular file to read, or a path that cannot be. */
export type WalkEntry =
  | { kind: "file"; path: string; id: string; size: number }
  | { kind: "stdin"; path: "-"; id: string }
  | { kind: "error"; path: string; id: string; code: string; message: string };

/**
 * Expand input paths into files: a file is itself, a directory is every file
 * below it (sorted, recursively, hidden entries skipped, symlinked directories
 * followed once), `-` is standard input. Nothing is dropped silently: a path
 * that cannot be read comes out as an `error` entry.
 *
 * Ids are the path relative to the input directory (or the file's name for a
 * file argument) without its extension, so the same corpus gets the same ids.
 *
 * @param inputs paths as the user gave them
 * @param maxDepth deepest directory level to descend (entries deeper are reported)
 */
export async function* walk(inputs: readonly string[], maxDepth = 32): AsyncGenerator<WalkEntry> {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === "-") {
      yield { kind: "stdin", path: "-", id: "stdin" };
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch (error) {
      yield errorEntry(input, idOf(basename(input)), error);
      continue;
    }
    if (info.isDirectory()) {
      yield* walkDir(input, input, 0, maxDepth, seen);
    } else if (info.isFile()) {
      yield { kind: "file", path: input, id: idOf(basename(input)), size: info.size };
    } else {
      yield { kind: "error", path: input, id: idOf(basename(input)), code: "not_a_file", message: "not a regular file or directory" };
    }
  }
}

async function* walkDir(root: string, dir: string, depth: number, maxDepth: number, seen: Set<string>): AsyncGenerator<WalkEntry> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (error) {
    yield errorEntry(dir, idOf(relative(root, dir) || basename(dir)), error);
    return;
  }
  if (seen.has(real)) return; // a symlink loop or the same folder given twice
  seen.add(real);
  if (depth > maxDepth) {
    yield { kind: "error", path: dir, id: idOf(relative(root, dir)), code: "too_deep", message: `directory deeper than ${maxDepth} levels` };
    return;
  }
  const names: string[] = [];
  try {
    const handle = await opendir(dir);
    for await (const entry of handle) if (!entry.name.startsWith(".")) names.push(entry.name);
  } catch (error) {
    yield errorEntry(dir, idOf(relative(root, dir) || basename(dir)), error);
    return;
  }
  names.sort();
  for (const name of names) {
    const path = join(dir, name);
    const id = idOf(relative(root, path));
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      yield errorEntry(path, id, error);
      continue;
    }
    if (info.isDirectory()) yield* walkDir(root, path, depth + 1, maxDepth, seen);
    else if (info.isFile()) yield { kind: "file", path, id, size: info.size };
    else yield { kind: "error", path, id, code: "not_a_file", message: "not a regular file (a device, socket or pipe)" };
  }
}

function idOf(path: string): string {
  const ext = extname(path);
  return (ext ? path.slice(0, -ext.length) : path).split("\\").join("/");
}

function errorEntry(path: string, id: string, error: unknown): WalkEntry {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "error", path, id, code: "unreadable", message: code ? `${code}: ${message}` : message };
}
