import { matchForm } from "../../normalize/match-form.ts";
import { loadData } from "../numbers/load-data.ts";

interface MonthsData {
  gregorian: Record<string, string[]>;
  hijri: Record<string, string[]>;
  ambiguous: string[];
  weekdays: Record<string, string[]>;
  weekday_not_before: string[];
  hijri_markers: string[];
  gregorian_markers: string[];
  year_words: string[];
  year_prepositions: string[];
  decades: Record<string, string[]>;
  period_parts: Record<string, string[]>;
  seasons: Record<string, string[]>;
  day_parts: Record<string, string[]>;
  deictic: Record<string, string[]>;
  deictic_not_after: string[];
  periods: Record<string, string[]>;
  plural_periods: Record<string, string[]>;
  dual_periods: Record<string, string[]>;
  past: string[];
  future: string[];
  present: string[];
  sets: Record<string, string[]>;
  halves: Record<string, string[]>;
  quarters: Record<string, string[]>;
}

const data = loadData<MonthsData>("months.json");

/** A month name: its number, calendar, and how many words it takes. */
export interface MonthName {
  month: number;
  calendar: "gregorian" | "hijri";
  words: number;
  ambiguous: boolean;
}

/** A node of a phrase table's word trie: the value of the phrase that ends here, and the words that go on. */
interface PhraseNode<V> {
  value: V | undefined;
  next: Map<string, PhraseNode<V>> | undefined;
}

/** What `PhraseTable.matchWords` reads: the units of the figure readers (see `Word` in word-view.ts). */
export interface PhraseUnit {
  norm: string;
  sentence: number;
}

/** A phrase table: word sequences in matching form → value, longest first at lookup. */
export class PhraseTable<V> {
  private readonly map = new Map<string, V>();
  /**
   * The phrases as a trie of words: the readers walk it word by word instead of joining
   * candidate keys (a string per length per lookup, on a hot path).
   */
  private readonly root = new Map<string, PhraseNode<V>>();
  private longest = 1;
  /** Add `phrase` (folded with matchForm). */
  add(phrase: string, value: V): void {
    const key = matchForm(phrase);
    const parts = key.split(" ");
    this.longest = Math.max(this.longest, parts.length);
    if (this.map.has(key)) return;
    this.map.set(key, value);
    let level = this.root;
    let node: PhraseNode<V> | undefined;
    for (const part of parts) {
      node = level.get(part);
      if (!node) {
        node = { value: undefined, next: undefined };
        level.set(part, node);
      }
      node.next ??= new Map();
      level = node.next;
    }
    node!.value = value;
  }
  /** The first words of all phrases. */
  firstWords(): Iterable<string> {
    return this.root.keys();
  }
  /** Every phrase, in matching form (words joined by one space). */
  phrases(): Iterable<string> {
    return this.map.keys();
  }
  /** Whether some phrase starts with this word. */
  starts(norm: string): boolean {
    return this.root.has(norm);
  }
  /**
   * The longest phrase that starts `norms`.
   * @returns the value and the number of words it took
   */
  match(norms: readonly string[]): { value: V; words: number } | undefined {
    let node = norms.length > 0 ? this.root.get(norms[0]!) : undefined;
    let best: { value: V; words: number } | undefined;
    for (let n = 1; node; n++) {
      if (node.value !== undefined) best = { value: node.value, words: n };
      if (n >= norms.length || n >= this.longest) break;
      node = node.next?.get(norms[n]!);
    }
    return best;
  }
  /**
   * The longest phrase that starts with `first` (a form of `units[from - 1]`) and goes on with the
   * norms of `units[from]`, ... before `to`, in `sentence`: `match([first, ...norms])` without the array.
   * @returns the value and the number of words it took
   */
  matchWords(
    first: string,
    units: readonly PhraseUnit[],
    from: number,
    to: number,
    sentence: number,
  ): { value: V; words: number } | undefined {
    let node = this.root.get(first);
    if (!node) return undefined;
    let value = node.value;
    let words = 1;
    for (let k = from; k < to && node.next; k++) {
      const u = units[k]!;
      if (u.sentence !== sentence) break;
      node = node.next.get(u.norm);
      if (!node) break;
      if (node.value !== undefined) {
        value = node.value;
        words = k - from + 2;
      }
    }
    return value === undefined ? undefined : { value, words };
  }
  /** The value of a single word. */
  get(norm: string): V | undefined {
    return this.map.get(norm);
  }
}

