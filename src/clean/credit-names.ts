import { readFileSync } from "node:fs";
import { matchForm } from "../normalize/match-form.ts";

/** A credited party: a photo agency, news agency or outlet. */
export interface Party {
  /** Canonical name (`Getty Images`, `Reuters`). */
  name: string;
  kind: "photo" | "agency" | "outlet";
}

interface CreditsFile {
  parties: { name: string; kind: Party["kind"]; forms: string[] }[];
  photoLabels: string[];
}
interface PlacesFile {
  places: string[];
}

/**
 * The lookup key of a credit's surface form: its matching form without
 * spaces, dots, hyphens or quotes, so `أ ف ب`, `أ.ف.ب` and `(ا. ف. ب)` agree.
 *
 * @example creditKey("أ. ف. ب") === creditKey("ا ف ب")
 */
export function creditKey(surface: string): string {
  return matchForm(surface).replace(/[\s.\-–—_·•'"«»“”()[\]]+/gu, "");
}

/** Place names are keyed by matching form with single spaces. */
export function placeKey(surface: string): string {
  return matchForm(surface).trim().replace(/\s+/gu, " ");
}

/**
 * The credited parties and dateline places of data/credits.json and
 * data/dateline-places.json, loaded once.
 */
export class CreditNames {
  private readonly parties = new Map<string, Party>();
  private readonly places = new Set<string>();
  /** Labels of a photographer's credit line (`تصوير`), matching form. */
  readonly photoLabels: Set<string>;

  /**
   * @param creditsUrl the parties file
   * @param placesUrl the places file
   */
  constructor(
    creditsUrl: URL = new URL("../../data/credits.json", import.meta.url),
    placesUrl: URL = new URL("../../data/dateline-places.json", import.meta.url),
  ) {
    const credits = JSON.parse(readFileSync(creditsUrl, "utf8")) as CreditsFile;
    for (const p of credits.parties) {
      for (const form of p.forms) this.parties.set(creditKey(form), { name: p.name, kind: p.kind });
    }
    this.photoLabels = new Set(credits.photoLabels.map(placeKey));
    const places = JSON.parse(readFileSync(placesUrl, "utf8")) as PlacesFile;
    for (const p of places.places) this.places.add(placeKey(p));
  }

  /** The party a surface form names, or undefined. */
  party(surface: string): Party | undefined {
    const key = creditKey(surface);
    return key === "" ? undefined : this.parties.get(key);
  }

  /**
   * True when `surface` is a known dateline place (or desk word such as
   * `متابعات`), or several joined by `/` (`نيويورك/ لندن`).
   */
  isPlace(surface: string): boolean {
    const key = placeKey(surface);
    if (this.places.has(key)) return true;
    const parts = key.split(/\s*\/\s*/u);
    return parts.length > 1 && parts.every((p) => this.places.has(p));
  }
}
