import type { Span } from "./span.ts";

/** One paragraph of the cleaned text (a line of the input, without its line break). */
export interface Paragraph extends Span {}

/** One sentence: inside one paragraph; `tokens` is the half-open range of its token indices. */
export interface Sentence extends Span {
  paragraph: number;
  tokens: [number, number];
}

/** What a token is made of. */
export type TokenKind = "word" | "number" | "latin" | "punct" | "symbol" | "emoji" | "other";

/**
 * One token. `norm` is its matching form (folded; see `matchForm`), `stem` the
 * stem of its base after clitics are split off; `prefix`/`suffix` are the
 * proclitics and enclitics found (in matching form), `""` when none.
 */
export interface Token extends Span {
  kind: TokenKind;
  norm: string;
  stem: string;
  prefix: string;
  suffix: string;
}

/** A credit: who took the photo, which agency filed the story, who wrote it. */
export interface Credit extends Span {
  kind: "photo" | "agency" | "byline" | "dateline";
  /** Canonical name of the credited party (e.g. `Getty Images`), when known. */
  name?: string;
  /** The place of a dateline or byline (`بغداد` in `بغداد - رويترز`). */
  place?: Span;
}

/** A photo caption kept in the text, with the credit it ends with. */
export interface Caption extends Span {
  credit?: Credit;
}

/** A piece of the raw input removed by cleaning, in raw coordinates. */
export interface Removal {
  kind: string;
  /** Raw start offset. */
  start: number;
  /** Raw end offset. */
  end: number;
  /** The raw text removed. */
  text: string;
  /** Offset in the cleaned text where it used to be. */
  at: number;
}

/** A substitution made by normalization or cleaning, in raw coordinates. */
export interface Replacement extends Removal {
  replacement: string;
}
