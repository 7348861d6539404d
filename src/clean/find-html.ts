import { readFileSync } from "node:fs";
import type { LineEdit } from "./line-edit.ts";

interface HtmlFile {
  tags: string[];
  entities: Record<string, string>;
}

const html = JSON.parse(readFileSync(new URL("../../data/html.json", import.meta.url), "utf8")) as HtmlFile;
const TAGS = new Set(html.tags);
const ENTITIES = new Map(Object.entries(html.entities));
// A tag-shaped run; its name is checked against TAGS so "a<b" in running text stays.
// Attributes must look like HTML attributes, so "a<b وb>c" in running text is no tag.
const TAG =
  /<!--[\s\S]{0,2000}?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?){0,30}\s*\/?>/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,8}));/g;

function isWordChar(c: number): boolean {
  return c > 0x20 && c !== 0xa0;
}

/**
 * Find leftover HTML tags (kind `html_tag`) and character references (kind
 * `html_entity`, replaced by the character) in `text.slice(from, to)`.
 * A tag between two words becomes a space so the words stay apart.
 *
 * @returns edits in text offsets, sorted, non-overlapping
 */
export function findHtml(text: string, from: number, to: number): LineEdit[] {
  const out: LineEdit[] = [];
  const line = text.slice(from, to);
  if (line.includes("<")) {
    TAG.lastIndex = 0;
    for (let m = TAG.exec(line); m !== null; m = TAG.exec(line)) {
      const name = m[1];
      if (name !== undefined && !TAGS.has(name.toLowerCase())) continue;
      const start = from + m.index;
      const end = start + m[0].length;
      const between =
        start > from && end < to && isWordChar(text.charCodeAt(start - 1)) && isWordChar(text.charCodeAt(end));
      out.push({ start, end, replacement: between ? " " : "", kind: "html_tag" });
    }
  }
  if (line.includes("&")) {
    ENTITY.lastIndex = 0;
    for (let m = ENTITY.exec(line); m !== null; m = ENTITY.exec(line)) {
      let value: string | undefined;
      if (m[1] !== undefined || m[2] !== undefined) {
        const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
        value =
          code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : undefined;
      } else value = ENTITIES.get(m[3]!) ?? ENTITIES.get(m[3]!.toLowerCase());
      if (value === undefined) continue;
      const start = from + m.index;
      const end = start + m[0].length;
      if (out.some((e) => e.start < end && start < e.end)) continue; // inside a removed tag
      out.push({ start, end, replacement: value, kind: "html_entity" });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}
