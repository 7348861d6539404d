/**
 * A word-level diff of two texts (longest common subsequence of words), for
 * showing an article beside one of its copies. Pure: no DOM.
 */

/** A piece of one side of the diff: words kept on both sides, or only on this one. */
export interface DiffPiece {
  text: string;
  kind: "same" | "del" | "ins";
}

/** A side-by-side diff: the left text's pieces (`same`/`del`) and the right's (`same`/`ins`). */
export interface SideBySide {
  left: DiffPiece[];
  right: DiffPiece[];
  deleted: number;
  inserted: number;
}

/** Largest middle part (after trimming common head and tail) compared word by word: the table is its square. */
export const MAX_DIFF_CELLS = 16_000_000;

/**
 * Words with the whitespace after each, so pieces join back to the text.
 *
 * @param text any text
 * @returns the words; their concatenation is `text`
 */
export function splitWords(text: string): string[] {
  return text.match(/\s+|\S+\s*/g) ?? [];
}

/**
 * Compare two texts word by word.
 *
 * @param a the left text (this article)
 * @param b the right text (the copy)
 * @returns both sides cut into same/deleted/inserted pieces
 */
export function diffWords(a: string, b: string): SideBySide {
  const x = splitWords(a);
  const y = splitWords(b);
  const key = (w: string) => w.trim();
  // Copies mostly differ at their ends: trimming the common head and tail keeps the table small.
  let head = 0;
  while (head < x.length && head < y.length && key(x[head]!) === key(y[head]!)) head++;
  let tail = 0;
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    key(x[x.length - 1 - tail]!) === key(y[y.length - 1 - tail]!)
  )
    tail++;
  const xm = x.slice(head, x.length - tail);
  const ym = y.slice(head, y.length - tail);
  const ops =
    (xm.length + 1) * (ym.length + 1) <= MAX_DIFF_CELLS
      ? lcsOps(xm.map(key), ym.map(key))
      : wholeOps(xm.length, ym.length);
  const left: DiffPiece[] = [];
  const right: DiffPiece[] = [];
  const push = (side: DiffPiece[], text: string, kind: DiffPiece["kind"]) => {
    const last = side[side.length - 1];
    if (last && last.kind === kind) last.text += text;
    else side.push({ text, kind });
  };
  for (const w of x.slice(0, head)) push(left, w, "same");
  for (const w of y.slice(0, head)) push(right, w, "same");
  let i = 0;
  let j = 0;
  let deleted = 0;
  let inserted = 0;
  for (const op of ops) {
    if (op === "=") {
      push(left, xm[i++]!, "same");
      push(right, ym[j++]!, "same");
    } else if (op === "-") {
      push(left, xm[i++]!, "del");
      deleted++;
    } else {
      push(right, ym[j++]!, "ins");
      inserted++;
    }
  }
  for (const w of x.slice(x.length - tail)) push(left, w, "same");
  for (const w of y.slice(y.length - tail)) push(right, w, "same");
  return { left, right, deleted, inserted };
}

/** Edit script of an LCS table: `=` keep, `-` only in a, `+` only in b. */
function lcsOps(a: string[], b: string[]): ("=" | "-" | "+")[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // Suffix lengths, so the script is read forwards from (0, 0).
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const ops: ("=" | "-" | "+")[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push("=");
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) {
      ops.push("-");
      i++;
    } else {
      ops.push("+");
      j++;
    }
  }
  while (i++ < n) ops.push("-");
  while (j++ < m) ops.push("+");
  return ops;
}

/** Too large to compare: the whole middle is replaced. */
function wholeOps(n: number, m: number): ("-" | "+")[] {
  return [...Array<"-">(n).fill("-"), ...Array<"+">(m).fill("+")];
}