const ambiguous = new Set(data.ambiguous.map(matchForm));
/** Month names of both calendars. */
export const MONTHS = new PhraseTable<MonthName>();
for (const [cal, table] of [
  ["gregorian", data.gregorian],
  ["hijri", data.hijri],
] as const) {
  for (const [m, forms] of Object.entries(table)) {
    for (const f of forms)
      MONTHS.add(f, {
        month: Number(m),
        calendar: cal,
        words: matchForm(f).split(" ").length,
        ambiguous: ambiguous.has(matchForm(f)),
      });
  }
}
/** Weekdays, ISO numbered. */
export const WEEKDAYS = new PhraseTable<number>();
for (const [d, forms] of Object.entries(data.weekdays)) for (const f of forms) WEEKDAYS.add(f, Number(d));
/** Nouns before which a weekday names an institution, not a day (صلاة الجمعة). */
export const WEEKDAY_NOT_BEFORE = new Set(data.weekday_not_before.map(matchForm));
/** Markers after a year: `هـ` (Hijri) and `م` (Gregorian). */
export const HIJRI_MARKERS = new Set(data.hijri_markers.map(matchForm));
export const GREGORIAN_MARKERS = new Set(data.gregorian_markers.map(matchForm));
/** Words before a year number (`عام 2014`). */
export const YEAR_WORDS = new Set(data.year_words.map(matchForm));
/** Prepositions that make a bare four-digit figure a year (`في 2014`). */
export const YEAR_PREPOSITIONS = new Set(data.year_prepositions.map(matchForm));
/** Decades by their plural adjective (`التسعينات` → 9). */
export const DECADES = new PhraseTable<number>();
for (const [d, forms] of Object.entries(data.decades)) for (const f of forms) DECADES.add(f, Number(d));
/** Parts of a period (`مطلع`، `منتصف`، `أواخر`) → TIMEX mod. */
export const PERIOD_PARTS = new PhraseTable<string>();
for (const [mod, forms] of Object.entries(data.period_parts)) for (const f of forms) PERIOD_PARTS.add(f, mod);
/** Seasons → TIMEX season code. */
export const SEASONS = new PhraseTable<string>();
for (const [code, forms] of Object.entries(data.seasons)) for (const f of forms) SEASONS.add(f, code);
/** Parts of a day before a day word (`صباح اليوم`). */
export const DAY_PARTS = new PhraseTable<string>();
for (const [code, forms] of Object.entries(data.day_parts)) for (const f of forms) DAY_PARTS.add(f, code);
/** Deictic day words → value (`أمس` → `PAST_REF:P1D`). */
export const DEICTIC = new PhraseTable<string>();
for (const [v, forms] of Object.entries(data.deictic)) for (const f of forms) DEICTIC.add(f, v);
/** Words after which اليوم is part of a name (عين اليوم، روسيا اليوم). */
export const DEICTIC_NOT_AFTER = new Set(data.deictic_not_after.map(matchForm));
/** Definite period nouns → ISO unit (`الأسبوع` → `W`). */
export const PERIODS = new PhraseTable<string>();
for (const [u, forms] of Object.entries(data.periods)) for (const f of forms) PERIODS.add(f, u);
/** Definite plural period nouns (`السنوات`). */
export const PLURAL_PERIODS = new PhraseTable<string>();
for (const [u, forms] of Object.entries(data.plural_periods)) for (const f of forms) PLURAL_PERIODS.add(f, u);
/** Definite dual period nouns (`العامين`). */
export const DUAL_PERIODS = new PhraseTable<string>();
for (const [u, forms] of Object.entries(data.dual_periods)) for (const f of forms) DUAL_PERIODS.add(f, u);
/** Direction adjectives. */
export const PAST = new Set(data.past.map(matchForm));
export const FUTURE = new Set(data.future.map(matchForm));
export const PRESENT = new Set(data.present.map(matchForm));
/** Recurrences (`سنويا` → `SET:P1Y`). */
export const SETS = new PhraseTable<string>();
for (const [v, forms] of Object.entries(data.sets)) for (const f of forms) SETS.add(f, v);
/** Halves and quarters of a year (`الربع الثالث` → `Q3`). */
export const YEAR_PARTS = new PhraseTable<string>();
for (const [v, forms] of Object.entries(data.halves)) for (const f of forms) YEAR_PARTS.add(f, v);
for (const [v, forms] of Object.entries(data.quarters)) for (const f of forms) YEAR_PARTS.add(f, v);
