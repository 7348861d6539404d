import { readFileSync } from "node:fs";

/** One CoNLL sentence: tokens and their labels. */
export interface ConllSentence {
  words: string[];
  labels: string[];
}

/**
 * Read a two-column CoNLL file (token TAB label, blank line between sentences).
 *
 * @param mapType maps a fine label's type (`Politician`) to the output type (`PER`), or `undefined` for O
 */
export function readConll(path: string | URL, mapType: (fine: string) => string | undefined): ConllSentence[] {
  const out: ConllSentence[] = [];
  let cur: ConllSentence = { words: [], labels: [] };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const t = line.replace(/\r$/, "");
    if (!t.trim()) {
      if (cur.words.length) out.push(cur);
      cur = { words: [], labels: [] };
      continue;
    }
    const tab = t.lastIndexOf("\t");
    const word = tab >= 0 ? t.slice(0, tab) : t;
    const label = tab >= 0 ? t.slice(tab + 1).trim() : "O";
    let coarse = "O";
    if (label !== "O" && label.length > 2) {
      const type = mapType(label.slice(2));
      if (type) coarse = `${label.slice(0, 2)}${type}`;
    }
    cur.words.push(word);
    cur.labels.push(coarse);
  }
  if (cur.words.length) out.push(cur);
  return out;
}
