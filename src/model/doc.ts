import { holdShape } from "./hold-shape.ts";
import type { Diagnostic, Rejection } from "./diagnostic.ts";
import { applyEdits, type Edit, resolveEdits } from "./edit.ts";
import type { Caption, Credit, Paragraph, Removal, Replacement, Sentence, Token } from "./layers.ts";
import { OffsetMap } from "./offset-map.ts";
import { KhabarError, makeSpan, type Span } from "./span.ts";

/** Where a document came from. Readers fill what they know. */
export interface SourceInfo {
  /** File path (or `-` for stdin). */
  path?: string;
  /** Line number inside a JSONL file, record number inside a WARC. */
  line?: number;
  url?: string;
  title?: string;
  /** Publication date as given by the source (ISO 8601 when it could be read). */
  date?: string;
  site?: string;
  author?: string;
  [key: string]: unknown;
}

/** What a reader hands the pipeline: one decoded input. */
export interface RawDoc {
  id: string;
  raw: string;
  source: SourceInfo;
  /** The encoding the bytes were decoded from (`utf-8`, `windows-1256`, ...). */
  encoding?: string;
  /** Problems met while reading (e.g. a truncated UTF-8 tail). */
  diagnostics?: Diagnostic[];
}

/** What dedup says about a document (`duplicate_of` is on the Doc itself). */
export interface DedupInfo {
  /** 64-bit hash of the matching form of the text: equal for exact copies. */
  contentHash: string;
  /** `exact`, `near` (Jaccard of word shingles), `contained` (a trimmed copy) or `extended` (a copy with more added). */
  kind?: "exact" | "near" | "contained" | "extended";
  /** Jaccard similarity (near), containment (contained) or 1 (exact). */
  similarity?: number;
}

/** Final state of a document. */
export type Status = "ok" | "duplicate" | "rejected";

/**
 * The one object every stage works on.
 *
 * Before `commit()`, stages record edits to the raw input (`edit`, `remove`),
 * in raw coordinates. `commit()` applies them once: it fixes `text` and builds
 * the offset map. After it, `text` never changes and stages add spans over it.
 */
export class Doc {
  readonly id: string;
  readonly source: SourceInfo;
  readonly raw: string;
  readonly encoding: string;
  status: Status = "ok";
  error: Rejection | undefined;
  duplicateOf: string | undefined;
  /** What dedup found: the content hash, and for a copy how it matched its original. */
  dedup: DedupInfo | undefined;
  lang: string | undefined;
  readonly diagnostics: Diagnostic[] = [];

  paragraphs: Paragraph[] = [];
  sentences: Sentence[] = [];
  tokens: Token[] = [];
  captions: Caption[] = [];
  credits: Credit[] = [];
  /** Extension layers added by later stages (quotes, entities, ...), each a list of span-bearing objects. */
  readonly layers: Record<string, unknown[]> = {};
  /**
   * Views that several stages derive from the same layers and share (e.g. the figure readers' word view for
   * the dates and quantities stages), keyed by the deriving module. Never output. Kept on the document so it
   * dies with it: a cache outside the document either keeps finished documents alive or costs the collector
   * a weak entry per document.
   */
  derived: Map<string, unknown> | undefined = undefined;

  private pending: Edit[] = [];
  private resolved: Edit[] | undefined;
  private cleaned: string | undefined;
  private offsetMap: OffsetMap | undefined;

  constructor(input: RawDoc) {
    this.id = input.id;
    this.source = input.source;
    this.raw = input.raw;
    this.encoding = input.encoding ?? "utf-8";
    if (input.diagnostics) this.diagnostics.push(...input.diagnostics);
    holdShape("Doc", this);
  }

  /** True once `commit()` has fixed the text. */
  get committed(): boolean {
    return this.cleaned !== undefined;
  }

  /**
   * Record that raw `start..end` becomes `replacement`. Only before `commit()`.
   *
   * @throws KhabarError `doc_committed` after commit, `edit_out_of_range` on bad bounds
   */
  edit(start: number, end: number, replacement: string, kind: string): void {
    if (this.cleaned !== undefined) throw new KhabarError("doc_committed", `khabar: edit after commit on ${this.id}`);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > this.raw.length) {
      throw new KhabarError(
        "edit_out_of_range",
        `khabar: edit ${start}-${end} outside raw of length ${this.raw.length}`,
      );
    }
    if (start === end && replacement === "") return;
    if (this.raw.slice(start, end) === replacement) return;
    this.pending.push({ start, end, replacement, kind });
  }

  /** Record the removal of raw `start..end`. Only before `commit()`. */
  remove(start: number, end: number, kind: string): void {
    this.edit(start, end, "", kind);
  }

  /** Edits recorded so far (before commit), in submission order. */
  get pendingEdits(): readonly Edit[] {
    return this.pending;
  }

  /**
   * Apply the recorded edits: fixes `text` and the offset map. Idempotent.
   *
   * @throws Error `edit_overlap` when two stages made partially overlapping edits
   */
  commit(): void {
    if (this.cleaned !== undefined) return;
    const edits = resolveEdits(this.pending);
    this.resolved = edits;
    this.cleaned = applyEdits(this.raw, edits);
    this.offsetMap = new OffsetMap(this.raw.length, edits);
    this.pending = [];
  }

  /** The cleaned text. @throws KhabarError `doc_not_committed` before `commit()` */
  get text(): string {
    if (this.cleaned === undefined)
      throw new KhabarError("doc_not_committed", `khabar: text read before commit on ${this.id}`);
    return this.cleaned;
  }

  /** The offset map between raw and cleaned text. @throws before `commit()` */
  get map(): OffsetMap {
    if (this.offsetMap === undefined)
      throw new KhabarError("doc_not_committed", `khabar: map read before commit on ${this.id}`);
    return this.offsetMap;
  }

  /** The applied edits, sorted, in raw coordinates. @throws before `commit()` */
  get edits(): readonly Edit[] {
    if (this.resolved === undefined)
      throw new KhabarError("doc_not_committed", `khabar: edits read before commit on ${this.id}`);
    return this.resolved;
  }

  /** Deletions, with the raw text they removed and where they were in the cleaned text. */
  get removed(): Removal[] {
    return this.edits.filter((e) => e.replacement === "").map((e) => this.describe(e));
  }

  /** Substitutions (normalization, HTML entities), in raw coordinates. */
  get replaced(): Replacement[] {
    return this.edits
      .filter((e) => e.replacement !== "")
      .map((e) => ({ ...this.describe(e), replacement: e.replacement }));
  }

  /** A span of the cleaned text. @throws KhabarError `span_out_of_range` */
  span(start: number, end: number): Span {
    return makeSpan(this.text, start, end);
  }

  /** Add a diagnostic. */
  warn(code: string, message: string, extra: Partial<Pick<Diagnostic, "span" | "raw" | "severity">> = {}): void {
    this.diagnostics.push({ code, message, severity: extra.severity ?? "warning", ...extra });
  }

  /** Mark the document rejected. */
  reject(code: string, message: string): void {
    this.status = "rejected";
    this.error = { code, message };
  }

  private describe(e: Edit): Removal {
    return {
      kind: e.kind,
      start: e.start,
      end: e.end,
      text: this.raw.slice(e.start, e.end),
      at: this.map.toCleanNearest(e.start) ?? this.text.length,
    };
  }
}
