import { readFileSync } from "node:fs";
import { matchForm } from "../normalize/match-form.ts";

/** The abbreviation lists of `data/abbreviations.json`, in matching form. */
export interface Abbreviations {
  /** Abbreviations (dotted chains with their inner periods) whose period does not end a sentence. */
  noBreak: ReadonlySet<string>;
  /** Era, time and currency markers whose period may end a sentence when they follow a number. */
  afterNumber: ReadonlySet<string>;
  /** The single Arabic letters of the list as written (أ, not its folded ا): initials that may carry a glued و (وأ.). */
  letters: ReadonlySet<string>;
}

interface AbbreviationFile {
  arabic: string[];
  latin: string[];
  afterNumber: string[];
}

function load(): Abbreviations {
  const file = JSON.parse(
    readFileSync(new URL("../../data/abbreviations.json", import.meta.url), "utf8"),
  ) as AbbreviationFile;
  return {
    noBreak: new Set([...file.arabic, ...file.latin].map(matchForm)),
    afterNumber: new Set(file.afterNumber.map(matchForm)),
    letters: new Set(file.arabic.filter((a) => a.length === 1)),
  };
}

/** The default abbreviation lists, read once at module load. */
export const abbreviations: Abbreviations = load();
