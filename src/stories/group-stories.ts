import { digest64 } from "../dedupe/hash.ts";
import type { DocRecord } from "../model/record.ts";
import { matchForm } from "../normalize/match-form.ts";
import type { FacetCount } from "../store/types.ts";

/** What the story grouper reads of an article (see `storyInputOf`). */
export interface StoryInput {
  id: string;
  /** Publication date (ISO 8601, `YYYY-MM-DD...`), or null when unknown (then no time window applies). */
  date: string | null;
  title: string | null;
  /** The lead: the first sentence(s) of the text. */
  lead: string;
  /** Content-word stems in text order, repeats kept (the first `leadTerms` of them weigh more). */
  terms: readonly string[];
  /** Entity ids (KB id, or `name:` + matching form for unlinked ones), one per mention. */
  entities: readonly string[];
  /** Speaker texts of the article's attributed statements. */
  speakers: readonly string[];
  /**
   * For a copy (`status: duplicate`): the id of its original. A copy joins its original's story without
   * changing it. Optional, so inputs built without it stay valid.
   */
  duplicate_of?: string | null;
  /**
   * The site (outlet) that published it, when known. A site reports a happening once (its re-posts are copies):
   * a second article of one site on a subject is a follow-up, another angle or the next item of a recurring
   * column, so an article's link to a story must come from another site's member. Optional: without it every
   * member counts.
   */
  site?: string | null;
}

/** Parameters of the grouping; the defaults come from measurements on labeled pairs (notes: readme-stories). */
export interface StoryParams {
  /**
   * An article joins a story only if its date is within this many days of the story's first report (the
   * earliest of its core members; default 2). Measured from the first report, not from the span, so that a
   * story cannot keep stretching its own window as members join.
   */
  windowDays: number;
  /**
   * Least similarity (cosine of weighted vectors with the centroid) to join a story near the time of its first
   * report (default 0.3); past `graceDays` the bar rises linearly with the time between the article and the
   * first report, to twice this at `windowDays`.
   */
  threshold: number;
  /** Days after (or before) a story's first report during which the bar stays at `threshold` (default 0.5). */
  graceDays: number;
  /** Weight of entity features against term features (default 3). */
  entityWeight: number;
  /** Extra weight factor of the first `leadTerms` terms, the lead (default 2). */
  leadBoost: number;
  /** How many of an article's first terms count as its lead (default 40). */
  leadTerms: number;
  /** Features kept per article vector (default 40 terms + 12 entities). */
  vectorTerms: number;
  vectorEntities: number;
  /** Features kept per story centroid (default 80). */
  centroidSize: number;
  /** An article's strongest features looked up in the inverted index to find candidate stories (default 12). */
  probe: number;
  /** Features of each member under which its story is indexed (default 8). */
  indexFeatures: number;
  /** Most recent stories read per posting list (a feature shared by very many stories is weak evidence; default 60). */
  postingScan: number;
  /** How many first members make up a story's core (default 3): the event as first reported, fixed once full. */
  coreSize: number;
  /** Least cosine with the story's core to join it (default 0.3); stops the centroid drifting from the event. */
  coreThreshold: number;
  /**
   * Least cosine with at least one member from another site (see `StoryInput.site`) to join (default 0.3): a
   * join needs a close article, not only a close average.
   */
  memberThreshold: number;
}

/** The measured defaults. */
export const DEFAULT_STORY_PARAMS: StoryParams = {
  windowDays: 2,
  threshold: 0.3,
  graceDays: 0.5,
  entityWeight: 3,
  leadBoost: 2,
  leadTerms: 40,
  vectorTerms: 40,
  vectorEntities: 12,
  centroidSize: 80,
  probe: 12,
  indexFeatures: 8,
  postingScan: 60,
  coreSize: 3,
  coreThreshold: 0.3,
  memberThreshold: 0.3,
};

/** A group of articles about one event. */
export interface Story {
  /** Stable: derived from the id of the story's first article. */
  id: string;
  /** The most central headline (or lead, when the article has no title). */
  label: string;
  /** The article the label comes from. */
  label_article: string;
  /** Earliest and latest publication dates (ISO, as given), null when no member is dated. */
  start: string | null;
  end: string | null;
  /** Member article ids in the order they were added (copies included). */
  articles: string[];
  /** Main entities (articles mentioning each, most first; at most 10). */
  entities: FacetCount[];
  /** Main speakers (at most 10). */
  speakers: FacetCount[];
}

