import { Tagger } from "./decode.ts";
import { defaultKnowledgeBase, type KnowledgeBase } from "./kb.ts";
import { TaggerModel } from "./perceptron.ts";

/** The shipped weights (trained by scripts/train-ner.ts). */
export const DEFAULT_MODEL_URL = new URL("../../../data/ner/model.bin.gz", import.meta.url);

let sharedModel: TaggerModel | undefined;

/**
 * The shipped tagger model, loaded once per process.
 */
export function defaultModel(): TaggerModel {
  sharedModel ??= TaggerModel.load(DEFAULT_MODEL_URL);
  return sharedModel;
}

/**
 * A tagger with the shipped model and the given knowledge base as gazetteer.
 *
 * @param kb defaults to the shipped knowledge base
 */
export function createTagger(kb: KnowledgeBase = defaultKnowledgeBase()): Tagger {
  return new Tagger(defaultModel(), kb);
}
