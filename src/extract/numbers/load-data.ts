import { readFileSync } from "node:fs";

/**
 * Read a JSON language-data file from the repo's `data/` folder, once, at module load.
 *
 * @param name file name inside `data/`, e.g. `units.json`
 * @returns the parsed JSON
 */
export function loadData<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../data/${name}`, import.meta.url), "utf8")) as T;
}
