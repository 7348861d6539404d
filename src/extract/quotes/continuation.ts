import type { Gender } from "./cues.ts";
import type { ScanContext } from "./scan-context.ts";
import { type SpeakerRange, sentenceSubject, speakerGender } from "./speakers.ts";

/** What a cue without its own subject inherits. */
export interface Antecedent {
  /** The speaker mention to reuse. */
  speaker: SpeakerRange;
  /** Index (in the output) of the quote whose speaker is reused, when there is one. */
  continues?: number;
  /** How sure the link is (0..1). */
  confidence: number;
}

/** A quote found so far, as the resolver needs it: where its cue starts, and its speaker (a draft of the stage fits). */
export interface PriorQuote {
  cue: { first: number };
  speaker: SpeakerRange;
}

/** How many paragraphs back a pronoun-dropped verb may find its speaker. */
const MAX_PARAGRAPHS_BACK = 3;

/**
 * The speaker of a pronoun-dropped cue (`وأضاف`, `وتابع`, `مشيرا إلى`), in
 * this order: the speaker of an earlier quote in the same sentence; the subject
 * of the sentence's first verb when that verb is not itself a cue (`وأشاد
 * معلم نيكول بإنجازها وقال إن`); the speaker of the previous quote, up to three
 * paragraphs back. A speaker whose gender disagrees with the cue's
 * (`ذكرت` after a `رئيس`) is passed over for an earlier one that agrees.
 *
 * @param ctx scan state
 * @param cueAt token of the cue
 * @param prior quotes found before it, in order
 * @param gender the cue's gender, when its form shows one
 * @returns the antecedent, or `undefined` when there is none
 */
export function resolveContinuation(
  ctx: ScanContext,
  cueAt: number,
  prior: readonly PriorQuote[],
  gender?: Gender,
): Antecedent | undefined {
  const { view } = ctx;
  const sentence = view.sent[cueAt]!;
  for (let q = prior.length - 1; q >= 0; q--) {
    const p = prior[q]!;
    if (p.cue.first < cueAt && view.sent[p.cue.first] === sentence && agrees(view, gender, p.speaker))
      return { speaker: p.speaker, continues: q, confidence: 0.8 };
    if (p.cue.first < cueAt) break;
  }
  const s = view.doc.sentences[sentence];
  if (s) {
    const subject = sentenceSubject(ctx, s.tokens[0], cueAt);
    if (subject && agrees(view, gender, subject)) return { speaker: subject, confidence: 0.6 };
  }
  for (let q = prior.length - 1; q >= 0; q--) {
    const p = prior[q]!;
    if (p.cue.first >= cueAt) continue;
    if (view.para[cueAt]! - view.para[p.cue.first]! > MAX_PARAGRAPHS_BACK) break;
    if (!agrees(view, gender, p.speaker)) continue;
    return { speaker: p.speaker, continues: q, confidence: 0.7 };
  }
  return undefined;
}

/** Whether `speaker` may be the subject of a cue of `gender` (a module-level function: no closure per call). */
function agrees(view: ScanContext["view"], gender: Gender | undefined, speaker: SpeakerRange): boolean {
  if (!gender) return true;
  const g = speakerGender(view, speaker);
  return g === undefined || g === gender;
}