/** A label candidate: a member with its vector, so the most central one can be picked at the end. */
interface Candidate {
  id: string;
  label: string;
  vector: [string, number][];
}

interface StoryRecord {
  id: string;
  articles: string[];
  /** Articles (not copies) whose vectors are summed in the centroid. */
  members: number;
  start: string | null;
  end: string | null;
  /** Day numbers of start/end (NaN when undated). */
  startDay: number;
  endDay: number;
  /** Sum of member unit vectors, pruned to `centroidSize` features; null once retired. */
  centroid: [string, number][] | null;
  norm: number;
  indexed: string[];
  /** Sum of the first `coreSize` member vectors, pruned like the centroid; null once retired. */
  core: [string, number][] | null;
  coreNorm: number;
  /**
   * Earliest date of the core members, the story's first report: the time window is measured from it, not from
   * the span, which every member would stretch.
   */
  coreStart: string | null;
  /** Its time in days since the epoch, fractional (NaN when undated). */
  coreFrom: number;
  /** Member unit vectors (not copies), for the member-link test; null once retired. */
  vectors: [string, number][][] | null;
  /** The site of each of those members (null when unknown). */
  sites: (string | null)[] | null;
  candidates: Candidate[];
  entities: [string, number][];
  speakers: [string, number][];
  /** The label chosen when the story was retired (candidates are dropped then). */
  label?: [string, string];
}

/** The grouper's whole state: plain JSON, so it can be stored and restored. */
export interface StoryState {
  /** 2; a version 1 state (before cores and member vectors) is upgraded on restore. */
  version: 1 | 2;
  params: StoryParams;
  /** Articles added (not counting copies): the N of the inverse document frequency. */
  docs: number;
  /** Document frequency of each feature (terms, and entities prefixed with `@`). */
  df: [string, number][];
  stories: StoryRecord[];
  /** Feature → story numbers, oldest first. */
  postings: [string, number[]][];
  /** Latest day number seen (for retiring stories out of every window). */
  latestDay: number;
}

const DAY = 86_400_000;
const MAX_FACETS = 64;
const CANDIDATES = 6;

/**
 * The story input of a khabar record: source date and title, the lead sentence(s), content-word stems from
 * the tokens, entity ids from `entities` (`name:` + matching form when unlinked), speaker texts from `quotes`.
 *
 * @param record a record as `khabar process` writes it (with tokens)
 * @returns the input for `StoryGrouper.add`
 */
export function storyInputOf(record: DocRecord): StoryInput {
  const source = record.source ?? {};
  const date = typeof source.date === "string" && source.date ? source.date : null;
  const title = typeof source.title === "string" && source.title.trim() ? source.title.trim() : null;
  let lead = "";
  for (const s of record.sentences ?? []) {
    lead = lead ? `${lead} ${s.text}` : s.text;
    if (lead.length >= 80) break;
  }
  if (!lead) lead = record.text.slice(0, 200);
  const terms: string[] = [];
  for (const row of record.tokens ?? []) {
    const kind = row[2];
    if (kind !== "word" && kind !== "latin") continue;
    const stem = row[4] || row[3];
    if (stem.length < 2 || STOPWORDS.has(row[3]) || STOPWORDS.has(stem)) continue;
    terms.push(stem);
  }
  const entities: string[] = [];
  for (const e of asArray<{ id?: string | null; text?: string }>(record.entities)) {
    if (e.id) entities.push(e.id);
    else if (e.text) entities.push(`name:${matchForm(e.text)}`);
  }
  const speakers: string[] = [];
  for (const q of asArray<{ speaker?: { text?: string } | null; anonymous?: boolean }>(record.quotes)) {
    if (q.speaker?.text && !q.anonymous) speakers.push(q.speaker.text);
  }
  const input: StoryInput = { id: record.id, date, title, lead: lead.trim(), terms, entities, speakers };
  if (typeof source.site === "string" && source.site) input.site = source.site;
  if (record.status === "duplicate" && record.duplicate_of) input.duplicate_of = record.duplicate_of;
  return input;
}

