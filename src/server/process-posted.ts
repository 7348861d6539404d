import { htmlToDoc } from "../ingest/html-reader.ts";
import type { SourceInfo } from "../model/doc.ts";
import { type DocRecord, toRecord } from "../model/record.ts";
import { createPipeline, runPipeline } from "../run/pipeline.ts";
import { rejectedDoc, type WorkItem } from "../run/process-item.ts";
import type { NamedStage } from "../run/stage.ts";
import { WorkerPool } from "../run/worker-pool.ts";

/** An article posted to `POST /api/process`: its text or its HTML page, with what is known of its source. */
export interface PostedArticle {
  text?: string;
  html?: string;
  id?: string;
  title?: string;
  url?: string;
  date?: string;
  /** Include the raw input in the record (default true). */
  raw?: boolean;
  /** Include tokens in the record (default true). */
  tokens?: boolean;
}

// Built once: the stages load their language data when created, not per request.
let stages: NamedStage[] | undefined;

/**
 * Process one posted article with the real pipeline, as `khabar process`
 * would, and give back its record. Nothing is stored.
 *
 * @param article `text` (plain text, one paragraph a line) or `html` (a page to extract), plus optional metadata
 * @returns the record; a document the pipeline rejects is a record with `status: "rejected"`, not an error
 */
export function processPosted(article: PostedArticle): DocRecord {
  const id = article.id ?? "posted";
  const source = sourceOf(article);
  const options = { raw: article.raw ?? true, tokens: article.tokens ?? true };
  if (article.html !== undefined) {
    stages ??= createPipeline();
    // The page arrived as a JSON string, so it is UTF-8 whatever its <meta charset> says.
    const read = htmlToDoc({ id, source, bytes: Buffer.from(article.html, "utf8"), charset: "utf-8" });
    if (read.kind === "doc") {
      // Metadata the caller gave wins over what the page declares.
      return toRecord(runPipeline(stages, { ...read.doc, source: { ...read.doc.source, ...source } }), options);
    }
    if (read.kind === "rejected") {
      const { rejected } = read;
      return toRecord(rejectedDoc(rejected.id, rejected.source, rejected.error.code, rejected.error.message), options);
    }
    return toRecord(rejectedDoc(id, source, "internal", `unexpected ${read.kind} result`), options);
  }
  const text = article.text ?? "";
  if (text.trim() === "") return toRecord(rejectedDoc(id, source, "empty", "the input holds only whitespace"), options);
  stages ??= createPipeline();
  return toRecord(runPipeline(stages, { id, raw: text, source, encoding: "utf-8" }), options);
}

/** Options for a `PostedProcessor`. */
export interface PostedProcessorOptions {
  /** Longest a document may take before its worker is stopped and the request answered 503 `timeout` (default 30 s). */
  timeoutMs?: number;
  /** Most documents waiting or in work at once; more are answered 503 `busy` (default 4). */
  maxPending?: number;
}

/** Raised when the processor cannot take or finish a document: the API answers 503 with `code`. */
export class ProcessorBusy extends Error {
  readonly code: "busy" | "timeout";
  constructor(code: "busy" | "timeout", message: string) {
    super(message);
    this.name = "ProcessorBusy";
    this.code = code;
  }
}

/**
 * Runs posted articles through the pipeline on a worker thread, so a large
 * document (a 1 MB page takes seconds) never stalls the server's other
 * requests. The worker starts on first use and is replaced after a timeout.
 */
export class PostedProcessor {
  private pool: WorkerPool | undefined;
  private pending = 0;
  private readonly timeoutMs: number;
  private readonly maxPending: number;

  /** @param options time and queue limits */
  constructor(options: PostedProcessorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxPending = options.maxPending ?? 4;
  }

  /**
   * Process one article as `processPosted` does, off the main thread.
   *
   * @returns the record
   * @throws ProcessorBusy when too many documents are in hand (`busy`) or this one took too long (`timeout`)
   */
  async process(article: PostedArticle): Promise<DocRecord> {
    if (this.pending >= this.maxPending) {
      throw new ProcessorBusy("busy", `khabar: ${this.pending} documents are being processed; try again shortly`);
    }
    // Blank input is rejected before the pipeline: no need for a thread.
    if (article.html === undefined && (article.text ?? "").trim() === "") return processPosted(article);
    this.pending++;
    const pool = (this.pool ??= new WorkerPool(
      1,
      { pipeline: {}, record: { raw: true, tokens: true } },
      { batch: 1, depth: 1 },
    ));
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        pool.run(workItem(article)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new ProcessorBusy("timeout", `khabar: processing took over ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
      const record = JSON.parse(result.line) as DocRecord;
      // The caller's metadata wins over what an HTML page declares, as in processPosted.
      Object.assign(record.source, sourceOf(article));
      if (article.raw === false) delete record.raw;
      if (article.tokens === false) record.tokens = [];
      return record;
    } catch (error) {
      if (error instanceof ProcessorBusy && error.code === "timeout" && this.pool === pool) {
        // The worker may be stuck in this document: replace it (the documents queued behind it fail too).
        this.pool = undefined;
        void pool.close();
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.pending--;
    }
  }

  /** Stop the worker. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}

/** The source fields the caller gave. */
function sourceOf(article: PostedArticle): SourceInfo {
  return {
    ...(article.title !== undefined ? { title: article.title } : {}),
    ...(article.url !== undefined ? { url: article.url } : {}),
    ...(article.date !== undefined ? { date: article.date } : {}),
  };
}

/** A posted article as the pipeline's work item. */
function workItem(article: PostedArticle): WorkItem {
  const id = article.id ?? "posted";
  const source = sourceOf(article);
  if (article.html !== undefined) {
    // The page arrived as a JSON string, so it is UTF-8 whatever its <meta charset> says.
    return {
      kind: "html",
      format: "html",
      page: { id, source, bytes: Buffer.from(article.html, "utf8"), charset: "utf-8" },
    };
  }
  return { kind: "doc", format: "text", doc: { id, raw: article.text ?? "", source, encoding: "utf-8" } };
}
