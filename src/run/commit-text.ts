import type { Stage } from "./stage.ts";

/**
 * The stage that ends editing: applies every edit recorded so far and fixes
 * `doc.text` and the offset map. Stages before it edit; stages after it annotate.
 */
export function commitText(): Stage {
  return (doc) => doc.commit();
}
