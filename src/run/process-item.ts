import { htmlToDoc } from "../ingest/html-reader.ts";
import { rejected } from "../ingest/input.ts";
import type { Doc, RawDoc } from "../model/doc.ts";
import { rejectedDoc, type WorkItem } from "./item-result.ts";
import { type RunLimits, runPipeline, runPipelineBatch } from "./pipeline.ts";
import type { NamedStage } from "./stage.ts";

export { type ItemResult, rejectedDoc, resultOf, type WorkItem } from "./item-result.ts";

// A page's article, or a rejection: extraction that throws (a bug, or a page beyond what the parser can take)
// rejects that page only, as a failing stage does, and never the run.
function extractPage(item: Extract<WorkItem, { kind: "html" }>): ReturnType<typeof htmlToDoc> {
  try {
    return htmlToDoc(item.page, item.format);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return rejected(item.format, item.page.id, item.page.source, "internal", `HTML extraction failed: ${message}`);
  }
}

/**
 * Turn one item into a finished document: extract an HTML page (a page with
 * no article becomes a rejected document), then run the pipeline.
 *
 * @param limits the time limit per document (see `RunLimits`)
 * @returns the document, rejected or not
 */
export function processItem(stages: readonly NamedStage[], item: WorkItem, limits: RunLimits = {}): Doc {
  const read = item.kind === "html" ? extractPage(item) : item;
  if (read.kind === "doc") return runPipeline(stages, read.doc, limits);
  if (read.kind === "rejected")
    return rejectedDoc(read.rejected.id, read.rejected.source, read.rejected.error.code, read.rejected.error.message);
  return rejectedDoc(
    item.kind === "html" ? item.page.id : item.doc.id,
    {},
    "internal",
    `unexpected ${read.kind} result`,
  );
}

/**
 * `processItem` for a batch: pages are extracted first, then the documents go through the pipeline stage by
 * stage (see `runPipelineBatch`).
 *
 * @param limits the time limit per document (see `RunLimits`)
 * @returns one finished document per item, in item order
 */
export function processItems(stages: readonly NamedStage[], items: readonly WorkItem[], limits: RunLimits = {}): Doc[] {
  const out = new Array<Doc>(items.length);
  const raws: RawDoc[] = [];
  const slots: number[] = [];
  items.forEach((item, i) => {
    const read = item.kind === "html" ? extractPage(item) : item;
    if (read.kind === "doc") {
      raws.push(read.doc);
      slots.push(i);
    } else if (read.kind === "rejected")
      out[i] = rejectedDoc(
        read.rejected.id,
        read.rejected.source,
        read.rejected.error.code,
        read.rejected.error.message,
      );
    else
      out[i] = rejectedDoc(
        item.kind === "html" ? item.page.id : item.doc.id,
        {},
        "internal",
        `unexpected ${read.kind} result`,
      );
  });
  runPipelineBatch(stages, raws, limits).forEach((doc, k) => {
    out[slots[k]!] = doc;
  });
  return out;
}
