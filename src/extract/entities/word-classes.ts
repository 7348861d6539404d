import { readFileSync } from "node:fs";
import { matchForm } from "../../normalize/match-form.ts";
import { bareForm } from "./clitics.ts";
import type { KnowledgeBase } from "./kb.ts";

const GIVEN_NAMES_URL = new URL("../../../data/ner/given-names.txt", import.meta.url);
let givenNames: string[] | undefined;

const ORDER = ["N", "PER", "ORG", "GPE", "LOC", "MISC"] as const;

/** How many word classes there are (every subset of the six kinds). */
export const CLASS_COUNT = 1 << ORDER.length;

/**
 * Word classes for the tagger: which kinds of names a word is part of, from
 * the knowledge base's aliases (`محمد` is in person names, `وزارة` in
 * organization names) and a list of given names (data/ner/given-names.txt,
 * class `N`). Unlike the gazetteer, this fires on words of names the base does
 * not hold (`محمد` in any `محمد ...`), which is what lets the model generalize.
 */
export class WordClasses {
  private readonly bits = new Map<string, number>();
  private readonly names: string[] = [];

  /** @param kb the knowledge base whose strong aliases give the classes */
  constructor(kb: KnowledgeBase) {
    givenNames ??= readFileSync(GIVEN_NAMES_URL, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .map(matchForm);
    for (const n of givenNames) this.set(n, 0);
    for (const e of kb.entries) {
      const bit = ORDER.indexOf(e.type);
      for (const a of [e.name_ar, ...e.aliases]) {
        for (const w of matchForm(a).split(/\s+/u)) if (w.length > 1) this.set(bareForm(w), bit);
      }
    }
    for (let m = 0; m < 1 << ORDER.length; m++) this.names.push(ORDER.filter((_, i) => m & (1 << i)).join("+"));
  }

  private set(w: string, bit: number): void {
    this.bits.set(w, (this.bits.get(w) ?? 0) | (1 << bit));
  }

  /**
   * The class of a word given its bare form (`bareForm`): e.g. `N+PER`, `GPE`, or `""`.
   */
  of(bare: string): string {
    return this.names[this.bits.get(bare) ?? 0]!;
  }

  /**
   * The class of a bare form as a number (`nameOf` gives its name): lets a caller
   * index a table by class instead of hashing the name.
   *
   * @returns 0 ("") to `CLASS_COUNT - 1`
   */
  bitsOf(bare: string): number {
    return this.bits.get(bare) ?? 0;
  }

  /** The name of a class number from `bitsOf` (`of` returns these). */
  nameOf(bits: number): string {
    return this.names[bits]!;
  }
}