/**
 * Incremental single-pass story grouping. Each article becomes a weighted vector (TF-IDF of its content
 * stems, lead terms boosted, plus its entities); candidate stories come from an inverted index on their
 * members' strongest features; the article joins the most similar story whose first report is within the
 * time window when the cosine with its centroid reaches the threshold (which rises with the time since the
 * first report) and it is also close to the story's core (its first members) and to at least one member;
 * else it starts a new story. Stories whose span ends two windows before the latest date seen are retired:
 * their vectors are dropped, their summary kept.
 *
 * @example
 * const grouper = new StoryGrouper();
 * for (const r of records) grouper.add(storyInputOf(r));
 * grouper.stories(); // largest first
 */
export class StoryGrouper {
  readonly params: StoryParams;
  private docs = 0;
  private readonly df = new Map<string, number>();
  private readonly list: StoryRecord[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly storyOf = new Map<string, number>();
  private latestDay = Number.NEGATIVE_INFINITY;

  /**
   * @param params overrides of DEFAULT_STORY_PARAMS (ignored when `state` is given: the state's own are kept)
   * @param state a snapshot to continue from
   */
  constructor(params: Partial<StoryParams> = {}, state?: StoryState) {
    if (state) {
      if (state.version !== 2 && state.version !== 1)
        throw new Error(`khabar: story_state: unknown version ${String(state.version)}`);
      this.params = { ...DEFAULT_STORY_PARAMS, ...state.params };
      this.docs = state.docs;
      for (const [k, v] of state.df) this.df.set(k, v);
      for (const s of state.stories) {
        const copy = structuredClone(s);
        copy.startDay = dayOf(copy.start);
        copy.endDay = dayOf(copy.end);
        if (state.version === 1) upgrade(copy);
        copy.coreFrom = timeOf(copy.coreStart);
        this.list.push(copy);
        for (const a of copy.articles) this.storyOf.set(a, this.list.length - 1);
      }
      for (const [k, v] of state.postings) this.postings.set(k, [...v]);
      this.latestDay = state.latestDay ?? Number.NEGATIVE_INFINITY;
    } else {
      this.params = { ...DEFAULT_STORY_PARAMS, ...params };
    }
  }

  /** Number of stories. */
  get size(): number {
    return this.list.length;
  }

  /**
   * Add an article and say which story it joins (a new one when none is close enough).
   * Adding an id already added returns its story and changes nothing.
   *
   * @returns the story id (stable: it does not change as the story grows)
   */
  add(input: StoryInput): string {
    const known = this.storyOf.get(input.id);
    if (known !== undefined) return this.list[known]!.id;
    if (input.duplicate_of) {
      const original = this.storyOf.get(input.duplicate_of);
      if (original !== undefined) {
        // A copy adds nothing new: it is listed, the story's vectors, label and span stay as they are.
        this.list[original]!.articles.push(input.id);
        this.storyOf.set(input.id, original);
        return this.list[original]!.id;
      }
    }
    const day = dayOf(input.date);
    if (day > this.latestDay) this.latestDay = day;
    const vector = this.vectorOf(input);
    const p = this.params;
    const weights = new Map(vector);
    // Stories close enough on average, most similar first (ties: the older story).
    const close: [number, number][] = [];
    const time = timeOf(input.date);
    for (const s of this.candidatesFor(vector, time)) {
      const story = this.list[s]!;
      const score = cosine(weights, story.centroid!, story.norm);
      // An event is reported within hours to a day or two of its first report; what comes later on the same
      // subject is mostly another happening of the thread (the next day's prices, a follow-up, a reaction). So
      // the evidence needed grows with the distance from the story's first report (see `bar`).
      const late = Number.isNaN(time) || Number.isNaN(story.coreFrom) ? 0 : Math.abs(time - story.coreFrom);
      if (score >= this.bar(late)) close.push([s, score]);
    }
    close.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    // The centroid is an average that drifts as a thread grows; the article must also be close to the story's
    // core (its first reports) and to at least one member of another site, so that a story cannot chain from
    // event to event, nor grow from one site's recurring column.
    let best = -1;
    for (const [s] of close) {
      const story = this.list[s]!;
      if (cosine(weights, story.core!, story.coreNorm) < p.coreThreshold) continue;
      if (!closeToMember(weights, input.site ?? null, story, p.memberThreshold)) continue;
      best = s;
      break;
    }
    let n = best;
    if (n === -1) {
      n = this.list.length;
      this.list.push({
        id: `st_${digest64(input.id)}`,
        articles: [],
        members: 0,
        start: null,
        end: null,
        startDay: Number.NaN,
        endDay: Number.NaN,
        centroid: [],
        norm: 0,
        indexed: [],
        core: [],
        coreNorm: 0,
        coreStart: null,
        coreFrom: Number.NaN,
        vectors: [],
        sites: [],
        candidates: [],
        entities: [],
        speakers: [],
      });
    }
    this.join(n, input, day, vector);
    this.storyOf.set(input.id, n);
    this.retire();
    return this.list[n]!.id;
  }

  /** The stories, largest first (then latest, then by id). */
  stories(): Story[] {
    const out = this.list.map((s) => this.summary(s));
    return out.sort(
      (a, b) =>
        b.articles.length - a.articles.length ||
        (b.end ?? "").localeCompare(a.end ?? "") ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /** The story an article was put in, or undefined. */
  storyOfArticle(id: string): string | undefined {
    const n = this.storyOf.get(id);
    return n === undefined ? undefined : this.list[n]!.id;
  }

  /** The whole state as plain JSON; `new StoryGrouper({}, state)` continues exactly where this one is. */
  snapshot(): StoryState {
    return {
      version: 2,
      params: { ...this.params },
      docs: this.docs,
      df: [...this.df],
      stories: this.list.map((s) => {
        const copy = structuredClone(s);
        // Day numbers are derived from the dates (NaN does not survive JSON).
        copy.startDay = 0;
        copy.endDay = 0;
        copy.coreFrom = 0;
        return copy;
      }),
      postings: [...this.postings].map(([k, v]) => [k, [...v]]),
      latestDay: Number.isFinite(this.latestDay) ? this.latestDay : -1e15,
    };
  }

  // The article's unit vector: top terms by (1 + ln tf) · idf with the lead boosted, and top entities.
  private vectorOf(input: StoryInput): [string, number][] {
    const p = this.params;
    const tf = new Map<string, number>();
    for (let i = 0; i < input.terms.length; i++) {
      const t = input.terms[i]!;
      tf.set(t, (tf.get(t) ?? 0) + (i < p.leadTerms ? p.leadBoost : 1));
    }
    const ef = new Map<string, number>();
    for (const e of input.entities) ef.set(`@${e}`, (ef.get(`@${e}`) ?? 0) + 1);
    // Document frequencies count this article too, so a first article still has finite weights.
    this.docs++;
    for (const k of tf.keys()) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    for (const k of ef.keys()) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    const weigh = (m: Map<string, number>, scale: number, keep: number): [string, number][] =>
      [...m]
        .map(([k, f]): [string, number] => [k, scale * (1 + Math.log(f)) * this.idf(k)])
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, keep);
    const vector = [...weigh(tf, 1, p.vectorTerms), ...weigh(ef, p.entityWeight, p.vectorEntities)];
    let norm = 0;
    for (const [, w] of vector) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    return vector
      .map(([k, w]): [string, number] => [k, w / norm])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  private idf(feature: string): number {
    return Math.log((this.docs + 1) / ((this.df.get(feature) ?? 0) + 0.5));
  }

  // The similarity needed `late` days from a story's first report: the threshold through the grace period (a
  // wire story goes round every outlet within hours, and crawl timestamps lag publication by hours), then rising
  // linearly to twice the threshold at the window's end.
  private bar(late: number): number {
    const { threshold, windowDays, graceDays } = this.params;
    if (late <= graceDays || windowDays <= graceDays) return threshold;
    return threshold * (1 + (late - graceDays) / (windowDays - graceDays));
  }

  // Stories sharing one of the article's strongest features whose first report is within the window of `time`.
  private candidatesFor(vector: [string, number][], time: number): Set<number> {
    const found = new Set<number>();
    const w = this.params.windowDays;
    for (const [feature] of vector.slice(0, this.params.probe)) {
      const list = this.postings.get(feature);
      if (!list) continue;
      for (let i = list.length - 1, read = 0; i >= 0 && read < this.params.postingScan; i--, read++) {
        const s = list[i]!;
        const story = this.list[s]!;
        if (!story.centroid || found.has(s)) continue;
        if (!Number.isNaN(time) && !Number.isNaN(story.coreFrom) && Math.abs(time - story.coreFrom) > w) continue;
        found.add(s);
      }
    }
    return found;
  }

  private join(n: number, input: StoryInput, day: number, vector: [string, number][]): void {
    const story = this.list[n]!;
    const p = this.params;
    story.articles.push(input.id);
    story.members++;
    if (input.date && !Number.isNaN(day)) {
      if (
        Number.isNaN(story.startDay) ||
        day < story.startDay ||
        (day === story.startDay && input.date < story.start!)
      ) {
        story.start = input.date;
        story.startDay = day;
      }
      if (Number.isNaN(story.endDay) || day > story.endDay || (day === story.endDay && input.date > story.end!)) {
        story.end = input.date;
        story.endDay = day;
      }
    }
    [story.centroid, story.norm] = addInto(story.centroid ?? [], vector, p.centroidSize);
    if (story.members <= p.coreSize) {
      [story.core, story.coreNorm] = addInto(story.core ?? [], vector, p.centroidSize);
      const time = timeOf(input.date);
      if (!Number.isNaN(time)) {
        if (story.coreStart === null || !(time >= story.coreFrom)) {
          story.coreStart = input.date;
          story.coreFrom = time;
        }
      }
    }
    story.vectors?.push(vector);
    story.sites?.push(input.site ?? null);
    for (const [feature] of vector.slice(0, p.indexFeatures)) {
      if (story.indexed.includes(feature)) continue;
      story.indexed.push(feature);
      let list = this.postings.get(feature);
      if (!list) this.postings.set(feature, (list = []));
      list.push(n);
    }
    const label = input.title ?? shorten(input.lead);
    const candidate: Candidate = { id: input.id, label, vector };
    if (story.candidates.length < CANDIDATES) story.candidates.push(candidate);
    else {
      // Keep the members closest to the centroid as it is now: the label is picked among them at the end.
      let worst = 0;
      let worstScore = Number.POSITIVE_INFINITY;
      story.candidates.forEach((c, i) => {
        const score = cosine(new Map(c.vector), story.centroid!, story.norm);
        if (score < worstScore) {
          worst = i;
          worstScore = score;
        }
      });
      if (cosine(new Map(vector), story.centroid, story.norm) > worstScore) story.candidates[worst] = candidate;
    }
    story.entities = countInto(story.entities, new Set(input.entities));
    story.speakers = countInto(story.speakers, new Set(input.speakers.map((s) => s.trim()).filter(Boolean)));
  }

  // Stories that ended more than two windows before the latest date can no longer be joined by articles
  // arriving roughly in time order: keep their summary, drop their vectors.
  private retire(): void {
    if (!Number.isFinite(this.latestDay) || this.docs % 256 !== 0) return;
    const limit = this.latestDay - 2 * this.params.windowDays - 1;
    for (const s of this.list) {
      if (!s.centroid || Number.isNaN(s.endDay) || s.endDay >= limit) continue;
      s.label = this.pickLabel(s);
      s.centroid = null;
      s.core = null;
      s.vectors = null;
      s.sites = null;
      s.candidates = [];
    }
    for (const [k, list] of this.postings) {
      const live = list.filter((n) => this.list[n]!.centroid);
      if (live.length === 0) this.postings.delete(k);
      else if (live.length !== list.length) this.postings.set(k, live);
    }
  }

  private pickLabel(s: StoryRecord): [string, string] {
    if (s.label) return s.label;
    let best: Candidate | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const c of s.candidates) {
      const score = s.centroid ? cosine(new Map(c.vector), s.centroid, s.norm) : 0;
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best ? [best.id, best.label] : [s.articles[0] ?? "", ""];
  }

  private summary(s: StoryRecord): Story {
    const [labelArticle, label] = this.pickLabel(s);
    return {
      id: s.id,
      label,
      label_article: labelArticle,
      start: s.start,
      end: s.end,
      articles: [...s.articles],
      entities: facets(s.entities, (v) => (v.startsWith("name:") ? v.slice(5) : v)),
      speakers: facets(s.speakers, (v) => v),
    };
  }
}

// Hand-picked function words that the light stemmer leaves as content-looking stems; the IDF weighs down the rest.
const STOPWORDS = new Set(
  "في من علي الي عن ان انه انها الذي التي الذين هذا هذه ذلك تلك كان كانت يكون قد لا ما لم لن بين بعد قبل عند حيث كما او ثم حتي مع منذ خلال اي كل بعض غير وقال قال واضاف اضاف واوضح اوضح مشيرا واشار اشار ايضا اليوم امس الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الاحد عام العام هناك هو هي هم وهو وهي الا اذا لقد عليه عليها فيه فيها منه منها له لها لهم به بها".split(
    " ",
  ),
);

function asArray<T>(x: unknown): T[] {
  return Array.isArray(x) ? (x as T[]) : [];
}

function dayOf(date: string | null): number {
  if (!date) return Number.NaN;
  const t = Date.parse(date.slice(0, 10));
  return Number.isNaN(t) ? Number.NaN : Math.floor(t / DAY);
}

// Whether the unit vector has a cosine of at least `least` with one of the story's members from another site
// (or of unknown site).
function closeToMember(
  unit: ReadonlyMap<string, number>,
  site: string | null,
  story: StoryRecord,
  least: number,
): boolean {
  const vectors = story.vectors ?? [];
  for (let i = 0; i < vectors.length; i++) {
    if (site !== null && story.sites?.[i] === site) continue;
    const v = vectors[i]!;
    let dot = 0;
    for (const [k, w] of v) {
      const u = unit.get(k);
      if (u !== undefined) dot += u * w;
    }
    if (dot >= least) return true;
  }
  return false;
}

// A sum of sparse vectors plus one more, pruned to its `keep` strongest features, with its norm.
function addInto(
  sum: readonly [string, number][],
  vector: readonly [string, number][],
  keep: number,
): [[string, number][], number] {
  const m = new Map(sum);
  for (const [k, w] of vector) m.set(k, (m.get(k) ?? 0) + w);
  const out = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, keep);
  let norm = 0;
  for (const [, w] of out) norm += w * w;
  return [out, Math.sqrt(norm)];
}

// A version 1 story (no core, no member vectors): its centroid stands for its core, its span for the core's,
// and its label candidates for its members.
function upgrade(s: StoryRecord): void {
  if (s.core !== undefined) return;
  s.core = s.centroid ? [...s.centroid] : null;
  s.coreNorm = s.norm;
  s.coreStart = s.start;
  s.vectors = s.centroid ? s.candidates.map((c) => c.vector) : null;
  s.sites = s.vectors ? s.vectors.map(() => null) : null;
}

// A date's time in days since the epoch, to the second when it has a time of day (taken as UTC when it has no
// offset, as the crawl's timestamps have none), else the start of its day; NaN when unknown.
function timeOf(date: string | null): number {
  if (!date) return Number.NaN;
  if (date.length >= 16 && (date[10] === " " || date[10] === "T")) {
    const iso = `${date.slice(0, 10)}T${date.slice(11)}`;
    const zoned = /(?:Z|[+-]\d\d:?\d\d)$/.test(iso);
    const t = Date.parse(zoned ? iso : `${iso}Z`);
    if (!Number.isNaN(t)) return t / DAY;
  }
  return dayOf(date);
}

// Cosine of a unit vector with a centroid of norm `norm` (sparse feature/weight pairs).
function cosine(unit: ReadonlyMap<string, number>, centroid: readonly [string, number][], norm: number): number {
  if (norm === 0) return 0;
  let dot = 0;
  for (const [k, cw] of centroid) {
    const w = unit.get(k);
    if (w !== undefined) dot += w * cw;
  }
  return dot / norm;
}

function countInto(counts: [string, number][], values: Set<string>): [string, number][] {
  if (values.size === 0) return counts;
  const m = new Map(counts);
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  const out = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return out.length > MAX_FACETS ? out.slice(0, MAX_FACETS) : out;
}

function facets(counts: [string, number][], label: (v: string) => string): FacetCount[] {
  return counts.slice(0, 10).map(([value, count]) => ({ value, label: label(value), count }));
}

function shorten(s: string): string {
  return s.length <= 160 ? s : `${s.slice(0, 157)}...`;
}
