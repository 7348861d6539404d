import { htmlToDoc } from "../ingest/html-reader.ts";
import type { Doc } from "../model/doc.ts";
import { rejectedDoc, type WorkItem } from "./item-result.ts";
import { runPipeline } from "./pipeline.ts";
import type { NamedStage } from "./stage.ts";

export { type ItemResult, rejectedDoc, resultOf, type WorkItem } from "./item-result.ts";

/**
 * Turn one item into a finished document: extract an HTML page (a page with
 * no article becomes a rejected document), then run the pipeline.
 *
 * @returns the document, rejected or not
 */
export function processItem(stages: readonly NamedStage[], item: WorkItem): Doc {
  const read = item.kind === "html" ? htmlToDoc(item.page, item.format) : item;
  if (read.kind === "doc") return runPipeline(stages, read.doc);
  if (read.kind === "rejected")
    return rejectedDoc(read.rejected.id, read.rejected.source, read.rejected.error.code, read.rejected.error.message);
  return rejectedDoc(
    item.kind === "html" ? item.page.id : item.doc.id,
    {},
    "internal",
    `unexpected ${read.kind} result`,
  );
}
